import {UserError} from '../../errors.js'
import {guardNote} from '../../notes/guard.js'
import {resolveShortId, shortId} from '../../records/ids.js'
import {requireNote} from '../../notes/lookup.js'
import {requireFields} from '../../notes/service.js'
import {allowedNames} from '../../privacy/allowed.js'
import type {Note, NoteFields} from '../../model/note.js'
import {guardTexts} from '../../material/guard.js'
import {queriesOf} from '../../records/registry.js'
import {everyKind, KIND_IDS, type KindId, type KindLabel, KINDS, TheKind} from '../../model/kinds.js'
import {type MaterialKind, type Reflection, VERDICT_LABELS, VERDICTS} from '../../model/material.js'
import type {RecordMeta} from '../../model/record.js'
import type {NoteVersionRecord} from '../../store/exchange.js'
import type {MaterialQueries} from '../../store/material.js'
import type {Store} from '../../store/store.js'
import type {Study} from '../../study/load.js'
import {formatDate, formatTimestamp} from '../../parse/date.js'

export interface ConflictVersion {
  change: NoteVersionRecord['change']
  changedAt: string
  changedBy: null | string
  /** Whether this head is what the study shows now (the latest by time, laptop and id). */
  current: boolean
  device: string
  id: string
  text: string
  /** The title of a finding or advice in this version; for a note or reflection what it is about. */
  title: string
  version: number
}

/** The Dutch singular of the kind ("notitie", "bevinding" …), as --json has always given it. */
export type ConflictKind = 'contextcijfer' | 'planning' | KindLabel

/** Kinds with conflicts that are not in the registry of material: the lead's figures and plan. */
type FieldworkKind = 'context' | 'plan'
const FIELDWORK_LABELS = {context: 'contextcijfer', plan: 'planning'} as const

export interface Conflict {
  /** The record's id; `karavaan conflicts resolve` takes it (or its short form). */
  id: string
  kind: ConflictKind
  /** The title of the version shown now. */
  title: string
  versions: ConflictVersion[]
}

/** Notes, findings, reflections and advice changed on two or more laptops from the same version, with the competing versions. */
export function listConflicts(store: Store): Conflict[] {
  const notes = store.exchange.conflictedNotes().map((id): Conflict => {
    const heads = store.exchange.heads(id)
    const versions = heads.map((head, index) => ({...versionOf(head, index, heads.length), text: head.text, title: noteTitle(head)}))
    return {id, kind: KINDS.note.labels.singular, title: versions.at(-1)!.title, versions}
  })
  const material = store.exchange.conflictedMaterial().map(({id, kind}): Conflict => {
    const heads = store.exchange.materialHeads(id)
    const versions = heads.map((head, index) => ({...versionOf(head, index, heads.length), ...describeMaterial(kind, head.data)}))
    return {id, kind: KINDS[kind].labels.singular, title: versions.at(-1)!.title, versions}
  })
  const figures = store.context.conflicted().map((id): Conflict => {
    const heads = store.context.heads(id)
    const versions = heads.map((head, index) => ({
      ...versionOf(head, index, heads.length),
      text: `${String(head.state.value).replace('.', ',')} ${head.state.unit}`.trimEnd() + ` · bron: ${head.state.source}`,
      title: `${head.state.indicator} · ${head.state.halteplaats} · ${head.state.year}`,
    }))
    return {id, kind: FIELDWORK_LABELS.context, title: versions.at(-1)!.title, versions}
  })
  const plan = store.plan.conflicted().map((id): Conflict => {
    const heads = store.plan.heads(id)
    const versions = heads.map((head, index) => ({
      ...versionOf(head, index, heads.length),
      text: `${head.state.date ? formatDate(head.state.date) : 'geen datum'} · ${head.state.state}`,
      title: `${head.state.halteplaats} · ${head.state.group ?? head.state.activity ?? ''}`,
    }))
    return {id, kind: FIELDWORK_LABELS.plan, title: versions.at(-1)!.title, versions}
  })
  return [...notes, ...material, ...figures, ...plan]
}

function versionOf(head: {change: ConflictVersion['change']; changedAt: string; changedBy: null | string; device: string; id: string; version: number}, index: number, count: number) {
  return {change: head.change, changedAt: head.changedAt, changedBy: head.changedBy, current: index === count - 1, device: head.device, id: head.id, version: head.version}
}

function noteTitle(head: NoteVersionRecord): string {
  return `${head.halteplaats} · ${head.group ?? head.activity ?? ''} · ${head.date}`
}

/** A title and one text to compare versions by; a reflection's three outcomes under their labels. */
function describeMaterial(kind: MaterialKind, data: Record<string, unknown>): {text: string; title: string} {
  if (kind !== 'reflection') return {text: data.text as string, title: data.title as string}
  const reflection = data as unknown as Reflection
  const text = VERDICTS.filter((verdict) => reflection[verdict].text)
    .map((verdict) => `${VERDICT_LABELS[verdict]}: ${reflection[verdict].text}`)
    .join('\n')
  return {text, title: `${reflection.halteplaats} · ${reflection.date}`}
}

export interface ResolveOptions {
  by?: null | string
  /** The version to keep (id or a unique start or end of it); without it, the current one. */
  choose?: string
  /** A text written from the versions; the other fields come from the chosen version. */
  text?: string
}

export interface ConflictTarget {
  id: string
  kind: FieldworkKind | KindId
}

/**
 * The note, finding, reflection or advice a user named: its whole id or a unique start or end.
 * Several records match a short form only when their ids share it; one with a conflict wins.
 */
export function findConflictTarget(store: Store, typed: string): ConflictTarget {
  const hint = 'Alle conflicten met hun id: karavaan conflicts'
  const candidates = (short: string): ConflictTarget[] => [
    ...KIND_IDS.flatMap((kind) => queriesOf(store, kind).matchIds(short).map((id) => ({id, kind}))),
    ...(['context', 'plan'] as const).flatMap((kind) => store[kind].matchIds(short).map((id) => ({id, kind}))),
  ]
  const inConflict = new Set(listConflicts(store).map((c) => c.id))
  let found: ConflictTarget[] = []
  const id = resolveShortId(
    typed,
    (short) => {
      found = candidates(short)
      const conflicted = found.filter((c) => inConflict.has(c.id))
      if (conflicted.length > 0) found = conflicted
      return found.map((c) => c.id)
    },
    {hint, name: everyKind('singular')},
  )
  return found.find((c) => c.id === id)!
}

export interface Resolved {
  /** The version that was kept (or whose other fields go with the merged text). */
  from: string
  id: string
  kind: ConflictKind
  version: number
}

/**
 * Settles a conflict with a new version made from all competing versions at once: the chosen one as
 * it is, or with a merged text. It travels in the next bundle and settles the conflict on every
 * laptop that takes it in.
 */
export function resolveConflict(store: Store, study: Study, id: string, options: ResolveOptions): Resolved {
  const target = findConflictTarget(store, id)
  if (target.kind === 'context' || target.kind === 'plan') return resolveFieldwork(store, target.kind, target.id, options)
  if (target.kind !== 'note') return resolveMaterial(store, study, target.kind, target.id, options)
  const {from, note} = resolveNote(store, study, target.id, options)
  return {from, id: note.id, kind: KINDS.note.labels.singular, version: note.version}
}

/** The head a user chose, or the one shown now; refuses when nothing was chosen and no text given. */
function chooseHead<H extends {changedAt: string; changedBy: null | string; id: string; version: number}>(heads: H[], name: string, id: string, options: ResolveOptions): H {
  if (heads.length < 2) {
    throw new UserError(`${name} ${shortId(id)} heeft geen conflict; er is niets op te lossen.`, {hint: 'Alle conflicten: karavaan conflicts'})
  }

  if (options.choose === undefined && options.text === undefined) {
    throw new UserError(`Kies welke versie van ${name.toLowerCase()} ${shortId(id)} blijft, of geef een samengevoegde tekst.`, {
      details: heads.map((head) => `${shortId(head.id)}: versie ${head.version}, ${formatTimestamp(head.changedAt)}${head.changedBy ? ` door ${head.changedBy}` : ''}`),
      hint: `Bijvoorbeeld: karavaan conflicts resolve ${shortId(id)} --choose ${shortId(heads[0].id)}`,
    })
  }

  if (options.choose === undefined) return heads.at(-1)!
  const chosen = resolveShortId(options.choose, (short) => heads.filter((h) => h.id === short || h.id.startsWith(short) || h.id.endsWith(short)).map((h) => h.id), {
    hint: `De versies in dit conflict: ${heads.map((h) => shortId(h.id)).join(', ')}`,
    name: 'versie',
  })
  return heads.find((head) => head.id === chosen)!
}

/** A figure or plan item has no text to merge: one of its versions stays. */
function resolveFieldwork(store: Store, kind: FieldworkKind, id: string, options: ResolveOptions): Resolved {
  const label = FIELDWORK_LABELS[kind]
  const name = kind === 'context' ? 'Contextcijfer' : 'Gesprek of observatie in de planning'
  const queries: {heads(id: string): Array<{changedAt: string; changedBy: null | string; id: string; version: number}>; resolve(id: string, from: string, heads: string[], by: null | string): void} = store[kind]
  const heads = queries.heads(id)
  if (options.text !== undefined && heads.length > 1) {
    throw new UserError(`${kind === 'context' ? 'Een contextcijfer' : 'Een planning'} heeft geen tekst om samen te voegen; --text kan daar niet. Er is niets veranderd.`, {
      hint: `Kies een versie met: karavaan conflicts resolve ${shortId(id)} --choose ${shortId(heads[0].id)}`,
    })
  }

  const chosen = chooseHead(heads, name, id, options)
  store.transaction(() => queries.resolve(id, chosen.id, heads.map((head) => head.id), options.by ?? null))
  const version = queries.heads(id).at(-1)!.version
  return {from: chosen.id, id, kind: label, version}
}

function resolveMaterial(store: Store, study: Study, kind: MaterialKind, id: string, options: ResolveOptions): Resolved {
  const name = KINDS[kind].labels.capital
  const heads = store.exchange.materialHeads(id)
  const chosen = chooseHead(heads, name, id, options)
  const queries = {advice: store.advice, finding: store.findings, reflection: store.reflections}[kind] as MaterialQueries<RecordMeta>
  const current = queries.get(id)!
  const by = options.by ?? null
  let state = {...chosen.data, createdAt: current.createdAt, createdBy: current.createdBy, id} as unknown as RecordMeta & {text?: string}
  if (options.text !== undefined) {
    if (kind === 'reflection') {
      throw new UserError('Een reflectiegesprek heeft drie teksten (bevestigd, genuanceerd, aangevuld); --text kan daar niet.', {
        hint: `Kies een versie met --choose, en pas die daarna aan met: karavaan ${KINDS.reflection.topic} edit ${shortId(id)}`,
      })
    }

    const text = options.text.replaceAll('\r\n', '\n').trim()
    if (!text) throw new UserError('De samengevoegde tekst is leeg; er is niets veranderd.', {hint: 'Schrijf de tekst in het bestand, of kies een versie met --choose.'})
    // A merged text is new writing: the personal-data guard looks at it as at any edit.
    const guarded = guardTexts(study, TheKind(kind), {tekst: text}, 'refuse', by)
    state = {...state, text: guarded.texts.tekst}
  }

  const deleted = chosen.change === 'verwijderd' && options.text === undefined
  const resolved = store.transaction(() => queries.resolve(state, chosen.id, heads.map((head) => head.id), {by, deleted}))
  return {from: chosen.id, id, kind: KINDS[kind].labels.singular, version: resolved.version}
}

function resolveNote(store: Store, study: Study, id: string, options: ResolveOptions): {from: string; note: Note} {
  const note = requireNote(store, id)
  const heads = store.exchange.heads(note.id)
  const chosen = chooseHead(heads, KINDS.note.labels.capital, note.id, options)
  const base: NoteFields = {
    activity: chosen.activity,
    date: chosen.date,
    group: chosen.group,
    halteplaats: chosen.halteplaats,
    interviewer: chosen.interviewer,
    narratives: chosen.narratives,
    participants: chosen.participants,
    roles: chosen.roles,
    text: chosen.text,
    themes: chosen.themes,
  }
  const by = options.by ?? null
  let fields = base
  let personalData = chosen.personalData
  if (options.text !== undefined) {
    // A merged text is new writing: the personal-data guard looks at it as at any edit.
    const guarded = guardNote(requireFields(study, {...base, text: options.text}), 'refuse', by, allowedNames(study))
    fields = guarded.fields
    personalData = guarded.override ?? personalData
  }

  const deleted = chosen.change === 'verwijderd' && options.text === undefined
  const resolved = store.transaction(() =>
    store.notes.resolve(note, fields, chosen.id, heads.map((head) => head.id), {by, deleted, personalData}),
  )
  return {from: chosen.id, note: resolved}
}

import {UserError} from '../errors.js'
import {shortId} from '../notes/ids.js'
import type {PersonalDataPolicy} from '../notes/guard.js'
import {requireNote} from '../notes/lookup.js'
import type {Note} from '../notes/types.js'
import type {Store} from '../store/store.js'
import type {Study} from '../study/load.js'
import {describeChoice, findNarrative} from '../study/lookup.js'
import {isIsoDate} from '../study/dates.js'
import {requireTag} from '../tagging/tags.js'
import {codePointLength, findQuote} from '../tagging/passage.js'
import {type FieldHit, guardTexts} from './guard.js'
import {requireAdvice, requireFinding, requireReflection} from './lookup.js'
import type {
  Advice,
  AdviceFields,
  AdviceFilter,
  EvidenceRef,
  Finding,
  FindingFields,
  FindingFilter,
  FindingWithEvidence,
  Participant,
  RecordMeta,
  Reflection,
  ReflectionFields,
  ReflectionFilter,
  ResolvedEvidence,
  Verdict,
} from './types.js'
import {VERDICTS} from './types.js'

export interface WriteOptions {
  by?: null | string
  policy?: PersonalDataPolicy
  /** The import key of the record (file and key), so the same file read again finds it. */
  source?: null | string
}

export interface WriteOutcome<T> {
  change: 'bewerkt' | 'nieuw' | 'ongewijzigd'
  record: T
  /** Personal data replaced by placeholders (with --pseudonymise). */
  replaced: FieldHit[]
}

/** Evidence as a user gives it: a tag id, or a note (id, short id or import path) with optional exact words. */
export interface EvidenceInput {
  note?: string
  quote?: string
  tag?: string
}

export interface FindingInput {
  evidence?: EvidenceInput[]
  halteplaatsen?: string[]
  narratives?: string[]
  text?: string
  themes?: string[]
  title?: string
}

export interface FindingChanges extends Omit<FindingInput, 'evidence'> {
  /** Evidence added after what the finding has. */
  addEvidence?: EvidenceInput[]
  /** Note or tag ids (short forms too) whose evidence is taken off. */
  dropEvidence?: string[]
  /** Replaces all evidence (import). */
  evidence?: EvidenceInput[]
}

export interface ReflectionInput {
  added?: string
  addedFindings?: string[]
  confirmed?: string
  confirmedFindings?: string[]
  date?: string
  halteplaats?: string
  nuanced?: string
  nuancedFindings?: string[]
  /** "bewoners:4", "ambtenaren" or {role, count}. */
  participants?: Array<Participant | string>
}

export interface AdviceInput {
  audience?: string
  findings?: string[]
  /** A frame id, or null / '' to take the frame off. */
  frame?: null | string
  text?: string
  title?: string
}

const MAX_TEXT = 100_000
const MAX_TITLE = 200

/** Collects every problem of an input at once, so a user fixes them in one go. */
class Problems {
  readonly list: string[] = []
  add(field: string, message: string): void {
    this.list.push(`${field}: ${message}`)
  }

  /** Runs a lookup that throws a UserError and records its message instead. */
  try<T>(field: string, fn: () => T): T | undefined {
    try {
      return fn()
    } catch (error) {
      if (!(error instanceof UserError)) throw error
      this.add(field, error.message)
      return undefined
    }
  }

  throwIfAny(what: string): void {
    if (this.list.length === 0) return
    throw new UserError(`${what} is niet opgeslagen: niet alle gegevens kloppen.`, {details: this.list, hint: 'Verbeter deze gegevens en probeer het opnieuw.'})
  }
}

// ---------------------------------------------------------------- findings

/** A note by id, short id or the path it was imported from (inbox/wendelo/…md). */
export function requireNoteRef(store: Store, ref: string): Note {
  const bySource = store.notes.bySource(ref.replaceAll('\\', '/'))
  return bySource ?? requireNote(store, ref)
}

/** Turns what a user gave as evidence into stored references; a tag or quote must really be there. */
export function resolveEvidence(store: Store, input: EvidenceInput): EvidenceRef {
  if (input.tag) {
    const tag = requireTag(store, input.tag)
    if (tag.deletedAt) throw new UserError(`tag ${shortId(tag.id)} is verwijderd`)
    const note = store.notes.get(tag.noteId)!
    if (note.deletedAt) throw new UserError(`de notitie van tag ${shortId(tag.id)} staat in de prullenbak`)
    return {end: null, noteId: tag.noteId, quote: null, start: null, tagId: tag.id}
  }

  if (!input.note) throw new UserError('geef een notitie of een tag als onderbouwing')
  const note = requireNoteRef(store, input.note)
  if (note.deletedAt) throw new UserError(`notitie ${shortId(note.id)} staat in de prullenbak; zet haar eerst terug`)
  const quote = input.quote?.trim()
  if (!quote) return {end: null, noteId: note.id, quote: null, start: null, tagId: null}
  // The same words tagged by a coder are that tag; otherwise the passage stands on its own.
  const tag = store.tags.list({noteId: note.id}).find((t) => t.quote === quote)
  if (tag) return {end: null, noteId: note.id, quote: null, start: null, tagId: tag.id}
  const places = findQuote(note.text, quote)
  if (places.length === 0) throw new UserError(`de passage "${quote}" staat niet letterlijk in notitie ${note.source ?? shortId(note.id)}`)
  return {end: places[0] + codePointLength(quote), noteId: note.id, quote, start: places[0], tagId: null}
}

function checkCodes(study: Study, problems: Problems, input: {halteplaatsen?: string[]; narratives?: string[]; themes?: string[]}) {
  const method = study.methodDefinition
  const halteplaatsen = unique(input.halteplaatsen ?? []).filter((id) => {
    const ok = study.halteplaatsen.some((h) => h.id === id)
    if (!ok) problems.add('halteplaats', `"${id}" is onbekend; kies uit ${describeChoice(study.halteplaatsen.map((h) => h.id))}`)
    return ok
  })
  const themes = unique(input.themes ?? []).filter((id) => {
    const ok = method.themes.some((t) => t.id === id)
    if (!ok) problems.add('thema', `"${id}" is geen thema van de methode; kies uit ${describeChoice(method.themes.map((t) => t.id))}`)
    return ok
  })
  const narratives = unique(
    (input.narratives ?? []).map((value) => {
      const found = findNarrative(method, value)
      if (!found) problems.add('narratief', `"${value}" is geen narratief; kies uit ${describeChoice(method.narratives.map((n) => n.id))} (of 1-5)`)
      return found?.id ?? ''
    }),
  ).filter(Boolean)
  return {halteplaatsen, narratives, themes}
}

function checkTitle(problems: Problems, title: string | undefined, what: string): string {
  const clean = (title ?? '').replaceAll(/\s+/g, ' ').trim()
  if (!clean) problems.add('titel', `${what} heeft een titel nodig`)
  else if (clean.length > MAX_TITLE) problems.add('titel', `de titel is te lang (${clean.length} tekens; maximaal ${MAX_TITLE}); zet de rest in de tekst`)
  return clean
}

function checkText(problems: Problems, text: string | undefined, field = 'tekst'): string {
  const clean = (text ?? '').replaceAll('\r\n', '\n').trim()
  if (clean.length > MAX_TEXT) problems.add(field, `de tekst is te lang (${clean.length} tekens; maximaal ${MAX_TEXT})`)
  if (clean.includes('\u0000')) problems.add(field, 'de tekst bevat een NUL-teken')
  return clean
}

/** Checks a finding against the study and the notes, and returns it in its stored shape. */
export function checkFinding(store: Store, study: Study, input: FindingInput & {evidenceRefs?: EvidenceRef[]}): FindingFields {
  const problems = new Problems()
  const title = checkTitle(problems, input.title, 'een bevinding')
  const text = checkText(problems, input.text)
  const codes = checkCodes(study, problems, input)
  const evidence = [...(input.evidenceRefs ?? [])]
  for (const item of input.evidence ?? []) {
    const ref = problems.try('onderbouwing', () => resolveEvidence(store, item))
    if (ref && !evidence.some((e) => sameEvidence(e, ref))) evidence.push(ref)
  }

  problems.throwIfAny('De bevinding')
  return {...codes, evidence, text, title}
}

function sameEvidence(a: EvidenceRef, b: EvidenceRef): boolean {
  return a.noteId === b.noteId && a.tagId === b.tagId && a.start === b.start && a.end === b.end
}

/** Stores a new finding as version 1; without evidence it is a draft. */
export function addFinding(store: Store, study: Study, input: FindingInput, options: WriteOptions = {}): WriteOutcome<Finding> {
  const fields = checkFinding(store, study, input)
  const guarded = guardTexts(study, 'De bevinding', {tekst: fields.text, titel: fields.title}, options.policy ?? 'refuse', options.by ?? null)
  const record = store.transaction(() =>
    store.findings.insert({...fields, text: guarded.texts.tekst, title: guarded.texts.titel}, {by: options.by, personalData: guarded.override, source: options.source}),
  )
  return {change: 'nieuw', record, replaced: guarded.override ? [] : guarded.hits}
}

/** A new version with the given changes; an edit that changes nothing stores nothing. */
export function editFinding(store: Store, study: Study, id: string, changes: FindingChanges, options: WriteOptions = {}): WriteOutcome<Finding> {
  const finding = requireFinding(store, id)
  refuseDeleted(finding, 'Bevinding', 'finding')
  const current = findingFields(finding)
  let evidence = changes.evidence === undefined ? current.evidence : []
  if (changes.dropEvidence?.length) {
    const problems = new Problems()
    for (const typed of changes.dropEvidence) {
      const wanted = typed.trim().toLowerCase()
      const before = evidence.length
      evidence = evidence.filter((e) => !(matches(e.noteId, wanted) || (e.tagId && matches(e.tagId, wanted))))
      if (evidence.length === before) problems.add('onderbouwing', `"${typed}" is geen notitie of tag in de onderbouwing van bevinding ${shortId(finding.id)}`)
    }

    problems.throwIfAny('De bevinding')
  }

  const fields = checkFinding(store, study, {
    evidence: [...(changes.evidence ?? []), ...(changes.addEvidence ?? [])],
    evidenceRefs: evidence,
    halteplaatsen: changes.halteplaatsen ?? current.halteplaatsen,
    narratives: changes.narratives ?? current.narratives,
    text: changes.text ?? current.text,
    themes: changes.themes ?? current.themes,
    title: changes.title ?? current.title,
  })
  const guarded = guardTexts(study, 'De bevinding', {tekst: fields.text, titel: fields.title}, options.policy ?? 'refuse', options.by ?? null)
  const next = {...fields, text: guarded.texts.tekst, title: guarded.texts.titel}
  if (same(findingFields(finding), next)) return {change: 'ongewijzigd', record: finding, replaced: []}
  const override = keepOverride(finding, guarded.override, options.policy)
  const record = store.transaction(() => store.findings.update(finding, next, {by: options.by, personalData: override}))
  return {change: 'bewerkt', record, replaced: guarded.override ? [] : guarded.hits}
}

export function findingFields(finding: Finding): FindingFields {
  const {evidence, halteplaatsen, narratives, text, themes, title} = finding
  return {evidence, halteplaatsen, narratives, text, themes, title}
}

// ---------------------------------------------------------------- reflections

/** The roles a reflection meeting may list: the method's reflectionRoles. */
export function reflectionRoles(study: Study): Array<{description: string; id: string; name: string}> {
  return study.methodDefinition.reflectionRoles
}

function checkParticipants(study: Study, problems: Problems, raw: Array<Participant | string>): Participant[] {
  const roles = reflectionRoles(study)
  const out: Participant[] = []
  for (const item of raw) {
    let role: string
    let count: null | number = null
    if (typeof item === 'string') {
      const [name, number] = item.split(':').map((part) => part.trim())
      role = name
      if (number !== undefined && number !== '') {
        count = Number(number)
        if (!Number.isInteger(count) || count < 1 || count > 1000) {
          problems.add('deelnemers', `"${item}": na de dubbele punt komt een aantal, zoals bewoners:4`)
          continue
        }
      }
    } else {
      role = item.role
      count = item.count ?? null
    }

    if (roles.length > 0 && !roles.some((r) => r.id === role)) {
      problems.add('deelnemers', `"${role}" is geen rol voor een reflectiegesprek; kies uit ${describeChoice(roles.map((r) => r.id))} (nooit een naam)`)
      continue
    }

    if (roles.length === 0 && (!role || role.length > 60)) {
      problems.add('deelnemers', `"${role}" is geen korte rol; beschrijf deelnemers naar hun rol, zoals bewoners`)
      continue
    }

    const existing = out.find((p) => p.role === role)
    if (existing) existing.count = existing.count === null || count === null ? (existing.count ?? count) : existing.count + count
    else out.push({count, role})
  }

  return out
}

function findingIds(store: Store, problems: Problems, typed: string[] | undefined, field: string): string[] {
  const ids: string[] = []
  for (const id of typed ?? []) {
    const finding = problems.try(field, () => requireFinding(store, id))
    if (!finding) continue
    if (finding.deletedAt) problems.add(field, `bevinding ${shortId(finding.id)} staat in de prullenbak`)
    else if (!ids.includes(finding.id)) ids.push(finding.id)
  }

  return ids
}

export function checkReflection(store: Store, study: Study, input: ReflectionInput): ReflectionFields {
  const problems = new Problems()
  const halteplaats = input.halteplaats?.trim() ?? ''
  if (!halteplaats) problems.add('halteplaats', `ontbreekt; kies uit ${describeChoice(study.halteplaatsen.map((h) => h.id))}`)
  else if (!study.halteplaatsen.some((h) => h.id === halteplaats)) problems.add('halteplaats', `"${halteplaats}" is onbekend; kies uit ${describeChoice(study.halteplaatsen.map((h) => h.id))}`)
  const date = input.date?.trim() ?? ''
  if (!date) problems.add('datum', 'ontbreekt; schrijf de datum als 2026-10-15')
  else if (!isIsoDate(date)) problems.add('datum', `"${date}" is geen geldige datum; schrijf jaar-maand-dag, zoals 2026-10-15`)
  const participants = checkParticipants(study, problems, input.participants ?? [])
  const outcome = (verdict: Verdict, label: string) => ({
    findings: findingIds(store, problems, input[`${verdict}Findings`], `${label} (bevinding)`),
    text: checkText(problems, input[verdict], label),
  })
  const fields = {added: outcome('added', 'aangevuld'), confirmed: outcome('confirmed', 'bevestigd'), date, halteplaats, nuanced: outcome('nuanced', 'genuanceerd'), participants}
  if (VERDICTS.every((v) => !fields[v].text && fields[v].findings.length === 0)) {
    problems.add('uitkomst', 'schrijf op wat het gesprek bevestigde, nuanceerde of aanvulde (minstens één van de drie)')
  }

  problems.throwIfAny('Het reflectiegesprek')
  return fields
}

function guardReflection(study: Study, fields: ReflectionFields, options: WriteOptions) {
  const guarded = guardTexts(study, 'Het reflectiegesprek', {aangevuld: fields.added.text, bevestigd: fields.confirmed.text, genuanceerd: fields.nuanced.text}, options.policy ?? 'refuse', options.by ?? null)
  const next: ReflectionFields = {
    ...fields,
    added: {...fields.added, text: guarded.texts.aangevuld},
    confirmed: {...fields.confirmed, text: guarded.texts.bevestigd},
    nuanced: {...fields.nuanced, text: guarded.texts.genuanceerd},
  }
  return {guarded, next}
}

export function addReflection(store: Store, study: Study, input: ReflectionInput, options: WriteOptions = {}): WriteOutcome<Reflection> {
  const {guarded, next} = guardReflection(study, checkReflection(store, study, input), options)
  const record = store.transaction(() => store.reflections.insert(next, {by: options.by, personalData: guarded.override, source: options.source}))
  return {change: 'nieuw', record, replaced: guarded.override ? [] : guarded.hits}
}

export function editReflection(store: Store, study: Study, id: string, changes: ReflectionInput, options: WriteOptions = {}): WriteOutcome<Reflection> {
  const reflection = requireReflection(store, id)
  refuseDeleted(reflection, 'Reflectiegesprek', 'reflect')
  const current = reflectionFields(reflection)
  const fields = checkReflection(store, study, {
    added: changes.added ?? current.added.text,
    addedFindings: changes.addedFindings ?? current.added.findings,
    confirmed: changes.confirmed ?? current.confirmed.text,
    confirmedFindings: changes.confirmedFindings ?? current.confirmed.findings,
    date: changes.date ?? current.date,
    halteplaats: changes.halteplaats ?? current.halteplaats,
    nuanced: changes.nuanced ?? current.nuanced.text,
    nuancedFindings: changes.nuancedFindings ?? current.nuanced.findings,
    participants: changes.participants ?? current.participants,
  })
  const {guarded, next} = guardReflection(study, fields, options)
  if (same(current, next)) return {change: 'ongewijzigd', record: reflection, replaced: []}
  const override = keepOverride(reflection, guarded.override, options.policy)
  const record = store.transaction(() => store.reflections.update(reflection, next, {by: options.by, personalData: override}))
  return {change: 'bewerkt', record, replaced: guarded.override ? [] : guarded.hits}
}

export function reflectionFields(r: Reflection): ReflectionFields {
  const {added, confirmed, date, halteplaats, nuanced, participants} = r
  return {added, confirmed, date, halteplaats, nuanced, participants}
}

// ---------------------------------------------------------------- advice

export function checkAdvice(store: Store, study: Study, input: AdviceInput): AdviceFields {
  const method = study.methodDefinition
  const problems = new Problems()
  const title = checkTitle(problems, input.title, 'een advies')
  const text = checkText(problems, input.text)
  const audience = input.audience?.trim() ?? ''
  if (!audience) problems.add('doelgroep', `ontbreekt; kies uit ${describeChoice(method.audiences.map((a) => a.id))}`)
  else if (!method.audiences.some((a) => a.id === audience)) problems.add('doelgroep', `"${audience}" is onbekend; kies uit ${describeChoice(method.audiences.map((a) => a.id))}`)
  const frame = input.frame?.trim() || null
  if (frame && !method.frames.some((f) => f.id === frame)) problems.add('kader', `"${frame}" is geen kader van de methode; kies uit ${describeChoice(method.frames.map((f) => f.id))}`)
  const findings = findingIds(store, problems, input.findings, 'bevinding')
  problems.throwIfAny('Het advies')
  return {audience, findings, frame, text, title}
}

export function addAdvice(store: Store, study: Study, input: AdviceInput, options: WriteOptions = {}): WriteOutcome<Advice> {
  const fields = checkAdvice(store, study, input)
  const guarded = guardTexts(study, 'Het advies', {tekst: fields.text, titel: fields.title}, options.policy ?? 'refuse', options.by ?? null)
  const record = store.transaction(() =>
    store.advice.insert({...fields, text: guarded.texts.tekst, title: guarded.texts.titel}, {by: options.by, personalData: guarded.override, source: options.source}),
  )
  return {change: 'nieuw', record, replaced: guarded.override ? [] : guarded.hits}
}

export function editAdvice(store: Store, study: Study, id: string, changes: AdviceInput, options: WriteOptions = {}): WriteOutcome<Advice> {
  const advice = requireAdvice(store, id)
  refuseDeleted(advice, 'Advies', 'advice')
  const current = adviceFields(advice)
  const fields = checkAdvice(store, study, {
    audience: changes.audience ?? current.audience,
    findings: changes.findings ?? current.findings,
    frame: changes.frame === undefined ? current.frame : changes.frame,
    text: changes.text ?? current.text,
    title: changes.title ?? current.title,
  })
  const guarded = guardTexts(study, 'Het advies', {tekst: fields.text, titel: fields.title}, options.policy ?? 'refuse', options.by ?? null)
  const next = {...fields, text: guarded.texts.tekst, title: guarded.texts.titel}
  if (same(current, next)) return {change: 'ongewijzigd', record: advice, replaced: []}
  const override = keepOverride(advice, guarded.override, options.policy)
  const record = store.transaction(() => store.advice.update(advice, next, {by: options.by, personalData: override}))
  return {change: 'bewerkt', record, replaced: guarded.override ? [] : guarded.hits}
}

export function adviceFields(a: Advice): AdviceFields {
  const {audience, findings, frame, text, title} = a
  return {audience, findings, frame, text, title}
}

// ---------------------------------------------------------------- trash

const KINDS = {
  advice: {find: requireAdvice, name: 'Advies', queries: (store: Store) => store.advice},
  finding: {find: requireFinding, name: 'Bevinding', queries: (store: Store) => store.findings},
  reflect: {find: requireReflection, name: 'Reflectiegesprek', queries: (store: Store) => store.reflections},
} as const

export type MaterialTopic = keyof typeof KINDS

/** Moves a finding, reflection or advice to the trash; it keeps all its versions. */
export function removeMaterial(store: Store, topic: MaterialTopic, id: string, by?: null | string): RecordMeta {
  const kind = KINDS[topic]
  const record = kind.find(store, id)
  if (record.deletedAt) throw new UserError(`${kind.name} ${shortId(record.id)} staat al in de prullenbak.`, {hint: `Terugzetten kan met: karavaan ${topic} restore ${shortId(record.id)}`})
  const queries = kind.queries(store) as {setDeleted(r: RecordMeta, d: boolean, by?: null | string): RecordMeta}
  return store.transaction(() => queries.setDeleted(record, true, by))
}

export function restoreMaterial(store: Store, topic: MaterialTopic, id: string, by?: null | string): RecordMeta {
  const kind = KINDS[topic]
  const record = kind.find(store, id)
  if (!record.deletedAt) throw new UserError(`${kind.name} ${shortId(record.id)} staat niet in de prullenbak; er valt niets terug te zetten.`)
  const queries = kind.queries(store) as {setDeleted(r: RecordMeta, d: boolean, by?: null | string): RecordMeta}
  return store.transaction(() => queries.setDeleted(record, false, by))
}

// ---------------------------------------------------------------- what the report reads

/**
 * Findings with their evidence resolved for a report: per piece of evidence the note's
 * halteplaats, group or activity and date, the passage text (for a tag or passage), and the
 * attribution a quote may carry ("moeder, halteplaats Wendelo"). Evidence whose note is in the
 * trash is left out; a finding with no evidence left is a draft (`draft: true`).
 */
export function listFindings(store: Store, study: Study, filter: FindingFilter = {}): FindingWithEvidence[] {
  const notes = new Map<string, Note | undefined>()
  const resolved = store.findings.list({...filter, draft: undefined}).map((finding) => resolveFinding(store, study, finding, notes))
  return filter.draft === undefined ? resolved : resolved.filter((f) => f.draft === filter.draft)
}

/** One finding (or an earlier version of one) with its evidence resolved, as in listFindings. */
export function resolveFinding(store: Store, study: Study, finding: Finding, cache = new Map<string, Note | undefined>()): FindingWithEvidence {
  const note = (id: string) => {
    if (!cache.has(id)) cache.set(id, store.notes.get(id))
    return cache.get(id)
  }

  const evidence: ResolvedEvidence[] = []
  for (const ref of finding.evidence) {
    const n = note(ref.noteId)
    if (!n || n.deletedAt) continue
    const tag = ref.tagId ? store.tags.get(ref.tagId) : undefined
    if (ref.tagId && (!tag || tag.deletedAt)) continue
    evidence.push({
      ...ref,
      activity: n.activity,
      attribution: attribution(study, n),
      code: tag?.code ?? null,
      date: n.date,
      group: n.group,
      halteplaats: n.halteplaats,
      kind: tag ? 'tag' : ref.quote ? 'passage' : 'notitie',
      quote: tag ? tag.quote : ref.quote,
      tagKind: tag?.kind ?? null,
    })
  }

  return {...finding, draft: evidence.length === 0, evidence}
}

/** Reflection meetings, by date; each outcome lists the ids of the findings it concerns (not those in the trash). */
export function listReflections(store: Store, filter: ReflectionFilter = {}): Reflection[] {
  const live = liveFindings(store)
  return store.reflections.list(filter).map((r) => ({
    ...r,
    added: {...r.added, findings: r.added.findings.filter(live)},
    confirmed: {...r.confirmed, findings: r.confirmed.findings.filter(live)},
    nuanced: {...r.nuanced, findings: r.nuanced.findings.filter(live)},
  }))
}

/** Advice in the order it was made; `findings` holds the ids of the findings each answers (not those in the trash). */
export function listAdvice(store: Store, filter: AdviceFilter = {}): Advice[] {
  const live = liveFindings(store)
  return store.advice.list(filter).map((a) => ({...a, findings: a.findings.filter(live)}))
}

/** Links to a finding in the trash are kept (a restore brings them back) but not shown. */
function liveFindings(store: Store): (id: string) => boolean {
  const trash = new Set(store.findings.list({deleted: true}).map((f) => f.id))
  return (id) => !trash.has(id)
}

/** "moeder, halteplaats Wendelo": group type (or observation) and halteplaats only. */
export function attribution(study: Study, note: Pick<Note, 'activity' | 'group' | 'halteplaats'>): string {
  const method = study.methodDefinition
  const who = note.group
    ? (method.groups.find((g) => g.id === note.group)?.quoteLabel ?? note.group)
    : (method.activities.find((a) => a.id === note.activity)?.name.toLowerCase() ?? note.activity ?? '')
  const where = study.halteplaatsen.find((h) => h.id === note.halteplaats)?.name ?? note.halteplaats
  return `${who}, halteplaats ${where}`
}

// ---------------------------------------------------------------- helpers

function refuseDeleted(record: RecordMeta, name: string, topic: string): void {
  if (record.deletedAt) throw new UserError(`${name} ${shortId(record.id)} staat in de prullenbak.`, {hint: `Zet hem eerst terug met: karavaan ${topic} restore ${shortId(record.id)}`})
}

/** A choice to keep personal data stays with the record until the user pseudonymises it. */
function keepOverride(record: RecordMeta, fresh: RecordMeta['personalData'], policy: PersonalDataPolicy | undefined): RecordMeta['personalData'] {
  return fresh ?? (record.personalData && policy !== 'pseudonymise' ? record.personalData : null)
}

function matches(id: string, typed: string): boolean {
  return typed.length >= 6 && (id === typed || id.startsWith(typed) || id.endsWith(typed))
}

/** Equal in content, whatever the order of the keys. */
function same(a: unknown, b: unknown): boolean {
  const canonical = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(canonical)
      : value && typeof value === 'object'
        ? Object.fromEntries(Object.entries(value).sort(([x], [y]) => x.localeCompare(y)).map(([k, v]) => [k, canonical(v)]))
        : value
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b))
}

function unique(values: string[]): string[] {
  return [...new Set(values.map((v) => v.trim()).filter(Boolean))]
}

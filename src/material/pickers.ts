import {shortId} from '../records/ids.js'
import type {Store} from '../store/store.js'
import type {Study} from '../study/load.js'
import {formatDate} from '../parse/date.js'
import type {EvidenceInput} from './evidence.js'

/** One line of a list to pick from; the same shape as the prompts' choices, without depending on them. */
export interface PickerChoice<T = string> {
  /** More than the line holds, shown under the list while the line is highlighted. */
  description?: string
  name: string
  short: string
  value: T
}

/** What the finding being written is about, so the evidence that fits it comes first. */
export interface EvidenceScope {
  halteplaatsen?: string[]
  narratives?: string[]
  themes?: string[]
}

type NotePickerRow = ReturnType<Store['notes']['pickerRows']>[number]

/** What the store hands over of each note: the first line and a few lines of preview, never the whole text. */
const ROW_TEXT_LENGTH = 320
/** How much a line shows of a note's first line or a passage; the prompt cuts it further to the terminal. */
const LINE_LENGTH = 90
const PREVIEW_LENGTH = 280
const TITLE_LENGTH = 70

const cut = (text: string, length: number) => {
  const chars = [...text]
  return chars.length > length ? `${chars.slice(0, length - 1).join('').trimEnd()}…` : text
}

/** The first line of a text that holds anything, with its runs of white space made one space. */
export function firstLine(text: string): string {
  return (text.split('\n').find((line) => line.trim() !== '') ?? '').replaceAll(/\s+/g, ' ').trim()
}

/** Names of what a line shows, from the method and the study. */
function labels(study: Study) {
  const method = study.methodDefinition
  return {
    code: (id: string) => {
      const narrative = method.narratives.find((n) => n.id === id)
      if (narrative) return `${narrative.number}. ${narrative.short}`
      return method.themes.find((t) => t.id === id)?.short ?? id
    },
    kind: (row: {activity: null | string; group: null | string}) =>
      row.group ? (method.groups.find((g) => g.id === row.group)?.short ?? row.group) : (method.activities.find((a) => a.id === row.activity)?.name.toLowerCase() ?? row.activity ?? ''),
    place: (id: string) => study.halteplaatsen.find((h) => h.id === id)?.name ?? id,
  }
}

/**
 * The notes to pick a finding's evidence from: those of its halteplaatsen (all when none), the
 * ones carrying one of its narratives or themes first — the likeliest evidence on the first
 * screen, the rest still in the list — each otherwise oldest conversation first. A line reads
 * "ouderen · 2026-03-01 · Het Dorp · the note's first line"; the preview adds the short id and more text.
 */
export function noteChoices(store: Store, study: Study, scope: EvidenceScope): PickerChoice[] {
  return toNoteChoices(store.notes.pickerRows({halteplaatsen: scope.halteplaatsen}, ROW_TEXT_LENGTH), study, scope)
}

export function toNoteChoices(rows: NotePickerRow[], study: Study, scope: EvidenceScope): PickerChoice[] {
  const name = labels(study)
  const narratives = new Set(scope.narratives)
  const themes = new Set(scope.themes)
  const relevant = (row: NotePickerRow) => row.narratives.some((c) => narratives.has(c)) || row.themes.some((c) => themes.has(c))
  return [...rows]
    .sort((a, b) => Number(relevant(b)) - Number(relevant(a)))
    .map((row) => {
      const codes = [...row.narratives, ...row.themes].map((c) => name.code(c))
      return {
        description: [`notitie ${shortId(row.id)}${codes.length > 0 ? ` · ${codes.join(', ')}` : ''}`, cut(row.start.replaceAll(/\s+/g, ' ').trim(), PREVIEW_LENGTH)].join('\n'),
        name: `${name.kind(row)} · ${formatDate(row.date)} · ${name.place(row.halteplaats)} · ${cut(firstLine(row.start), LINE_LENGTH)}`,
        short: shortId(row.id),
        value: row.id,
      }
    })
}

/**
 * Passages tagged with a narrative or theme, in the halteplaatsen of the scope: with the scope's
 * codes when it has any, otherwise with every code. The same words tagged with the same code by
 * two coders are one line.
 */
export function passageChoices(store: Store, study: Study, scope: EvidenceScope): Array<PickerChoice<EvidenceInput>> {
  const method = study.methodDefinition
  const name = labels(study)
  const wanted = [...(scope.narratives ?? []).map((code) => ['narrative', code] as const), ...(scope.themes ?? []).map((code) => ['theme', code] as const)]
  const codes = wanted.length > 0 ? wanted : [...method.narratives.map((n) => ['narrative', n.id] as const), ...method.themes.map((t) => ['theme', t.id] as const)]
  const places = new Set(scope.halteplaatsen ?? [])
  const seen = new Set<string>()
  const choices: Array<PickerChoice<EvidenceInput>> = []
  for (const [kind, code] of codes) {
    for (const tag of store.tags.passages(kind, code)) {
      if (places.size > 0 && !places.has(tag.halteplaats)) continue
      const key = `${tag.noteId}:${tag.start}:${tag.end}:${code}`
      if (seen.has(key)) continue
      seen.add(key)
      const quote = (tag.quote ?? '').replaceAll(/\s+/g, ' ').trim()
      choices.push({
        description: [`passage ${shortId(tag.id)} in notitie ${shortId(tag.noteId)} · ${name.code(code)} · getagd door ${tag.coder}`, `“${cut(quote, PREVIEW_LENGTH)}”`].join('\n'),
        name: `${name.kind(tag)} · ${formatDate(tag.date)} · ${name.place(tag.halteplaats)} · ${name.code(code)}: “${cut(quote, LINE_LENGTH)}”`,
        short: shortId(tag.id),
        value: {tag: tag.id},
      })
    }
  }

  return choices
}

/**
 * Everything that can back a finding, in one list to search in: notes and tagged passages, each
 * line saying which it is. With narratives or themes chosen, their passages come first (they are
 * what the finding is about); without, the notes first and every passage after them.
 */
export function evidenceChoices(store: Store, study: Study, scope: EvidenceScope): Array<PickerChoice<EvidenceInput>> {
  const notes = noteChoices(store, study, scope).map((c) => ({...c, name: `notitie  ${c.name}`, value: {note: c.value} as EvidenceInput}))
  const passages = passageChoices(store, study, scope).map((c) => ({...c, name: `passage  ${c.name}`}))
  return (scope.narratives?.length ?? 0) + (scope.themes?.length ?? 0) > 0 ? [...passages, ...notes] : [...notes, ...passages]
}

/** The findings to link a reflection or an advice to, in the order they were made. */
export function findingChoices(store: Store): PickerChoice[] {
  return store.findings.pickerRows(TITLE_LENGTH + 10).map((f) => ({
    name: `${shortId(f.id)}  ${f.title.length > TITLE_LENGTH ? `${f.title.slice(0, TITLE_LENGTH - 1)}…` : f.title}`,
    short: shortId(f.id),
    value: f.id,
  }))
}

/** The narratives of the findings an advice answers, to put the examples that answer them first. */
export function findingNarratives(store: Store, findings: string[]): string[] {
  return [...new Set(findings.flatMap((id) => store.findings.get(id)?.narratives ?? []))]
}

/**
 * The instruments and inspiring examples an advice can cite, those that answer its frame or the
 * narratives of its findings first (most in common first), then the rest in the method's order.
 */
export function exampleChoices(study: Study, scope: {frame?: null | string; narratives?: string[]}): Array<PickerChoice & {fits: boolean}> {
  const method = study.methodDefinition
  const name = (list: Array<{id: string; name: string}>, id: string) => list.find((x) => x.id === id)?.name ?? id
  const score = (e: {frames: string[]; narratives: string[]}) =>
    (scope.frame && e.frames.includes(scope.frame) ? 2 : 0) + e.narratives.filter((n) => scope.narratives?.includes(n)).length
  const scored = (method.examples ?? []).map((e, index) => ({e, index, score: score(e)}))
  scored.sort((a, b) => b.score - a.score || a.index - b.index)
  return scored.map(({e, score}) => ({
    description: [`${e.kind === 'instrument' ? 'Instrument' : 'Voorbeeld'} · ${e.where}`, cut(e.what, PREVIEW_LENGTH), ...(e.frames.length > 0 ? [`Kader: ${e.frames.map((f) => name(method.frames, f)).join(', ')}`] : [])].join('\n'),
    fits: score > 0,
    name: `${e.name} (${e.where})`,
    short: e.id,
    value: e.id,
  }))
}

/**
 * The context figures a finding about these halteplaatsen can be tested against (all of them for
 * a finding about the whole study), by halteplaats and indicator; the value is the figure's id.
 */
export function figureChoices(store: Store, study: Study, halteplaatsen: string[] | undefined): PickerChoice[] {
  const places = halteplaatsen?.length ? halteplaatsen : study.halteplaatsen.map((h) => h.id)
  const name = (id: string) => study.halteplaatsen.find((h) => h.id === id)?.name ?? id
  return places.flatMap((place) =>
    store.context.list(place).map((f) => {
      const value = `${String(f.value).replace('.', ',')} ${f.unit}`.trimEnd()
      return {description: `bron: ${f.source}`, name: cut(`${name(place)} · ${f.indicator} (${f.year}): ${value}`, LINE_LENGTH), short: cut(f.indicator, TITLE_LENGTH), value: f.id}
    }),
  )
}

import {shortId} from '../records/ids.js'
import type {Store} from '../store/store.js'
import type {Study} from '../study/load.js'
import {formatDate} from '../parse/date.js'

/** One line of a list to pick from; the same shape as the prompts' choices, without depending on them. */
export interface PickerChoice {
  name: string
  short: string
  value: string
}

/** What the finding being written is about, so the notes that fit it come first. */
export interface EvidenceScope {
  halteplaatsen?: string[]
  narratives?: string[]
  themes?: string[]
}

type NotePickerRow = ReturnType<Store['notes']['pickerRows']>[number]

/** How much of a note's text a picker line shows, after runs of white space became one space. */
const PREVIEW_LENGTH = 50
/** What the store hands over: enough for the preview, even when the text opens with blank lines. */
const ROW_TEXT_LENGTH = 120
const TITLE_LENGTH = 70

/**
 * The notes to pick a finding's evidence from: those of its halteplaatsen (all when none), the
 * ones carrying one of its narratives or themes first — the likeliest evidence on the first
 * screen, the rest still in the list — each otherwise oldest conversation first.
 */
export function noteChoices(store: Store, study: Study, scope: EvidenceScope): PickerChoice[] {
  return toNoteChoices(store.notes.pickerRows({halteplaatsen: scope.halteplaatsen}, ROW_TEXT_LENGTH), study, scope)
}

export function toNoteChoices(rows: NotePickerRow[], study: Study, scope: EvidenceScope): PickerChoice[] {
  const method = study.methodDefinition
  const narratives = new Set(scope.narratives)
  const themes = new Set(scope.themes)
  const relevant = (row: NotePickerRow) => row.narratives.some((c) => narratives.has(c)) || row.themes.some((c) => themes.has(c))
  const placeName = (id: string) => study.halteplaatsen.find((h) => h.id === id)?.name ?? id
  const kindName = (row: NotePickerRow) =>
    row.group ? (method.groups.find((g) => g.id === row.group)?.short ?? row.group) : (method.activities.find((a) => a.id === row.activity)?.name.toLowerCase() ?? row.activity ?? '')
  return [...rows]
    .sort((a, b) => Number(relevant(b)) - Number(relevant(a)))
    .map((row) => ({
      name: `${shortId(row.id)}  ${formatDate(row.date)}  ${placeName(row.halteplaats)}, ${kindName(row)}  ${row.start.replaceAll(/\s+/g, ' ').slice(0, PREVIEW_LENGTH)}`,
      short: shortId(row.id),
      value: row.id,
    }))
}

/** The findings to link a reflection or an advice to, in the order they were made. */
export function findingChoices(store: Store): PickerChoice[] {
  return store.findings.pickerRows(TITLE_LENGTH + 10).map((f) => ({
    name: `${shortId(f.id)}  ${f.title.length > TITLE_LENGTH ? `${f.title.slice(0, TITLE_LENGTH - 1)}…` : f.title}`,
    short: shortId(f.id),
    value: f.id,
  }))
}

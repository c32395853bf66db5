import type {Store} from '../store/store.js'
import type {CodedNote} from '../store/tags.js'
import type {Study} from '../study/load.js'

export const MATRIX_ROWS = ['halteplaats', 'group', 'interviewer'] as const
export const MATRIX_COLUMNS = ['narrative', 'theme'] as const
export type MatrixRows = (typeof MATRIX_ROWS)[number]
export type MatrixColumns = (typeof MATRIX_COLUMNS)[number]

export interface MatrixRow {
  cells: Record<string, {count: number; share: number}>
  id: string
  label: string
  notes: number
}

export interface Matrix {
  columns: Array<{id: string; label: string}>
  cols: MatrixColumns
  rows: MatrixRow[]
  rowsBy: MatrixRows
  total: MatrixRow
}

/** The row of a matrix a note falls in; null for an observation note in a matrix by group. */
function rowKey(rowsBy: MatrixRows, note: CodedNote): null | string {
  return rowsBy === 'group' ? note.group : rowsBy === 'interviewer' ? note.interviewer : note.halteplaats
}

/**
 * How many notes voice each narrative (or touch each theme), per halteplaats, group or
 * interviewer, with the share of that row's notes. A note counts once per code, whoever tagged
 * it (a theme in its front matter counts as a tag by its interviewer); observation notes have no group and are left out of a group matrix. A caller that already
 * holds `store.tags.codesPerNote(cols)` passes it, so a study's tags are read once.
 */
export function buildMatrix(store: Store, study: Study, rowsBy: MatrixRows, cols: MatrixColumns, coded?: CodedNote[]): Matrix {
  const method = study.methodDefinition
  const columns =
    cols === 'narrative' ? method.narratives.map((n) => ({id: n.id, label: `${n.number}. ${n.short}`})) : method.themes.map((t) => ({id: t.id, label: t.short}))
  const rowDefs =
    rowsBy === 'halteplaats'
      ? study.halteplaatsen.map((h) => ({id: h.id, label: h.name}))
      : rowsBy === 'group'
        ? method.groups.map((g) => ({id: g.id, label: `${g.number}. ${g.short}`}))
        : study.team.map((m) => ({id: m.id, label: m.name}))
  // Themes as every output counts them: a note's own themes and the theme tags of every coder.
  const notes = coded ?? store.tags.codesPerNote(cols)
  // One pass over the notes, so a study of 10,000 notes is counted in a few milliseconds.
  const column = new Map(columns.map((c, i) => [c.id, i]))
  const tallies = new Map(rowDefs.map((r) => [r.id, {counts: columns.map(() => 0), notes: 0}]))
  const total = {counts: columns.map(() => 0), notes: 0}
  for (const note of notes) {
    const key = rowKey(rowsBy, note)
    if (key === null) continue
    const row = tallies.get(key)
    total.notes++
    if (row) row.notes++
    for (const [i, code] of note.codes.entries()) {
      const at = column.get(code)
      // A code counts once per note.
      if (at === undefined || note.codes.indexOf(code) !== i) continue
      total.counts[at]++
      if (row) row.counts[at]++
    }
  }

  const rowOf = (id: string, label: string, tally: {counts: number[]; notes: number}): MatrixRow => ({
    cells: Object.fromEntries(columns.map((c, i) => [c.id, {count: tally.counts[i], share: tally.notes > 0 ? tally.counts[i] / tally.notes : 0}])),
    id,
    label,
    notes: tally.notes,
  })
  const rows = rowDefs.map((r) => rowOf(r.id, r.label, tallies.get(r.id)!)).filter((r) => rowsBy !== 'interviewer' || r.notes > 0)
  return {cols, columns, rows, rowsBy, total: rowOf('totaal', 'totaal', total)}
}

/** The notes one cell of a matrix counts, or with several rows given, those of all of them. */
export interface CellFilter {
  group?: string
  halteplaats?: string
  interviewer?: string
}

/**
 * The notes behind one cell of buildMatrix: those not in the trash that carry the code (from any
 * coder, or a theme of the note's front matter), in the row or rows of `filter`. Its length is
 * that cell's count; with an empty filter, every note with the code.
 */
export function cellNotes(store: Store, kind: MatrixColumns, code: string, filter: CellFilter = {}, coded?: CodedNote[]): CodedNote[] {
  const notes = coded ?? store.tags.codesPerNote(kind)
  return notes.filter((n) =>
    n.codes.includes(code)
    && (!filter.halteplaats || rowKey('halteplaats', n) === filter.halteplaats)
    && (!filter.group || rowKey('group', n) === filter.group)
    && (!filter.interviewer || rowKey('interviewer', n) === filter.interviewer))
}

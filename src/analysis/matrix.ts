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

/**
 * How many notes voice each narrative (or touch each theme), per halteplaats, group or
 * interviewer, with the share of that row's notes. A note counts once per code, whoever tagged
 * it (a theme in its front matter counts as a tag by its interviewer); observation notes have no group and are left out of a group matrix. A caller that already
 * holds `store.tags.codesPerNote('narrative')` passes it, so a study's tags are read once.
 */
export function buildMatrix(store: Store, study: Study, rowsBy: MatrixRows, cols: MatrixColumns, narrativeCodes?: CodedNote[]): Matrix {
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
  const notes = cols === 'narrative' ? (narrativeCodes ?? store.tags.codesPerNote('narrative')) : store.tags.codesPerNote('theme')
  const keyOf = (note: {group: null | string; halteplaats: string; interviewer: string}) => (rowsBy === 'group' ? note.group : rowsBy === 'interviewer' ? note.interviewer : note.halteplaats)

  const tally = (id: string, label: string, mine: typeof notes): MatrixRow => ({
    cells: Object.fromEntries(
      columns.map((c) => {
        const count = mine.filter((n) => n.codes.includes(c.id)).length
        return [c.id, {count, share: mine.length > 0 ? count / mine.length : 0}]
      }),
    ),
    id,
    label,
    notes: mine.length,
  })
  const rows = rowDefs.map((r) => tally(r.id, r.label, notes.filter((n) => keyOf(n) === r.id))).filter((r) => rowsBy !== 'interviewer' || r.notes > 0)
  const counted = notes.filter((n) => keyOf(n) !== null)
  return {cols, columns, rows, rowsBy, total: tally('totaal', 'totaal', counted)}
}

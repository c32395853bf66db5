import {buildMatrix, type Matrix} from '../../analysis/matrix.js'
import {fieldworkStatus} from '../../fieldwork/status.js'
import type {Store} from '../../store/store.js'
import type {Study} from '../../study/load.js'
import {TAG_ORIGIN_LABELS} from '../../model/tag.js'
import type {GatedOutput} from '../privacy.js'

export const TABLE_IDS = ['notes', 'tags', 'matrix', 'coverage'] as const
export type TableId = (typeof TABLE_IDS)[number]

/**
 * How a column is written. In a workbook: a date (yyyy-mm-dd) and a timestamp (ISO 8601, UTC) as
 * date cells, counts as numbers, long text wrapped; a yes-or-no as "ja" or "nee" in CSV and
 * workbook alike (cell.ts).
 */
export type ColumnType = 'boolean' | 'date' | 'longtext' | 'number' | 'text' | 'timestamp'

export interface Column {
  header: string
  type: ColumnType
  /** Width in characters in a workbook; CSV has none. */
  width: number
}

export type Cell = boolean | null | number | string

/** One table of the study, ready to be written as CSV or as a sheet of a workbook. */
export interface Table {
  columns: Column[]
  id: TableId
  /** The sheet name: Dutch, at most 31 characters (Excel's limit). */
  name: string
  rows: Iterable<Cell[]>
}

const col = (header: string, type: ColumnType = 'text', width?: number): Column => ({header, type, width: width ?? Math.max(header.length + 2, type === 'date' ? 12 : type === 'timestamp' ? 17 : 10)})

/**
 * The tables a user asked for, in the order of TABLE_IDS. Notes are read one by one, so 100,000
 * fit. Texts go through `output`, the privacy gate's side of the writer, when there is one.
 */
export function buildTables(store: Store, study: Study, which: readonly TableId[] = TABLE_IDS, output?: GatedOutput): Table[] {
  const make: Record<TableId, () => Table> = {
    coverage: () => coverageTable(store, study),
    matrix: () => matrixTable(store, study),
    notes: () => notesTable(store, output),
    tags: () => tagsTable(store, study, output),
  }
  return TABLE_IDS.filter((id) => which.includes(id)).map((id) => make[id]())
}

function notesTable(store: Store, output?: GatedOutput): Table {
  return {
    columns: [
      col('Id', 'text', 38),
      col('Datum', 'date'),
      col('Halteplaats', 'text', 16),
      col('Groep', 'text', 18),
      col('Observatie', 'text', 16),
      col('Interviewer', 'text', 12),
      col('Deelnemers', 'number'),
      col('Rollen', 'text', 24),
      col("Thema's", 'text', 30),
      col('Narratieven', 'text', 30),
      col('Tekst', 'longtext', 80),
      col('Versie', 'number', 8),
      col('Laatst gewijzigd', 'timestamp', 18),
    ],
    id: 'notes',
    name: 'Notities',
    rows: (function* () {
      for (const stored of store.notes.iterate()) {
        const n = output ? output.note(stored) : stored
        yield [n.id, n.date, n.halteplaats, n.group, n.activity, n.interviewer, n.participants, n.roles.join(', '), n.themes.join(', '), n.narratives.join(', '), n.text, n.version, n.updatedAt]
      }
    })(),
  }
}

function tagsTable(store: Store, study: Study, output?: GatedOutput): Table {
  const method = study.methodDefinition
  const labels = new Map<string, string>([...method.narratives.map((n) => [n.id, `${n.number}. ${n.name}`] as const), ...method.themes.map((t) => [t.id, t.name] as const)])
  // Where each note is from, without reading every note's text.
  const notes = new Map(store.tags.codesPerNote('narrative').map((n) => [n.noteId, n]))
  return {
    columns: [
      col('Tag-id', 'text', 38),
      col('Notitie-id', 'text', 38),
      col('Datum notitie', 'date'),
      col('Halteplaats', 'text', 16),
      col('Groep', 'text', 18),
      col('Observatie', 'text', 16),
      col('Soort', 'text', 10),
      col('Code', 'text', 24),
      col('Naam', 'text', 36),
      col('Codeur', 'text', 12),
      col('Herkomst', 'text', 12),
      col('Begin', 'number', 8),
      col('Einde', 'number', 8),
      col('Passage', 'longtext', 60),
      col('Gemaakt op', 'timestamp', 18),
    ],
    id: 'tags',
    name: 'Tags',
    rows: (function* () {
      // The one list of what is coded: tag list and REFI-QDA show the same, front-matter themes included.
      for (const stored of store.tags.codings()) {
        const note = notes.get(stored.noteId)
        if (!note) continue
        const t = output ? output.tag(stored, stored.noteId) : stored
        yield [
          t.id,
          t.noteId,
          note.date,
          note.halteplaats,
          note.group,
          note.activity,
          t.kind === 'narrative' ? 'narratief' : 'thema',
          t.code,
          labels.get(t.code) ?? t.code,
          t.coder,
          TAG_ORIGIN_LABELS[t.origin],
          t.start,
          t.end,
          t.quote,
          t.createdAt,
        ]
      }
    })(),
  }
}

/**
 * The narratives per halteplaats and per group, as `karavaan analyse matrix` counts them: one
 * block of rows for each, each with its total (observation notes have no group, so the group
 * total can be lower).
 */
function matrixTable(store: Store, study: Study): Table {
  const blocks: Array<[Matrix, string]> = [
    [buildMatrix(store, study, 'halteplaats', 'narrative'), 'halteplaats'],
    [buildMatrix(store, study, 'group', 'narrative'), 'groep'],
  ]
  const narratives = study.methodDefinition.narratives
  const line = (matrix: Matrix, kind: string, row: Matrix['rows'][number]): Cell[] => [kind, row.id, row.label, row.notes, ...narratives.map((n) => row.cells[n.id].count)]
  return {
    columns: [col('Indeling', 'text', 12), col('Id', 'text', 18), col('Naam', 'text', 28), col('Notities', 'number'), ...narratives.map((n) => col(`${n.number}. ${n.short}`, 'number', Math.max(14, n.short.length + 5)))],
    id: 'matrix',
    name: 'Narratieven',
    rows: blocks.flatMap(([matrix, kind]) => [...matrix.rows.map((row) => line(matrix, kind, row)), line(matrix, kind, matrix.total)]),
  }
}

/**
 * Every conversation of the plan (halteplaats × group) and every observation: planned, held (and
 * how often: an observation such as a walk can be held more than once), and the notes.
 */
function coverageTable(store: Store, study: Study): Table {
  const status = fieldworkStatus(store, study)
  const rows: Cell[][] = []
  for (const h of status.halteplaatsen) {
    for (const cell of status.cells.filter((c) => c.halteplaats === h.id)) {
      rows.push([h.id, 'gesprek', cell.group, cell.state, cell.date, cell.state === 'gehouden', cell.state === 'gehouden' ? 1 : 0, cell.notes])
    }

    for (const o of status.observations.filter((x) => x.halteplaats === h.id)) {
      const dates = o.planned.map((p) => p.date).filter((d): d is string => d !== null).sort()
      const state = o.held > 0 ? 'gehouden' : o.planned.some((p) => p.state === 'gepland') ? 'gepland' : 'vervallen'
      rows.push([h.id, 'observatie', o.activity, state, dates[0] ?? null, o.held > 0, o.held, o.notes])
    }
  }

  return {
    columns: [col('Halteplaats', 'text', 16), col('Soort', 'text', 12), col('Groep of observatie', 'text', 22), col('Status', 'text', 14), col('Gepland op', 'date'), col('Gehouden', 'boolean'), col('Keer gehouden', 'number', 14), col('Notities', 'number')],
    id: 'coverage',
    name: 'Dekking',
    rows,
  }
}

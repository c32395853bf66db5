import {UserError} from '../../errors.js'
import type {Store} from '../../store/store.js'
import type {Study} from '../../study/load.js'
import type {GatedOutput} from '../privacy.js'
import {SEPARATORS, type SeparatorName, writeCsv} from './csv.js'
import {buildTables, TABLE_IDS, type TableId} from './tables.js'

export interface TableExportOptions {
  format: 'csv' | 'xlsx'
  /** The checked output path (see checkOutput). */
  out: string
  separator?: SeparatorName
  what?: TableId
}

/** The tables that an export of these options writes. */
export function tablesOf(options: Pick<TableExportOptions, 'format' | 'what'>): TableId[] {
  if (options.what) return [options.what]
  return options.format === 'csv' ? ['notes'] : [...TABLE_IDS]
}

export interface TableExportReport {
  file: string
  format: 'csv' | 'xlsx'
  /** Rows per table written (header not counted). */
  rows: Partial<Record<TableId, number>>
  separator?: string
  shortened: number
}


/**
 * The study as tables for a spreadsheet or a statistics package. CSV holds one table (notes
 * unless `what` says otherwise); a workbook holds all four, or the one asked for.
 */
export async function exportTables(store: Store, study: Study, options: TableExportOptions, output?: GatedOutput): Promise<TableExportReport> {
  checkTable(options.what)
  if (options.format === 'csv') {
    const what = options.what ?? 'notes'
    const separator = SEPARATORS[options.separator ?? 'puntkomma']
    const [table] = buildTables(store, study, [what], output)
    const rows = await writeCsv(table, options.out, separator)
    return {file: options.out, format: 'csv', rows: {[what]: rows}, separator, shortened: 0}
  }

  const {writeXlsx} = await import('./xlsx.js')
  const report = await writeXlsx(buildTables(store, study, tablesOf(options), output), options.out)
  return {file: options.out, format: 'xlsx', rows: report.rows, shortened: report.shortened}
}

export function checkTable(what: string | undefined): void {
  if (what && !TABLE_IDS.includes(what as TableId)) throw new UserError(`Onbekende tabel "${what}".`, {hint: `Kies uit: ${TABLE_IDS.join(', ')}.`})
}

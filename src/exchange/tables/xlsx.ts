import {chmodSync, renameSync, rmSync} from 'node:fs'

import {PRIVATE_FILE_MODE} from '../../fs/private.js'

import type {Cell, ColumnType, Table} from './tables.js'

/** Excel's limit for the text in one cell. */
export const MAX_CELL_TEXT = 32_767

export interface XlsxReport {
  rows: Record<string, number>
  /** Texts longer than Excel allows in a cell, cut off with a remark. */
  shortened: number
}

// Characters XML 1.0 cannot carry; one in a note would make Excel call the file damaged.
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g

/**
 * Writes the tables as one workbook, one sheet per table: a bold header row that stays in view,
 * a filter on every column, widths that fit the content, dates as dates, numbers as numbers,
 * and long texts wrapped. exceljs is loaded only here.
 */
export async function writeXlsx(tables: Table[], file: string): Promise<XlsxReport> {
  const {default: ExcelJS} = await import('exceljs')
  const temporary = `${file}.${process.pid}.tmp`
  // The streaming writer: rows go to disk as they come (memory stays flat for 100,000 notes), and
  // it deflates with Node's zlib instead of JavaScript.
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({filename: temporary, useSharedStrings: false, useStyles: true, zip: {zlib: {level: 6}}})
  workbook.creator = 'karavaan'
  workbook.created = new Date()
  const report: XlsxReport = {rows: {}, shortened: 0}
  try {
    for (const table of tables) {
      const sheet = workbook.addWorksheet(table.name, {views: [{state: 'frozen', xSplit: 0, ySplit: 1}]})
      sheet.columns = table.columns.map((c) => ({header: c.header, width: c.width}))
      sheet.autoFilter = {from: {column: 1, row: 1}, to: {column: table.columns.length, row: 1}}
      const header = sheet.getRow(1)
      header.font = {bold: true}
      header.alignment = {vertical: 'middle'}
      header.commit()
      const styles = table.columns.map((c) =>
        c.type === 'date' ? {numFmt: 'dd-mm-yyyy'} : c.type === 'longtext' ? {alignment: {vertical: 'top' as const, wrapText: true}} : undefined,
      )
      let count = 0
      for (const values of table.rows) {
        const row = sheet.addRow(values.map((cell, i) => cellValue(cell, table.columns[i].type, report)))
        styles.forEach((style, i) => {
          if (style) Object.assign(row.getCell(i + 1), style)
        })
        row.commit()
        count++
      }

      await sheet.commit()
      report.rows[table.id] = count
    }

    await workbook.commit()
    // Exports hold whole notes: readable by the owner only, like the database.
    chmodSync(temporary, PRIVATE_FILE_MODE)
    renameSync(temporary, file)
  } catch (error) {
    rmSync(temporary, {force: true})
    throw error
  }

  return report
}

function cellValue(cell: Cell, type: ColumnType, report: XlsxReport): Date | null | number | string {
  if (cell === null || cell === '') return null
  if (type === 'date' && typeof cell === 'string') return isoDate(cell)
  if (typeof cell !== 'string') return cell
  const clean = cell.replaceAll(NOT_XML, '')
  if (clean.length <= MAX_CELL_TEXT) return clean
  report.shortened++
  return clean.slice(0, MAX_CELL_TEXT - 40) + ' … [ingekort; volledige tekst in de kit]'
}

/** A calendar date as Excel stores one: midnight UTC, so no time zone moves it to the day before. */
function isoDate(text: string): Date | string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text)
  return match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : text
}

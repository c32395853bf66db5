import {chmodSync, renameSync, rmSync} from 'node:fs'

import {PRIVATE_FILE_MODE} from '../../fs/private.js'

import {DATE_FORMAT, sheetDate, sheetTimestamp, TIMESTAMP_FORMAT, yesNo} from './cells.js'
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
 * a filter over every column and row (that LibreOffice shows too), widths that fit the content,
 * dates and timestamps as dates, numbers as numbers, ja/nee, and long texts wrapped. exceljs is loaded only here.
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
  const filters: SheetFilter[] = []
  nameFilters(workbook, filters)
  try {
    for (const table of tables) {
      const sheet = workbook.addWorksheet(table.name, {views: [{state: 'frozen', xSplit: 0, ySplit: 1}]})
      sheet.columns = table.columns.map((c) => ({header: c.header, width: c.width}))
      const header = sheet.getRow(1)
      header.font = {bold: true}
      header.alignment = {vertical: 'middle'}
      header.commit()
      const styles = table.columns.map((c) =>
        c.type === 'date' ? {numFmt: DATE_FORMAT} : c.type === 'timestamp' ? {numFmt: TIMESTAMP_FORMAT} : c.type === 'longtext' ? {alignment: {vertical: 'top' as const, wrapText: true}} : undefined,
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

      // Over the header and every row: the sheet writes its filter when it is committed.
      const range = {from: {column: 1, row: 1}, to: {column: table.columns.length, row: count + 1}}
      sheet.autoFilter = range
      filters.push({range, sheet: table.name})
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

export function cellValue(cell: Cell, type: ColumnType, report: XlsxReport): Date | null | number | string {
  if (cell === null || cell === '') return null
  if (typeof cell === 'boolean') return yesNo(cell)
  if (type === 'date' && typeof cell === 'string') return sheetDate(cell)
  if (type === 'timestamp' && typeof cell === 'string') return sheetTimestamp(cell)
  if (typeof cell !== 'string') return cell
  const clean = cell.replaceAll(NOT_XML, '')
  if (clean.length <= MAX_CELL_TEXT) return clean
  report.shortened++
  return clean.slice(0, MAX_CELL_TEXT - 40) + ' … [ingekort; volledige tekst in de kit]'
}

interface SheetFilter {
  range: {from: {column: number; row: number}; to: {column: number; row: number}}
  sheet: string
}

/**
 * LibreOffice Calc shows a sheet's filter only when the workbook also names its range
 * `_xlnm._FilterDatabase`, hidden and local to the sheet, as Excel itself writes it; exceljs
 * writes the filter but not the name (exceljs issue #2778) and its defined names can be neither
 * hidden nor local. So the names go into xl/workbook.xml as the writer adds that part to the zip,
 * when every sheet and so every range is known.
 */
function nameFilters(workbook: object, filters: SheetFilter[]): void {
  const zip = (workbook as {zip?: {append: (data: unknown, options: {name: string}) => unknown}}).zip
  if (!zip) throw new Error('exceljs: the streaming workbook has no zip to write to')
  const append = zip.append.bind(zip)
  zip.append = (data, options) => append(options.name === '/xl/workbook.xml' ? withFilterNames(String(data), filters) : data, options)
}

export function withFilterNames(xml: string, filters: SheetFilter[]): string {
  if (filters.length === 0) return xml
  const names = filters
    .map(({range, sheet}, index) => {
      const ref = `'${sheet.replaceAll("'", "''")}'!$${columnLetter(range.from.column)}$${range.from.row}:$${columnLetter(range.to.column)}$${range.to.row}`
      return `<definedName name="_xlnm._FilterDatabase" localSheetId="${index}" hidden="1">${escapeXml(ref)}</definedName>`
    })
    .join('')
  if (xml.includes('<definedNames>')) return xml.replace('<definedNames>', `<definedNames>${names}`)
  if (!xml.includes('</sheets>')) throw new Error('exceljs: xl/workbook.xml has no </sheets>')
  // definedNames follows sheets in the schema of a workbook (CT_Workbook).
  return xml.replace('</sheets>', `</sheets><definedNames>${names}</definedNames>`)
}

function columnLetter(column: number): string {
  let letters = ''
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters
  return letters
}

const escapeXml = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;')

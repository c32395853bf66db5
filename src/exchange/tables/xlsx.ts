import {renameSync, rmSync} from 'node:fs'

import type {Table} from './tables.js'

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
  const workbook = new ExcelJS.Workbook()
  workbook.creator = 'karavaan'
  workbook.created = new Date()
  const report: XlsxReport = {rows: {}, shortened: 0}
  for (const table of tables) {
    const sheet = workbook.addWorksheet(table.name, {views: [{state: 'frozen', xSplit: 0, ySplit: 1}]})
    sheet.columns = table.columns.map((c) => ({
      header: c.header,
      style: c.type === 'date' ? {numFmt: 'dd-mm-yyyy'} : c.type === 'longtext' ? {alignment: {vertical: 'top', wrapText: true}} : {},
      width: c.width,
    }))
    sheet.getRow(1).font = {bold: true}
    sheet.getRow(1).alignment = {vertical: 'middle'}
    let count = 0
    for (const row of table.rows) {
      sheet.addRow(
        row.map((cell, i) => {
          if (cell === null || cell === '') return null
          if (table.columns[i].type === 'date' && typeof cell === 'string') return isoDate(cell)
          if (typeof cell !== 'string') return cell
          const clean = cell.replaceAll(NOT_XML, '')
          if (clean.length <= MAX_CELL_TEXT) return clean
          report.shortened++
          return clean.slice(0, MAX_CELL_TEXT - 40) + ' … [ingekort; volledige tekst in de kit]'
        }),
      )
      count++
    }

    sheet.autoFilter = {from: {column: 1, row: 1}, to: {column: table.columns.length, row: 1}}
    report.rows[table.id] = count
  }

  const temporary = `${file}.${process.pid}.tmp`
  try {
    // Level 1: JSZip deflates in JavaScript, and level 6 took most of the time for a large study.
    await workbook.xlsx.writeFile(temporary, {zip: {compression: 'DEFLATE', compressionOptions: {level: 1}}})
    renameSync(temporary, file)
  } catch (error) {
    rmSync(temporary, {force: true})
    throw error
  }

  return report
}

/** A calendar date as Excel stores one: midnight UTC, so no time zone moves it to the day before. */
function isoDate(text: string): Date | string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text)
  return match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : text
}

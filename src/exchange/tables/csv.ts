import {closeSync, openSync, renameSync, rmSync, writeSync} from 'node:fs'

import {PRIVATE_FILE_MODE} from '../../fs/private.js'

import {yesNo} from './cells.js'
import type {Cell, ColumnType, Table} from './tables.js'

export const SEPARATORS = {komma: ',', puntkomma: ';', tab: '\t'} as const
export type SeparatorName = keyof typeof SEPARATORS

/** Rows buffered before a write: few system calls, and memory stays flat for 100,000 notes. */
const BATCH = 500

/**
 * Writes one table as CSV the way spreadsheets read it: UTF-8 with a BOM (Excel otherwise guesses
 * Windows-1252 and garbles accents), CRLF between records, and RFC 4180 quotes around any field
 * with the separator, a quote or a line break in it. A text that starts with =, +, - or @ gets a
 * ' in front, so that Excel does not run it as a formula (a note can start with "- " or "=").
 * Written to a temporary file first: a failure never leaves half a table under the real name.
 */
export async function writeCsv(table: Table, file: string, separator: string): Promise<number> {
  const {stringify} = await import('csv-stringify/sync')
  const options = {delimiter: separator, quoted_match: /[\r\n]/, record_delimiter: 'windows' as const}
  const temporary = `${file}.${process.pid}.tmp`
  // Exports hold whole notes: readable by the owner only, like the database.
  const fd = openSync(temporary, 'w', PRIVATE_FILE_MODE)
  let rows = 0
  try {
    writeSync(fd, '\uFEFF' + stringify([table.columns.map((c) => c.header)], options))
    let batch: Array<Array<null | number | string>> = []
    const flush = () => {
      if (batch.length > 0) writeSync(fd, stringify(batch, options))
      batch = []
    }

    for (const row of table.rows) {
      batch.push(row.map((cell, i) => csvCell(cell, table.columns[i].type)))
      rows++
      if (batch.length >= BATCH) flush()
    }

    flush()
    closeSync(fd)
    renameSync(temporary, file)
  } catch (error) {
    try {
      closeSync(fd)
    } catch {}

    rmSync(temporary, {force: true})
    throw error
  }

  return rows
}

/** A value as CSV writes it: yes-or-no as ja/nee like the workbook, dates and timestamps as stored. */
export function csvCell(cell: Cell, type: ColumnType): null | number | string {
  if (typeof cell === 'boolean') return yesNo(cell)
  return typeof cell === 'string' && type !== 'date' && type !== 'timestamp' ? defuse(cell) : cell
}

function defuse(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text
}

import {parse} from 'csv-parse/sync'
import {readFileSync, statSync} from 'node:fs'

import {UserError} from '../errors.js'
import {unreadablePath} from '../fs/unreadable.js'

export interface CsvRow {
  line: number
  values: Record<string, string>
}

const MAX_BYTES = 20 * 1024 * 1024

/**
 * Reads a CSV table as Dutch spreadsheets write it: with or without BOM, `;` or `,` between
 * fields, headers in Dutch or English. Columns are given as a name with the header spellings
 * that mean it; a missing required column is reported at once with the headers that were found.
 */
export function readCsvTable(file: string, columns: Record<string, string[]>, required: string[]): CsvRow[] {
  let text: string
  try {
    if (statSync(file).size > MAX_BYTES) throw new UserError(`${file} is groter dan 20 MB; dat is geen tabel met contextcijfers of planning.`)
    text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '')
  } catch (error) {
    if (error instanceof UserError) throw error
    throw unreadablePath(file, error, 'het CSV-bestand')
  }

  const firstLine = text.split(/\r?\n/, 1)[0] ?? ''
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ','
  let records: string[][]
  try {
    records = parse(text, {delimiter, relax_column_count: true, skip_empty_lines: true, trim: true})
  } catch (error) {
    const line = (error as {lines?: number}).lines
    throw new UserError(`${file} is geen geldig CSV-bestand${line ? ` (rond regel ${line})` : ''}.`, {
      hint: 'Controleer de aanhalingstekens: een veld met een scheidingsteken erin moet tussen "..." staan.',
    })
  }

  if (records.length === 0) throw new UserError(`${file} is leeg.`, {hint: `De eerste regel moet de kolomnamen bevatten: ${required.join(delimiter)}`})
  const header = records[0].map((cell) => cell.toLowerCase().trim())
  const index: Record<string, number> = {}
  for (const [name, spellings] of Object.entries(columns)) {
    const at = header.findIndex((cell) => spellings.includes(cell))
    if (at >= 0) index[name] = at
  }

  const missing = required.filter((name) => index[name] === undefined)
  if (missing.length > 0) {
    throw new UserError(`${file} mist de kolom${missing.length > 1 ? 'men' : ''} ${missing.join(', ')}.`, {
      details: [`gevonden kolommen: ${records[0].join(', ')}`],
      hint: `De eerste regel moet de kolomnamen bevatten: ${Object.keys(columns).join(delimiter)}`,
    })
  }

  return records.slice(1).map((record, i) => ({
    line: i + 2,
    values: Object.fromEntries(Object.entries(index).map(([name, at]) => [name, record[at] ?? ''])),
  }))
}

/**
 * A number as a Dutch or English spreadsheet writes it: 12,5 or 12.5; 1.234,5 or 1,234.5;
 * 1.234.567. When both signs occur, the last one is the decimal sign. "8.940" is refused
 * (undefined): it is 8940 to a Dutch reader and 8.94 to an English one.
 */
export function parseDecimal(text: string): number | undefined {
  const compact = text.replaceAll(/\s/g, '')
  if (!/^-?[\d.,]+$/.test(compact) || !/\d/.test(compact)) return undefined
  const lastComma = compact.lastIndexOf(',')
  const lastDot = compact.lastIndexOf('.')
  let normal: string
  if (lastComma >= 0 && lastDot >= 0) {
    const [thousands, decimal] = lastComma > lastDot ? ['.', ','] : [',', '.']
    const [whole, fraction] = [compact.slice(0, Math.max(lastComma, lastDot)), compact.slice(Math.max(lastComma, lastDot) + 1)]
    if (whole.includes(decimal) || !groupedThousands(whole, thousands)) return undefined
    normal = `${whole.replaceAll(thousands, '')}.${fraction}`
  } else if (lastComma >= 0) {
    if (compact.indexOf(',') !== lastComma) return groupedThousands(compact, ',') ? Number(compact.replaceAll(',', '')) : undefined
    normal = compact.replace(',', '.')
  } else if (lastDot >= 0) {
    if (compact.indexOf('.') !== lastDot) return groupedThousands(compact, '.') ? Number(compact.replaceAll('.', '')) : undefined
    if (/^-?\d{1,3}\.\d{3}$/.test(compact)) return undefined
    normal = compact
  } else {
    normal = compact
  }

  return /^-?\d+(?:\.\d+)?$/.test(normal) ? Number(normal) : undefined
}

function groupedThousands(text: string, separator: string): boolean {
  const escaped = separator === '.' ? '\\.' : separator
  return new RegExp(`^-?\\d{1,3}(?:${escaped}\\d{3})+$`).test(text) || !text.includes(separator)
}

import {existsSync, statSync} from 'node:fs'
import {dirname, extname, resolve} from 'node:path'

import {UserError} from '../errors.js'

export const EXPORT_FORMATS = ['csv', 'xlsx', 'qdpx', 'qdc', 'bundle'] as const
export type ExportFormat = (typeof EXPORT_FORMATS)[number]

const BY_EXTENSION: Record<string, ExportFormat> = {'.csv': 'csv', '.karavaan': 'bundle', '.qdc': 'qdc', '.qdpx': 'qdpx', '.xlsx': 'xlsx'}

/** The format a user asked for, or the one the name of the file says (tabel.xlsx → xlsx). */
export function exportFormat(format: string | undefined, out: string): ExportFormat {
  if (format) return format as ExportFormat
  const guessed = BY_EXTENSION[extname(out).toLowerCase()]
  if (!guessed) {
    throw new UserError(`Welk formaat moet ${out} krijgen?`, {hint: `Geef --format ${EXPORT_FORMATS.join('|')}, of een bestandsnaam die eindigt op .csv, .xlsx, .qdpx, .qdc of .karavaan.`})
  }

  return guessed
}

/**
 * Checks where an export goes before any work is done: the folder must exist, and a file that is
 * already there is only replaced when the user says so (an export never silently destroys a file).
 */
export function checkOutput(out: string, overwrite: boolean): string {
  const file = resolve(out)
  if (!existsSync(dirname(file)) || !statSync(dirname(file)).isDirectory()) {
    throw new UserError(`De map ${dirname(file)} bestaat niet.`, {hint: 'Maak de map eerst, of kies een andere plek voor --out.'})
  }

  if (existsSync(file)) {
    if (statSync(file).isDirectory()) throw new UserError(`${out} is een map; geef een bestandsnaam met --out.`)
    if (!overwrite) throw new UserError(`${out} bestaat al; er is niets geschreven.`, {hint: 'Kies een andere naam, of geef --force om het bestand te vervangen.'})
  }

  return file
}

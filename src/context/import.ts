import {UserError} from '../errors.js'
import {readCsvTable} from '../parse/csv.js'
import type {Study} from '../study/load.js'
import {checkFigure} from './figures.js'
import type {ContextFigureInput} from '../model/context.js'

export const CONTEXT_COLUMNS = {
  halteplaats: ['halteplaats'],
  indicator: ['indicator'],
  value: ['value', 'waarde'],
  unit: ['unit', 'eenheid'],
  source: ['source', 'bron'],
  year: ['year', 'jaar'],
}

/** Reads a CSV of context figures; one bad row refuses the whole file, with every bad row listed. */
export function readContextCsv(file: string, study: Study): ContextFigureInput[] {
  const rows = readCsvTable(file, CONTEXT_COLUMNS, ['halteplaats', 'indicator', 'value', 'source', 'year'])
  const figures: ContextFigureInput[] = []
  const details: string[] = []
  for (const row of rows) {
    const {figure, problems} = checkFigure(study, row.values)
    if (figure) figures.push(figure)
    else details.push(`regel ${row.line}: ${problems.join('; ')}`)
  }

  if (details.length > 0) {
    throw new UserError(`${file}: ${details.length} ${details.length === 1 ? 'regel is' : 'regels zijn'} niet in orde; er is niets opgeslagen.`, {
      details,
      hint: 'Verbeter deze regels en importeer het bestand opnieuw.',
    })
  }

  if (figures.length === 0) throw new UserError(`${file} bevat geen cijfers, alleen kolomnamen.`)
  return figures
}

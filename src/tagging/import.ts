import {UserError} from '../errors.js'
import {readCsvTable} from '../parse/csv.js'
import type {NewTag} from '../store/tags.js'
import type {Store} from '../store/store.js'
import type {Study} from '../study/load.js'
import {prepareTag, saveTag} from './tags.js'

export interface TagImportReport {
  coded: number
  existing: number
  tagged: number
}

const COLUMNS = {
  code: ['code', 'narratief', 'narrative', 'thema'],
  coder: ['coder', 'codeur'],
  end: ['end', 'einde'],
  note: ['note', 'notitie'],
  quote: ['quote', 'passage', 'citaat'],
  start: ['start', 'begin'],
}

/**
 * Reads tags from a CSV (note, code, coder, quote): one coder's work from a spreadsheet or another
 * laptop. A note is named by its id or by the path it was imported from. A row without a code
 * says "this coder coded the note and found no narrative". All rows or none are stored.
 */
export function importTags(store: Store, study: Study, file: string): TagImportReport {
  const rows = readCsvTable(file, COLUMNS, ['note', 'code', 'coder'])
  const details: string[] = []
  const prepared: Array<{coder: string; noteId: string; tag?: NewTag}> = []
  // Read every note id once: a lookup of a short id in SQLite reads them all, for every row.
  const matchIds = store.notes.idMatcher()
  for (const row of rows) {
    const {code, coder, end, note, quote, start} = row.values
    try {
      const byId = matchIds(note)
      const noteId = store.notes.bySource(note)?.id ?? byId.at(0)
      if (!noteId || byId.length > 1) throw new UserError(`geen (unieke) notitie "${note}"; gebruik de id of het pad waarmee ze is ingelezen`)
      if (!coder || !study.team.some((m) => m.id === coder)) throw new UserError(`codeur "${coder}" staat niet in het team van study.yaml`)
      if (!code) {
        prepared.push({coder, noteId})
        continue
      }

      const position = (value: string | undefined) => (value ? Number(value) : undefined)
      const tag = prepareTag(store, study, {code, coder, end: position(end), note, noteId, origin: 'import', quote: quote || undefined, start: position(start)})
      prepared.push({coder, noteId, tag})
    } catch (error) {
      if (!(error instanceof UserError)) throw error
      details.push(`regel ${row.line}: ${error.message}`)
    }
  }

  if (details.length > 0) {
    throw new UserError(`${file}: ${details.length} ${details.length === 1 ? 'regel is' : 'regels zijn'} niet in orde; er is niets opgeslagen.`, {details, hint: 'Verbeter deze regels en lees het bestand opnieuw in.'})
  }

  const report: TagImportReport = {coded: 0, existing: 0, tagged: 0}
  store.transaction(() => {
    const coded = new Set<string>()
    for (const item of prepared) {
      coded.add(`${item.noteId}\u0000${item.coder}`)
      store.tags.markCoded(item.noteId, item.coder)
      if (!item.tag) continue
      const {created} = saveTag(store, item.tag)
      if (created) report.tagged++
      else report.existing++
    }

    report.coded = coded.size
  })
  return report
}

const TABLE_LABELS: Record<string, string> = {coverage: 'dekking', matrix: 'narratieven-matrix', notes: 'notities', tags: 'tags'}
const SEPARATOR_LABELS: Record<string, string> = {'\t': 'tab', ',': 'komma', ';': 'puntkomma'}

import type {ExportReport} from '../exchange/export.js'

/** One Dutch line about what an export wrote. */
export function describeExport(r: ExportReport): string {
  switch (r.format) {
    case 'csv': {
      const [[table, rows]] = Object.entries(r.rows)
      return `Geschreven: ${r.file} — ${TABLE_LABELS[table]}, ${rows} ${rows === 1 ? 'regel' : 'regels'} (CSV, UTF-8, scheidingsteken ${SEPARATOR_LABELS[r.separator ?? ';']}).`
    }

    case 'xlsx': {
      const sheets = Object.entries(r.rows).map(([table, rows]) => `${TABLE_LABELS[table]} (${rows})`)
      const cut = r.shortened > 0 ? ` ${r.shortened} lange tekst(en) ingekort tot wat Excel in een cel toelaat.` : ''
      return `Geschreven: ${r.file} — tabbladen ${sheets.join(', ')}.${cut}`
    }

    case 'qdpx':
      return `Geschreven: ${r.file} — ${r.sources} notities, ${r.selections} gecodeerde passages, ${r.codes} codes, ${r.users} gebruikers, ${r.cases} cases${r.memos > 0 ? `, ${r.memos} memo's` : ''}. Open het in ATLAS.ti, NVivo of MAXQDA met "importeren van een REFI-QDA-project".`

    case 'qdc':
      return `Geschreven: ${r.file} — het codeboek met ${r.codes} codes (narratieven en thema's).`

    default:
      return `Geschreven: ${String(r.file ?? '')}`
  }
}

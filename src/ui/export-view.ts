const TABLE_LABELS: Record<string, string> = {coverage: 'dekking', matrix: 'narratieven-matrix', notes: 'notities', tags: 'tags'}
const SEPARATOR_LABELS: Record<string, string> = {'\t': 'tab', ',': 'komma', ';': 'puntkomma'}

import type {ExportReport} from '../exchange/export.js'
import {describeCounts} from './bundle-view.js'
import type {QdpxImportReport} from '../exchange/refi/import.js'
import {formatDate, formatTimestamp} from '../parse/date.js'
import {plural} from '../model/plural.js'

/** One Dutch line about what an export wrote. */
export function describeExport(r: ExportReport): string {
  switch (r.format) {
    case 'csv': {
      const [[table, rows]] = Object.entries(r.rows)
      return `Geschreven: ${r.file} — ${TABLE_LABELS[table]}, ${plural(rows, 'regel', 'regels')} (CSV, UTF-8, scheidingsteken ${SEPARATOR_LABELS[r.separator ?? ';']}).`
    }

    case 'xlsx': {
      const sheets = Object.entries(r.rows).map(([table, rows]) => `${TABLE_LABELS[table]} (${rows})`)
      const cut = r.shortened > 0 ? ` ${plural(r.shortened, 'lange tekst', 'lange teksten')} ingekort tot wat Excel in een cel toelaat.` : ''
      return `Geschreven: ${r.file} — tabbladen ${sheets.join(', ')}.${cut}`
    }

    case 'qdpx':
      return `Geschreven: ${r.file} — ${plural(r.sources, 'notitie', 'notities')}, ${plural(r.selections, 'gecodeerde passage', 'gecodeerde passages')}, ${plural(r.codes, 'code', 'codes')}, ${plural(r.users, 'gebruiker', 'gebruikers')}, ${plural(r.cases, 'casus', 'casussen')}${r.memos > 0 ? `, ${plural(r.memos, 'memo', "memo's")}` : ''}. Open het in ATLAS.ti, NVivo of MAXQDA met "importeren van een REFI-QDA-project".`

    case 'qdc':
      return `Geschreven: ${r.file} — het codeboek met ${plural(r.codes, 'code', 'codes')} (narratieven en thema's).`

    case 'bundle':
      return [`Bundel geschreven: ${r.file}${r.encrypted ? ' (versleuteld)' : ''}`, `  ${describeCounts(r.counts)}${r.since ? `, veranderd sinds ${r.since.includes('T') ? formatTimestamp(r.since) : formatDate(r.since)}` : ''}`].join('\n')
  }
}

/** What `karavaan import FILE.qdpx` did (or would do), with what it skipped. */
export function describeQdpxImport(file: string, r: QdpxImportReport): string {
  const lines = [
    `${r.dryRun ? 'Controle (er is niets opgeslagen)' : 'Ingelezen'}: ${file} — ${plural(r.notes, 'notitie', 'notities')} herkend, ${plural(r.tagged, 'nieuwe tag', 'nieuwe tags')}, ${r.existing} ${r.existing === 1 ? 'stond' : 'stonden'} er al.`,
  ]
  if (r.skippedSources.length > 0) {
    lines.push(`Overgeslagen ${r.skippedSources.length === 1 ? 'tekst' : 'teksten'} (geen notitie uit deze kit, of gewijzigd):`)
    for (const s of r.skippedSources.slice(0, 20)) lines.push(`  - ${s.name}: ${s.reason}`)
    if (r.skippedSources.length > 20) lines.push(`  … en nog ${r.skippedSources.length - 20}`)
  }

  if (r.skippedCodes.length > 0) lines.push(`Overgeslagen codes (geen narratief of thema van de methode): ${r.skippedCodes.join(', ')}.`)
  return lines.join('\n')
}

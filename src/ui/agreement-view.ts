import {agreementVerdict, type AgreementReport, mainMeasure} from '../analysis/agreement.js'
import {shortId} from '../records/ids.js'
import type {Note} from '../model/note.js'
import type {Study} from '../study/load.js'
import {halteplaatsName} from '../study/lookup.js'
import {KIT} from '../tagging/agreement.js'
import {DEFAULT_THRESHOLD} from '../tagging/suggest.js'
import {subjectOf} from './note-view.js'
import {renderTable} from './table.js'
import {plural} from '../model/plural.js'

const SHOWN = 25

/** The agreement as a Dutch table with a verdict (Landis and Koch), then what to discuss. */
export function renderAgreement(study: Study, report: AgreementReport, noteOf: (id: string) => Note): string {
  const method = study.methodDefinition
  if (report.units === 0) {
    return `Er zijn nog geen notities die door twee of meer van deze codeurs (${report.coders.join(', ')}) zijn gecodeerd.\nLaat een tweede codeur taggen met karavaan tag add, tag import of tag review.`
  }

  const value = (n: null | number) => (n === null ? '–' : n.toFixed(2).replace('.', ','))
  const two = report.coders.length === 2
  const main = (row: {alpha: null | number; kappa: null | number}) => mainMeasure(report, row)
  const row = (label: string, r: {alpha: null | number; kappa: null | number; observed: number}) => [label, `${Math.round(r.observed * 100)}%`, value(main(r)), agreementVerdict(main(r)), ...(two ? [value(r.alpha)] : [])]
  const lines = [
    `Codeurs: ${report.coders.join(', ')} · ${plural(report.units, 'notitie', 'notities')} door meer dan één van hen gecodeerd`,
    ...(report.coders.includes(KIT) ? [`${KIT}: de voorstellen van karavaan tag suggest (drempel ${DEFAULT_THRESHOLD.toFixed(2).replace('.', ',')})`] : []),
    '',
    renderTable(
      ['narratief', 'eens', two ? 'kappa' : 'alpha', 'oordeel', ...(two ? ['alpha'] : [])],
      [
        ...report.perNarrative.map((r) => {
          const n = method.narratives.find((x) => x.id === r.narrative)!
          return row(`${n.number}. ${n.short}`, r)
        }),
        row('alles samen', report.overall),
      ],
      {align: ['left', 'right', 'right', 'left', 'right']},
    ),
  ]
  if (report.disagreements.length > 0) {
    lines.push('', `Om te bespreken (${report.disagreements.length}):`)
    for (const d of report.disagreements.slice(0, SHOWN)) {
      const note = noteOf(d.note)
      const n = method.narratives.find((x) => x.id === d.narrative)!
      lines.push(`  - ${shortId(note.id)} (${halteplaatsName(study, note.halteplaats)}, ${subjectOf(study, note)}): ${n.number}. ${n.short} — wel: ${d.tagged.join(', ')}; niet: ${d.notTagged.join(', ')}`)
    }

    if (report.disagreements.length > SHOWN) lines.push(`  … en nog ${report.disagreements.length - SHOWN}; alles staat in --json.`)
  }

  return lines.join('\n')
}

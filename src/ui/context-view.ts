import type {ContextAnalysis} from '../analysis/context.js'
import {plural} from '../model/plural.js'
import {shortId} from '../records/ids.js'
import {formatNumber} from './table.js'

/** analyse context as a person reads it: per halteplaats what was heard, what the figures say, and who cited them. */
export function renderContextAnalysis(analysis: ContextAnalysis): string {
  const lines: string[] = []
  for (const h of analysis.halteplaatsen) {
    lines.push(`${h.name} (${h.gemeente}, ${h.type}) — ${plural(h.notes, 'notitie', 'notities')}`)
    const heard = h.narratives.filter((n) => n.count > 0).sort((a, b) => b.count - a.count)
    lines.push(`  Gehoord: ${heard.length === 0 ? 'nog geen narratieven getagd' : heard.map((n) => `${n.label} ${n.count} (${Math.round(n.share * 100)}%)`).join(' · ')}`)
    if (h.figures.length === 0) {
      lines.push('  Cijfers: nog geen. Voeg ze toe met karavaan context add of karavaan context import BESTAND.csv.')
    } else {
      lines.push('  Cijfers:')
      for (const f of h.figures) {
        lines.push(`    ${f.indicator} (${f.year}): ${`${formatNumber(f.value)} ${f.unit}`.trimEnd()} — bron: ${f.source}`)
        if (f.findings.length === 0) lines.push('      nog door geen bevinding genoemd')
        for (const c of f.findings) lines.push(`      ${c.verdictLabel}: bevinding ${shortId(c.id)} ${c.title}`)
      }
    }

    lines.push('')
  }

  if (analysis.withoutFigures.length === 0) {
    lines.push('Bevindingen zonder cijfers: geen; elke bevinding is aan een contextcijfer getoetst.')
  } else {
    lines.push(`Bevindingen zonder cijfers (${analysis.withoutFigures.length}):`)
    for (const f of analysis.withoutFigures) lines.push(`  ${shortId(f.id)}  ${f.title}`)
    lines.push('Toets ze met: karavaan finding edit ID --context ID:bevestigt (of :nuanceert, :spreekt-tegen)')
  }

  return lines.join('\n')
}

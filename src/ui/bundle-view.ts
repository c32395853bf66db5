import {capitalise, everyKind, KINDS} from '../model/kinds.js'
import {shortId} from '../records/ids.js'
import type {Conflict} from '../exchange/bundle/conflicts.js'
import type {MergedBundle, MergeReport} from '../exchange/bundle/merge.js'
import {formatDate, formatTimestamp} from '../parse/date.js'
import {plural} from '../model/plural.js'

/** Per part of a bundle: one record, several. */
const LABELS: Record<string, readonly [string, string]> = {
  advice: KINDS.advice.labels.versions,
  codings: ['codering', 'coderingen'],
  context: ['versie van een contextcijfer', 'versies van contextcijfers'],
  findings: KINDS.finding.labels.versions,
  notes: KINDS.note.labels.versions,
  plan: ['versie van de planning', 'versies van de planning'],
  reflections: KINDS.reflection.labels.versions,
  rejections: ['afgewezen voorstel', 'afgewezen voorstellen'],
  tags: ['tag', 'tags'],
}

/** "12 notitieversies, 30 tags, 4 coderingen": the parts that hold records, in Dutch. */
export function describeCounts(counts: Record<string, number>): string {
  const parts = Object.entries(counts)
    .filter(([kind]) => kind in LABELS)
    .map(([kind, n]) => `${n} ${LABELS[kind][n === 1 ? 0 : 1]}`)
  return parts.length > 0 ? parts.join(', ') : 'niets'
}

export function renderMergeReport(report: MergeReport): string {
  const lines = report.bundles.map((bundle) => {
    const total = Object.values(bundle.added).reduce((sum, n) => sum + n, 0)
    const from = `van laptop ${shortId(bundle.device)}, gemaakt ${formatTimestamp(bundle.createdAt)}`
    const privacy = bundlePrivacyLine(bundle.privacy)
    if (total === 0) return `${bundle.file} (${from}): niets nieuws${bundle.mergedBefore ? `; al ingelezen op ${formatTimestamp(bundle.mergedBefore)}` : ''}.${privacy}`
    return `${bundle.file} (${from}): nieuw of bijgewerkt: ${describeCounts(Object.fromEntries(Object.entries(bundle.added).filter(([, n]) => n > 0)))}.${privacy}`
  })
  if (report.conflicts > 0) {
    const what = report.conflicts === 1 ? `Eén ${everyKind('singular')} is` : `${report.conflicts} ${everyKind('plural')} zijn`
    lines.push(
      '',
      `${what} op twee laptops verschillend bewerkt; beide versies zijn bewaard.`,
      'Bekijk ze met: karavaan conflicts',
    )
  }

  return lines.join('\n')
}

/** What the sender chose at the privacy gate, as its manifest says; nothing when no choice was made. */
export function bundlePrivacyLine(privacy: MergedBundle['privacy']): string {
  if (!privacy) return ''
  const who = privacy.by ? ` door ${privacy.by}` : ''
  if (privacy.choice === 'pseudonymise') {
    return `\n  Gemaakt met --pseudonymise${who}: ${plural(privacy.found, 'mogelijk persoonsgegeven staat', 'mogelijke persoonsgegevens staan')} er als plaatshouder in ([naam] …). Wat hier al stond, blijft zoals het was; nieuwe versies uit deze bundel hebben de plaatshouders.`
  }

  return `\n  Gemaakt met --allow-personal-data${who}: er ${privacy.found === 1 ? 'gaat' : 'gaan'} ${plural(privacy.found, 'mogelijk persoonsgegeven', 'mogelijke persoonsgegevens')} in mee (${privacy.kinds.join(', ')}), bewust.`
}

export function renderConflicts(conflicts: Conflict[]): string {
  if (conflicts.length === 0) return 'Geen conflicten: elke notitie, bevinding, elk reflectiegesprek, advies, contextcijfer en gesprek in de planning heeft één huidige versie.'
  const blocks = conflicts.map((conflict) => {
    const versions = conflict.versions.map((v) => {
      const head = `  ${shortId(v.id)}  versie ${v.version} · ${formatTimestamp(v.changedAt)}${v.changedBy ? ` · door ${v.changedBy}` : ''} · laptop ${shortId(v.device)}${v.current ? ' · nu getoond' : ''}`
      const title = conflict.kind === KINDS.note.labels.singular ? '' : `      ${conflict.kind === KINDS.reflection.labels.singular ? reflectionTitle(v.title) : v.title}\n`
      const body = v.change === 'verwijderd' ? '      (naar de prullenbak verplaatst)' : excerpt(v.text)
      return `${head}\n${title}${body}`
    })
    return [`${capitalise(conflict.kind)} ${shortId(conflict.id)}: ${conflict.versions.length} versies`, ...versions].join('\n')
  })
  return [
    ...blocks,
    `${conflicts.length === 1 ? 'Eén conflict' : `${conflicts.length} conflicten`}. Los op met: karavaan conflicts resolve ID --choose VERSIE (of --text BESTAND met een samengevoegde tekst).`,
  ].join('\n\n')
}

function excerpt(text: string): string {
  const flat = text.replaceAll(/\s+/g, ' ').trim()
  return `      ${flat.length > 160 ? `${flat.slice(0, 157)}…` : flat}`
}

/** A reflection's title is the kit's own "halteplaats · 2026-10-15": its date as the kit shows dates. */
function reflectionTitle(title: string): string {
  return title.replace(/\d{4}-\d{2}-\d{2}$/, (iso) => formatDate(iso))
}

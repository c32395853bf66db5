import type {GateSummary} from '../privacy/gate.js'

/**
 * What the privacy gate let through, after an export or a report was written: one line for
 * stdout (placeholders written) and remarks for stderr ("Let op: …"); nothing without hits.
 */
export function describeGate(summary: GateSummary | undefined, what: 'bundel' | 'bestand' | 'rapport'): {lines: string[]; notices: string[]} {
  const lines: string[] = []
  const notices: string[] = []
  if (!summary) return {lines, notices}
  const count = (n: number) => `${n} ${n === 1 ? 'mogelijk persoonsgegeven' : 'mogelijke persoonsgegevens'}`
  if (summary.choice === 'pseudonymise') {
    lines.push(`${count(summary.hits.length)} in ${what === 'rapport' ? 'het rapport' : what === 'bundel' ? 'de bundel' : 'het bestand'} vervangen door een plaatshouder; de studie zelf is niet veranderd.`)
  } else {
    if (summary.choice === 'allow') notices.push(`geschreven mét ${count(summary.found)}; je koos ervoor en dat is vastgelegd (zie karavaan status).`)
    if (summary.kept > 0) {
      notices.push(`${count(summary.kept)} ${summary.kept === 1 ? 'gaat' : 'gaan'} mee in versies waarbij eerder is vastgelegd dat ze persoonsgegevens mogen bevatten (--allow-personal-data); deel de ${what} alleen met wie ze mag lezen.`)
    }
  }

  return {lines, notices}
}

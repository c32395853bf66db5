import type {Study} from '../study/load.js'

/**
 * "moeder, halteplaats Wendelo": how a quote or a piece of evidence is attributed, by the group's
 * type (or the kind of observation) and the halteplaats only. Respondents were promised that
 * nothing else about them (no interviewer, date or role) goes with their words.
 */
export function attribution(study: Study, source: {activity: null | string; group: null | string; halteplaats: string}): string {
  const method = study.methodDefinition
  const who = source.group
    ? (method.groups.find((g) => g.id === source.group)?.quoteLabel ?? source.group)
    : (method.activities.find((a) => a.id === source.activity)?.name.toLowerCase() ?? source.activity ?? '')
  const where = study.halteplaatsen.find((h) => h.id === source.halteplaats)?.name ?? source.halteplaats
  return `${who}, halteplaats ${where}`
}

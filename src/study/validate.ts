import {HALTEPLAATS_COUNT} from '../method/contract.js'
import type {FileProblem} from '../parse/yaml.js'
import type {StudyFile} from './schema.js'

/** The rules of a study that a schema cannot express: counts, unique ids, a period that runs forward. */
export function studyProblems(study: StudyFile): FileProblem[] {
  const problems: FileProblem[] = []
  if (study.halteplaatsen.length !== HALTEPLAATS_COUNT) {
    problems.push({
      field: 'halteplaatsen',
      path: ['halteplaatsen'],
      message: `een Karavaan heeft precies ${HALTEPLAATS_COUNT} halteplaatsen, deze studie heeft er ${study.halteplaatsen.length}`,
    })
  }

  for (const [field, items] of [
    ['halteplaatsen', study.halteplaatsen],
    ['team', study.team],
  ] as const) {
    const seen = new Set<string>()
    for (const [i, item] of items.entries()) {
      if (seen.has(item.id)) problems.push({field: `${field}[${i + 1}].id`, message: `de id ${item.id} komt twee keer voor; elke id moet uniek zijn`, path: [field, i, 'id']})
      seen.add(item.id)
    }
  }

  if (study.period.start > study.period.end) {
    problems.push({field: 'period', message: `de periode begint (${study.period.start}) na het einde (${study.period.end})`, path: ['period']})
  }

  return problems
}

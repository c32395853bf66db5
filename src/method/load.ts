import {fileError, type FileProblem, parseYaml} from '../parse/yaml.js'
import {ACTIVITY_IDS, AUDIENCE_IDS, GROUP_IDS, HALTEPLAATS_COUNT, NARRATIVE_IDS, PHASE_IDS} from './contract.js'
import {exampleProblems} from './examples.js'
import {patternProblem} from './patterns.js'
import {readMethodText} from './read.js'
import {type Method, methodSchema} from './schema.js'

export {BUILT_IN_METHOD, methodPath, METHODS_DIR} from './path.js'

export function loadMethod(file: string): Method {
  return parseMethodText(readMethodText(file), file)
}

export function parseMethodText(text: string, file: string): Method {
  return checkMethod(parseYaml(text, methodSchema, file), file)
}

/**
 * The method's fixed parts may be relabelled in a copy, never dropped or renumbered: the eight
 * groups and five narratives are what makes halteplaatsen and studies comparable.
 */
export function checkMethod(method: Method, file: string): Method {
  const problems: FileProblem[] = []
  const exact = (field: string, got: string[], want: readonly string[], what: string) => {
    const missing = want.filter((id) => !got.includes(id))
    const extra = got.filter((id) => !want.includes(id))
    if (missing.length > 0) problems.push({field, message: `${what} ontbreken: ${missing.join(', ')}. Deze liggen vast in de methode.`})
    if (extra.length > 0) problems.push({field, message: `onbekende ${what}: ${extra.join(', ')}. Alleen ${want.join(', ')} horen erbij.`})
  }

  exact('groups', method.groups.map((g) => g.id), GROUP_IDS, 'groepen')
  exact('narratives', method.narratives.map((n) => n.id), NARRATIVE_IDS, 'narratieven')
  exact('phases', method.phases.map((p) => p.id), PHASE_IDS, 'stappen')
  exact('audiences', method.audiences.map((a) => a.id), AUDIENCE_IDS, 'doelgroepen')
  const missingActivities = ACTIVITY_IDS.filter((id) => !method.activities.some((a) => a.id === id))
  if (missingActivities.length > 0) {
    problems.push({field: 'activities', message: `observaties ontbreken: ${missingActivities.join(', ')}. Je mag er toevoegen, niet weghalen.`})
  }

  method.groups.forEach((group, i) => {
    const want = GROUP_IDS.indexOf(group.id as never) + 1
    if (want > 0 && group.number !== want) problems.push({field: `groups[${i + 1}].number`, message: `groep ${group.id} heeft nummer ${want} in de methode, niet ${group.number}`})
  })
  method.narratives.forEach((narrative, i) => {
    const want = NARRATIVE_IDS.indexOf(narrative.id as never) + 1
    if (want > 0 && narrative.number !== want) problems.push({field: `narratives[${i + 1}].number`, message: `narratief ${narrative.id} heeft nummer ${want} in de methode, niet ${narrative.number}`})
  })
  // A slot may name a word list; only here are the lists known.
  method.narratives.forEach((narrative, i) => {
    narrative.patterns.forEach((pattern, j) => {
      const problem = patternProblem(pattern, method.wordLists)
      if (problem) problems.push({field: `narratives[${i + 1}].patterns[${j + 1}]`, message: `patroon "${pattern.name}" ${problem}`})
    })
  })
  if (method.halteplaatsen !== HALTEPLAATS_COUNT) {
    problems.push({field: 'halteplaatsen', message: `de Karavaan werkt met precies ${HALTEPLAATS_COUNT} halteplaatsen`})
  }

  for (const [field, items] of Object.entries({activities: method.activities, frames: method.frames, themes: method.themes})) {
    const seen = new Set<string>()
    for (const item of items) {
      if (seen.has(item.id)) problems.push({field, message: `de id ${item.id} staat er twee keer in`})
      seen.add(item.id)
    }
  }

  problems.push(...exampleProblems(method.examples, method, 'examples'))

  if (problems.length > 0) throw fileError(file, problems)
  // Keep the method's own order for display: by number for groups and narratives.
  method.groups.sort((a, b) => a.number - b.number)
  method.narratives.sort((a, b) => a.number - b.number)
  return method
}

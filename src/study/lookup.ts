import {UserError} from '../errors.js'
import type {Method} from '../method/schema.js'
import type {Study} from './load.js'

type MethodPart = {id: string; number: number}

/** "a, b of c": the valid choices, for a message that says what the user could have typed. */
export function describeChoice(ids: readonly string[]): string {
  if (ids.length <= 1) return ids.join('')
  return `${ids.slice(0, -1).join(', ')} of ${ids.at(-1)}`
}

export function requireHalteplaats(study: Study, id: string, flag = '--halteplaats'): string {
  if (study.halteplaatsen.some((h) => h.id === id)) return id
  throw new UserError(`Onbekende halteplaats "${id}" (${flag}).`, {hint: `Kies uit: ${describeChoice(study.halteplaatsen.map((h) => h.id))}.`})
}

/** A group by its id or its number 1-8, as users may type either. */
export function findGroup(method: Method, value: string): MethodPart | undefined {
  return method.groups.find((g) => g.id === value || String(g.number) === value)
}

/** A narrative by its id or its number 1-5. */
export function findNarrative(method: Method, value: string): MethodPart | undefined {
  return method.narratives.find((n) => n.id === value || String(n.number) === value)
}

export function requireGroup(study: Study, id: string, flag = '--group'): string {
  const groups = study.methodDefinition.groups
  const group = findGroup(study.methodDefinition, id)
  if (group) return group.id
  throw new UserError(`Onbekende groep "${id}" (${flag}).`, {hint: `Kies uit: ${describeChoice(groups.map((g) => g.id))} (of het nummer 1-8).`})
}

export function requireActivity(study: Study, id: string, flag = '--activity'): string {
  const activities = study.methodDefinition.activities
  if (activities.some((a) => a.id === id)) return id
  throw new UserError(`Onbekende observatie "${id}" (${flag}).`, {hint: `Kies uit: ${describeChoice(activities.map((a) => a.id))}.`})
}

/** A theme id of the method, as typed after `flag`. */
export function requireTheme(study: Study, id: string, flag = '--theme'): string {
  const themes = study.methodDefinition.themes
  if (themes.some((t) => t.id === id)) return id
  throw new UserError(`Onbekend thema "${id}" (${flag}).`, {hint: `Kies uit: ${describeChoice(themes.map((t) => t.id))}.`})
}

/** A narrative by its id or number 1-5, as typed after `flag`; returns the id. */
export function requireNarrative(study: Study, value: string, flag = '--narrative'): string {
  const found = findNarrative(study.methodDefinition, value)
  if (found) return found.id
  throw new UserError(`Onbekend narratief "${value}" (${flag}).`, {hint: `Kies uit: ${describeChoice(study.methodDefinition.narratives.map((n) => n.id))}, of een nummer 1-5.`})
}

/** An audience of the advice (gemeenten, professionals, rijksoverheid), as typed after `flag`. */
export function requireAudience(study: Study, id: string, flag = '--audience'): string {
  const audiences = study.methodDefinition.audiences
  if (audiences.some((a) => a.id === id)) return id
  throw new UserError(`Onbekende doelgroep "${id}" (${flag}).`, {hint: `Kies uit: ${describeChoice(audiences.map((a) => a.id))}.`})
}

export function halteplaatsName(study: Study, id: string): string {
  return study.halteplaatsen.find((h) => h.id === id)?.name ?? id
}

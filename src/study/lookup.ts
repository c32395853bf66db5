import {UserError} from '../errors.js'
import type {Method} from '../method/schema.js'
import type {Study} from './load.js'

type MethodPart = {id: string; number: number}

/** "a, b of c": the valid choices, for a message that says what the user could have typed. */
export function describeChoice(ids: readonly string[]): string {
  if (ids.length <= 1) return ids.join('')
  return `${ids.slice(0, -1).join(', ')} of ${ids.at(-1)}`
}

/** A group by its id or its number 1-8, as users may type either. */
export function findGroup(method: Method, value: string): MethodPart | undefined {
  return method.groups.find((g) => g.id === value || String(g.number) === value)
}

/** A narrative by its id or its number 1-5. */
export function findNarrative(method: Method, value: string): MethodPart | undefined {
  return method.narratives.find((n) => n.id === value || String(n.number) === value)
}

/** The kinds of codes a user types: the study's halteplaatsen and the parts of the method. */
export type CodePart = 'activity' | 'audience' | 'frame' | 'group' | 'halteplaats' | 'narrative' | 'theme'

interface CodeRule {
  ids(study: Study): string[]
  /** The id `value` stands for; groups and narratives may also be typed as their number. */
  find(study: Study, value: string): string | undefined
  /** The message after a flag ("Onbekend thema "x" (--theme)."), and what its hint adds after the choices. */
  flag?: {after: string; name: string; unknown: string}
  /** The message for a field of a note, finding or advice, after "field: ". */
  field(value: string, choices: string): string
}

const byId = (ids: (study: Study) => string[]) => (study: Study, value: string) => (ids(study).includes(value) ? value : undefined)
const unknown = (value: string, choices: string) => `"${value}" is onbekend; kies uit ${choices}`

// Every message about an unknown code comes from here, so the same mistake reads the same after a
// flag, in front matter, in a YAML file or in a CSV row.
const RULES: Record<CodePart, CodeRule> = {
  activity: {
    field: unknown,
    find: byId((s) => s.methodDefinition.activities.map((a) => a.id)),
    flag: {after: '', name: '--activity', unknown: 'Onbekende observatie'},
    ids: (s) => s.methodDefinition.activities.map((a) => a.id),
  },
  audience: {
    field: unknown,
    find: byId((s) => s.methodDefinition.audiences.map((a) => a.id)),
    flag: {after: '', name: '--audience', unknown: 'Onbekende doelgroep'},
    ids: (s) => s.methodDefinition.audiences.map((a) => a.id),
  },
  frame: {
    field: (value, choices) => `"${value}" is geen kader van de methode; kies uit ${choices}`,
    find: byId((s) => s.methodDefinition.frames.map((f) => f.id)),
    ids: (s) => s.methodDefinition.frames.map((f) => f.id),
  },
  group: {
    field: (value, choices) => `${unknown(value, choices)} (of 1-8)`,
    find: (s, value) => findGroup(s.methodDefinition, value)?.id,
    flag: {after: ' (of het nummer 1-8)', name: '--group', unknown: 'Onbekende groep'},
    ids: (s) => s.methodDefinition.groups.map((g) => g.id),
  },
  halteplaats: {
    field: unknown,
    find: byId((s) => s.halteplaatsen.map((h) => h.id)),
    flag: {after: '', name: '--halteplaats', unknown: 'Onbekende halteplaats'},
    ids: (s) => s.halteplaatsen.map((h) => h.id),
  },
  narrative: {
    field: (value, choices) => `"${value}" is geen narratief; kies uit ${choices} (of 1-5)`,
    find: (s, value) => findNarrative(s.methodDefinition, value)?.id,
    flag: {after: ', of een nummer 1-5', name: '--narrative', unknown: 'Onbekend narratief'},
    ids: (s) => s.methodDefinition.narratives.map((n) => n.id),
  },
  theme: {
    field: (value, choices) => `"${value}" is geen thema van de methode; kies uit ${choices}`,
    find: byId((s) => s.methodDefinition.themes.map((t) => t.id)),
    flag: {after: '', name: '--theme', unknown: 'Onbekend thema'},
    ids: (s) => s.methodDefinition.themes.map((t) => t.id),
  },
}

/** "a, b of c": the ids a user may choose from for `part`. */
export function codeChoices(study: Study, part: CodePart): string {
  return describeChoice(RULES[part].ids(study))
}

/** The id `value` stands for (groups and narratives also by number), or undefined when it is unknown. */
export function findCode(study: Study, part: CodePart, value: string): string | undefined {
  return RULES[part].find(study, value)
}

export type CodeCheck = {id: string; problem?: undefined} | {id?: undefined; problem: string}

/**
 * A code typed in a field (front matter, YAML, a CSV column): its id, or the problem to report
 * after the field's name ("\"x\" is geen thema van de methode; kies uit …").
 */
export function checkCode(study: Study, part: CodePart, value: string): CodeCheck {
  const id = RULES[part].find(study, value)
  return id === undefined ? {problem: RULES[part].field(value, codeChoices(study, part))} : {id}
}

/** The field-level problem with `value`, or undefined when it is a known code. */
export function codeProblem(study: Study, part: CodePart, value: string): string | undefined {
  return checkCode(study, part, value).problem
}

/** A code typed after a flag: its id, or a UserError that names the flag and the choices. */
export function requireCode(study: Study, part: Exclude<CodePart, 'frame'>, value: string, flag?: string): string {
  const rule = RULES[part]
  const id = rule.find(study, value)
  if (id !== undefined) return id
  const {after, name, unknown} = rule.flag!
  throw new UserError(`${unknown} "${value}" (${flag ?? name}).`, {hint: `Kies uit: ${codeChoices(study, part)}${after}.`})
}

export function requireHalteplaats(study: Study, id: string, flag = '--halteplaats'): string {
  return requireCode(study, 'halteplaats', id, flag)
}

/** A group by its id or number 1-8, as typed after `flag`; returns the id. */
export function requireGroup(study: Study, id: string, flag = '--group'): string {
  return requireCode(study, 'group', id, flag)
}

export function requireActivity(study: Study, id: string, flag = '--activity'): string {
  return requireCode(study, 'activity', id, flag)
}

/** A theme id of the method, as typed after `flag`. */
export function requireTheme(study: Study, id: string, flag = '--theme'): string {
  return requireCode(study, 'theme', id, flag)
}

/** A narrative by its id or number 1-5, as typed after `flag`; returns the id. */
export function requireNarrative(study: Study, value: string, flag = '--narrative'): string {
  return requireCode(study, 'narrative', value, flag)
}

/** An audience of the advice (gemeenten, professionals, rijksoverheid), as typed after `flag`. */
export function requireAudience(study: Study, id: string, flag = '--audience'): string {
  return requireCode(study, 'audience', id, flag)
}

export function halteplaatsName(study: Study, id: string): string {
  return study.halteplaatsen.find((h) => h.id === id)?.name ?? id
}

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
export type CodePart = 'activity' | 'audience' | 'example' | 'frame' | 'group' | 'halteplaats' | 'narrative' | 'theme'

interface CodeRule {
  ids(study: Study): string[]
  /** Each code with the words the kit shows for it: the label of lists first, then its other names. */
  labels(study: Study): Array<{id: string; names: string[]}>
  /** What one code of this part is called, in "past bij meer dan één thema". */
  noun: string
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
    labels: (s) => s.methodDefinition.activities.map((a) => ({id: a.id, names: [a.name]})),
    noun: 'observatie',
  },
  audience: {
    field: unknown,
    find: byId((s) => s.methodDefinition.audiences.map((a) => a.id)),
    flag: {after: '', name: '--audience', unknown: 'Onbekende doelgroep'},
    ids: (s) => s.methodDefinition.audiences.map((a) => a.id),
    labels: (s) => s.methodDefinition.audiences.map((a) => ({id: a.id, names: [a.name]})),
    noun: 'doelgroep',
  },
  example: {
    // The list is long (and a study adds its own): the message points at where to read it.
    field: (value) => `"${value}" is geen instrument of voorbeeld van de methode of de studie; zie de lijst met karavaan method show`,
    find: byId((s) => (s.methodDefinition.examples ?? []).map((e) => e.id)),
    ids: (s) => (s.methodDefinition.examples ?? []).map((e) => e.id),
    labels: (s) => (s.methodDefinition.examples ?? []).map((e) => ({id: e.id, names: [e.name]})),
    noun: 'voorbeeld',
  },
  frame: {
    field: (value, choices) => `"${value}" is geen kader van de methode; kies uit ${choices}`,
    find: byId((s) => s.methodDefinition.frames.map((f) => f.id)),
    ids: (s) => s.methodDefinition.frames.map((f) => f.id),
    labels: (s) => s.methodDefinition.frames.map((f) => ({id: f.id, names: [f.name]})),
    noun: 'kader',
  },
  group: {
    field: (value, choices) => `${unknown(value, choices)} (of 1-8)`,
    find: (s, value) => findGroup(s.methodDefinition, value)?.id,
    flag: {after: ' (of het nummer 1-8)', name: '--group', unknown: 'Onbekende groep'},
    ids: (s) => s.methodDefinition.groups.map((g) => g.id),
    labels: (s) => s.methodDefinition.groups.map((g) => ({id: g.id, names: [g.short, g.quoteLabel, g.name]})),
    noun: 'groep',
  },
  halteplaats: {
    field: unknown,
    find: byId((s) => s.halteplaatsen.map((h) => h.id)),
    flag: {after: '', name: '--halteplaats', unknown: 'Onbekende halteplaats'},
    ids: (s) => s.halteplaatsen.map((h) => h.id),
    labels: (s) => s.halteplaatsen.map((h) => ({id: h.id, names: [h.name]})),
    noun: 'halteplaats',
  },
  narrative: {
    field: (value, choices) => `"${value}" is geen narratief; kies uit ${choices} (of 1-5)`,
    find: (s, value) => findNarrative(s.methodDefinition, value)?.id,
    flag: {after: ', of een nummer 1-5', name: '--narrative', unknown: 'Onbekend narratief'},
    ids: (s) => s.methodDefinition.narratives.map((n) => n.id),
    labels: (s) => s.methodDefinition.narratives.map((n) => ({id: n.id, names: [n.short, n.name]})),
    noun: 'narratief',
  },
  theme: {
    field: (value, choices) => `"${value}" is geen thema van de methode; kies uit ${choices}`,
    find: byId((s) => s.methodDefinition.themes.map((t) => t.id)),
    flag: {after: '', name: '--theme', unknown: 'Onbekend thema'},
    ids: (s) => s.methodDefinition.themes.map((t) => t.id),
    labels: (s) => s.methodDefinition.themes.map((t) => ({id: t.id, names: [t.short, t.name]})),
    noun: 'thema',
  },
}

/*
 * Names. Besides its id (and a group's or narrative's number) a code may be typed as the words
 * the kit shows for it: "scholieren" for schoolklas, "De Vlonders" or "vlonders" for a
 * halteplaats. Case, accents and punctuation do not count. A name only counts when it points at
 * one code; otherwise the user is shown the candidates, never a guess.
 */

/** Words that say nothing about which code is meant ("de" in "De Vlonders"). */
const FILLER = new Set(['aan', 'bij', 'de', 'den', 'der', 'een', 'en', 'het', 'in', 'met', 'naar', 'of', 'op', 't', 'te', 'uit', 'van', 'voor'])
/** A typed word this long may stand for a longer one ("voetbal" for voetbalclub). */
const MIN_PREFIX = 4

/** "De Vlonders!" as "de vlonders": lower case, no accents, only letters and digits. */
export function foldName(text: string): string {
  return text
    .normalize('NFD')
    .replaceAll(/\p{M}/gu, '')
    .toLowerCase()
    .replaceAll(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
}

interface Named {
  id: string
  part: CodePart
  /** What a message that offers this code as a candidate adds to its id. */
  shown?: string
  /** Its id and names, folded. */
  texts: string[]
  words: Set<string>
}

const namesCache = new WeakMap<Study, Map<CodePart, Named[]>>()

function namedCodes(study: Study, part: CodePart): Named[] {
  let byPart = namesCache.get(study)
  if (!byPart) namesCache.set(study, (byPart = new Map()))
  let named = byPart.get(part)
  if (!named) {
    named = RULES[part].labels(study).map(({id, names}) => {
      const texts = [id, ...names].map((text) => foldName(text)).filter(Boolean)
      // The first name that says more than the id: "schoolklas (scholieren)".
      const shown = names.find((name) => foldName(name) !== foldName(id))
      return {id, part, shown, texts, words: new Set(texts.flatMap((text) => text.split(' ')))}
    })
    byPart.set(part, named)
  }

  return named
}

type NameMatch = {candidates?: undefined; id: string; part: CodePart} | {candidates: Named[]; id?: undefined} | undefined

/**
 * The code `value` stands for among `parts` (in order: an exact id of the first part wins):
 * an id or number, else the one code whose name is `value`, else the one code whose names hold
 * every word of `value` (whole words before beginnings of words). Several: the candidates.
 */
function matchName(study: Study, parts: CodePart[], value: string): NameMatch {
  for (const part of parts) {
    const id = RULES[part].find(study, value)
    if (id !== undefined) return {id, part}
  }

  const folded = foldName(value)
  if (!folded) return undefined
  const all = parts.flatMap((part) => namedCodes(study, part))
  const pick = (found: Named[]): NameMatch => (found.length === 1 ? {id: found[0].id, part: found[0].part} : found.length > 1 ? {candidates: found} : undefined)
  const withoutFiller = (text: string) => text.split(' ').filter((word) => !FILLER.has(word)).join(' ')
  const bare = withoutFiller(folded)
  const exact = pick(all.filter((code) => code.texts.some((text) => text === folded || (bare !== '' && withoutFiller(text) === bare))))
  if (exact) return exact

  const words = folded.split(' ').filter((word) => !FILLER.has(word))
  if (words.length === 0) return undefined
  const whole = pick(all.filter((code) => words.every((word) => code.words.has(word))))
  if (whole) return whole
  const begins = (code: Named, word: string) => code.words.has(word) || (word.length >= MIN_PREFIX && [...code.words].some((w) => w.startsWith(word)))
  return pick(all.filter((code) => words.every((word) => begins(code, word))))
}

/** "onzichtbare-burger (Onzichtbaarheid van de burger) of ongehoorde-burger (Ongehoorde burgers)". */
function describeCandidates(candidates: Named[]): string {
  return describeChoice(candidates.map((c) => (c.shown ? `${c.id} (${c.shown})` : c.id)))
}

/** The message for a name that fits several codes; `flag` is the option it was typed after. */
function ambiguity(value: string, candidates: Named[], flag?: string): string {
  const nouns = [...new Set(candidates.map((c) => RULES[c.part].noun))]
  return `"${value}" past bij meer dan één ${nouns.join(' of ')}${flag ? ` (${flag})` : ''}: ${describeCandidates(candidates)}`
}

const AMBIGUOUS_HINT = 'Typ de id, of meer woorden van de naam.'

/** "a, b of c": the ids a user may choose from for `part`. */
export function codeChoices(study: Study, part: CodePart): string {
  return describeChoice(RULES[part].ids(study))
}

/**
 * The id `value` stands for (an id, a group's or narrative's number, or a name the kit shows for
 * one code), or undefined when it is unknown or could be more than one code.
 */
export function findCode(study: Study, part: CodePart, value: string): string | undefined {
  return matchName(study, [part], value)?.id
}

export type CodeCheck =
  | {candidates?: undefined; id: string; problem?: undefined}
  /** candidates: the ids `value` could stand for, when it is a name of more than one code. */
  | {candidates?: string[]; id?: undefined; problem: string}

/**
 * A code typed in a field (front matter, YAML, a CSV column): its id, or the problem to report
 * after the field's name ("\"x\" is geen thema van de methode; kies uit …").
 */
export function checkCode(study: Study, part: CodePart, value: string): CodeCheck {
  const match = matchName(study, [part], value)
  if (match?.candidates) return {candidates: match.candidates.map((c) => c.id), problem: `${ambiguity(value, match.candidates)}; typ de id`}
  return match ? {id: match.id} : {problem: RULES[part].field(value, codeChoices(study, part))}
}

/**
 * A code typed where it may be of more than one part (a tag's code: a narrative or a theme):
 * the part and id, undefined when it is none, or a UserError when it could be several.
 */
export function findCodeAmong(study: Study, parts: CodePart[], value: string): undefined | {id: string; part: CodePart} {
  const match = matchName(study, parts, value)
  if (match?.candidates) throw new UserError(`${ambiguity(value, match.candidates)}.`, {hint: AMBIGUOUS_HINT})
  return match
}

/** The field-level problem with `value`, or undefined when it is a known code. */
export function codeProblem(study: Study, part: CodePart, value: string): string | undefined {
  return checkCode(study, part, value).problem
}

/** A code typed after a flag: its id, or a UserError that names the flag and the choices. */
export function requireCode(study: Study, part: Exclude<CodePart, 'example' | 'frame'>, value: string, flag?: string): string {
  const rule = RULES[part]
  const match = matchName(study, [part], value)
  if (match?.candidates) throw new UserError(`${ambiguity(value, match.candidates, flag ?? rule.flag!.name)}.`, {hint: AMBIGUOUS_HINT})
  if (match) return match.id
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

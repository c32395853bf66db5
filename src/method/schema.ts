import * as v from 'valibot'

import {cueProblem} from './cue-syntax.js'
import {ID_PATTERN} from './contract.js'
import {patternProblem, wordListProblem} from './patterns.js'

const text = v.pipe(v.string(), v.trim(), v.minLength(1, 'mag niet leeg zijn'))
const id = v.pipe(v.string(), v.regex(ID_PATTERN, 'is geen geldige id: gebruik kleine letters, cijfers en streepjes'))

const part = {description: text, id, name: text}

/** A cue in the cue syntax of ./cue-syntax.ts; a mistake is reported with the cue quoted. */
const cueText = v.pipe(
  text,
  v.check((cue) => cueProblem(cue) === undefined, (issue) => cueProblem(String(issue.input)) ?? 'is geen geldige cue'),
)

/**
 * A cue is a plain string (weight DEFAULT_CUE_WEIGHT, enough on its own), or {cue, weight} for a
 * cue that should only count together with others (weight below the threshold) or more strongly.
 */
const cue = v.union([
  cueText,
  v.strictObject({
    cue: cueText,
    weight: v.pipe(v.number(), v.minValue(0, 'moet tussen 0 en 1 liggen'), v.maxValue(1, 'moet tussen 0 en 1 liggen')),
  }),
], 'moet een cue zijn: tekst tussen aanhalingstekens, of {cue: "…", weight: 0.5}')

/** A pattern of a narrative (./patterns.ts): slots of words and phrases that must all occur in one sentence. */
const pattern = v.pipe(
  v.strictObject({
    name: text,
    slots: v.array(v.array(text, 'moet een lijst van woorden of zinsdelen zijn'), 'moet een lijst van plekken zijn'),
    weight: v.optional(v.pipe(v.number(), v.minValue(0, 'moet tussen 0 en 1 liggen'), v.maxValue(1, 'moet tussen 0 en 1 liggen'))),
    window: v.optional(v.picklist([1, 2], 'moet 1 (één zin) of 2 (deze zin en de volgende) zijn')),
    ordered: v.optional(v.boolean('moet true of false zijn')),
  }),
  v.check((p) => patternProblem(p) === undefined, (issue) => `patroon "${(issue.input as {name?: string}).name ?? ''}" ${patternProblem(issue.input as never) ?? 'klopt niet'}`),
)

/** The two sorts of entry in `examples`: a way of working anyone can use, or what one place did. */
export const EXAMPLE_KINDS = ['instrument', 'voorbeeld'] as const

/**
 * An instrument or inspiring example an advice can cite ("zo deed Súdwest-Fryslân het"): what it
 * is, where it was done or who made it, the narratives and frames it answers, and the document it
 * comes from. The same shape in the method file and in a study's own list in study.yaml.
 */
export const exampleSchema = v.strictObject({
  frames: v.optional(v.array(id, 'moet een lijst van kader-id\'s zijn'), []),
  id,
  kind: v.picklist(EXAMPLE_KINDS, 'moet instrument of voorbeeld zijn'),
  name: text,
  narratives: v.optional(v.array(id, 'moet een lijst van narratief-id\'s zijn'), []),
  source: text,
  what: text,
  where: text,
})

export type MethodExample = v.InferOutput<typeof exampleSchema>

/** A named word list (./patterns.ts): a class of words and phrases that pattern slots share as "@name". */
const wordList = v.pipe(
  v.array(text, 'moet een lijst van woorden of zinsdelen zijn'),
  v.check((items) => wordListProblem(items) === undefined, (issue) => wordListProblem(issue.input as string[]) ?? 'klopt niet'),
)

export const methodSchema = v.strictObject({
  activities: v.array(v.strictObject({...part})),
  audiences: v.array(v.strictObject({...part})),
  description: text,
  frames: v.optional(
    v.array(v.strictObject({...part, kind: v.picklist(['route', 'handelingsperspectief', 'participatie', 'les', 'kader'])})),
    [],
  ),
  /** Instruments and inspiring examples (seeds 001 and 003); optional in a copy made before they existed. */
  examples: v.optional(v.array(exampleSchema), []),
  groups: v.array(
    v.strictObject({
      ...part,
      number: v.pipe(v.number(), v.integer('moet een geheel getal zijn')),
      quoteLabel: text,
      short: text,
    }),
  ),
  halteplaatsen: v.pipe(v.number(), v.integer('moet een geheel getal zijn')),
  id,
  name: text,
  narratives: v.array(
    v.strictObject({
      ...part,
      cues: v.optional(v.array(cue), []),
      number: v.pipe(v.number(), v.integer('moet een geheel getal zijn')),
      patterns: v.optional(v.array(pattern), []),
      short: text,
      voice: text,
    }),
  ),
  phases: v.array(v.strictObject({...part})),
  /** Who may take part in a reflection meeting, by role (never by name). */
  reflectionRoles: v.optional(v.array(v.strictObject({...part})), []),
  themes: v.pipe(
    v.array(v.strictObject({...part, questions: v.optional(v.array(text), []), short: text})),
    v.minLength(1, 'moet minstens één thema bevatten'),
  ),
  version: v.number(),
  /** Word lists that pattern slots refer to as "@name": one semantic class per name. */
  wordLists: v.optional(v.record(id, wordList), {}),
})

export type Method = v.InferOutput<typeof methodSchema>
export type MethodCue = Method['narratives'][number]['cues'][number]

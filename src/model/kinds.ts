/*
 * The four kinds of versioned records and how the kit names them in Dutch. Plain data without
 * imports, so the store, the exchange code and the commands can all read it. The id is the spelling
 * in code, the database and bundles; the topic is what a user types (`karavaan reflect list`); the
 * labels are what a user reads. Behaviour that needs the store lives in src/records/ (every kind)
 * and src/material/kinds.ts (the material's kinds).
 */

export interface KindLabels {
  /** Definite article: "de bevinding", "het advies". */
  article: 'de' | 'het'
  /** The singular at the start of a sentence: "Bevinding 3f9a21c7 is teruggezet." */
  capital: string
  /** Object pronoun: "adviezen die ernaar verwijzen tonen haar niet meer". */
  object: 'haar' | 'het'
  plural: string
  /** Possessive pronoun: "met al haar versies", "met al zijn versies". */
  possessive: 'haar' | 'zijn'
  singular: string
  /** Subject pronoun: "ze telt dan niet meer mee", "zoals het was". */
  subject: 'het' | 'ze'
  /** A version of one record, as a bundle counts them: one, several. */
  versions: readonly [string, string]
}

export interface KindInfo {
  id: KindId
  labels: KindLabels
  /** The oclif topic of its commands. */
  topic: string
}

export const KIND_IDS = ['note', 'finding', 'reflection', 'advice'] as const
export type KindId = (typeof KIND_IDS)[number]
/** The material of the advisory report: every kind except notes. */
export type MaterialKindId = Exclude<KindId, 'note'>
export const MATERIAL_KIND_IDS: readonly MaterialKindId[] = ['finding', 'reflection', 'advice']

const she = {object: 'haar', possessive: 'haar', subject: 'ze'} as const
const it = {object: 'het', possessive: 'zijn', subject: 'het'} as const

export const KINDS = {
  advice: {
    id: 'advice',
    labels: {...it, article: 'het', capital: 'Advies', plural: 'adviezen', singular: 'advies', versions: ['adviesversie', 'adviesversies']},
    topic: 'advice',
  },
  finding: {
    id: 'finding',
    labels: {...she, article: 'de', capital: 'Bevinding', plural: 'bevindingen', singular: 'bevinding', versions: ['bevindingsversie', 'bevindingsversies']},
    topic: 'finding',
  },
  note: {
    id: 'note',
    labels: {...she, article: 'de', capital: 'Notitie', plural: 'notities', singular: 'notitie', versions: ['notitieversie', 'notitieversies']},
    topic: 'note',
  },
  reflection: {
    id: 'reflection',
    labels: {
      ...it,
      article: 'het',
      capital: 'Reflectiegesprek',
      plural: 'reflectiegesprekken',
      singular: 'reflectiegesprek',
      versions: ['versie van een reflectiegesprek', 'versies van reflectiegesprekken'],
    },
    topic: 'reflect',
  },
} as const satisfies Record<KindId, KindInfo>

/** The Dutch singular of each kind ("notitie", "bevinding" …), as conflicts name what they are about. */
export type KindLabel = (typeof KINDS)[KindId]['labels']['singular']

/** "de bevinding", "het advies". */
export function theKind(id: KindId): string {
  const {article, singular} = KINDS[id].labels
  return `${article} ${singular}`
}

/** "De bevinding", "Het advies": a sentence that starts with the record. */
export function TheKind(id: KindId): string {
  return capitalise(theKind(id))
}

/** "1 bevinding", "3 bevindingen". */
export function countOf(id: KindId, n: number): string {
  const {plural, singular} = KINDS[id].labels
  return `${n} ${n === 1 ? singular : plural}`
}

/** "notitie, bevinding, reflectiegesprek of advies": every kind, singular or plural, in the registry's order. */
export function everyKind(form: 'plural' | 'singular'): string {
  const names = KIND_IDS.map((id) => KINDS[id].labels[form])
  return `${names.slice(0, -1).join(', ')} of ${names.at(-1)}`
}

/** The kind whose commands live under this topic ("reflect" → reflection), if any. */
export function kindOfTopic(topic: string): KindId | undefined {
  return KIND_IDS.find((id) => KINDS[id].topic === topic)
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}

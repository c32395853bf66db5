import type {PersonalDataOverride} from '../model/record.js'
import {AllowedNames} from './allowed.js'
import {findPersonalData, type PersonalDataHit, pseudonymise} from './index.js'
import type {Pseudonyms} from './pseudonyms.js'

/**
 * What to do when a text holds personal data: refuse it (the default), replace each hit by a
 * placeholder, or keep it anyway and record that choice.
 */
export type PersonalDataPolicy = 'allow' | 'pseudonymise' | 'refuse'

/** Named texts to check: a field is one text, or a list of texts checked one by one (a note's roles, a report's lines). */
export type GuardFields = Record<string, readonly string[] | string>

/** A hit with the field it was found in, and for a list field the item. */
export interface FieldHit<F extends string = string> extends PersonalDataHit {
  field: F
  /** 0-based index into a list field; absent for a field that is one text. */
  item?: number
}

export interface GuardOutcome<T extends GuardFields> {
  /** The texts as given, or with placeholders for the hits under 'pseudonymise' (stable ones with `pseudonyms`). */
  fields: T
  hits: Array<FieldHit<keyof T & string>>
  /** Set under 'allow' when there were hits: who kept the personal data, when, and which kinds. */
  override: null | PersonalDataOverride
}

/** Personal data in each field, in the order of the fields; names in `allowed` are let through. */
export function scanFields<T extends GuardFields>(fields: T, allowed: AllowedNames = NO_NAMES): Array<FieldHit<keyof T & string>> {
  const hits: Array<FieldHit<keyof T & string>> = []
  const scan = (text: string, field: keyof T & string, item?: number) => {
    if (!text) return
    for (const hit of findPersonalData(text)) {
      if (hit.kind === 'naam' && allowed.allows(hit.text)) continue
      // A fact about a member of the team or a place of the study is not about a respondent.
      if (hit.kind === 'bijzonder' && hit.subject !== undefined && allowed.allows(hit.subject)) continue
      hits.push(item === undefined ? {...hit, field} : {...hit, field, item})
    }
  }

  for (const field of Object.keys(fields) as Array<keyof T & string>) {
    const value = fields[field]
    if (typeof value === 'string') scan(value, field)
    else value.forEach((text, item) => scan(text, field, item))
  }

  return hits
}

/**
 * The one personal-data guard: scans the fields and applies the policy. With 'refuse' any hit
 * throws the error `refuse` makes of the hits, so each caller keeps its own message. Under
 * 'pseudonymise' the study's `pseudonyms` give each person their own stable placeholder; without
 * them the placeholders are the generic [naam], [telefoonnummer], ….
 */
export function guardFields<T extends GuardFields>(
  fields: T,
  options: {
    allowed?: AllowedNames
    by: null | string
    policy: PersonalDataPolicy
    pseudonyms?: Pseudonyms
    refuse: (hits: Array<FieldHit<keyof T & string>>) => Error
  },
): GuardOutcome<T> {
  const hits = scanFields(fields, options.allowed)
  if (hits.length === 0) return {fields, hits, override: null}
  if (options.policy === 'refuse') throw options.refuse(hits)
  if (options.policy === 'allow') return {fields, hits, override: {at: new Date().toISOString(), by: options.by, kinds: [...new Set(hits.map((h) => h.kind))]}}
  const replaced = {...fields}
  for (const field of Object.keys(fields) as Array<keyof T & string>) {
    const value = fields[field]
    const mine = hits.filter((h) => h.field === field)
    const replace = (text: string, these: PersonalDataHit[]) => pseudonymise(text, these, options.pseudonyms)
    replaced[field] = (typeof value === 'string' ? replace(value, mine) : value.map((text, item) => replace(text, mine.filter((h) => h.item === item)))) as T[typeof field]
  }

  return {fields: replaced, hits, override: null}
}

const NO_NAMES = new AllowedNames([])

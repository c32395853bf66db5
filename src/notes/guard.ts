import {UserError} from '../errors.js'
import {findPersonalData, KIND_LABELS, type PersonalDataHit, pseudonymise} from '../privacy/index.js'
import type {NoteFields, PersonalDataOverride} from '../model/note.js'

/**
 * What to do when a note holds personal data: refuse it (the default), replace each hit by a
 * placeholder, or store it anyway and record that choice on the note.
 */
export type PersonalDataPolicy = 'allow' | 'pseudonymise' | 'refuse'

export interface GuardOutcome {
  fields: NoteFields
  hits: LocatedHit[]
  override: null | PersonalDataOverride
}

/** A hit with the part of the note it was found in. */
export interface LocatedHit extends PersonalDataHit {
  part: 'rol' | 'tekst'
}

/**
 * Personal data in the roles and text of a note. Names of the research team are not respondents'
 * data ("gesprek met Anna en Bram"), so names in `teamNames` are let through.
 */
export function scanNote(fields: NoteFields, teamNames: string[] = []): LocatedHit[] {
  const team = new Set(teamNames.flatMap((name) => [name, ...name.split(/\s+/).filter((part) => part.length >= 3)]).map((name) => name.toLowerCase()))
  const own = (hit: PersonalDataHit) => hit.kind === 'naam' && team.has(hit.text.toLowerCase())
  return [
    ...fields.roles.flatMap((role) => findPersonalData(role).filter((hit) => !own(hit)).map((hit) => ({...hit, part: 'rol' as const}))),
    ...findPersonalData(fields.text).filter((hit) => !own(hit)).map((hit) => ({...hit, part: 'tekst' as const})),
  ]
}

/** Applies the policy; with 'refuse' a note with personal data becomes a PersonalDataError. */
export function guardNote(fields: NoteFields, policy: PersonalDataPolicy, by: null | string, teamNames: string[] = []): GuardOutcome {
  const hits = scanNote(fields, teamNames)
  if (hits.length === 0) return {fields, hits, override: null}
  if (policy === 'refuse') throw new PersonalDataError(hits)
  if (policy === 'allow') {
    return {fields, hits, override: {at: new Date().toISOString(), by, kinds: [...new Set(hits.map((h) => h.kind))]}}
  }

  return {
    fields: {
      ...fields,
      roles: fields.roles.map((role) => pseudonymise(role, hits.filter((h) => h.part === 'rol' && role.slice(h.start, h.end) === h.text))),
      text: pseudonymise(fields.text, hits.filter((h) => h.part === 'tekst')),
    },
    hits,
    override: null,
  }
}

/** "regel 3, kolom 12: telefoonnummer "06-12345678"" for each hit. */
export function describeHits(hits: LocatedHit[], lineOffset = 0): string[] {
  return hits.map((hit) =>
    hit.part === 'rol'
      ? `in de rollen: ${KIND_LABELS[hit.kind]} "${hit.text}"`
      : `regel ${hit.line + lineOffset}, kolom ${hit.column}: ${KIND_LABELS[hit.kind]} "${hit.text}" (${hit.reason})`,
  )
}

export class PersonalDataError extends UserError {
  constructor(
    readonly hits: LocatedHit[],
    lineOffset = 0,
  ) {
    super(`De notitie bevat persoonsgegevens (${hits.length}); er is niets opgeslagen.`, {
      details: describeHits(hits, lineOffset),
      hint: 'Haal ze weg, of gebruik --pseudonymise om ze te vervangen door [naam], [telefoonnummer] enz. Alleen als het echt moet: --allow-personal-data slaat de notitie op en legt die keuze vast.',
    })
  }
}

import {UserError} from '../errors.js'
import {AllowedNames} from '../privacy/allowed.js'
import {type FieldHit, guardFields, type PersonalDataPolicy, scanFields} from '../privacy/guard.js'
import {KIND_LABELS, type PersonalDataHit} from '../privacy/index.js'
import type {Pseudonyms} from '../privacy/pseudonyms.js'
import type {NoteFields} from '../model/note.js'
import type {PersonalDataOverride} from '../model/record.js'

export interface GuardOutcome {
  fields: NoteFields
  hits: LocatedHit[]
  override: null | PersonalDataOverride
}

/** A hit with the part of the note it was found in. */
export interface LocatedHit extends PersonalDataHit {
  part: 'rol' | 'tekst'
}

const located = (hits: Array<FieldHit<'rol' | 'tekst'>>): LocatedHit[] => hits.map(({field, item: _item, ...hit}) => ({...hit, part: field}))

/** Personal data in the roles and text of a note, apart from the allowed names (the team's, the study's places). */
export function scanNote(fields: NoteFields, allowed: AllowedNames = new AllowedNames([])): LocatedHit[] {
  return located(scanFields({rol: fields.roles, tekst: fields.text}, allowed))
}

/**
 * Applies the policy; with 'refuse' a note with personal data becomes a PersonalDataError. The
 * study's pseudonyms make the placeholders stable ([naam-3f7a9c]); without them they are generic.
 */
export function guardNote(
  fields: NoteFields,
  policy: PersonalDataPolicy,
  by: null | string,
  allowed: AllowedNames = new AllowedNames([]),
  pseudonyms?: Pseudonyms,
): GuardOutcome {
  const guarded = guardFields(
    {rol: fields.roles, tekst: fields.text},
    {allowed, by, policy, pseudonyms, refuse: (hits) => new PersonalDataError(located(hits))},
  )
  const same = guarded.fields.rol === fields.roles && guarded.fields.tekst === fields.text
  return {
    fields: same ? fields : {...fields, roles: [...guarded.fields.rol], text: guarded.fields.tekst},
    hits: located(guarded.hits),
    override: guarded.override,
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
      hint: 'Haal ze weg, of gebruik --pseudonymise om ze te vervangen door vaste plaatshouders ([naam-3f7a9c], [telefoonnummer-91c2e0] …). Alleen als het echt moet: --allow-personal-data slaat de notitie op en legt die keuze vast.',
    })
  }
}

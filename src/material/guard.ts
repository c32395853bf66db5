import {UserError} from '../errors.js'
import type {PersonalDataOverride} from '../model/record.js'
import type {PersonalDataPolicy} from '../privacy/guard.js'
import {allowedNames} from '../privacy/allowed.js'
import {type FieldHit as PrivacyFieldHit, guardFields} from '../privacy/guard.js'
import {KIND_LABELS} from '../privacy/index.js'
import {studyPseudonyms} from '../privacy/pseudonym-key.js'
import type {Study} from '../study/load.js'

/** A hit with the field of the finding, reflection or advice it was found in ("tekst", "titel" …). */
export type FieldHit = PrivacyFieldHit

/**
 * The personal-data guard run over the texts of a finding, reflection or advice: the same
 * detectors, policies and allowed names as for notes ("Wendelo" or "Veenstad" in a finding is no
 * respondent), and the same stable placeholders.
 */
export function guardTexts<K extends string>(
  study: Study,
  what: string,
  texts: Record<K, string>,
  policy: PersonalDataPolicy,
  by: null | string,
): {hits: FieldHit[]; override: null | PersonalDataOverride; texts: Record<K, string>} {
  const guarded = guardFields(texts, {allowed: allowedNames(study), by, policy, pseudonyms: studyPseudonyms(study), refuse: (hits) => new MaterialPersonalDataError(what, hits)})
  return {hits: guarded.hits, override: guarded.override, texts: guarded.fields}
}

export class MaterialPersonalDataError extends UserError {
  constructor(
    what: string,
    readonly hits: FieldHit[],
  ) {
    super(`${what} bevat persoonsgegevens (${hits.length}); er is niets opgeslagen.`, {
      details: hits.map((hit) => `${hit.field}, regel ${hit.line}, kolom ${hit.column}: ${KIND_LABELS[hit.kind]} "${hit.text}" (${hit.reason})`),
      hint: 'Haal ze weg, of gebruik --pseudonymise om ze te vervangen door vaste plaatshouders ([naam-3f7a9c], [telefoonnummer-91c2e0] …). Alleen als het echt moet: --allow-personal-data slaat op en legt die keuze vast.',
    })
  }
}

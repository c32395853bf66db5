import {UserError} from '../errors.js'
import {type LocatedHit, type PersonalDataPolicy, scanNote} from '../notes/guard.js'
import type {PersonalDataOverride} from '../model/note.js'
import {KIND_LABELS, pseudonymise} from '../privacy/index.js'
import type {Study} from '../study/load.js'

/** A hit with the field of the finding, reflection or advice it was found in ("tekst", "titel" …). */
export interface FieldHit extends LocatedHit {
  field: string
}

/**
 * The personal-data guard of notes, run over the texts of a finding, reflection or advice: the
 * same detectors, the same three policies. Names of the team and of the study's places are let
 * through: "Wendelo" or "Veenstad" in a finding is no respondent.
 */
export function guardTexts<K extends string>(
  study: Study,
  what: string,
  texts: Record<K, string>,
  policy: PersonalDataPolicy,
  by: null | string,
): {hits: FieldHit[]; override: null | PersonalDataOverride; texts: Record<K, string>} {
  const allowed = [
    ...study.team.map((m) => m.name),
    ...study.halteplaatsen.flatMap((h) => [h.name, h.gemeente]),
  ]
  const hits: FieldHit[] = []
  const byField = {} as Record<K, LocatedHit[]>
  for (const field of Object.keys(texts) as K[]) {
    const found = texts[field] ? scanNote({activity: null, date: '', group: null, halteplaats: '', interviewer: '', narratives: [], participants: null, roles: [], text: texts[field], themes: []}, allowed) : []
    byField[field] = found
    hits.push(...found.map((hit) => ({...hit, field})))
  }

  if (hits.length === 0) return {hits, override: null, texts}
  if (policy === 'refuse') throw new MaterialPersonalDataError(what, hits)
  if (policy === 'allow') return {hits, override: {at: new Date().toISOString(), by, kinds: [...new Set(hits.map((h) => h.kind))]}, texts}
  const replaced = {...texts}
  for (const field of Object.keys(texts) as K[]) replaced[field] = pseudonymise(texts[field], byField[field])
  return {hits, override: null, texts: replaced}
}

export class MaterialPersonalDataError extends UserError {
  constructor(
    what: string,
    readonly hits: FieldHit[],
  ) {
    super(`${what} bevat persoonsgegevens (${hits.length}); er is niets opgeslagen.`, {
      details: hits.map((hit) => `${hit.field}, regel ${hit.line}, kolom ${hit.column}: ${KIND_LABELS[hit.kind]} "${hit.text}" (${hit.reason})`),
      hint: 'Haal ze weg, of gebruik --pseudonymise om ze te vervangen door [naam], [telefoonnummer] enz. Alleen als het echt moet: --allow-personal-data slaat op en legt die keuze vast.',
    })
  }
}

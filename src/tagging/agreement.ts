import {agreement, type AgreementReport, type CodingDecision} from '../analysis/agreement.js'
import {UserError} from '../errors.js'
import type {Store} from '../store/store.js'
import type {Study} from '../study/load.js'
import {DEFAULT_THRESHOLD, suggestNarratives} from './suggest.js'

/** The interviewer of each note, as a coder: the narratives written in the note itself. */
export const INTERVIEWER = 'interviewer'

/** The kit as a coder: the narratives it suggests at the default threshold. */
export const KIT = 'kit'

/** Above this many notes, the kit reads them one by one instead of all at once. */
const LOOKUP_LIMIT = 10_000

/**
 * Agreement between the coders of this study. By default the interviewers (as one coder) come
 * first, then every other coder who coded a note. The kit counts as a coder only when asked for
 * ("kit"), and then for the notes that another of the compared coders judged.
 */
export function studyAgreement(store: Store, study: Study, coders?: string[]): AgreementReport {
  for (const coder of coders ?? []) {
    if (coder !== INTERVIEWER && coder !== KIT && !study.team.some((m) => m.id === coder)) {
      throw new UserError(`"${coder}" is geen codeur in deze studie (--coders).`, {hint: `Kies uit: ${[INTERVIEWER, KIT, ...study.team.map((m) => m.id)].join(', ')}.`})
    }
  }

  if (coders?.includes(KIT) && study.team.some((m) => m.id === KIT)) {
    throw new UserError(`"${KIT}" is in deze studie de id van een teamlid én de naam van de kit als codeur (--coders).`, {hint: 'Geef dat teamlid in study.yaml een andere id om de kit mee te kunnen vergelijken.'})
  }

  if (coders && coders.length < 2) throw new UserError('Geef minstens twee codeurs om te vergelijken (--coders anna,bram).')
  const decisions = store.tags.decisions()
  const others = [...new Set(decisions.map((d) => d.coder))].filter((c) => c !== INTERVIEWER).sort()
  const compared = coders ?? [INTERVIEWER, ...others]
  if (compared.includes(KIT)) decisions.push(...kitDecisions(store, study, decisions, new Set(compared)))
  return agreement(decisions, study.methodDefinition.narratives.map((n) => n.id), {coders: compared})
}

/**
 * What the kit decides on the notes the other compared coders judged: every narrative it
 * suggests at the default threshold, also one the note already carries (a coder judges on its own).
 */
function kitDecisions(store: Store, study: Study, decisions: CodingDecision[], compared: Set<string>): CodingDecision[] {
  const wanted = new Set(decisions.filter((d) => d.coder !== KIT && compared.has(d.coder)).map((d) => d.note))
  const method = study.methodDefinition
  const out: CodingDecision[] = []
  const notes = wanted.size <= LOOKUP_LIMIT ? store.notes.getMany([...wanted]).values() : store.notes.iterateTexts()
  for (const note of notes) {
    if (!wanted.has(note.id)) continue
    const narratives = suggestNarratives(note.text, method, {threshold: DEFAULT_THRESHOLD}).map((s) => s.narrative)
    out.push({coder: KIT, narratives, note: note.id})
  }

  return out
}

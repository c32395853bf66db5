import {agreement, type AgreementReport} from '../analysis/agreement.js'
import {UserError} from '../errors.js'
import type {Store} from '../store/store.js'
import type {Study} from '../study/load.js'

/** The interviewer of each note, as a coder: the narratives written in the note itself. */
export const INTERVIEWER = 'interviewer'

/**
 * Agreement between the coders of this study. By default the interviewers (as one coder) come
 * first, then every other coder who coded a note.
 */
export function studyAgreement(store: Store, study: Study, coders?: string[]): AgreementReport {
  for (const coder of coders ?? []) {
    if (coder !== INTERVIEWER && !study.team.some((m) => m.id === coder)) {
      throw new UserError(`"${coder}" is geen codeur in deze studie (--coders).`, {hint: `Kies uit: ${[INTERVIEWER, ...study.team.map((m) => m.id)].join(', ')}.`})
    }
  }

  if (coders && coders.length < 2) throw new UserError('Geef minstens twee codeurs om te vergelijken (--coders anna,bram).')
  const decisions = store.tags.decisions()
  const others = [...new Set(decisions.map((d) => d.coder))].filter((c) => c !== INTERVIEWER).sort()
  return agreement(decisions, study.methodDefinition.narratives.map((n) => n.id), {coders: coders ?? [INTERVIEWER, ...others]})
}

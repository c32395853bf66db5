import type {GateChoice, GateRequest} from './gate.js'
import {type StudyRef, studyPseudonyms} from './pseudonym-key.js'

/**
 * What the gate of an output (report, export) gets from whoever starts it, the terminal or the
 * browser workspace: the choice made beforehand (none: refuse, or ask), who decides (for the record
 * of an override), and the study's own stable placeholders, so an analyst can follow one person
 * through an export and a report as through the notes.
 */
export function outputGateRequest(study: StudyRef, options: {ask?: GateRequest['ask']; by: null | string; choice?: GateChoice}): GateRequest {
  return {
    ask: options.ask,
    by: options.by,
    choice: options.choice,
    guard: {pseudonyms: studyPseudonyms(study)},
  }
}

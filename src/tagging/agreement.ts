import {agreement, type AgreementReport, type CodingDecision} from '../analysis/agreement.js'
import {UserError} from '../errors.js'
import type {Note} from '../model/note.js'
import type {Tag} from '../model/tag.js'
import type {Store} from '../store/store.js'
import type {Study} from '../study/load.js'
import {sliceCodePoints} from './passage.js'
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

  // The same coder twice is one coder: agreement with oneself says nothing.
  if (coders && new Set(coders).size < 2) throw new UserError('Geef minstens twee codeurs om te vergelijken (--coders anna,bram).')
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

/**
 * Who can be compared in this study: the interviewers (as one coder), every other coder who made
 * a coding decision, and the kit, in the order `tag agreement` lists them by default.
 */
export function agreementCoders(store: Store, study: Study): string[] {
  const others = store.tags.decisionCoders().filter((c) => c !== INTERVIEWER && c !== KIT)
  return [INTERVIEWER, ...others, ...(study.team.some((m) => m.id === KIT) ? [] : [KIT])]
}

/** One narrative a coder gave a note, as `studyAgreement` counts it: on a passage or on the whole note. */
export interface CoderMark {
  end: null | number
  narrative: string
  quote: null | string
  start: null | number
  /** The stored tag; null for the kit's suggestions, which are not tags. */
  tag: null | Tag
}

/**
 * What each of the coders gave one note, the marks behind its decisions in `studyAgreement`: the
 * narratives of the note itself for "interviewer", the sentences the kit suggests for "kit", and
 * a coder's own narrative tags (not those of the note's front matter) for everyone else.
 */
export function coderMarks(store: Store, study: Study, note: Note, coders: string[]): Map<string, CoderMark[]> {
  const tags = store.tags.list({kind: 'narrative', noteId: note.id})
  const mark = (tag: Tag): CoderMark => ({end: tag.end, narrative: tag.code, quote: tag.quote, start: tag.start, tag})
  const out = new Map<string, CoderMark[]>()
  for (const coder of coders) {
    if (coder === INTERVIEWER) {
      out.set(coder, tags.filter((t) => t.origin === 'note').map(mark))
    } else if (coder === KIT) {
      const suggestions = suggestNarratives(note.text, study.methodDefinition, {threshold: DEFAULT_THRESHOLD})
      out.set(coder, suggestions.map((s) => ({end: s.end, narrative: s.narrative, quote: sliceCodePoints(note.text, s.start, s.end), start: s.start, tag: null})))
    } else {
      out.set(coder, tags.filter((t) => t.coder === coder && t.origin !== 'note').map(mark))
    }
  }

  return out
}

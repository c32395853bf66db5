import {createHash} from 'node:crypto'

import type {Method} from '../method/schema.js'
import type {Rejection} from '../model/rejection.js'
import type {TrainingRecords} from '../store/tags.js'
import {corpusDigest} from './corpus.js'
import {MODEL_VERSION, type TrainingExample} from './model.js'
import {sliceCodePoints} from './passage.js'

/*
 * What the study's model learns from: the team's own coding, as TrainingExamples. Every
 * decision about a note is one example per narrative (yes or no); a tagged passage, such as an
 * accepted suggestion, is a yes on its own words; a rejected suggestion is a no on its sentence.
 */

/** More coded notes than this add little to a model of this size; the newest are used. */
export const MAX_TRAINING_NOTES = 10_000

/** What the model of a study will be trained on, before any text is read. */
export interface TrainingPlan {
  /** The coded notes, newest last, each with the decisions about it: per coder the narratives they gave it (none: a no to all). */
  notes: Array<{decisions: Array<{coder: string; narratives: string[]}>; id: string; version: null | string}>
  /** Tagged passages on those notes (code points). */
  passages: Array<{end: number; narrative: string; note: string; start: number}>
  rejections: Rejection[]
}

/**
 * What the model's file must match to be used: the store's training counter (see
 * TagQueries.trainingCounter), the cues and frames of the method and the model's version.
 */
export function trainingStamp(counter: string, method: Method): string {
  return `${counter}:${methodDigest(method)}:${corpusDigest()}`
}

/** A digest of what the cues read in a note: the cues, frames and word lists of the method, and the model's version. */
export function methodDigest(method: Method): string {
  return createHash('sha256').update(JSON.stringify({cues: method.narratives.map((n) => [n.id, n.cues, n.patterns]), lists: method.wordLists, model: MODEL_VERSION})).digest('hex').slice(0, 32)
}

/** The interviewer of a note, as a coder: the narratives written in the note itself. */
const INTERVIEWER = 'interviewer'

/**
 * Which notes the team has coded, and how. A note counts when someone made a decision about
 * it: a coder tagged it or marked it coded, or its interviewer gave it narratives in its front
 * matter, or gave none while filling them in on other notes (then none is a decision too; an
 * interviewer who never fills them in has not decided anything).
 */
export function trainingPlan(records: TrainingRecords, method: Method, rejections: Rejection[] = []): TrainingPlan {
  const narratives = new Set(method.narratives.map((n) => n.id))
  const fillsIn = new Set<string>()
  const own = new Map<string, Set<string>>()
  const byCoder = new Map<string, Map<string, Set<string>>>()
  const passages: TrainingPlan['passages'] = []
  const coded = (note: string, coder: string) => {
    let coders = byCoder.get(note)
    if (!coders) {
      coders = new Map()
      byCoder.set(note, coders)
    }

    let set = coders.get(coder)
    if (!set) {
      set = new Set()
      coders.set(coder, set)
    }

    return set
  }

  const interviewerOf = new Map(records.notes.map((n) => [n.id, n.interviewer]))
  for (const tag of records.tags) {
    if (!narratives.has(tag.code)) continue
    if (tag.origin === 'note') {
      fillsIn.add(interviewerOf.get(tag.note) ?? '')
      let set = own.get(tag.note)
      if (!set) {
        set = new Set()
        own.set(tag.note, set)
      }

      set.add(tag.code)
    } else {
      coded(tag.note, tag.coder).add(tag.code)
      if (tag.start !== null && tag.end !== null) passages.push({end: tag.end, narrative: tag.code, note: tag.note, start: tag.start})
    }
  }

  for (const coding of records.codings) coded(coding.note, coding.coder)
  // A coder who rejected a suggestion on a note has judged it: their tags on it are all it has.
  for (const rejection of rejections) if (interviewerOf.has(rejection.note) && narratives.has(rejection.narrative)) coded(rejection.note, rejection.coder)

  const notes: TrainingPlan['notes'] = []
  for (const note of records.notes) {
    const decisions: Array<{coder: string; narratives: string[]}> = []
    const coders = byCoder.get(note.id) ?? new Map<string, Set<string>>()
    // An interviewer who later codes their own note (in tag review, say) adds to what they wrote: one decision.
    const mine = coders.get(note.interviewer)
    if (own.has(note.id) || fillsIn.has(note.interviewer) || mine) decisions.push({coder: INTERVIEWER, narratives: [...new Set([...(own.get(note.id) ?? []), ...(mine ?? [])])].sort()})
    for (const [coder, set] of [...coders].sort((a, b) => (a[0] < b[0] ? -1 : 1))) if (coder !== note.interviewer) decisions.push({coder, narratives: [...set].sort()})
    if (decisions.length === 0) continue
    notes.push({decisions, id: note.id, version: note.version})
  }

  // Ids start with their time of making, so the last ones are the newest.
  const kept = notes.slice(-MAX_TRAINING_NOTES)
  const keptIds = new Set(kept.map((n) => n.id))
  return {
    notes: kept,
    passages: passages.filter((p) => keptIds.has(p.note)),
    rejections: rejections.filter((r) => keptIds.has(r.note) && narratives.has(r.narrative)),
  }
}

/**
 * The plan's decisions as examples, with the texts of its notes (by id); notes without a text
 * are left out. Each example names its note (`group`), so that cross-validation keeps a note's
 * passages and rejections in the same fold as the note; only whole notes (`whole`) are what
 * suggestions are measured on.
 */
export function trainingExamples(plan: TrainingPlan, narratives: string[], texts: ReadonlyMap<string, string>): TrainingExample[] {
  const out: TrainingExample[] = []
  for (const note of plan.notes) {
    const text = texts.get(note.id)
    if (text === undefined) continue
    for (const decision of note.decisions) {
      for (const narrative of narratives) out.push({group: note.id, label: decision.narratives.includes(narrative) ? 1 : 0, narrative, text, whole: true})
    }
  }

  for (const passage of plan.passages) {
    const text = texts.get(passage.note)
    if (text !== undefined) out.push({group: passage.note, label: 1, narrative: passage.narrative, text: sliceCodePoints(text, passage.start, passage.end)})
  }

  out.push(...rejectionExamples(plan.rejections))
  return out
}

/**
 * Rejected suggestions as examples: a no for the narrative on the sentence as the coder read it
 * (the judged version; a later edit of the note does not change what was judged).
 */
export function rejectionExamples(rejections: Iterable<Pick<Rejection, 'narrative' | 'note' | 'sentence'>>): TrainingExample[] {
  const out: TrainingExample[] = []
  for (const rejection of rejections) {
    if (rejection.sentence.trim()) out.push({group: rejection.note, label: 0, narrative: rejection.narrative, text: rejection.sentence})
  }

  return out
}

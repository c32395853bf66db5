import type {Method} from '../method/schema.js'
import type {Note} from '../model/note.js'
import type {Rejection} from '../model/rejection.js'
import type {Tag} from '../model/tag.js'
import type {Store} from '../store/store.js'
import type {Study} from '../study/load.js'
import {DEFAULT_THRESHOLD} from './suggest.js'
import {type NoteSuggestion, suggestForNotes} from './suggest-notes.js'
import {prepareTag, saveTag} from './tags.js'

export type ReviewAction = 'accept' | 'reject' | 'skip' | 'stop' | 'undo' | {add: string}

/**
 * The order of the walk: `notitie` note by note, strongest suggestion first (as tag suggest lists
 * them); `onzeker` the suggestions whose score is closest to the threshold first, where a
 * person's judgement tells the kit the most.
 */
export const REVIEW_ORDERS = ['notitie', 'onzeker'] as const
export type ReviewOrder = (typeof REVIEW_ORDERS)[number]

/** What the last undo took back, so the coder can read it. */
export interface Undone {
  action: 'accept' | 'add' | 'reject' | 'skip'
  /** The narrative of the suggestion, or the one that was added. */
  narrative: string
  note: string
  /** Whether a tag came off: an accepted or added tag that the step had made (not one that was there already). */
  tagRemoved: boolean
}

export interface ReviewItem {
  /** Suggestions this coder rejected before on a sentence that still reads the same: not offered again. */
  hidden: number
  /** Position of this suggestion in the walk, from 1. */
  index: number
  note: Note
  suggestion: NoteSuggestion
  total: number
  /** What the undo just before this question took back; null when there was nothing to take back. */
  undone?: null | Undone
}

export interface ReviewOptions {
  order?: ReviewOrder
}

export interface ReviewOutcome {
  accepted: number
  added: number
  codedNotes: number
  /** Suggestions not offered because this coder rejected them before. */
  hidden: number
  rejected: number
  skipped: number
}

interface Step {
  action: ReviewAction
  item: number
  rejectionId?: string
  tagId?: string
}

/** The key under which a rejection hides a suggestion: same note, narrative and sentence text. */
const judged = (note: string, narrative: string, sentence: string) => `${note}\u0000${narrative}\u0000${sentence}`

/**
 * The suggestions a coder is still to judge, in the order asked for, and how many are left out
 * because the coder rejected them before. A rejection hides a suggestion as long as the sentence
 * reads exactly as it did in the note version that was judged: an edit elsewhere in the note
 * (which moves the positions) changes nothing, an edit of that sentence asks again. A suggestion
 * that now comes from another sentence of the note is asked too: it rests on other words.
 */
export function suggestionsToReview(store: Store, method: Method, notes: Iterable<Note>, reviewer: string, options: ReviewOptions = {}): {hidden: number; items: NoteSuggestion[]} {
  const rejected = new Set(store.rejections.list({coder: reviewer}).map((r) => judged(r.note, r.narrative, r.sentence)))
  const items: NoteSuggestion[] = []
  let hidden = 0
  for (const suggestion of suggestForNotes(notes, method)) {
    if (rejected.has(judged(suggestion.note, suggestion.narrative, suggestion.sentence))) hidden++
    else items.push(suggestion)
  }

  if (options.order === 'onzeker') {
    // A stable sort: equally uncertain suggestions stay in note order.
    const distance = (s: NoteSuggestion) => Math.abs(s.score - DEFAULT_THRESHOLD)
    items.sort((a, b) => distance(a) - distance(b))
  }

  return {hidden, items}
}

/**
 * Walks a person through the suggestions for some notes. Each decision is stored at once (an
 * accepted suggestion becomes a tag with the reviewer as coder, on the sentence it came from; a
 * rejected one is remembered, so it is not asked again), so stopping halfway loses nothing; undo
 * takes back the last decision. A note whose suggestions were all accepted or rejected counts as
 * coded by the reviewer.
 */
export async function reviewSuggestions(
  store: Store,
  study: Study,
  notes: Iterable<Note>,
  reviewer: string,
  decide: (item: ReviewItem) => Promise<ReviewAction>,
  options: ReviewOptions = {},
): Promise<ReviewOutcome> {
  const {hidden, items} = suggestionsToReview(store, study.methodDefinition, notes, reviewer, options)
  const noteOf = store.notes.getMany([...new Set(items.map((i) => i.note))])
  const history: Step[] = []
  let cursor = 0
  let undone: null | Undone | undefined
  while (cursor < items.length) {
    const suggestion = items[cursor]
    const action = await decide({hidden, index: cursor + 1, note: noteOf.get(suggestion.note)!, suggestion, total: items.length, ...(undone === undefined ? {} : {undone})})
    undone = undefined
    if (action === 'stop') break
    if (action === 'undo') {
      const last = history.pop()
      if (!last) {
        undone = null
        continue
      }

      store.transaction(() => {
        if (last.tagId) store.tags.remove(last.tagId)
        if (last.rejectionId) store.rejections.withdraw(last.rejectionId)
      })
      const item = items[last.item]
      const kind = typeof last.action === 'object' ? 'add' : (last.action as Undone['action'])
      undone = {action: kind, narrative: typeof last.action === 'object' ? last.action.add : item.narrative, note: item.note, tagRemoved: last.tagId !== undefined}
      cursor = last.item
      continue
    }

    if (typeof action === 'object') {
      const {created, tag} = store.transaction(() => saveTag(store, prepareTag(store, study, {code: action.add, coder: reviewer, note: suggestion.note, noteId: suggestion.note})))
      history.push({action: {add: tag.code}, item: cursor, tagId: created ? tag.id : undefined})
      continue
    }

    if (action === 'accept') {
      const {created, tag} = acceptSuggestion(store, study, suggestion, reviewer)
      history.push({action, item: cursor, tagId: created ? tag.id : undefined})
    } else if (action === 'reject') {
      const rejection = rejectSuggestion(store, suggestion, reviewer)
      history.push({action, item: cursor, rejectionId: rejection.id})
    } else {
      history.push({action, item: cursor})
    }

    cursor++
  }

  // Decisions that survived undo, per note: a note is coded when none of its suggestions was skipped or left.
  const decided = new Map<number, ReviewAction>()
  for (const step of history) if (typeof step.action !== 'object') decided.set(step.item, step.action)
  let codedNotes = 0
  const byNote = new Map<string, number[]>()
  items.forEach((item, i) => byNote.set(item.note, [...(byNote.get(item.note) ?? []), i]))
  for (const [noteId, mine] of byNote) {
    if (mine.every((i) => decided.get(i) === 'accept' || decided.get(i) === 'reject')) {
      store.transaction(() => store.tags.markCoded(noteId, reviewer))
      codedNotes++
    }
  }

  const count = (action: ReviewAction) => [...decided.values()].filter((a) => a === action).length
  return {accepted: count('accept'), added: history.filter((s) => typeof s.action === 'object').length, codedNotes, hidden, rejected: count('reject'), skipped: count('skip')}
}

type Judged = Pick<NoteSuggestion, 'end' | 'narrative' | 'note' | 'start'>

/** An accepted suggestion: a tag by the reviewer on the sentence it came from. */
export function acceptSuggestion(store: Store, study: Study, suggestion: Judged, reviewer: string): {created: boolean; tag: Tag} {
  return store.transaction(() =>
    saveTag(store, prepareTag(store, study, {code: suggestion.narrative, coder: reviewer, end: suggestion.end, note: suggestion.note, noteId: suggestion.note, origin: 'suggestion', start: suggestion.start})),
  )
}

/** A rejected suggestion, remembered so that this reviewer is not asked again while the sentence reads the same. */
export function rejectSuggestion(store: Store, suggestion: Judged, reviewer: string): Rejection {
  return store.transaction(() => store.rejections.insert({coder: reviewer, end: suggestion.end, narrative: suggestion.narrative, note: suggestion.note, start: suggestion.start}))
}

import type {Method} from '../method/schema.js'
import type {Note} from '../model/note.js'
import type {Store} from '../store/store.js'
import {suggestionsToReview} from './review.js'
import type {NoteSuggestion} from './suggest-notes.js'

/**
 * The review queue of the browser workspace: the notes a coder still has work on, in the order of
 * `tag review` (oldest conversation first): those with a suggestion the coder has not judged, and
 * those without any tag. The same rules as tag review decide what a suggestion is and which ones a
 * rejection hides.
 */
export function reviewQueue(store: Store, method: Method, reviewer: string): string[] {
  const order: string[] = []
  function* notes(): Generator<Note> {
    for (const note of store.notes.iterate()) {
      order.push(note.id)
      yield note
    }
  }

  const suggested = new Set(suggestionsToReview(store, method, notes(), reviewer).items.map((s) => s.note))
  const untagged = store.notes.untaggedIds()
  return order.filter((id) => suggested.has(id) || untagged.has(id))
}

/** The suggestions still open for one note and this coder, and how many a rejection hides. */
export function openSuggestions(store: Store, method: Method, note: Note, reviewer: string): {hidden: number; items: NoteSuggestion[]} {
  return suggestionsToReview(store, method, [note], reviewer)
}

/**
 * After a decision on a suggestion: once none is left open on the note, the coder has coded it,
 * as tag review records when every suggestion of a note was accepted or rejected.
 */
export function recordIfJudged(store: Store, method: Method, noteId: string, reviewer: string): void {
  const note = store.notes.get(noteId)
  if (note && openSuggestions(store, method, note, reviewer).items.length === 0) store.transaction(() => store.tags.markCoded(noteId, reviewer))
}

import type {Method} from '../method/schema.js'
import type {Note} from '../model/note.js'
import type {Store} from '../store/store.js'
import {suggestionsToReview} from './review.js'
import type {NoteSuggestion} from './suggest-notes.js'

/** Notes looked at per step: small enough that a page asked for meanwhile hardly waits. */
const BATCH = 200
/** Up to this many notes the queue is made at once: a fraction of a second. */
const AT_ONCE = 2000

/**
 * The review queue of the browser workspace: the notes a coder still has work on, in the order
 * they were stored: those with a suggestion the coder has not judged, and those without any tag.
 * The rules of `tag review` decide what a suggestion is and which ones a rejection hides.
 *
 * Finding every suggestion reads every note (about 20 s on 100,000), so a large study's queue is
 * made in steps between requests: the first notes can be worked on at once, and the page says how
 * far the kit has looked. Only note ids are kept, never the suggestions themselves.
 */
export class ReviewQueue {
  readonly ids: string[] = []
  /** How many notes have been looked at. */
  scanned = 0
  /** How many notes there are to look at. */
  readonly total: number
  private after = 0
  private finished = false

  constructor(
    private readonly store: Store,
    private readonly method: Method,
    readonly reviewer: string,
    atOnce = AT_ONCE,
  ) {
    this.total = store.notes.count({})
    if (this.total <= atOnce) while (this.step()) {
      // all at once
    }
  }

  get done(): boolean {
    return this.finished
  }

  /** Looks at the next batch of notes; false once every note has been looked at. */
  step(): boolean {
    if (this.finished) return false
    const batch = this.store.notes.batchAfter(this.after, BATCH)
    if (batch.length === 0) {
      this.finished = true
      return false
    }

    const notes = batch.map((b) => b.note)
    const suggested = new Set(suggestionsToReview(this.store, this.method, notes, this.reviewer).items.map((s) => s.note))
    const tagged = this.store.tags.taggedAmong(notes.map((n) => n.id))
    for (const note of notes) if (suggested.has(note.id) || !tagged.has(note.id)) this.ids.push(note.id)
    this.after = batch.at(-1)!.rowid
    this.scanned += batch.length
    return true
  }

  /** Makes the rest of the queue one step at a time, letting other work in between. */
  async complete(): Promise<void> {
    while (this.step()) await new Promise((resolve) => setImmediate(resolve))
  }
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

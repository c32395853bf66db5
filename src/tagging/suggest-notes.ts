import type {Method} from '../method/schema.js'
import type {Note} from '../model/note.js'
import {type MatchedWord, suggestNarratives} from './suggest.js'

/** A suggestion for a stored note, as `tag suggest --json` prints it. */
export interface NoteSuggestion {
  cues: string[]
  end: number
  /** The words the cues matched in the sentence (code points in the note's text). */
  matched: MatchedWord[]
  narrative: string
  note: string
  score: number
  sentence: string
  start: number
}

/** What matching a note needs of it. */
export type SuggestableNote = Pick<Note, 'id' | 'narratives' | 'text'>

/**
 * Suggestions for notes, one note at a time. Narratives a note already carries (from any coder)
 * are not proposed again unless `all` is set: a suggestion is only worth a person's time when it
 * adds something.
 */
export function* suggestForNotes(notes: Iterable<SuggestableNote>, method: Method, options: {all?: boolean} = {}): Generator<NoteSuggestion> {
  for (const note of notes) {
    for (const suggestion of suggestNarratives(note.text, method)) {
      if (!options.all && note.narratives.includes(suggestion.narrative)) continue
      yield {...suggestion, note: note.id}
    }
  }
}

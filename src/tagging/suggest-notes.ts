import type {Method} from '../method/schema.js'
import type {Note} from '../model/note.js'
import {combineSuggestions} from './combine.js'
import type {ModelExplanation, NarrativeModel} from './model.js'
import type {MatchedWord} from './suggest.js'

/** A suggestion for a stored note, as `tag suggest --json` prints it. */
export interface NoteSuggestion {
  cues: string[]
  end: number
  /** The words the cues matched in the sentence (code points in the note's text). */
  matched: MatchedWord[]
  /** Present when the study's model knows the narrative: its chance and the words of the sentence that go with the narrative in this study. */
  model?: ModelExplanation
  narrative: string
  note: string
  score: number
  sentence: string
  start: number
}

/** What matching a note needs of it. */
export type SuggestableNote = Pick<Note, 'id' | 'narratives' | 'text'>

/**
 * Suggestions for notes, one note at a time: from the cues, and from the study's model when
 * one is given. Narratives a note already carries (from any coder) are not proposed again
 * unless `all` is set: a suggestion is only worth a person's time when it adds something.
 */
export function* suggestForNotes(notes: Iterable<SuggestableNote>, method: Method, options: {all?: boolean; model?: NarrativeModel} = {}): Generator<NoteSuggestion> {
  for (const note of notes) {
    for (const suggestion of combineSuggestions(note.text, method, options.model)) {
      if (!options.all && note.narratives.includes(suggestion.narrative)) continue
      yield {...suggestion, note: note.id}
    }
  }
}

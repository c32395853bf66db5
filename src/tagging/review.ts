import type {Method} from '../method/schema.js'
import type {Note} from '../model/note.js'
import type {Store} from '../store/store.js'
import type {Study} from '../study/load.js'
import {type NoteSuggestion, suggestForNotes} from './suggest-notes.js'
import {prepareTag, saveTag} from './tags.js'

export type ReviewAction = 'accept' | 'reject' | 'skip' | 'stop' | 'undo' | {add: string}

export interface ReviewItem {
  /** Position of this suggestion in the walk, from 1. */
  index: number
  note: Note
  suggestion: NoteSuggestion
  total: number
}

export interface ReviewOutcome {
  accepted: number
  added: number
  codedNotes: number
  rejected: number
  skipped: number
}

interface Step {
  action: ReviewAction
  item: number
  tagId?: string
}

/**
 * Walks a person through the suggestions for some notes. Each decision is stored at once (an
 * accepted suggestion becomes a tag with the reviewer as coder, on the sentence it came from),
 * so stopping halfway loses nothing; undo takes back the last decision. A note whose suggestions
 * were all accepted or rejected counts as coded by the reviewer.
 */
export async function reviewSuggestions(
  store: Store,
  study: Study,
  notes: Iterable<Note>,
  reviewer: string,
  decide: (item: ReviewItem) => Promise<ReviewAction>,
): Promise<ReviewOutcome> {
  const method: Method = study.methodDefinition
  const items = [...suggestForNotes(notes, method)]
  const noteOf = new Map<string, Note>()
  for (const note of store.notes.list()) noteOf.set(note.id, note)
  const history: Step[] = []
  let cursor = 0
  while (cursor < items.length) {
    const suggestion = items[cursor]
    const action = await decide({index: cursor + 1, note: noteOf.get(suggestion.note)!, suggestion, total: items.length})
    if (action === 'stop') break
    if (action === 'undo') {
      const last = history.pop()
      if (!last) continue
      if (last.tagId) store.transaction(() => store.tags.remove(last.tagId!))
      cursor = last.item
      continue
    }

    if (typeof action === 'object') {
      const {created, tag} = store.transaction(() => saveTag(store, prepareTag(store, study, {code: action.add, coder: reviewer, note: suggestion.note, noteId: suggestion.note})))
      history.push({action, item: cursor, tagId: created ? tag.id : undefined})
      continue
    }

    if (action === 'accept') {
      const {created, tag} = store.transaction(() =>
        saveTag(store, prepareTag(store, study, {code: suggestion.narrative, coder: reviewer, end: suggestion.end, note: suggestion.note, noteId: suggestion.note, origin: 'suggestion', start: suggestion.start})),
      )
      history.push({action, item: cursor, tagId: created ? tag.id : undefined})
    } else {
      history.push({action, item: cursor})
    }

    cursor++
  }

  // Decisions that survived undo, per note: a note is coded when none of its suggestions was skipped or left.
  const decided = new Map<number, ReviewAction>()
  for (const step of history) if (typeof step.action !== 'object') decided.set(step.item, step.action)
  let codedNotes = 0
  for (const noteId of new Set(items.map((i) => i.note))) {
    const mine = items.map((item, i) => ({i, item})).filter(({item}) => item.note === noteId)
    if (mine.every(({i}) => decided.get(i) === 'accept' || decided.get(i) === 'reject')) {
      store.transaction(() => store.tags.markCoded(noteId, reviewer))
      codedNotes++
    }
  }

  const count = (action: ReviewAction) => [...decided.values()].filter((a) => a === action).length
  return {accepted: count('accept'), added: history.filter((s) => typeof s.action === 'object').length, codedNotes, rejected: count('reject'), skipped: count('skip')}
}

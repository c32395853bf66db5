import {requireRecord} from '../records/registry.js'
import type {Store} from '../store/store.js'
import type {Note} from '../model/note.js'

// Kept apart from the notes service, so commands that only read a note do not load the
// personal-data guard and its name lists.

/** Finds a note by its full id or a unique short form (the last characters, as shown in lists). */
export function requireNote(store: Store, id: string): Note {
  return requireRecord(store, 'note', id)
}

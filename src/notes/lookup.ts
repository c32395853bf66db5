import type {Store} from '../store/store.js'
import {resolveShortId} from './ids.js'
import type {Note} from '../model/note.js'

// Kept apart from the notes service, so commands that only read a note do not load the
// personal-data guard and its name lists.

/** Finds a note by its full id or a unique short form (the last characters, as shown in lists). */
export function requireNote(store: Store, id: string): Note {
  const hint = 'Zoek de id op met: karavaan note list (of note list --deleted voor de prullenbak)'
  return store.notes.get(resolveShortId(id, (short) => store.notes.matchIds(short), {hint, name: 'notitie'}))!
}

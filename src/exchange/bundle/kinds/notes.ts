import * as v from 'valibot'

import {KINDS} from '../../../model/kinds.js'
import type {NoteVersionRecord} from '../../../store/exchange.js'
import type {BundleKind} from './kind.js'
import {count, id, longText, shortText, slug, timestamp} from './records.js'

const record = v.object({
  activity: v.nullable(slug),
  change: v.picklist(['nieuw', 'bewerkt', 'verwijderd', 'teruggezet', 'samengevoegd']),
  changedAt: timestamp,
  changedBy: v.nullable(shortText),
  date: timestamp,
  device: id,
  group: v.nullable(slug),
  halteplaats: slug,
  id,
  interviewer: shortText,
  narratives: v.pipe(v.array(slug), v.maxLength(100)),
  note: id,
  parents: v.pipe(v.array(id), v.maxLength(100)),
  participants: v.nullable(count),
  personalData: v.nullable(v.object({at: timestamp, by: v.nullable(shortText), kinds: v.pipe(v.array(shortText), v.maxLength(100))})),
  roles: v.pipe(v.array(shortText), v.maxLength(100)),
  text: longText,
  themes: v.pipe(v.array(slug), v.maxLength(100)),
  version: v.pipe(count, v.minValue(1)),
}) satisfies v.GenericSchema<unknown, NoteVersionRecord>

/**
 * Notes travel as their versions: every version a whole snapshot, with its own id, laptop and
 * parents. A removal is a version too (change "verwijderd"), a tombstone that a restore follows.
 */
export const notesKind: BundleKind<NoteVersionRecord> = {
  apply(store, records) {
    const touched = new Set<string>()
    let added = 0
    for (const version of records) {
      if (!store.exchange.insertNoteVersion(version)) continue
      added++
      touched.add(version.note)
    }

    for (const note of touched) store.exchange.refreshNote(note)
    return added
  },
  check(_store, records) {
    return records.filter((r) => (r.group === null) === (r.activity === null)).map((r) => `notitieversie ${r.id} heeft geen groep of activiteit, of allebei`)
  },
  collect(store, {since}) {
    return store.exchange.noteVersions(since)
  },
  label: KINDS.note.labels.versions[1],
  name: 'notes',
  record,
}

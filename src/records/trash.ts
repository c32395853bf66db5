import {UserError} from '../errors.js'
import {KINDS, type KindId} from '../model/kinds.js'
import {shortId} from './ids.js'
import type {Store} from '../store/store.js'
import {queriesOf, type RecordOf, requireRecord} from './registry.js'

/** Moves a note, finding, reflection or advice to the trash; it keeps all its versions. */
export function removeRecord<K extends KindId>(store: Store, kind: K, id: string, by?: null | string): RecordOf[K] {
  const {labels, topic} = KINDS[kind]
  const record = requireRecord(store, kind, id)
  if (record.deletedAt) throw new UserError(`${labels.capital} ${shortId(record.id)} staat al in de prullenbak.`, {hint: `Terugzetten kan met: karavaan ${topic} restore ${shortId(record.id)}`})
  return store.transaction(() => queriesOf(store, kind).setDeleted(record, true, by))
}

export function restoreRecord<K extends KindId>(store: Store, kind: K, id: string, by?: null | string): RecordOf[K] {
  const {labels} = KINDS[kind]
  const record = requireRecord(store, kind, id)
  if (!record.deletedAt) throw new UserError(`${labels.capital} ${shortId(record.id)} staat niet in de prullenbak; er valt niets terug te zetten.`)
  return store.transaction(() => queriesOf(store, kind).setDeleted(record, false, by))
}

/** An edit of a record in the trash is refused: it is restored first, so its history says so. */
function refuseDeleted(record: {deletedAt: null | string; id: string}, kind: KindId): void {
  const {labels, topic} = KINDS[kind]
  if (record.deletedAt) throw new UserError(`${labels.capital} ${shortId(record.id)} staat in de prullenbak.`, {hint: `Zet hem eerst terug met: karavaan ${topic} restore ${shortId(record.id)}`})
}

/** A record to edit: found by its id or short form, and not in the trash. */
export function requireEditable<K extends KindId>(store: Store, kind: K, id: string): RecordOf[K] {
  const record = requireRecord(store, kind, id)
  refuseDeleted(record, kind)
  return record
}

import {UserError} from '../errors.js'
import {KINDS, type KindId} from '../model/kinds.js'
import {shortId} from '../notes/ids.js'
import type {Store} from '../store/store.js'
import {queriesOf, type RecordOf, requireRecord} from './kinds.js'

/** Moves a note, finding, reflection or advice to the trash; it keeps all its versions. */
export function removeMaterial<K extends KindId>(store: Store, kind: K, id: string, by?: null | string): RecordOf[K] {
  const {labels, topic} = KINDS[kind]
  const record = requireRecord(store, kind, id)
  if (record.deletedAt) throw new UserError(`${labels.capital} ${shortId(record.id)} staat al in de prullenbak.`, {hint: `Terugzetten kan met: karavaan ${topic} restore ${shortId(record.id)}`})
  return store.transaction(() => queriesOf(store, kind).setDeleted(record, true, by))
}

export function restoreMaterial<K extends KindId>(store: Store, kind: K, id: string, by?: null | string): RecordOf[K] {
  const {labels} = KINDS[kind]
  const record = requireRecord(store, kind, id)
  if (!record.deletedAt) throw new UserError(`${labels.capital} ${shortId(record.id)} staat niet in de prullenbak; er valt niets terug te zetten.`)
  return store.transaction(() => queriesOf(store, kind).setDeleted(record, false, by))
}

import {UserError} from '../errors.js'
import {shortId} from '../notes/ids.js'
import type {Store} from '../store/store.js'
import {requireAdvice, requireFinding, requireReflection} from './lookup.js'
import type {RecordMeta} from '../model/material.js'

const KINDS = {
  advice: {find: requireAdvice, name: 'Advies', queries: (store: Store) => store.advice},
  finding: {find: requireFinding, name: 'Bevinding', queries: (store: Store) => store.findings},
  reflect: {find: requireReflection, name: 'Reflectiegesprek', queries: (store: Store) => store.reflections},
} as const

export type MaterialTopic = keyof typeof KINDS

/** Moves a finding, reflection or advice to the trash; it keeps all its versions. */
export function removeMaterial(store: Store, topic: MaterialTopic, id: string, by?: null | string): RecordMeta {
  const kind = KINDS[topic]
  const record = kind.find(store, id)
  if (record.deletedAt) throw new UserError(`${kind.name} ${shortId(record.id)} staat al in de prullenbak.`, {hint: `Terugzetten kan met: karavaan ${topic} restore ${shortId(record.id)}`})
  const queries = kind.queries(store) as {setDeleted(r: RecordMeta, d: boolean, by?: null | string): RecordMeta}
  return store.transaction(() => queries.setDeleted(record, true, by))
}

export function restoreMaterial(store: Store, topic: MaterialTopic, id: string, by?: null | string): RecordMeta {
  const kind = KINDS[topic]
  const record = kind.find(store, id)
  if (!record.deletedAt) throw new UserError(`${kind.name} ${shortId(record.id)} staat niet in de prullenbak; er valt niets terug te zetten.`)
  const queries = kind.queries(store) as {setDeleted(r: RecordMeta, d: boolean, by?: null | string): RecordMeta}
  return store.transaction(() => queries.setDeleted(record, false, by))
}

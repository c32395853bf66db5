import {KINDS, type KindId} from '../model/kinds.js'
import type {Advice, Finding, Reflection} from '../model/material.js'
import type {Note} from '../model/note.js'
import type {Store} from '../store/store.js'
import {resolveShortId} from './ids.js'

/*
 * What every kind of record does with the store, beside its labels in src/model/kinds.ts: found by
 * its id or a short form, moved to the trash and back. Notes and the material both build on it, so
 * it belongs to neither. Kept free of the personal-data guard, so commands that only read or move a
 * record to the trash stay light.
 */

export interface RecordOf {
  advice: Advice
  finding: Finding
  note: Note
  reflection: Reflection
}

/** What every kind's queries can do: find by id, short form or source, and move to and from the trash. */
export interface RecordQueries<T> {
  /** The record imported from a source (a file, or a file and key), if any. */
  bySource(source: string): T | undefined
  get(id: string): T | undefined
  matchIds(short: string): string[]
  setDeleted(record: T, deleted: boolean, by?: null | string): T
}

export function queriesOf<K extends KindId>(store: Store, kind: K): RecordQueries<RecordOf[K]> {
  const queries = {advice: store.advice, finding: store.findings, note: store.notes, reflection: store.reflections}
  return queries[kind] as unknown as RecordQueries<RecordOf[K]>
}

/**
 * A record by its full id or a unique short form (as lists show it); `flag` names the option it
 * was typed after, when that is not the command's own argument.
 */
export function requireRecord<K extends KindId>(store: Store, kind: K, id: string, flag?: string): RecordOf[K] {
  const {labels, topic} = KINDS[kind]
  const queries = queriesOf(store, kind)
  const hint = `Zoek de id op met: karavaan ${topic} list (of ${topic} list --deleted voor de prullenbak)`
  return queries.get(resolveShortId(id, (short) => queries.matchIds(short), {hint, name: flag ? `${labels.singular} (${flag})` : labels.singular}))!
}

import {type MaterialKindId, TheKind} from '../model/kinds.js'
import type {Study} from '../study/load.js'
import type {Store} from '../store/store.js'
import {guardTexts} from './guard.js'
import {type FieldsOf, GUARDED_TEXTS, type GuardedTexts, writeQueriesOf} from './kinds.js'
import {type RecordOf} from '../records/registry.js'
import {keepOverride, same, type WriteOptions, type WriteOutcome} from './writes.js'

/*
 * The last steps of every add and edit of the material, the same for each kind: the personal-data
 * guard over the record's texts, then one transaction. What differs per kind (its fields, their
 * checks) is done by the caller before.
 */

function guarded<K extends MaterialKindId>(study: Study, kind: K, fields: FieldsOf[K], options: WriteOptions) {
  const texts: GuardedTexts<FieldsOf[K]> = GUARDED_TEXTS[kind]
  const outcome = guardTexts(study, TheKind(kind), texts.read(fields), options.policy ?? 'refuse', options.by ?? null)
  return {...outcome, fields: texts.write(fields, outcome.texts)}
}

/** Stores a checked new record as version 1. */
export function saveNew<K extends MaterialKindId>(store: Store, study: Study, kind: K, fields: FieldsOf[K], options: WriteOptions): WriteOutcome<RecordOf[K]> {
  const safe = guarded(study, kind, fields, options)
  const record = store.transaction(() => writeQueriesOf(store, kind).insert(safe.fields, {by: options.by, personalData: safe.override, source: options.source}))
  return {change: 'nieuw', record, replaced: safe.override ? [] : safe.hits}
}

/** Stores checked fields as the record's next version; an edit that changes nothing stores nothing. */
export function saveEdit<K extends MaterialKindId>(
  store: Store,
  study: Study,
  kind: K,
  record: RecordOf[K],
  current: FieldsOf[K],
  fields: FieldsOf[K],
  options: WriteOptions,
): WriteOutcome<RecordOf[K]> {
  const safe = guarded(study, kind, fields, options)
  if (same(current, safe.fields)) return {change: 'ongewijzigd', record, replaced: []}
  const override = keepOverride(record, safe.override, options.policy)
  const stored = store.transaction(() => writeQueriesOf(store, kind).update(record, safe.fields, {by: options.by, personalData: override}))
  return {change: 'bewerkt', record: stored, replaced: safe.override ? [] : safe.hits}
}

import * as v from 'valibot'

import type {CodingRecord, TagRecord} from '../../../store/exchange.js'
import type {Store} from '../../../store/store.js'
import type {BundleKind, IncomingBundles} from './kind.js'
import {count, id, longText, slug, shortText, timestamp} from './records.js'

const tagRecord = v.pipe(
  v.object({
    code: slug,
    coder: shortText,
    createdAt: timestamp,
    deletedAt: v.nullable(timestamp),
    end: v.nullable(count),
    id,
    kind: v.picklist(['narrative', 'theme']),
    note: id,
    origin: v.picklist(['coder', 'note', 'suggestion', 'import']),
    quote: v.nullable(longText),
    start: v.nullable(count),
  }),
  v.check((tag) => (tag.start === null) === (tag.end === null), 'begin en eind horen samen'),
) satisfies v.GenericSchema<unknown, TagRecord>

/** Tags, with their removals: a removed tag travels with deleted_at, the earliest removal wins. */
export const tagsKind: BundleKind<TagRecord> = {
  apply(store, records) {
    let changed = 0
    for (const tag of records) if (store.exchange.applyTag(tag)) changed++
    return changed
  },
  check: (store, records, incoming) => missingNotes(store, records, incoming, 'tag'),
  collect: (store, {since}) => store.exchange.tags(since),
  label: 'tags',
  name: 'tags',
  record: tagRecord,
}

const codingRecord = v.object({codedAt: timestamp, coder: shortText, note: id}) satisfies v.GenericSchema<unknown, CodingRecord>

/** Which coder has coded which note (also when they found no narrative); the earliest time is kept. */
export const codingsKind: BundleKind<CodingRecord> = {
  apply(store, records) {
    let changed = 0
    for (const coding of records) if (store.exchange.applyCoding(coding)) changed++
    return changed
  },
  check: (store, records, incoming) => missingNotes(store, records, incoming, 'codering'),
  collect: (store, {since}) => store.exchange.codings(since),
  label: 'coderingen',
  name: 'codings',
  record: codingRecord,
}

/** Records about notes that are neither in this study nor in any bundle being merged. */
function missingNotes(store: Store, records: Array<{note: string}>, incoming: IncomingBundles, what: string): string[] {
  const arriving = new Set((incoming.get('notes') ?? []).map((version) => (version as {note: string}).note))
  const missing = new Set<string>()
  for (const record of records) {
    if (!arriving.has(record.note) && !store.exchange.hasNote(record.note)) missing.add(record.note)
  }

  return [...missing].slice(0, 5).map((note) => `een ${what} hoort bij notitie ${note}, die niet in deze studie staat en niet in de bundel`)
}

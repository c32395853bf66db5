import * as v from 'valibot'

import type {RejectionRecord} from '../../../store/exchange.js'
import type {BundleKind} from './kind.js'
import {count, id, shortText, slug, timestamp} from './records.js'

const record = v.pipe(
  v.object({
    at: timestamp,
    coder: shortText,
    end: count,
    id,
    narrative: slug,
    note: id,
    start: count,
    versionId: id,
    withdrawnAt: v.nullable(timestamp),
  }),
  v.check((r) => r.start < r.end, 'het begin ligt voor het eind'),
) satisfies v.GenericSchema<unknown, RejectionRecord>

/**
 * Suggestions a coder rejected in tag review, so that the team's judgements meet on one laptop
 * (the lead's, where a model may learn from them) and a coder is not asked again on another
 * laptop. Like tags: known by id, a withdrawal is a tombstone, the earliest wins. The part is
 * written only when there are rejections, so that a bundle without any stays readable by a kit
 * from before rejections; one with them is refused there as "newer", which it is.
 */
export const rejectionsKind: BundleKind<RejectionRecord> = {
  apply(store, records) {
    let changed = 0
    for (const rejection of records) if (store.exchange.applyRejection(rejection)) changed++
    return changed
  },
  check(store, records, incoming) {
    const versions = new Set((incoming.get('notes') ?? []).map((version) => (version as {id: string}).id))
    const missing = new Set<string>()
    for (const rejection of records) {
      if (!versions.has(rejection.versionId) && !store.exchange.hasNoteVersion(rejection.versionId)) missing.add(rejection.note)
      if (missing.size >= 5) break
    }

    return [...missing].map((note) => `een afgewezen voorstel hoort bij een versie van notitie ${note} die niet in deze studie staat en niet in de bundel`)
  },
  collect: (store, {since}) => store.exchange.rejections(since),
  label: 'afgewezen voorstellen',
  name: 'rejections',
  omitWhenEmpty: true,
  record,
}

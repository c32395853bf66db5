import * as v from 'valibot'

import {PLAN_STATES} from '../../../model/plan.js'
import {conversationId, type FieldworkVersion, figureId, type FigureState, type PlanItemState} from '../../../store/fieldwork.js'
import type {Store} from '../../../store/store.js'
import type {BundleKind} from './kind.js'
import {count, id, shortText, slug, timestamp} from './records.js'

/*
 * Context figures and the fieldwork plan travel as their versions, like notes (migration 009): a
 * version already here is skipped (keeping the earlier of the two stamps when two laptops made the
 * same one), and the row is derived from the versions. A figure's id is derived from its
 * halteplaats, indicator and year, a conversation's from its halteplaats and group; a record whose
 * id does not fit its key is refused, since it would clash with the one that does. Both parts are
 * written only when there is something in them, so a bundle of a study without figures or a plan
 * is what an older kit wrote, and one with them is refused there as "newer", which it is.
 */

const versionFields = {
  change: v.picklist(['nieuw', 'bewerkt', 'samengevoegd']),
  changedAt: timestamp,
  changedBy: v.nullable(shortText),
  device: id,
  id,
  parents: v.pipe(v.array(id), v.maxLength(100)),
  record: id,
  version: v.pipe(count, v.minValue(1)),
}

const figureRecord = v.object({
  ...versionFields,
  state: v.object({
    halteplaats: slug,
    indicator: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
    source: shortText,
    unit: shortText,
    value: v.pipe(v.number(), v.finite()),
    year: v.pipe(v.number(), v.integer(), v.minValue(1900), v.maxValue(2100)),
  }),
}) satisfies v.GenericSchema<unknown, FieldworkVersion<FigureState>>

const planRecord = v.pipe(
  v.object({
    ...versionFields,
    state: v.object({
      activity: v.nullable(slug),
      date: v.nullable(timestamp),
      group: v.nullable(slug),
      halteplaats: slug,
      state: v.picklist(PLAN_STATES),
    }),
  }),
  v.check((r) => (r.state.group === null) !== (r.state.activity === null), 'een gesprek heeft een groep, een observatie een activiteit'),
) satisfies v.GenericSchema<unknown, FieldworkVersion<PlanItemState>>

function apply<S>(records: Array<FieldworkVersion<S>>, queries: {mergeVersion(r: FieldworkVersion<S>): boolean; refresh(id: string): void}): number {
  const touched = new Set<string>()
  let changed = 0
  for (const version of records) {
    if (!queries.mergeVersion(version)) continue
    changed++
    touched.add(version.record)
  }

  for (const record of touched) queries.refresh(record)
  return changed
}

export const contextKind: BundleKind<FieldworkVersion<FigureState>> = {
  apply: (store: Store, records) => apply(records, store.context),
  check(_store, records) {
    return records
      .filter((r) => r.record !== figureId(r.state.halteplaats, r.state.indicator, r.state.year))
      .slice(0, 5)
      .map((r) => `contextcijfer ${r.record} ("${r.state.indicator}", ${r.state.halteplaats}, ${r.state.year}) heeft niet de id die bij die halteplaats, indicator en dat jaar hoort`)
  },
  collect: (store, {since}) => store.context.versionsSince(since),
  label: 'versies van contextcijfers',
  name: 'context',
  omitWhenEmpty: true,
  record: figureRecord,
}

export const planKind: BundleKind<FieldworkVersion<PlanItemState>> = {
  apply: (store: Store, records) => apply(records, store.plan),
  check(_store, records) {
    return records
      .filter((r) => r.state.group !== null && r.record !== conversationId(r.state.halteplaats, r.state.group))
      .slice(0, 5)
      .map((r) => `gesprek ${r.record} in de planning (${r.state.halteplaats}, groep ${r.state.group}) heeft niet de id die bij die halteplaats en groep hoort`)
  },
  collect: (store, {since}) => store.plan.versionsSince(since),
  label: 'versies van de planning',
  name: 'plan',
  omitWhenEmpty: true,
  record: planRecord,
}

import type * as v from 'valibot'

import type {Store} from '../../../store/store.js'
import type {Study} from '../../../study/load.js'

/**
 * One kind of record that travels in a bundle: notes, tags, codings, … Each is a part of the bundle
 * with its own checksum. To make something new travel (findings, reflections, advice), write one
 * module like kinds/tags.ts and add it to KINDS in kinds/index.ts; nothing else changes. Its rules
 * must make merging idempotent and order-independent (see src/store/exchange.ts).
 */
export interface BundleKind<R = unknown> {
  /** Dutch, plural, for summaries: "notitieversies". */
  readonly label: string
  /** The part's name in the manifest. Never rename it: older kits know the part by this name. */
  readonly name: string
  /**
   * Written only when it has records. For a kind added after bundles were first made: a bundle
   * without any of it is then one an older kit can still read.
   */
  readonly omitWhenEmpty?: boolean
  /** One record as it travels; every record is checked against it before anything is written. */
  readonly record: v.GenericSchema<unknown, R>
  /** What to export: everything, or what changed at or after `since`. */
  collect(store: Store, options: {since?: string; study: Study}): Iterable<R>
  /** Reasons to refuse, before anything is written (a tag on a note that is nowhere, …). */
  check?(store: Store, records: R[], incoming: IncomingBundles): string[]
  /** Stores the records inside the merge's transaction; returns how many changed something. */
  apply(store: Store, records: R[]): number
}

/** Every record of the bundles being merged, by part name, for checks across bundles. */
export type IncomingBundles = ReadonlyMap<string, readonly unknown[]>

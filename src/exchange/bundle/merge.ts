import {UserError} from '../../errors.js'
import {nowIso} from '../../store/ids.js'
import type {Store} from '../../store/store.js'
import type {ReadBundle} from './bundle.js'
import {KINDS} from './kinds/index.js'
import type {BundlePrivacy} from './manifest.js'

export interface MergedBundle {
  /** Per part, how many records changed something here; all zero for a bundle taken in before. */
  added: Record<string, number>
  bundle: string
  createdAt: string
  device: string
  file: string
  /** When this bundle was merged before, or null. */
  mergedBefore: null | string
  /** What the privacy gate decided when the bundle was written, when a choice was made (its manifest). */
  privacy?: BundlePrivacy
}

export interface MergeReport {
  bundles: MergedBundle[]
  /** Notes, findings, reflections, advice, context figures and plan items now in conflict (changed on two laptops from the same version). */
  conflicts: number
}

/**
 * Takes bundles into the study: all of them or, when one is refused, none. Every rule is a function
 * of the set of records (see src/store/exchange.ts), so the same bundle twice changes nothing and
 * bundles in any order give the same study.
 */
export function mergeBundles(store: Store, studyId: string, bundles: ReadBundle[]): MergeReport {
  for (const bundle of bundles) {
    if (bundle.manifest.study !== studyId) {
      throw new UserError(`${bundle.file} hoort bij een andere studie (id ${bundle.manifest.study}) dan deze (id ${studyId}). Er is niets veranderd.`, {
        hint: 'Lees de bundel in bij de studie waar hij vandaan komt, of vraag om een bundel van deze studie.',
      })
    }
  }

  const incoming = new Map<string, unknown[]>()
  for (const bundle of bundles) {
    for (const [kind, records] of bundle.parts) incoming.set(kind, [...(incoming.get(kind) ?? []), ...records])
  }

  const problems = KINDS.flatMap((kind) => bundles.flatMap((bundle) => kind.check?.(store, bundle.parts.get(kind.name) ?? [], incoming) ?? []))
  if (problems.length > 0) {
    throw new UserError('De bundel past niet bij deze studie: er ontbreekt iets waar hij naar verwijst. Er is niets veranderd.', {
      details: [...new Set(problems)].slice(0, 10),
      hint: 'Lees eerst een volledige bundel in (gemaakt zonder --since), of de bundels die eerder zijn gemaakt.',
    })
  }

  return store.transaction(() => {
    const added = bundles.map(() => ({}) as Record<string, number>)
    // Kind by kind across all bundles: a tag in one bundle may belong to a note in another.
    for (const kind of KINDS) {
      for (const [index, bundle] of bundles.entries()) added[index][kind.name] = kind.apply(store, bundle.parts.get(kind.name) ?? [])
    }

    const mergedAt = nowIso()
    const report = bundles.map((bundle, index): MergedBundle => {
      const before = store.exchange.mergedBefore(bundle.manifest.bundle) ?? null
      const total = Object.values(added[index]).reduce((sum, n) => sum + n, 0)
      store.exchange.recordMerged({added: total, bundleId: bundle.manifest.bundle, createdAt: bundle.manifest.createdAt, device: bundle.manifest.device, mergedAt})
      const {privacy} = bundle.manifest
      return {added: added[index], bundle: bundle.manifest.bundle, createdAt: bundle.manifest.createdAt, device: bundle.manifest.device, file: bundle.file, mergedBefore: before, ...(privacy ? {privacy} : {})}
    })
    return {
      bundles: report,
      conflicts:
        store.exchange.conflictedNotes().length + store.exchange.conflictedMaterial().length + store.context.conflicted().length + store.plan.conflicted().length,
    }
  })
}

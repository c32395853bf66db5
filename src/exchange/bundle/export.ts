import {resolve} from 'node:path'

import {UserError} from '../../errors.js'
import type {MaterialVersionRecord, NoteVersionRecord, RejectionRecord, TagRecord} from '../../store/exchange.js'
import {newId, nowIso} from '../../store/ids.js'
import type {Store} from '../../store/store.js'
import type {Study} from '../../study/load.js'
import type {GatedOutput} from '../privacy.js'
import {kitVersion, writeBundle} from './bundle.js'
import {writeBundleFile} from './files.js'
import {KINDS} from './kinds/index.js'
import {DATE_EXAMPLES, parseDate} from '../../parse/date.js'
import type {BundlePrivacy} from './manifest.js'

export interface ExportBundleOptions {
  out: string
  /** The passphrase to encrypt with; none writes the bundle unencrypted. */
  passphrase?: string
  /** What the privacy gate decided, for the manifest: written only when a choice was made. */
  privacy?: BundlePrivacy
  /** Only what changed on or after this date (2026-03-01) or moment (2026-03-01T12:00:00Z). */
  since?: string
}

export interface BundleSummary {
  bundle: string
  counts: Record<string, number>
  device: string
  encrypted: boolean
  file: string
  since: null | string
  study: string
}

/**
 * Writes the study's notes, versions, removals, tags, codings, rejected suggestions, findings,
 * reflections and advice to one bundle file (0600). With `output` every record goes through the
 * privacy gate's side of the writer (placeholders after --pseudonymise, in this copy only).
 */
export function exportBundle(store: Store, study: Study, options: ExportBundleOptions, output?: GatedOutput): BundleSummary {
  const since = bundleSince(options.since)
  const device = store.meta.get('device_id') ?? 'onbekend'
  const file = resolve(options.out)
  // One read transaction: a note edited while the bundle is written is in it wholly or not at all.
  const {bytes, manifest} = store.snapshot(() =>
    writeBundle(
      {bundle: newId(), createdAt: nowIso(), device, kit: kitVersion(), since: since ?? null, study: study.id, ...(options.privacy ? {privacy: options.privacy} : {})},
      KINDS.flatMap((kind) => {
        let records = kind.collect(store, {since, study})
        if (kind.omitWhenEmpty) {
          const all = [...records]
          if (all.length === 0) return []
          records = all
        }

        return [{kind: kind.name, records: output ? gated(kind.name, records, output) : records}]
      }),
      options.passphrase,
    ),
  )
  writeBundleFile(file, bytes)
  return {
    bundle: manifest.bundle,
    counts: Object.fromEntries(manifest.parts.map((part) => [part.kind, part.count])),
    device,
    encrypted: options.passphrase !== undefined,
    file,
    since: manifest.since,
    study: study.id,
  }
}

/** --since as the bundle reads it: a date, or a moment in UTC; checked before anything is read. */
export function bundleSince(value: string | undefined): string | undefined {
  return value === undefined ? undefined : checkSince(value)
}

const MATERIAL_PARTS = {advice: 'advice', findings: 'finding', reflections: 'reflection'} as const

/** The records of one part as the gate lets them out. Study and codings hold no respondent's words, rejections only positions. */
function* gated(part: string, records: Iterable<unknown>, output: GatedOutput): Iterable<unknown> {
  for (const record of records) {
    if (part === 'notes') yield output.noteVersion(record as NoteVersionRecord)
    else if (part === 'tags') yield output.tagRecord(record as TagRecord)
    else if (part === 'rejections') yield output.rejectionRecord(record as RejectionRecord)
    else if (part in MATERIAL_PARTS) yield output.materialVersion(MATERIAL_PARTS[part as keyof typeof MATERIAL_PARTS], record as MaterialVersionRecord)
    else yield record
  }
}

/** A day in any form parseDate reads (2026-03-15, 15-3-2026, 15 maart 2026), or a moment in ISO form. */
function checkSince(value: string): string {
  const trimmed = value.trim()
  const moment = Date.parse(trimmed)
  if (/^\d{4}-\d{2}-\d{2}T/.test(trimmed) && !Number.isNaN(moment)) return new Date(moment).toISOString()
  const day = parseDate(trimmed)
  if (day.iso !== undefined) return day.iso
  if (day.kind === 'impossible') throw new UserError(`${day.problem.charAt(0).toUpperCase()}${day.problem.slice(1)} (--since).`, {hint: 'Controleer de dag en de maand.'})
  throw new UserError(`--since "${value}" is geen datum of tijdstip.`, {hint: `Schrijf een datum, zoals ${DATE_EXAMPLES}, of een tijdstip als 2026-03-15T14:00:00Z.`})
}

/**
 * The name a bundle is saved under when no one typed one (the browser's download): who made it and
 * the day, as the README's examples name them (anna-2026-03-16.karavaan), so the lead sees at a
 * glance whose week it is.
 */
export function bundleFileName(who: null | string | undefined, day: string = nowIso().slice(0, 10), since?: string): string {
  const name = (who ?? '').toLowerCase().replaceAll(/[^\da-z]+/g, '-').replaceAll(/^-+|-+$/g, '') || 'bundel'
  return `${name}-${day}${since ? `-sinds-${since.slice(0, 10)}` : ''}.karavaan`
}

import * as v from 'valibot'

import {useDutchMessages} from '../../parse/messages.js'
import {formatPath} from '../../parse/yaml.js'
import {damaged, newerKit} from './container.js'

/** The format of the manifest and its parts. Raise it when an older kit could misread a bundle. */
export const FORMAT_VERSION = 1

const MAX_PARTS = 64
const MAX_RECORDS = 50_000_000

const text = v.pipe(v.string(), v.minLength(1), v.maxLength(200))
const part = v.object({
  bytes: v.pipe(v.number(), v.integer(), v.minValue(0)),
  count: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(MAX_RECORDS)),
  kind: v.pipe(v.string(), v.regex(/^[a-z][a-z-]{0,39}$/)),
  sha256: v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/)),
})

/**
 * What the privacy gate decided when the bundle was written, when a choice was made: the texts
 * hold placeholders (pseudonymise, in this copy only), or personal data was let through (allow).
 * Optional, so an older kit reads the bundle as before.
 */
const privacy = v.object({
  at: v.pipe(v.string(), v.isoTimestamp()),
  by: v.nullable(text),
  choice: v.picklist(['allow', 'pseudonymise']),
  found: v.pipe(v.number(), v.integer(), v.minValue(0)),
  kinds: v.pipe(v.array(text), v.maxLength(100)),
})

export type BundlePrivacy = v.InferOutput<typeof privacy>

// An object, not a strict one: a later kit may add fields an older kit can do without. What an older
// kit cannot do without raises FORMAT_VERSION instead.
const manifestSchema = v.object({
  bundle: text,
  createdAt: v.pipe(v.string(), v.isoTimestamp()),
  device: text,
  format: v.pipe(v.number(), v.integer(), v.minValue(1)),
  kit: text,
  parts: v.pipe(v.array(part), v.maxLength(MAX_PARTS)),
  privacy: v.optional(privacy),
  since: v.nullable(v.pipe(v.string(), v.maxLength(40))),
  study: text,
  type: v.literal('karavaan-bundel'),
})

export type Manifest = v.InferOutput<typeof manifestSchema>
export type PartEntry = Manifest['parts'][number]

/**
 * The manifest line of a bundle, checked. A newer format is named as such before anything else is
 * looked at, so an older kit says "update" instead of "damaged". Throws only UserErrors.
 */
export function parseManifest(line: string, file: string): Manifest {
  let raw: unknown
  try {
    raw = JSON.parse(line)
  } catch {
    throw damaged(file, 'het manifest is geen geldige JSON')
  }

  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw damaged(file, 'het manifest ontbreekt')
  const {format} = raw as {format?: unknown}
  if (typeof format === 'number' && format > FORMAT_VERSION) throw newerKit(file, format, FORMAT_VERSION)
  useDutchMessages()
  const result = v.safeParse(manifestSchema, raw)
  if (!result.success) {
    const issue = result.issues[0]
    const where = formatPath((issue.path ?? []).map((p) => p.key as number | string))
    throw damaged(file, `het manifest klopt niet (${where || 'manifest'}: ${issue.message})`)
  }

  const kinds = new Set<string>()
  for (const entry of result.output.parts) {
    if (kinds.has(entry.kind)) throw damaged(file, `het deel ${entry.kind} staat twee keer in het manifest`)
    kinds.add(entry.kind)
  }

  return result.output
}

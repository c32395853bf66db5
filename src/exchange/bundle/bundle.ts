import {createHash} from 'node:crypto'
import {readFileSync} from 'node:fs'
import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'
import * as v from 'valibot'

import {damaged, newerKit, seal, unseal} from './container.js'
import {kindNamed} from './kinds/index.js'
import type {BundleKind} from './kinds/kind.js'
import {FORMAT_VERSION, type Manifest, parseManifest, type PartEntry} from './manifest.js'
import {plural} from '../../model/plural.js'

/*
 * The payload inside the container: JSON lines. The first line is the manifest; then each part in
 * the manifest's order, one record per line. The manifest gives each part's length in bytes, its
 * number of records and the SHA-256 of its bytes, so a damaged or altered part is found before a
 * single record is used.
 */

const PACKAGE_JSON = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'package.json')

export function kitVersion(): string {
  return (JSON.parse(readFileSync(PACKAGE_JSON, 'utf8')) as {version: string}).version
}

export interface Part {
  kind: string
  records: Iterable<unknown>
}

export interface ReadBundle {
  encrypted: boolean
  file: string
  manifest: Manifest
  /** Records per part name, each checked against its kind's schema. */
  parts: Map<string, unknown[]>
}

/** The bytes of a bundle file. */
export function writeBundle(header: Omit<Manifest, 'format' | 'parts' | 'type'>, parts: Part[], passphrase?: string): {bytes: Buffer; manifest: Manifest} {
  const entries: PartEntry[] = []
  const chunks: Buffer[] = []
  for (const part of parts) {
    const lines: string[] = []
    for (const record of part.records) lines.push(JSON.stringify(record))
    const bytes = Buffer.from(lines.length > 0 ? `${lines.join('\n')}\n` : '', 'utf8')
    entries.push({bytes: bytes.length, count: lines.length, kind: part.kind, sha256: sha256(bytes)})
    chunks.push(bytes)
  }

  const manifest: Manifest = {type: 'karavaan-bundel', format: FORMAT_VERSION, ...header, parts: entries}
  const payload = Buffer.concat([Buffer.from(`${JSON.stringify(manifest)}\n`, 'utf8'), ...chunks])
  return {bytes: seal(payload, passphrase), manifest}
}

/** A bundle file's content, wholly checked: container, manifest, checksums and every record. Writes nothing. */
export function readBundle(bytes: Buffer, file: string, passphrase?: string): ReadBundle {
  const {encrypted, payload} = unseal(bytes, file, passphrase)
  const end = payload.indexOf(0x0a)
  if (end === -1) throw damaged(file, 'het manifest ontbreekt')
  const manifest = parseManifest(payload.toString('utf8', 0, end), file)
  const parts = new Map<string, unknown[]>()
  let offset = end + 1
  for (const entry of manifest.parts) {
    const kind = kindNamed(entry.kind)
    // A part this kit does not know holds something it cannot store; taking the rest would lose it.
    if (!kind) throw newerKit(file, `${manifest.format} met het deel "${entry.kind}"`, FORMAT_VERSION)
    if (offset + entry.bytes > payload.length) throw damaged(file, `het deel ${entry.kind} is korter dan het manifest zegt`)
    const bytes = payload.subarray(offset, offset + entry.bytes)
    offset += entry.bytes
    if (sha256(bytes) !== entry.sha256) throw damaged(file, `het deel ${entry.kind} klopt niet met zijn controlesom`)
    parts.set(entry.kind, parseRecords(kind, bytes, entry, file))
  }

  if (offset !== payload.length) throw damaged(file, 'er staat meer in dan het manifest noemt')
  return {encrypted, file, manifest, parts}
}

function parseRecords(kind: BundleKind, bytes: Buffer, entry: PartEntry, file: string): unknown[] {
  const records: unknown[] = []
  let start = 0
  while (start < bytes.length) {
    let end = bytes.indexOf(0x0a, start)
    if (end === -1) end = bytes.length
    const line = records.length + 1
    let raw: unknown
    try {
      raw = JSON.parse(bytes.toString('utf8', start, end))
    } catch {
      throw damaged(file, `regel ${line} van het deel ${entry.kind} is geen geldige JSON`)
    }

    const result = v.safeParse(kind.record, raw)
    if (!result.success) {
      const field = (result.issues[0].path ?? []).map((p) => String(p.key)).join('.')
      throw damaged(file, `regel ${line} van het deel ${entry.kind} klopt niet${field ? ` (veld ${field})` : ''}`)
    }

    records.push(result.output)
    start = end + 1
  }

  if (records.length !== entry.count) throw damaged(file, `het deel ${entry.kind} heeft ${plural(records.length, 'regel', 'regels')}, het manifest noemt er ${entry.count}`)
  return records
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex')
}

import {inflateRawSync} from 'node:zlib'

import {UserError} from '../errors.js'

/**
 * Limits for a zip file from elsewhere. A zip bomb declares small sizes or inflates far beyond
 * them; both are refused: the sizes of the central directory are checked before anything is
 * inflated, and inflating stops at the declared size of the entry.
 */
export interface ZipLimits {
  /** Entries in the directory. */
  maxEntries: number
  /** One entry, inflated. */
  maxEntryBytes: number
  /** Inflated size over compressed size, for entries larger than ratioFromBytes. */
  maxRatio: number
  /** All entries together, inflated. */
  maxTotalBytes: number
  ratioFromBytes: number
}

export interface ZipEntry {
  compressedSize: number
  method: number
  name: string
  offset: number
  size: number
}

const MiB = 1024 * 1024
const EOCD = 0x06_05_4b_50
const CENTRAL = 0x02_01_4b_50
const LOCAL = 0x04_03_4b_50

/**
 * The entries of a zip, from its central directory, after every check that needs no inflating:
 * names that stay inside the folder, supported compression, no encryption, no duplicates, and
 * sizes and ratios within the limits. `label` names the file in messages.
 */
export function readZipDirectory(zip: Buffer, label: string, limits: ZipLimits): Map<string, ZipEntry> {
  const damaged = (what: string) => new UserError(`${label} is geen geldig zip-bestand (${what}).`, {hint: 'Exporteer het bestand opnieuw uit het andere programma.'})
  const end = findEndOfDirectory(zip)
  if (end < 0) throw damaged('de inhoudsopgave ontbreekt')
  const count = zip.readUInt16LE(end + 10)
  const directorySize = zip.readUInt32LE(end + 12)
  const directoryOffset = zip.readUInt32LE(end + 16)
  if (count === 0xff_ff || directoryOffset === 0xff_ff_ff_ff || directorySize === 0xff_ff_ff_ff) {
    throw new UserError(`${label} is een zip64-bestand (groter dan 4 GB of meer dan 65.535 bestanden); dat leest de kit niet.`)
  }

  if (count > limits.maxEntries) throw new UserError(`${label} bevat ${count} bestanden; meer dan ${limits.maxEntries} leest de kit niet.`)
  if (directoryOffset + directorySize > end) throw damaged('de inhoudsopgave wijst buiten het bestand')

  const entries = new Map<string, ZipEntry>()
  let total = 0
  let at = directoryOffset
  for (let i = 0; i < count; i++) {
    if (at + 46 > end || zip.readUInt32LE(at) !== CENTRAL) throw damaged('de inhoudsopgave is beschadigd')
    const flags = zip.readUInt16LE(at + 8)
    const method = zip.readUInt16LE(at + 10)
    const compressedSize = zip.readUInt32LE(at + 20)
    const size = zip.readUInt32LE(at + 24)
    const nameLength = zip.readUInt16LE(at + 28)
    const extraLength = zip.readUInt16LE(at + 30)
    const commentLength = zip.readUInt16LE(at + 32)
    const offset = zip.readUInt32LE(at + 42)
    const rawName = zip.subarray(at + 46, at + 46 + nameLength)
    const name = flags & 0x8_00 ? rawName.toString('utf8') : rawName.toString('latin1')
    at += 46 + nameLength + extraLength + commentLength

    const problem = unsafeName(name)
    if (problem) throw new UserError(`${label} bevat een bestand met een onveilige naam: "${name}" (${problem}); er is niets ingelezen.`, {hint: 'Zo\'n bestand kan buiten de map schrijven. Gebruik alleen bestanden uit een programma dat je vertrouwt.'})
    if (flags & 0x1) throw new UserError(`${label} bevat een versleuteld bestand (${name}); dat leest de kit niet.`, {hint: 'Exporteer het project zonder wachtwoord.'})
    if (method !== 0 && method !== 8) throw new UserError(`${label} gebruikt een compressie die de kit niet kent (methode ${method}, in ${name}).`, {hint: 'Exporteer het bestand opnieuw; de gewone zip-compressie (deflate) wordt gelezen.'})
    if (entries.has(name)) throw new UserError(`${label} bevat ${name} twee keer; er is niets ingelezen.`)
    if (name.endsWith('/')) continue

    if (size > limits.maxEntryBytes) throw tooLarge(label, name, size, limits.maxEntryBytes)
    total += size
    if (total > limits.maxTotalBytes) throw new UserError(`${label} wordt uitgepakt groter dan ${Math.round(limits.maxTotalBytes / MiB)} MB; dat leest de kit niet.`, {hint: 'Een bestand dat uitgepakt zoveel groter wordt, is beschadigd of een zip-bom.'})
    if (size > limits.ratioFromBytes && size / Math.max(compressedSize, 1) > limits.maxRatio) {
      throw new UserError(`${label}: ${name} wordt bij uitpakken ${Math.round(size / Math.max(compressedSize, 1))} keer zo groot; dat is een zip-bom, geen project. Er is niets ingelezen.`)
    }

    entries.set(name, {compressedSize, method, name, offset, size})
  }

  return entries
}

/** One entry, inflated; never more than its declared size (the directory may lie). */
export function readZipEntry(zip: Buffer, entry: ZipEntry, label: string): Buffer {
  const damaged = () => new UserError(`${label} is beschadigd: ${entry.name} is niet te lezen.`, {hint: 'Exporteer het bestand opnieuw uit het andere programma.'})
  if (entry.offset + 30 > zip.length || zip.readUInt32LE(entry.offset) !== LOCAL) throw damaged()
  const start = entry.offset + 30 + zip.readUInt16LE(entry.offset + 26) + zip.readUInt16LE(entry.offset + 28)
  if (start + entry.compressedSize > zip.length) throw damaged()
  const data = zip.subarray(start, start + entry.compressedSize)
  if (entry.method === 0) {
    if (data.length !== entry.size) throw damaged()
    return data
  }

  let out: Buffer
  try {
    // Inflating stops one byte past the declared size: enough to see that the entry lies.
    out = inflateRawSync(data, {maxOutputLength: entry.size + 1})
  } catch (error) {
    if ((error as {code?: string}).code === 'ERR_BUFFER_TOO_LARGE') throw new UserError(`${label}: ${entry.name} wordt bij uitpakken groter dan de zip opgeeft; dat is een zip-bom of een beschadigd bestand. Er is niets ingelezen.`)
    throw damaged()
  }

  if (out.length !== entry.size) {
    if (out.length > entry.size) throw new UserError(`${label}: ${entry.name} wordt bij uitpakken groter dan de zip opgeeft; dat is een zip-bom of een beschadigd bestand. Er is niets ingelezen.`)
    throw damaged()
  }

  return out
}

/** Why a name in a zip could point outside the folder it is unpacked into, or undefined if it cannot. */
export function unsafeName(name: string): string | undefined {
  if (name.length === 0) return 'lege naam'
  if (name.includes('\u0000')) return 'een nul-teken in de naam'
  if (name.includes('\\')) return 'een backslash in de naam'
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) return 'een absoluut pad'
  if (name.split('/').includes('..')) return 'verwijst naar een bovenliggende map (..)'
  return undefined
}

function tooLarge(label: string, name: string, size: number, max: number): UserError {
  return new UserError(`${label}: ${name} is uitgepakt ${Math.round(size / MiB)} MB; meer dan ${Math.round(max / MiB)} MB per bestand leest de kit niet.`)
}

/** The end-of-central-directory record: in the last 22 bytes, or before a comment of at most 64 KiB. */
function findEndOfDirectory(zip: Buffer): number {
  for (let at = zip.length - 22; at >= Math.max(0, zip.length - 22 - 0xff_ff); at--) {
    if (zip.readUInt32LE(at) === EOCD) return at
  }

  return -1
}

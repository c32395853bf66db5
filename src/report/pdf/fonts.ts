import {readFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import {inflateSync} from 'node:zlib'

/**
 * The faces of the report: Source Serif 4 for reading, Source Sans 3 for headings, tables, the
 * running header and charts. Both come from fontsource as woff files per subset; the latin subset
 * covers Dutch in full (ë, é, ï, “ ”, ‘ ’, –, …), and the latin-ext subset is loaded only for the
 * letters of names such as Şükrü or Łukasz that it alone holds.
 */
export type Family = 'sans' | 'serif'
export type Weight = 400 | 600 | 700

export interface FontStyle {
  family: Family
  italic: boolean
  weight: Weight
}

const FACES: Array<FontStyle & {package: string}> = [
  ...([400, 600, 700] as const).flatMap((weight) => [false, true].map((italic) => ({family: 'serif' as const, italic, package: '@fontsource/source-serif-4/files/source-serif-4', weight}))),
  ...([400, 600, 700] as const).flatMap((weight) => [false, true].map((italic) => ({family: 'sans' as const, italic, package: '@fontsource/source-sans-3/files/source-sans-3', weight}))),
]

export function fontName(style: FontStyle, extended = false): string {
  return `${style.family}-${style.weight}${style.italic ? 'i' : ''}${extended ? '-ext' : ''}`
}

/**
 * Unpacks a WOFF 1.0 file into the plain OpenType font it wraps. fontkit can read WOFF itself, but
 * inflates it in JavaScript on every table read; node's zlib does it once, many times faster.
 */
export function woffToSfnt(woff: Buffer): Buffer {
  if (woff.readUInt32BE(0) !== 0x77_4f_46_46) throw new Error('not a WOFF file')
  const flavor = woff.readUInt32BE(4)
  const count = woff.readUInt16BE(12)
  const tables = Array.from({length: count}, (_, i) => {
    const at = 44 + i * 20
    const offset = woff.readUInt32BE(at + 4)
    const compressed = woff.readUInt32BE(at + 8)
    const length = woff.readUInt32BE(at + 12)
    const raw = woff.subarray(offset, offset + compressed)
    return {checksum: woff.readUInt32BE(at + 16), data: compressed < length ? inflateSync(raw) : raw, tag: woff.readUInt32BE(at)}
  })
  let entrySelector = 0
  while (2 ** (entrySelector + 1) <= count) entrySelector++
  const searchRange = 2 ** entrySelector * 16
  const headerLength = 12 + count * 16
  const total = tables.reduce((sum, table) => sum + ((table.data.length + 3) & ~3), headerLength)
  const out = Buffer.alloc(total)
  out.writeUInt32BE(flavor, 0)
  out.writeUInt16BE(count, 4)
  out.writeUInt16BE(searchRange, 6)
  out.writeUInt16BE(entrySelector, 8)
  out.writeUInt16BE(count * 16 - searchRange, 10)
  let offset = headerLength
  for (const [i, table] of tables.entries()) {
    const at = 12 + i * 16
    out.writeUInt32BE(table.tag, at)
    out.writeUInt32BE(table.checksum, at + 4)
    out.writeUInt32BE(offset, at + 8)
    out.writeUInt32BE(table.data.length, at + 12)
    table.data.copy(out, offset)
    offset += (table.data.length + 3) & ~3
  }

  return out
}

const FILES = new Map(
  FACES.flatMap((face) =>
    [false, true].map((extended) => [fontName(face, extended), `${face.package}-${extended ? 'latin-ext' : 'latin'}-${face.weight}-${face.italic ? 'italic' : 'normal'}.woff`] as const),
  ),
)
/** Unpacked faces, kept for the next report written by this process. */
const unpacked = new Map<string, Buffer>()

/**
 * Registers a face with the document the first time it is set, unpacking its file once per
 * process; a report that never uses a face never reads its file.
 */
export class FontBook {
  private readonly registered = new Set<string>()

  constructor(private readonly doc: PDFKit.PDFDocument) {}

  ensure(name: string): void {
    if (this.registered.has(name)) return
    const file = FILES.get(name)
    if (!file) throw new Error(`unknown font ${name}`)
    let buffer = unpacked.get(name)
    if (!buffer) {
      buffer = woffToSfnt(readFileSync(createRequire(import.meta.url).resolve(file)))
      unpacked.set(name, buffer)
    }

    this.doc.registerFont(name, buffer)
    this.registered.add(name)
  }
}

// The unicode-range of fontsource's latin subset, as code point intervals.
const LATIN: Array<[number, number]> = [
  [0x00_00, 0x00_ff], [0x01_31, 0x01_31], [0x01_52, 0x01_53], [0x02_bb, 0x02_bc], [0x02_c6, 0x02_c6], [0x02_da, 0x02_da],
  [0x02_dc, 0x02_dc], [0x03_04, 0x03_04], [0x03_08, 0x03_08], [0x03_29, 0x03_29], [0x20_00, 0x20_6f], [0x20_ac, 0x20_ac],
  [0x21_22, 0x21_22], [0x21_91, 0x21_91], [0x21_93, 0x21_93], [0x22_12, 0x22_12], [0x22_15, 0x22_15], [0xfe_ff, 0xfe_ff], [0xff_fd, 0xff_fd],
]
const OUTSIDE_LATIN_FAST = /[^\u0000-\u00FF\u2000-\u206F]/u

function inLatin(code: number): boolean {
  return LATIN.some(([from, to]) => code >= from && code <= to)
}

/**
 * Cuts text into pieces set in the latin face or, for the letters it lacks, the latin-ext face.
 * Letters neither holds stay with latin, which shows them as an empty box rather than failing.
 */
export function splitByCoverage(text: string): Array<{extended: boolean; text: string}> {
  if (!OUTSIDE_LATIN_FAST.test(text)) return [{extended: false, text}]
  const pieces: Array<{extended: boolean; text: string}> = []
  for (const char of text) {
    const code = char.codePointAt(0)!
    const extended = !inLatin(code) && ((code >= 0x01_00 && code <= 0x02_ff) || (code >= 0x1d_00 && code <= 0x1e_ff) || (code >= 0x2c_60 && code <= 0x2c_7f) || (code >= 0xa7_20 && code <= 0xa7_ff) || (code >= 0x20_a0 && code <= 0x20_c4) || code === 0x21_13)
    const last = pieces.at(-1)
    if (last && last.extended === extended) last.text += char
    else pieces.push({extended, text: char})
  }

  return pieces
}

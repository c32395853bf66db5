import {readFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import {inflateSync} from 'node:zlib'

/**
 * The faces of the report: Source Serif 4 for reading, Source Sans 3 for headings, tables, the
 * running header and charts. Both come from fontsource as woff files per subset; the latin subset
 * covers Dutch in full (ë, é, ï, “ ”, ‘ ’, –, …), and the latin-ext subset is loaded only for the
 * letters of names such as Şükrü or Łukasz that it alone holds. What neither has falls back to
 * Noto Sans Symbols 2 (✓, ★, ☎, arrows) and Noto Emoji (monochrome outlines, so they print and
 * extract like letters): a respondent's 👍 in a quote is part of what they said.
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

const SYMBOLS = ['symbols-symbols', 'symbols-math'] as const
const emojiFont = (weight: Weight): string => `emoji-${weight}`

const FILES = new Map<string, string>([
  ...FACES.flatMap((face) =>
    [false, true].map((extended) => [fontName(face, extended), `${face.package}-${extended ? 'latin-ext' : 'latin'}-${face.weight}-${face.italic ? 'italic' : 'normal'}.woff`] as const),
  ),
  ...SYMBOLS.map((name) => [name, `@fontsource/noto-sans-symbols-2/files/noto-sans-${name.replace('symbols-', 'symbols-2-')}-400-normal.woff`] as const),
  // The whole emoji face rather than its slices: sequences (👨‍👩‍👧, 🇳🇱, 1️⃣) are ligatures of one font.
  ...([400, 600, 700] as const).map((weight) => [emojiFont(weight), `@fontsource/noto-emoji/files/noto-emoji-emoji-${weight}-normal.woff`] as const),
])
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


/** Whether a face has a glyph for every character of a text; answered by the document's fonts. */
export interface Coverage {
  covers(font: string, text: string): boolean
}

/**
 * Characters every face of the report has (checked against the fontsource files, whose slices lack
 * some of the punctuation their unicode-range names): most text never needs a look at the glyphs.
 */
const OUTSIDE_FAST = /[^\u0000-\u00FF\u2013\u2014\u2018-\u201A\u201C-\u201E\u2022\u2026\u2032\u2033\u2039\u203A\u2044\u20AC]/u
/** What no face has but looks the same as something one has: hyphens, dashes, spaces, invisibles. */
const LOOK_ALIKE: Record<string, string> = {
  '\u2010': '-', '\u2011': '-', '\u2012': '–', '\u2015': '—', '\u2028': ' ', '\u2029': ' ', '\u202F': '\u00A0', '\u205F': ' ',
  '\u200C': '', '\u200E': '', '\u200F': '', '\u2060': '',
  ...Object.fromEntries(['\u2000', '\u2001', '\u2003', '\u2004', '\u2005', '\u2006', '\u2007', '\u2008', '\u200A'].map((space) => [space, ' '])),
}
const VARIATION = /[\uFE0E\uFE0F]/gu
/** Parts of an emoji sequence that are no glyph of their own: joiners, selectors, skin tones, tags. */
const SEQUENCE_PART = /[\u200D\u20E3\uFE0E\uFE0F\u{1F3FB}-\u{1F3FF}\u{E0020}-\u{E007F}]/gu
const EMOJI_STYLE = /\p{Emoji_Presentation}|\uFE0F|\u200D|\u20E3/u
const TEXT_STYLE = /\uFE0E/u
let graphemes: Intl.Segmenter | undefined

/**
 * Cuts text into pieces, each in the first face of the chain that has all its characters: the
 * latin face, its latin-ext face, then Noto Sans Symbols 2 and Noto Emoji (emoji first for a
 * character or sequence meant as an emoji). A character no face has stays with the latin face, which
 * shows an empty box rather than failing. Whole grapheme clusters stay together, so a flag or a
 * family is never cut in two faces.
 */
export function splitByFace(text: string, style: FontStyle, coverage: Coverage): Array<{font: string; text: string}> {
  const latin = fontName(style)
  if (!OUTSIDE_FAST.test(text)) return [{font: latin, text}]
  const extended = fontName(style, true)
  const emoji = emojiFont(style.weight)
  graphemes ??= new Intl.Segmenter('nl', {granularity: 'grapheme'})
  const pieces: Array<{font: string; text: string}> = []
  for (const {segment} of graphemes.segment(text)) {
    let font = latin
    let piece = segment
    if (OUTSIDE_FAST.test(segment)) {
      // The emoji face draws a sequence as one glyph; any other face must have every part of it.
      const asEmoji = segment.replaceAll(SEQUENCE_PART, '') || segment
      const asText = segment.replaceAll(VARIATION, '') || segment
      const chain = EMOJI_STYLE.test(segment) && !TEXT_STYLE.test(segment) ? [latin, extended, emoji, ...SYMBOLS] : [latin, extended, ...SYMBOLS, emoji]
      const found = chain.find((candidate) => coverage.covers(candidate, candidate === emoji ? asEmoji : asText))
      font = found ?? latin
      // Only the emoji face knows the selectors; elsewhere they would print as a box.
      if (font !== emoji) piece = segment.replaceAll(VARIATION, '') || segment
      if (!found) piece = [...piece].map((char) => LOOK_ALIKE[char] ?? char).join('')
      if (piece === '') continue
    }

    const last = pieces.at(-1)
    if (last && last.font === font) last.text += piece
    else pieces.push({font, text: piece})
  }

  return pieces
}

import type {Token} from 'marked'

import {type Coverage, FontBook, type FontStyle, splitByFace} from './fonts.js'
import {COLOUR} from './style.js'
import {isArtifact, LAYOUT, type Tags, type Target} from './tags.js'

/** How a stretch of text is set. */
export interface RunStyle extends FontStyle {
  code?: boolean
  color: string
  /** Only http(s) and mailto addresses; anything else stays plain text. */
  link?: string
  size: number
}

export interface Run {
  /** A line break the author asked for (two spaces or a backslash at the end of a line). */
  hardBreak?: boolean
  style: RunStyle
  text: string
}

interface Fragment {
  font: string
  style: RunStyle
  text: string
  width: number
}

export interface Line {
  fragments: Fragment[]
  /** The tallest size on the line, for its baseline. */
  size: number
  width: number
}

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&', apos: "'", bdquo: '„', bull: '•', copy: '©', eacute: 'é', euml: 'ë', euro: '€', gt: '>', hellip: '…', iuml: 'ï',
  laquo: '«', ldquo: '“', lsquo: '‘', lt: '<', mdash: '—', middot: '·', nbsp: '\u00A0', ndash: '–', ouml: 'ö', quot: '"', raquo: '»',
  rdquo: '”', rsquo: '’', sbquo: '‚', shy: '\u00AD', times: '×', uuml: 'ü',
}

/**
 * Turns the character references CommonMark reads in text (&amp;, &#8211;) into characters, as the
 * HTML writer's browser would, so both show the same words. Unknown names stay as written.
 */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text
  return text.replaceAll(/&(#x[\da-f]{1,6}|#\d{1,7}|[a-z]{2,8});/gi, (whole, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? Number.parseInt(body.slice(2), 16) : Number.parseInt(body.slice(1), 10)
      return code > 0 && code <= 0x10_ff_ff && (code < 0xd8_00 || code > 0xdf_ff) ? String.fromCodePoint(code) : '\uFFFD'
    }

    return NAMED_ENTITIES[body] ?? whole
  })
}

const SAFE_LINK = /^(https?:\/\/|mailto:)/i

/**
 * The runs of text of marked's inline tokens. Text is only ever text: raw HTML, unknown tokens and
 * images (their alt text) are printed as written; nothing is fetched or executed.
 */
export function inlineRuns(tokens: Token[] | undefined, style: RunStyle, runs: Run[] = []): Run[] {
  for (const token of tokens ?? []) {
    switch (token.type) {
      case 'text': {
        if ('tokens' in token && token.tokens && token.tokens.length > 0) inlineRuns(token.tokens, style, runs)
        else runs.push({style, text: decodeEntities(token.text)})
        break
      }

      case 'escape': {
        runs.push({style, text: token.text})
        break
      }

      case 'strong': {
        inlineRuns(token.tokens, {...style, weight: style.weight >= 600 ? 700 : 600}, runs)
        break
      }

      case 'em': {
        inlineRuns(token.tokens, {...style, italic: !style.italic}, runs)
        break
      }

      case 'del': {
        inlineRuns(token.tokens, style, runs)
        break
      }

      case 'codespan': {
        runs.push({style: {...style, code: true, color: COLOUR.codeText, family: 'sans', italic: false, size: style.size * 0.92}, text: token.text})
        break
      }

      case 'link': {
        const href = String(token.href ?? '')
        inlineRuns(token.tokens, SAFE_LINK.test(href) ? {...style, color: COLOUR.link, link: href} : style, runs)
        break
      }

      case 'br': {
        runs.push({hardBreak: true, style, text: '\n'})
        break
      }

      case 'image': {
        runs.push({style: {...style, italic: !style.italic}, text: decodeEntities(String(token.text ?? ''))})
        break
      }

      case 'checkbox': {
        runs.push({style, text: token.checked ? '[x] ' : '[ ] '})
        break
      }

      default: {
        // html and anything marked may add later: the characters as the author wrote them.
        runs.push({style, text: String(token.raw ?? ('text' in token ? token.text : ''))})
      }
    }
  }

  return runs
}

/** Widths of text through pdfkit's font metrics, remembering the face last set. */
export class Measure implements Coverage {
  private font = ''
  private readonly fonts: FontBook
  private size = 0

  constructor(readonly doc: PDFKit.PDFDocument) {
    this.fonts = new FontBook(doc)
  }

  use(font: string, size: number): void {
    if (font !== this.font) {
      this.fonts.ensure(font)
      this.doc.font(font)
      this.font = font
    }

    if (size !== this.size) {
      this.doc.fontSize(size)
      this.size = size
    }
  }

  /** Widths at 1 pt per face and text: reports repeat their words, and shaping is the slow part. */
  private readonly widths = new Map<string, Map<string, number>>()

  width(font: string, size: number, text: string): number {
    let widths = this.widths.get(font)
    if (!widths) {
      widths = new Map()
      this.widths.set(font, widths)
    }

    let unit = widths.get(text)
    if (unit === undefined) {
      // Measuring must not change the face set for drawing.
      const {font: before, size: beforeSize} = this
      this.use(font, 1000)
      unit = this.doc.widthOfString(text) / 1000
      widths.set(text, unit)
      if (before) this.use(before, beforeSize)
    }

    return unit * size
  }

  private readonly glyphs = new Map<string, Map<number, boolean>>()

  covers(font: string, text: string): boolean {
    let known = this.glyphs.get(font)
    if (!known) {
      known = new Map()
      this.glyphs.set(font, known)
    }

    for (const char of text) {
      const code = char.codePointAt(0)!
      let has = known.get(code)
      if (has === undefined) {
        const {font: before, size} = this
        this.use(font, size || 10)
        // pdfkit keeps the fontkit face of the font it has set; its cmap is the truth about glyphs.
        has = (this.doc as unknown as {_font: {font: {hasGlyphForCodePoint(code: number): boolean}}})._font.font.hasGlyphForCodePoint(code)
        known.set(code, has)
        if (before) this.use(before, size)
      }

      if (!has) return false
    }

    return true
  }

  /** Sets a fill colour; pdfkit parses a colour string on every call, an array it takes as is. */
  fill(colour: string): void {
    let rgb = rgbCache.get(colour)
    if (!rgb) {
      const n = Number.parseInt(colour.slice(1), 16)
      rgb = [(n >> 16) & 255, (n >> 8) & 255, n & 255]
      rgbCache.set(colour, rgb)
    }

    this.doc.fillColor(rgb)
  }
}

const rgbCache = new Map<string, [number, number, number]>()

type Piece = {kind: 'break'} | {frags: Fragment[]; kind: 'word'} | {frag: Fragment; kind: 'space'}

function pieces(runs: Run[], measure: Measure): Piece[] {
  const out: Piece[] = []
  let word: Fragment[] | undefined
  for (const run of runs) {
    if (run.hardBreak) {
      word = undefined
      out.push({kind: 'break'})
      continue
    }

    // Soft line breaks and runs of white space in Markdown are one space; a no-break space (as
    // between a value and its unit, "23 %") stays, so the line is never broken there.
    const text = run.style.code ? run.text.replaceAll(/[\n\r\t]/g, ' ') : run.text.replaceAll(/[^\S\u00a0\u202f]+/g, ' ')
    for (const part of text.split(/( )/)) {
      if (part === '') continue
      for (const covered of splitByFace(part, run.style, measure)) {
        const {font} = covered
        const frag: Fragment = {font, style: run.style, text: covered.text, width: measure.width(font, run.style.size, covered.text)}
        if (covered.text === ' ') {
          word = undefined
          out.push({frag, kind: 'space'})
        } else if (word) {
          word.push(frag)
        } else {
          word = [frag]
          out.push({frags: word, kind: 'word'})
        }
      }
    }
  }

  return out
}

/** Cuts a word that is wider than a whole line into pieces that fit, letter by letter. */
function splitLongWord(frags: Fragment[], width: number, measure: Measure): Fragment[][] {
  const lines: Fragment[][] = [[]]
  let used = 0
  for (const frag of frags) {
    let rest = [...frag.text]
    while (rest.length > 0) {
      let take = rest.length
      let w = measure.width(frag.font, frag.style.size, rest.join(''))
      while (take > 1 && used + w > width) {
        take--
        w = measure.width(frag.font, frag.style.size, rest.slice(0, take).join(''))
      }

      if (used + w > width && used > 0) {
        lines.push([])
        used = 0
        continue
      }

      lines.at(-1)!.push({...frag, text: rest.slice(0, take).join(''), width: w})
      used += w
      rest = rest.slice(take)
      if (rest.length > 0) {
        lines.push([])
        used = 0
      }
    }
  }

  return lines.filter((line) => line.length > 0)
}

function sameLook(a: Fragment, b: Fragment): boolean {
  return a.font === b.font && a.style.size === b.style.size && a.style.color === b.style.color && a.style.link === b.style.link && a.style.code === b.style.code
}

function finishLine(frags: Fragment[], fallbackSize: number): Line {
  while (frags.length > 0 && frags.at(-1)!.text === ' ') frags.pop()
  const merged: Fragment[] = []
  for (const frag of frags) {
    const last = merged.at(-1)
    if (last && sameLook(last, frag)) {
      last.text += frag.text
      last.width += frag.width
    }
    else merged.push({...frag})
  }

  return {
    fragments: merged,
    size: merged.reduce((max, frag) => Math.max(max, frag.style.size), merged.length > 0 ? 0 : fallbackSize),
    width: merged.reduce((sum, frag) => sum + frag.width, 0),
  }
}

/** Breaks runs into lines of at most width points, at spaces; ragged right. */
export function breakLines(runs: Run[], width: number, measure: Measure, fallbackSize: number): Line[] {
  const lines: Line[] = []
  let current: Fragment[] = []
  let used = 0
  let pendingSpace: Fragment | undefined
  for (const piece of pieces(runs, measure)) {
    if (piece.kind === 'break') {
      lines.push(finishLine(current, fallbackSize))
      current = []
      used = 0
      pendingSpace = undefined
      continue
    }

    if (piece.kind === 'space') {
      if (current.length > 0) pendingSpace = piece.frag
      continue
    }

    const wordWidth = piece.frags.reduce((sum, frag) => sum + frag.width, 0)
    const spaceWidth = pendingSpace ? pendingSpace.width : 0
    if (used + spaceWidth + wordWidth <= width + 0.01) {
      if (pendingSpace) current.push(pendingSpace)
      current.push(...piece.frags)
      used += spaceWidth + wordWidth
    } else {
      if (current.length > 0) lines.push(finishLine(current, fallbackSize))
      current = []
      used = 0
      if (wordWidth <= width) {
        current.push(...piece.frags)
        used = wordWidth
      } else {
        const parts = splitLongWord(piece.frags, width, measure)
        for (const part of parts.slice(0, -1)) lines.push(finishLine(part, fallbackSize))
        current = parts.at(-1) ?? []
        used = current.reduce((sum, frag) => sum + frag.width, 0)
      }
    }

    pendingSpace = undefined
  }

  if (current.length > 0 || lines.length === 0) lines.push(finishLine(current, fallbackSize))
  return lines
}

const SKIN_TONE = /[\u{1F3FB}-\u{1F3FF}]/u

/**
 * Sets one line with its baseline at y; align within width. The text is content of target (or an
 * artifact); a link's words become a Link element of their own, with its annotation. Code
 * backgrounds and link underlines are drawn as decoration, outside the text's marked content.
 */
export function drawLine(measure: Measure, line: Line, x: number, baseline: number, width: number, align: 'center' | 'left' | 'right', tags: Tags, target: Target): void {
  const doc = measure.doc
  const start = align === 'right' ? x + width - line.width : align === 'center' ? x + (width - line.width) / 2 : x
  const placed: Array<{frag: Fragment; left: number}> = []
  let cursor = start
  for (const frag of line.fragments) {
    placed.push({frag, left: cursor})
    cursor += frag.width
  }

  const decorated = placed.filter(({frag}) => frag.style.code || frag.style.link)
  const decorate = (what: 'code' | 'link'): void => {
    for (const {frag, left} of decorated) {
      const {size} = frag.style
      if (what === 'code' && frag.style.code) doc.rect(left - 1.5, baseline - size * 0.82, frag.width + 3, size * 1.12).fill(COLOUR.codeBackground)
      if (what === 'link' && frag.style.link) doc.moveTo(left, baseline + 1.6).lineTo(left + frag.width, baseline + 1.6).lineWidth(0.4).strokeColor(COLOUR.link).stroke()
    }
  }

  const text = (group: typeof placed): void => {
    for (const {frag, left} of group) {
      measure.use(frag.font, frag.style.size)
      measure.fill(frag.style.color)
      // The monochrome emoji face has no skin tones: 👍🏽 is drawn as 👍, but read out as written.
      const actual = SKIN_TONE.test(frag.text)
      if (actual) doc.markContent('Span', {actual: frag.text} as PDFKit.Mixins.MarkingOptions)
      doc.text(frag.text, left, baseline, {baseline: 'alphabetic', lineBreak: false, textWidth: frag.width} as PDFKit.Mixins.TextOptions)
      if (actual) doc.endMarkedContent()
    }
  }

  if (isArtifact(target)) {
    tags.mark(target, () => {
      decorate('code')
      text(placed)
      decorate('link')
    })
    return
  }

  if (decorated.some(({frag}) => frag.style.code)) tags.mark(LAYOUT, () => decorate('code'))
  // Runs of fragments with the same link (or none), in reading order.
  let from = 0
  while (from < placed.length) {
    const link = placed[from]!.frag.style.link
    let to = from + 1
    while (to < placed.length && placed[to]!.frag.style.link === link) to++
    const group = placed.slice(from, to)
    if (link) {
      const left = group[0]!.left
      const right = group.at(-1)!.left + group.at(-1)!.frag.width
      const size = Math.max(...group.map(({frag}) => frag.style.size))
      const words = group.map(({frag}) => frag.text).join('').trim()
      const description = words && words !== link ? `${words} (${link})` : link
      tags.link(target, description, () => text(group), (options) => doc.link(left, baseline - size * 0.8, right - left, size * 1.05, link, options))
    } else {
      tags.mark(target, () => text(group))
    }

    from = to
  }

  if (decorated.some(({frag}) => frag.style.link)) tags.mark(LAYOUT, () => decorate('link'))
}

/** The widest word of runs: the narrowest a table column can be without cutting words. */
export function widestWord(runs: Run[], measure: Measure): number {
  let widest = 0
  for (const piece of pieces(runs, measure)) {
    if (piece.kind === 'word') widest = Math.max(widest, piece.frags.reduce((sum, frag) => sum + frag.width, 0))
  }

  return widest
}

/** The plain characters of runs, e.g. a heading's title for the outline. */
export function plainText(runs: Run[]): string {
  return runs.map((run) => (run.hardBreak ? ' ' : run.text)).join('').replaceAll(/\s+/g, ' ').trim()
}

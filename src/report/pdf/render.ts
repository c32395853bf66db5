import type {Token, Tokens} from 'marked'

import {layoutChart} from '../charts/layout.js'
import type {Chart, ChartDrawing} from '../document.js'
import {chartAlt} from './alt.js'
import {Flow, type Track} from './flow.js'
import {splitByFace} from './fonts.js'
import {BODY, COLOUR, GAP, HEADINGS, MARGIN, TABLE, TEXT_WIDTH} from './style.js'
import {type Artifact, LAYOUT, type Tag, Tags, type Target} from './tags.js'
import {breakLines, drawLine, inlineRuns, type Line, Measure, plainText, type Run, type RunStyle, widestWord} from './text.js'

/** Where blocks are set: their left edge, width and the look of their text. */
interface Context {
  base: RunStyle
  /** The element the blocks set here belong to: the document, a list item's body, a quote. */
  parent: Tag
  width: number
  x: number
}

/** A heading of level 1 or 2 at the top level: an entry of the contents and of the outline. */
export interface ContentsEntry {
  depth: 1 | 2
  /** The named destination at the heading, for links from the contents. */
  destination: string
  page?: number
  runs: Run[]
  title: string
}

export const BODY_STYLE: RunStyle = {color: COLOUR.ink, family: 'serif', italic: false, size: BODY.size, weight: 400}

const NUMERIC = /^[-+−]?[€$]?\s?[\d.,\s]*\d[\d.,\s]*\s?(%|‰)?$/u
const DIRECTIVES = new Set(['grafiek', 'inhoud', 'nieuwe-pagina', 'omslag'])

/** Sets the text, baseline in a line box of height leading whose tallest size is size. */
function baselineIn(top: number, leading: number, size: number): number {
  return top + (leading + size * 0.68) / 2
}

/**
 * Renders marked's block tokens onto pdfkit pages, keeping the rules of a printed report: headings
 * kept with what follows, no lone first or last line of a paragraph, tables repeating their header
 * on every page, charts never split, no empty pages.
 */
export class Renderer {
  readonly contents: ContentsEntry[] = []
  /** First page of the table of contents and how many pages it was given. */
  contentsPages?: {count: number; first: number}
  /** The elements the contents are tagged as, in their place in the reading order; filled at the end. */
  contentsTags?: {heading: Tag; toc: Tag}
  readonly flow: Flow
  readonly measure: Measure
  readonly tags: Tags
  private readonly byToken = new Map<Token, ContentsEntry>()
  private readonly lineCache = new WeakMap<object, {lines: Line[]; width: number}>()
  private marker?: {label: Tag; style: RunStyle; text: string; x: number}
  private outlineParent?: PDFKit.PDFOutline

  constructor(
    readonly doc: PDFKit.PDFDocument,
    private readonly charts: Record<string, Chart>,
    private readonly hooks: {contents: (renderer: Renderer) => number; cover: (renderer: Renderer) => void},
  ) {
    this.flow = new Flow(doc)
    this.measure = new Measure(doc)
    this.tags = new Tags(doc)
  }

  /** Collects the entries of the contents first: their count decides how many pages to reserve. */
  prepare(tokens: Token[]): void {
    for (const token of tokens) {
      if (token.type !== 'heading' || token.depth > 2) continue
      const runs = inlineRuns(token.tokens, BODY_STYLE)
      const entry: ContentsEntry = {depth: token.depth as 1 | 2, destination: `kop-${this.contents.length + 1}`, runs, title: plainText(runs)}
      this.contents.push(entry)
      this.byToken.set(token, entry)
    }
  }

  /** Yields to the event loop at every chapter, so a progress bar can redraw on a long build. */
  async render(tokens: Token[], onProgress?: (done: number, total: number) => void): Promise<void> {
    const context: Context = {base: BODY_STYLE, parent: this.tags.root, width: TEXT_WIDTH, x: MARGIN.left}
    for (const [index, token] of tokens.entries()) {
      if (token.type === 'heading' && token.depth === 1) {
        onProgress?.(index, tokens.length)
        await new Promise((resolve) => setImmediate(resolve))
      }

      this.block(token, context, tokens, index, true)
    }
  }

  private block(token: Token, context: Context, siblings: Token[], index: number, top: boolean): void {
    switch (token.type) {
      case 'space':
      case 'def': {
        break
      }

      case 'heading': {
        this.heading(token as Tokens.Heading, context, this.keepHeight(siblings, index + 1, context), top)
        break
      }

      case 'paragraph': {
        this.paragraph(token, inlineRuns(token.tokens, context.base), context)
        this.flow.space(GAP.block)
        break
      }

      case 'text': {
        // A tight list item's text: a paragraph without the space of one.
        const runs = 'tokens' in token && token.tokens ? inlineRuns(token.tokens, context.base) : inlineRuns([token], context.base)
        this.paragraph(token, runs, context)
        this.flow.space(GAP.item)
        break
      }

      case 'list': {
        this.list(token as Tokens.List, context, 0)
        break
      }

      case 'blockquote': {
        this.quote(token as Tokens.Blockquote, context)
        break
      }

      case 'table': {
        this.table(token as Tokens.Table, context)
        break
      }

      case 'hr': {
        this.flow.space(GAP.block + 4)
        this.flow.ensure(1)
        const y = this.flow.y + 0.5
        this.tags.mark(LAYOUT, () => this.doc.moveTo(context.x, y).lineTo(context.x + context.width, y).lineWidth(0.5).strokeColor(COLOUR.rule).stroke())
        this.flow.advance(1)
        this.flow.space(GAP.block + 4)
        break
      }

      case 'code': {
        const lang = String(token.lang ?? '').trim()
        if (top && DIRECTIVES.has(lang)) this.directive(lang, token.text, context)
        else this.code(token.text, context)
        break
      }

      default: {
        // html blocks and anything unknown: its characters, as a paragraph.
        const text = String(token.raw ?? ('text' in token ? token.text : '')).trim()
        if (text) {
          this.paragraph(token, [{style: context.base, text}], context)
          this.flow.space(GAP.block)
        }
      }
    }
  }

  private directive(name: string, body: string, context: Context): void {
    switch (name) {
      case 'omslag': {
        this.flow.pageBreak()
        this.flow.ensure(0)
        this.flow.kinds[this.flow.page] = 'cover'
        this.hooks.cover(this)
        this.flow.advance(0)
        this.flow.pageBreak()
        break
      }

      case 'inhoud': {
        if (this.contentsPages) break
        this.flow.pageBreak()
        this.flow.ensure(0)
        this.flow.kinds[this.flow.page] = 'contents'
        this.tags.headingLevel(1)
        this.contentsTags = {heading: this.tags.open('H1', context.parent), toc: this.tags.open('TOC', context.parent)}
        const count = this.hooks.contents(this)
        this.contentsPages = {count, first: this.flow.page}
        for (let i = 1; i < count; i++) this.flow.newPage('contents')
        this.flow.advance(0)
        this.flow.pageBreak()
        break
      }

      case 'nieuwe-pagina': {
        this.flow.pageBreak()
        break
      }

      case 'grafiek': {
        this.chart(body.trim(), context)
        break
      }
    }
  }

  /** The least height the block at index needs at the bottom of a page, for keep-with-next. */
  private keepHeight(siblings: Token[], index: number, context: Context): number {
    let i = index
    while (siblings[i]?.type === 'space') i++
    const token = siblings[i]
    if (!token) return 0
    switch (token.type) {
      case 'paragraph':
      case 'text': {
        const lines = this.lines(token, inlineRuns(token.tokens, context.base), context.width, context.base.size)
        return Math.min(lines.length, 3) * BODY.leading
      }

      case 'heading': {
        const style = HEADINGS[token.depth]!
        return style.before + style.leading + style.after + this.keepHeight(siblings, i + 1, context)
      }

      case 'blockquote':
      case 'list': {
        return GAP.block + 3 * BODY.leading
      }

      case 'table': {
        return GAP.table + 3 * (TABLE.leading + 2 * TABLE.padY)
      }

      case 'code': {
        if (token.lang === 'grafiek') return GAP.chart + (this.drawing(String(token.text).trim())?.height ?? BODY.leading)
        if (DIRECTIVES.has(String(token.lang))) return 0
        return 3 * BODY.leading
      }

      default: {
        return BODY.leading
      }
    }
  }

  private lines(key: object, runs: Run[], width: number, size: number): Line[] {
    const cached = this.lineCache.get(key)
    if (cached && cached.width === width) return cached.lines
    const lines = breakLines(runs, width, this.measure, size)
    this.lineCache.set(key, {lines, width})
    return lines
  }

  /** Draws a line, and the list marker waiting for the first line of its item. */
  private drawLine(line: Line, x: number, baseline: number, width: number, align: 'center' | 'left' | 'right', target: Target): void {
    if (this.marker) {
      const {label, style, text, x: markerX} = this.marker
      this.tags.mark(label, () => {
        this.measure.use(`${style.family}-${style.weight}`, style.size)
        this.doc.fillColor(style.color).text(text, markerX, baseline, {baseline: 'alphabetic', lineBreak: false})
      })
      this.marker = undefined
    }

    drawLine(this.measure, line, x, baseline, width, align, this.tags, target)
  }

  private heading(token: Tokens.Heading, context: Context, following: number, top: boolean): void {
    const depth = Math.min(6, Math.max(1, token.depth))
    const style = HEADINGS[depth]!
    const tag = this.tags.open(`H${this.tags.headingLevel(depth)}`, context.parent)
    const inFlow = top && context.x === MARGIN.left
    if (depth === 1 && inFlow) this.flow.pageBreak()
    this.flow.space(style.before)
    const runs = inlineRuns(token.tokens, {color: depth <= 2 ? COLOUR.heading : COLOUR.ink, family: 'sans', italic: depth >= 5, size: style.size, weight: style.weight})
    const lines = this.lines(token, runs, context.width, style.size)
    const bar = depth === 1 ? 20 : 0
    const height = bar + lines.length * style.leading
    this.flow.ensure(height + style.after + following)
    const top0 = this.flow.y
    if (bar) this.tags.mark(LAYOUT, () => this.doc.rect(context.x, top0, 32, 3).fill(COLOUR.accent))
    for (const [i, line] of lines.entries()) {
      this.drawLine(line, context.x, baselineIn(top0 + bar + i * style.leading, style.leading, style.size), context.width, 'left', tag)
    }

    this.tags.end(tag)

    const entry = this.byToken.get(token)
    if (entry) {
      entry.page = this.flow.page
      // pdfkit's XYZ destinations take y from the top; the outline wants left as the page width minus left.
      this.doc.addNamedDestination(entry.destination, 'XYZ', 0, Math.max(0, top0 - 24), 0)
      const outlineOptions = {expanded: entry.depth === 1, fit: false, left: this.doc.page.width, top: Math.max(0, top0 - 24), zoom: 0}
      if (entry.depth === 1) {
        this.outlineParent = this.doc.outline.addItem(entry.title, outlineOptions)
      } else {
        ;(this.outlineParent ?? this.doc.outline).addItem(entry.title, outlineOptions)
      }
    }

    this.flow.advance(height)
    this.flow.space(style.after)
  }

  /** Sets lines of text, a page at a time, never leaving a first or last line alone. */
  private placeLines(lines: Line[], leading: number, draw: (line: Line, top: number) => void): void {
    const total = lines.length
    this.flow.ensure((total <= 3 ? total : 2) * leading)
    let done = 0
    for (;;) {
      const fits = Math.floor((this.flow.bottom - this.flow.y + 0.01) / leading)
      let take = Math.min(fits, total - done)
      if (take < total - done && total - done - take < 2) take = total - done - 2
      if (take < 2 && take < total - done && !this.flow.fresh) take = 0
      if (take <= 0 && this.flow.fresh) take = Math.max(1, Math.min(fits, total - done))
      for (let i = 0; i < take; i++) {
        draw(lines[done + i]!, this.flow.y)
        this.flow.advance(leading)
      }

      done += take
      if (done >= total) return
      this.flow.newPage()
    }
  }

  private paragraph(key: object, runs: Run[], context: Context, align: 'left' | 'right' = 'left'): void {
    const size = context.base.size
    const leading = size === BODY.size ? BODY.leading : size * 1.45
    const lines = this.lines(key, runs, context.width, size)
    const tag = this.tags.open('P', context.parent)
    this.placeLines(lines, leading, (line, top) => this.drawLine(line, context.x, baselineIn(top, leading, Math.max(size, line.size)), context.width, align, tag))
    this.tags.end(tag)
  }

  private list(token: Tokens.List, context: Context, depth: number): void {
    const start = typeof token.start === 'number' ? token.start : 1
    const labels = token.items.map((_, i) => (token.ordered ? `${start + i}.` : depth % 2 === 0 ? '•' : '–'))
    const markerStyle: RunStyle = {...context.base, color: token.ordered ? context.base.color : COLOUR.muted, family: token.ordered ? context.base.family : 'sans', italic: false, weight: 400}
    const labelWidth = Math.max(...labels.map((label) => this.measure.width(`${markerStyle.family}-400`, markerStyle.size, label)))
    const indent = Math.max(16, Math.ceil(labelWidth + 7))
    const list = this.tags.open('L', context.parent)
    this.flow.space(depth === 0 ? GAP.block : GAP.item)
    for (const [i, item] of token.items.entries()) {
      this.flow.space(token.loose ? GAP.block : GAP.item)
      const labelW = this.measure.width(`${markerStyle.family}-400`, markerStyle.size, labels[i]!)
      const entry = this.tags.open('LI', list)
      const label = this.tags.open('Lbl', entry)
      const body = this.tags.open('LBody', entry)
      const inner: Context = {...context, parent: body, width: context.width - indent, x: context.x + indent}
      this.marker = {label, style: markerStyle, text: labels[i]!, x: inner.x - 7 - labelW}
      for (const [j, child] of item.tokens.entries()) {
        if (child.type === 'list') this.list(child as Tokens.List, inner, depth + 1)
        else this.block(child, inner, item.tokens, j, false)
      }

      this.marker = undefined
      this.tags.end(entry)
    }

    this.tags.end(list)

    this.flow.space(depth === 0 ? GAP.block : GAP.item)
  }

  private quote(token: Tokens.Blockquote, context: Context): void {
    this.flow.space(GAP.quote)
    const quote = this.tags.open('BlockQuote', context.parent)
    const inner: Context = {base: {...context.base, color: COLOUR.quoteText, italic: !context.base.italic}, parent: quote, width: context.width - 30, x: context.x + 18}
    const children = token.tokens.filter((child) => child.type !== 'space')
    const last = children.at(-1)
    const attribution = children.length > 1 && last?.type === 'paragraph' && /^\s*[—―]/u.test(last.text) ? last : undefined
    const track: Track = {spans: []}
    this.flow.tracks.add(track)
    for (const [i, child] of children.entries()) {
      if (child === attribution) continue
      this.block(child, inner, children, i, false)
    }

    this.flow.tracks.delete(track)
    if (attribution) {
      this.flow.space(3)
      const style: RunStyle = {color: COLOUR.muted, family: 'sans', italic: false, size: 9, weight: 400}
      this.paragraph(attribution, inlineRuns(attribution.tokens, style), {base: style, parent: quote, width: inner.width, x: inner.x}, 'right')
    }

    this.tags.end(quote)

    // The rule beside the quote, on every page it spans; drawn afterwards, when the spans are known.
    const current = this.flow.page
    for (const span of track.spans) {
      this.doc.switchToPage(span.page)
      this.tags.mark(LAYOUT, () => this.doc.rect(context.x + 2, span.top + 3, 2, Math.max(0, span.bottom - span.top - 6)).fill(COLOUR.quoteRule))
    }

    if (track.spans.length > 0) this.doc.switchToPage(current)
    this.flow.space(GAP.quote)
  }

  private code(text: string, context: Context): void {
    const style: RunStyle = {color: COLOUR.codeText, family: 'sans', italic: false, size: 9, weight: 400}
    const leading = 13
    const lines = text.split('\n').flatMap((line) => breakLines([{style, text: line.replaceAll('\t', '    ')}], context.width - 16, this.measure, style.size))
    this.flow.space(GAP.block)
    const tag = this.tags.open('Code', context.parent)
    this.placeLines(lines, leading, (line, top) => {
      this.tags.mark(LAYOUT, () => this.doc.rect(context.x, top, context.width, leading).fill(COLOUR.codeBackground))
      this.drawLine(line, context.x + 8, baselineIn(top, leading, style.size), context.width - 16, 'left', tag)
    })
    this.tags.end(tag)
    this.flow.space(GAP.block)
  }

  private drawing(id: string): ChartDrawing | undefined {
    const chart = Object.hasOwn(this.charts, id) ? this.charts[id] : undefined
    return chart ? layoutChart(chart, TEXT_WIDTH) : undefined
  }

  private chart(id: string, context: Context): void {
    const drawing = this.drawing(id)
    if (!drawing) {
      const style: RunStyle = {...BODY_STYLE, color: COLOUR.muted, italic: true}
      this.paragraph({}, [{style, text: `[Grafiek “${id}” ontbreekt in dit rapport.]`}], {base: style, parent: context.parent, width: TEXT_WIDTH, x: MARGIN.left})
      this.flow.space(GAP.block)
      return
    }

    this.flow.space(GAP.chart)
    this.flow.ensure(drawing.height)
    const top = this.flow.y
    // A reader who cannot see the chart hears its numbers: the alternative text is the chart's data.
    const figure = this.tags.open('Figure', context.parent, {alt: chartAlt(this.charts[id]!), bbox: [MARGIN.left, top, MARGIN.left + drawing.width, top + drawing.height]})
    this.tags.mark(figure, () => paintChart(this.doc, this.measure, drawing, MARGIN.left, top))
    this.tags.end(figure)
    this.flow.advance(drawing.height)
    this.flow.space(GAP.chart)
  }

  private table(token: Tokens.Table, context: Context): void {
    const cellStyle: RunStyle = {color: COLOUR.ink, family: 'sans', italic: false, size: TABLE.size, weight: 400}
    const headStyle: RunStyle = {...cellStyle, color: COLOUR.heading, weight: 600}
    const header = token.header.map((cell) => inlineRuns(cell.tokens, headStyle))
    const rows = token.rows.map((row) => header.map((_, c) => (row[c] ? inlineRuns(row[c].tokens, cellStyle) : [])))
    const columns = header.length
    if (columns === 0) return

    // Numbers line up on the right unless the author chose an alignment.
    const align = header.map((_, c): 'center' | 'left' | 'right' => {
      const chosen = token.align[c]
      if (chosen) return chosen
      const cells = rows.map((row) => plainText(row[c]!)).filter(Boolean)
      return cells.length > 0 && cells.every((cell) => NUMERIC.test(cell)) ? 'right' : 'left'
    })

    // Column widths from the content: every column its longest word, the rest shared by need.
    const pad = 2 * TABLE.padX
    const all = [header, ...rows]
    const least = header.map((_, c) => Math.min(context.width * 0.4, Math.max(...all.map((row) => widestWord(row[c]!, this.measure))) + pad))
    const natural = header.map((_, c) => Math.max(...all.map((row) => Math.max(...breakLines(row[c]!, Number.POSITIVE_INFINITY, this.measure, TABLE.size).map((line) => line.width)))) + pad)
    const sumLeast = least.reduce((a, b) => a + b, 0)
    const sumNatural = natural.reduce((a, b) => a + b, 0)
    let widths: number[]
    if (sumNatural <= context.width) widths = natural.map((w) => w + ((context.width - sumNatural) * w) / sumNatural)
    else if (sumLeast >= context.width) widths = least.map((w) => (w * context.width) / sumLeast)
    else widths = least.map((w, c) => w + ((natural[c]! - w) * (context.width - sumLeast)) / (sumNatural - sumLeast))
    const lefts = widths.map((_, c) => context.x + widths.slice(0, c).reduce((a, b) => a + b, 0))

    const layoutRow = (row: Run[][]): {height: number; lines: Line[][]} => {
      const lines = row.map((runs, c) => breakLines(runs, widths[c]! - pad, this.measure, TABLE.size))
      return {height: Math.max(...lines.map((cell) => cell.length)) * TABLE.leading + 2 * TABLE.padY, lines}
    }

    const table = this.tags.open('Table', context.parent)
    /** A row as a TR of TH or TD cells, or (a header repeated on a later page) as page furniture. */
    const drawRow = (row: {height: number; lines: Line[][]}, top: number, as: 'TD' | 'TH' | Artifact): void => {
      const tr = typeof as === 'string' ? this.tags.open('TR', table) : undefined
      for (const [c, cell] of row.lines.entries()) {
        const target: Target = tr && typeof as === 'string' ? this.tags.open(as, tr, as === 'TH' ? {scope: 'Column'} : {}) : (as as Artifact)
        for (const [l, line] of cell.entries()) {
          this.drawLine(line, lefts[c]! + TABLE.padX, baselineIn(top + TABLE.padY + l * TABLE.leading, TABLE.leading, TABLE.size), widths[c]! - pad, align[c], target)
        }

        if (!('artifact' in target)) this.tags.end(target)
      }

      if (tr) this.tags.end(tr)
    }

    const head = layoutRow(header)
    let headDrawn = false
    const drawHead = (): void => {
      const top = this.flow.y
      drawRow(head, top, headDrawn ? {artifact: 'Pagination'} : 'TH')
      headDrawn = true
      const y = top + head.height
      this.tags.mark(LAYOUT, () => this.doc.moveTo(context.x, y).lineTo(context.x + context.width, y).lineWidth(0.8).strokeColor(COLOUR.tableHeadRule).stroke())
      this.flow.advance(head.height + 1)
    }

    const body = rows.map((row) => layoutRow(row))
    this.flow.space(GAP.table)
    this.flow.ensure(head.height + 1 + body.slice(0, 2).reduce((sum, row) => sum + row.height, 0))
    drawHead()
    for (const [r, row] of body.entries()) {
      const page = this.flow.page
      this.flow.ensure(row.height)
      if (this.flow.page !== page) drawHead()
      const top = this.flow.y
      if (r % 2 === 1) this.tags.mark(LAYOUT, () => this.doc.rect(context.x, top, context.width, row.height).fill(COLOUR.zebra))
      drawRow(row, top, 'TD')
      this.flow.advance(row.height)
    }

    this.tags.end(table)
    const y = this.flow.y
    this.tags.mark(LAYOUT, () => this.doc.moveTo(context.x, y).lineTo(context.x + context.width, y).lineWidth(0.5).strokeColor(COLOUR.rule).stroke())
    this.flow.advance(1)
    this.flow.space(GAP.table)
  }
}

/** Paints a laid-out chart at (x, y) as vectors, in the sans face. */
export function paintChart(doc: PDFKit.PDFDocument, measure: Measure, drawing: ChartDrawing, x: number, y: number): void {
  for (const item of drawing.items) {
    switch (item.type) {
      case 'rect': {
        doc.rect(x + item.x, y + item.y, item.w, item.h).fill(item.fill)
        break
      }

      case 'line': {
        doc.moveTo(x + item.x1, y + item.y1).lineTo(x + item.x2, y + item.y2).lineWidth(item.width).strokeColor(item.color).stroke()
        break
      }

      case 'text': {
        // Names in a chart may hold letters only the latin-ext face has, or a symbol.
        const pieces = splitByFace(item.text, {family: 'sans', italic: false, weight: item.bold ? 700 : 400}, measure)
        const widths = pieces.map((piece) => measure.width(piece.font, item.size, piece.text))
        const width = widths.reduce((a, b) => a + b, 0)
        const ax = x + item.x
        const ay = y + item.y
        let left = item.anchor === 'end' ? ax - width : item.anchor === 'middle' ? ax - width / 2 : ax
        doc.save()
        if (item.rotate) doc.rotate(-item.rotate, {origin: [ax, ay]})
        measure.fill(item.color)
        for (const [i, piece] of pieces.entries()) {
          measure.use(piece.font, item.size)
          doc.text(piece.text, left, ay, {baseline: 'alphabetic', lineBreak: false})
          left += widths[i]!
        }

        doc.restore()
        break
      }
    }
  }
}

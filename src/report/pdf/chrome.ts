import type {ReportMeta} from '../document.js'
import type {ContentsEntry, Renderer} from './render.js'
import {COLOUR, HEADINGS, MARGIN, PAGE, TEXT_WIDTH} from './style.js'
import {type Artifact, LAYOUT, type Tag} from './tags.js'
import {breakLines, drawLine, type Line, type Measure, type RunStyle} from './text.js'

/** The parts of a page that are not the text: cover, contents, running header, footer, draft mark. */

function style(family: 'sans' | 'serif', size: number, color: string, weight: 400 | 600 | 700 = 400, italic = false): RunStyle {
  return {color, family, italic, size, weight}
}

/** Cuts a line to the width, ending in an ellipsis when it had to cut. */
function fitLine(measure: Measure, text: string, runStyle: RunStyle, width: number): Line {
  const lines = breakLines([{style: runStyle, text}], width, measure, runStyle.size)
  if (lines.length <= 1) return lines[0]!
  const first = lines[0]!
  const ellipsis = breakLines([{style: runStyle, text: `${first.fragments.map((f) => f.text).join('')} …`}], Number.POSITIVE_INFINITY, measure, runStyle.size)[0]!
  return ellipsis.width <= width ? ellipsis : first
}

/**
 * Letter-spacing of the small capitals labels, in em. One text run with character spacing, and
 * under the gap (a tenth of an em) at which pdftotext and pdf.js start a new word: wider, and a
 * reader hears "IN O PDRACH T".
 */
const TRACKING = 0.06

/** The cover: a deep band with title and subtitle, then client, author and date; no header. */
export function drawCover(renderer: Renderer, meta: ReportMeta): void {
  const {doc, measure, tags} = renderer
  const bandHeight = 372
  // In reading order a draft says so first, although the mark is drawn in the band's corner.
  const draft = meta.draft ? tags.open('P', tags.root) : undefined
  tags.mark(LAYOUT, () => {
    doc.rect(0, 0, PAGE.width, bandHeight).fill(COLOUR.band)
    doc.rect(0, bandHeight, PAGE.width, 5).fill(COLOUR.accent)
  })

  const titleStyle = style('sans', 30, COLOUR.bandText, 600)
  const subtitleStyle = style('serif', 15, COLOUR.bandSoft, 400, true)
  const titleLines = breakLines([{style: titleStyle, text: meta.title}], TEXT_WIDTH, measure, 30).slice(0, 5)
  const subtitleLines = meta.subtitle ? breakLines([{style: subtitleStyle, text: meta.subtitle}], TEXT_WIDTH, measure, 15).slice(0, 4) : []
  // Title and subtitle stand on the bottom of the band, however many lines they take.
  let y = bandHeight - 52 - subtitleLines.length * 21 - (subtitleLines.length > 0 ? 12 : 0) - titleLines.length * 36
  const title = tags.open(`H${tags.headingLevel(1)}`, tags.root)
  for (const line of titleLines) {
    y += 36
    drawLine(measure, line, MARGIN.left, y - 8, TEXT_WIDTH, 'left', tags, title)
  }

  tags.end(title)
  y += 12
  if (subtitleLines.length > 0) {
    const subtitle = tags.open('P', tags.root)
    for (const line of subtitleLines) {
      y += 21
      drawLine(measure, line, MARGIN.left, y - 4, TEXT_WIDTH, 'left', tags, subtitle)
    }

    tags.end(subtitle)
  }

  const valueStyle = style('serif', 12, COLOUR.ink)
  let top = bandHeight + 70
  const rows: Array<[string, string | undefined]> = [
    ['In opdracht van', meta.client],
    ['Auteur', meta.author],
    ['Datum', meta.dateLabel],
  ]
  for (const [label, value] of rows) {
    if (!value) continue
    const labelTag = tags.open('P', tags.root)
    tags.mark(labelTag, () => {
      measure.use('sans-600', 8)
      doc.fillColor(COLOUR.muted).text(label.toUpperCase(), MARGIN.left, top, {baseline: 'alphabetic', characterSpacing: 8 * TRACKING, lineBreak: false})
    })
    tags.end(labelTag)
    const valueTag = tags.open('P', tags.root)
    for (const line of breakLines([{style: valueStyle, text: value}], TEXT_WIDTH, measure, 12).slice(0, 3)) {
      top += 17
      drawLine(measure, line, MARGIN.left, top, TEXT_WIDTH, 'left', tags, valueTag)
    }

    tags.end(valueTag)
    top += 30
  }

  if (draft) {
    tags.mark(draft, () => {
      measure.use('sans-700', 9)
      doc.fillColor(COLOUR.bandText).text('CONCEPT', MARGIN.left, 64, {baseline: 'alphabetic', characterSpacing: 9 * TRACKING * 1.5, lineBreak: false})
    })
    tags.end(draft)
  }
}

interface Placed {
  entry: ContentsEntry
  lines: Line[]
  page: number
  top: number
}

const ENTRY = {
  1: {before: 9, leading: 16, style: style('sans', 10.5, COLOUR.heading, 600)},
  2: {before: 1.5, leading: 15, style: style('serif', 10, COLOUR.ink)},
} as const
const NUMBER_ROOM = 34
const SUB_INDENT = 16

/** Where every entry of the contents goes, as page offsets from the first page of the contents. */
export function layoutContents(renderer: Renderer): {pages: number; placed: Placed[]} {
  const heading = HEADINGS[1]!
  const bottom = PAGE.height - MARGIN.bottom
  let page = 0
  let y = MARGIN.top + 20 + heading.leading + heading.after
  const placed: Placed[] = []
  for (const entry of renderer.contents) {
    const look = ENTRY[entry.depth]
    const indent = entry.depth === 2 ? SUB_INDENT : 0
    const lines = breakLines(entry.runs.map((run) => ({...run, style: {...look.style, italic: run.style.italic}})), TEXT_WIDTH - indent - NUMBER_ROOM, renderer.measure, look.style.size)
    const height = lines.length * look.leading
    if (y + look.before + height > bottom) {
      page++
      y = MARGIN.top
    } else if (placed.length > 0) {
      y += look.before
    }

    placed.push({entry, lines, page, top: y})
    y += height
  }

  return {pages: page + 1, placed}
}

/** Fills the reserved pages with the contents, now that every heading knows its page. */
export function drawContents(renderer: Renderer): void {
  const reserved = renderer.contentsPages
  const tagged = renderer.contentsTags
  if (!reserved || !tagged) return
  const {doc, measure, tags} = renderer
  const {placed} = layoutContents(renderer)
  doc.switchToPage(reserved.first)
  const heading = HEADINGS[1]!
  tags.mark(LAYOUT, () => doc.rect(MARGIN.left, MARGIN.top, 32, 3).fill(COLOUR.accent))
  const title = breakLines([{style: style('sans', heading.size, COLOUR.heading, heading.weight), text: 'Inhoud'}], TEXT_WIDTH, measure, heading.size)[0]!
  drawLine(measure, title, MARGIN.left, MARGIN.top + 20 + (heading.leading + heading.size * 0.68) / 2, TEXT_WIDTH, 'left', tags, tagged.heading)
  tags.end(tagged.heading)

  const right = MARGIN.left + TEXT_WIDTH
  // TOC > TOCI > Link for a chapter; its sections in a TOC of their own inside its TOCI.
  let chapter: {item: Tag; sections?: Tag} | undefined
  for (const {entry, lines, page, top} of placed) {
    if (entry.page === undefined) continue
    doc.switchToPage(reserved.first + page)
    let parent = tagged.toc
    if (entry.depth === 2 && chapter) {
      chapter.sections ??= tags.open('TOC', chapter.item)
      parent = chapter.sections
    }

    const item = tags.open('TOCI', parent)
    if (entry.depth === 1) {
      if (chapter) tags.end(chapter.item)
      chapter = {item}
    }

    const link = tags.open('Link', item)
    const look = ENTRY[entry.depth]
    const x = MARGIN.left + (entry.depth === 2 ? SUB_INDENT : 0)
    let baseline = top
    for (const [i, line] of lines.entries()) {
      baseline = top + i * look.leading + (look.leading + look.style.size * 0.68) / 2
      // The entry is one link already; a link inside the heading's words must not nest in it.
      const plain = {...line, fragments: line.fragments.map((fragment) => ({...fragment, style: {...fragment.style, link: undefined}}))}
      drawLine(measure, plain, x, baseline, TEXT_WIDTH, 'left', tags, link)
    }

    const number = String(entry.page + 1)
    const numberWidth = measure.width(`${look.style.family}-${look.style.weight}`, look.style.size, number)
    const numberBaseline = baseline
    tags.mark(link, () => doc.fillColor(look.style.color).text(number, right - numberWidth, numberBaseline, {baseline: 'alphabetic', lineBreak: false}))
    // Dotted leader from the end of the title to the page number.
    const from = x + lines.at(-1)!.width + 6
    const to = right - numberWidth - 6
    if (to > from) {
      tags.mark(LAYOUT, () => doc.save().moveTo(from, numberBaseline - 1).lineTo(to, numberBaseline - 1).lineWidth(0.7).lineCap('round').dash(0.01, {space: 3.2}).strokeColor(COLOUR.muted).stroke().restore())
    }

    // A String object, which pdfkit writes as a PDF string (a plain string would be a name).
    doc.goTo(x, top, right - x, lines.length * look.leading, entry.destination, {Contents: new String(`${entry.title}, pagina ${number}`), structParent: link.element} as object)
    tags.end(link)
    if (entry.depth === 2) tags.end(item)
  }

  if (chapter) tags.end(chapter.item)
  tags.end(tagged.toc)
}

/** Running header, page number and, in a draft, the word CONCEPT across every page. */
export function decoratePages(renderer: Renderer, meta: ReportMeta): void {
  const {doc, measure, tags} = renderer
  const kinds = renderer.flow.kinds
  const headerStyle = style('sans', 8, COLOUR.muted)
  // Page furniture: a screen reader skips it, the reading order is the text's.
  const header: Artifact = {artifact: 'Pagination', attached: 'Top'}
  const footer: Artifact = {artifact: 'Pagination', attached: 'Bottom'}
  for (const [index, kind] of kinds.entries()) {
    doc.switchToPage(index)
    if (kind !== 'cover') {
      const headerBaseline = MARGIN.top - 36
      const draftWidth = meta.draft ? 60 : 0
      if (meta.header) drawLine(measure, fitLine(measure, meta.header, headerStyle, TEXT_WIDTH - draftWidth), MARGIN.left, headerBaseline, TEXT_WIDTH, 'left', tags, header)
      tags.mark(header, () => {
        if (meta.draft) {
          measure.use('sans-700', 8)
          const spacing = 8 * TRACKING
          const width = doc.widthOfString('CONCEPT', {characterSpacing: spacing})
          doc.fillColor(COLOUR.draft).text('CONCEPT', MARGIN.left + TEXT_WIDTH - width, headerBaseline, {baseline: 'alphabetic', characterSpacing: spacing, lineBreak: false})
        }

        doc.moveTo(MARGIN.left, headerBaseline + 8).lineTo(MARGIN.left + TEXT_WIDTH, headerBaseline + 8).lineWidth(0.4).strokeColor(COLOUR.rule).stroke()
      })
      const pageNumber = breakLines([{style: headerStyle, text: `pagina ${index + 1} van ${kinds.length}`}], TEXT_WIDTH, measure, 8)[0]!
      drawLine(measure, pageNumber, MARGIN.left, PAGE.height - MARGIN.bottom + 40, TEXT_WIDTH, 'right', tags, footer)
    }

    if (meta.draft) {
      tags.mark({artifact: 'Pagination'}, () => {
        measure.use('sans-700', 110)
        const width = doc.widthOfString('CONCEPT')
        doc.save()
        doc.rotate(-52, {origin: [PAGE.width / 2, PAGE.height / 2]})
        doc.fillOpacity(0.06).fillColor(COLOUR.draft).text('CONCEPT', PAGE.width / 2 - width / 2, PAGE.height / 2 + 38, {baseline: 'alphabetic', lineBreak: false})
        doc.restore()
      })
    }
  }
}

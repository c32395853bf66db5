import type {RendererObject, Token, Tokens} from 'marked'

import type {LayoutOptions} from '../charts/layout.js'
import type {Chart, ChartDrawing, Progress, ReportDocument, ReportMeta, WriteResult} from '../document.js'
import {chartOf, chartTable, directiveOf, plainText} from '../markdown/directives.js'
import {htmlSlugger} from '../markdown/slug.js'
import {writeWhole} from '../output.js'
import {cssString, escapeHtml, escapeText} from './escape.js'
import {fontFaceCss} from './fonts.js'
import {REPORT_CSS} from './style.js'
import {drawingToSvg} from './svg.js'

/** Lays a chart out as drawing primitives; the report passes the same layout the PDF uses. */
export type DrawChart = (chart: Chart, options: LayoutOptions) => ChartDrawing

export interface HtmlOptions {
  drawChart: DrawChart
  progress?: Progress
}

/** Ids the writer gives its own parts, so no heading takes them. */
const RESERVED_IDS = ['omslag', 'inhoud', 'inhoud-titel', 'rapport']

/**
 * The CSP forbids everything but the inline styles, data: images and the data: fonts the page
 * carries: even if some text slipped through as markup, a browser would run no script and load
 * nothing from anywhere.
 */
const CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:"

/** Writes the report as one standalone HTML file (styles inline, charts as SVG, no external loads). */
export async function writeHtml(doc: ReportDocument, out: string, options: HtmlOptions): Promise<WriteResult> {
  const html = await renderHtml(doc, options.drawChart, options.progress)
  await writeWhole(out, html)
  return {bytes: Buffer.byteLength(html)}
}

/**
 * The report as an HTML page. Async only because marked is loaded on first use. Every piece of
 * text from the document is escaped: raw HTML in the Markdown is shown as text, links go only to
 * http, https, mailto and anchors, and images become their alt text.
 */
export async function renderHtml(doc: ReportDocument, drawChart: DrawChart, progress?: Progress): Promise<string> {
  const {Marked} = await import('marked')
  const marked = new Marked({gfm: true})
  const tokens = marked.lexer(doc.markdown)
  const topLevel = new Set<Token>(tokens)

  const slug = htmlSlugger(RESERVED_IDS)
  const headingIds = new Map<Token, string>()
  const contents: ContentsEntry[] = []
  marked.walkTokens(tokens, (token) => {
    if (token.type !== 'heading') return
    const text = plainText(token.tokens)
    const id = slug(text)
    headingIds.set(token, id)
    if (topLevel.has(token) && token.depth <= 2) contents.push({depth: token.depth, id, text})
  })

  let figures = 0
  const renderer: RendererObject = {
    blockquote(token) {
      const blocks = token.tokens.filter((child) => child.type !== 'space')
      const last = blocks.at(-1)
      if (blocks.length > 1 && last?.type === 'paragraph' && /^—\s/.test(last.text)) {
        const quote = this.parser.parse(blocks.slice(0, -1))
        const source = this.parser.parseInline((last as Tokens.Paragraph).tokens)
        return `<figure class="citaat">\n<blockquote>\n${quote}</blockquote>\n<figcaption>${source}</figcaption>\n</figure>\n`
      }

      return `<blockquote>\n${this.parser.parse(token.tokens)}</blockquote>\n`
    },
    code(token) {
      const directive = topLevel.has(token) ? directiveOf(token) : undefined
      switch (directive) {
        case 'grafiek': {
          return figure(chartOf(token, doc), ++figures, drawChart)
        }

        case 'inhoud': {
          return tableOfContents(contents)
        }

        case 'nieuwe-pagina': {
          return '<div class="nieuwe-pagina"></div>\n'
        }

        case 'omslag': {
          return cover(doc.meta)
        }

        case undefined: {
          const lang = (token.lang ?? '').trim().split(/\s+/)[0]
          const attribute = lang ? ` class="language-${escapeHtml(lang)}"` : ''
          return `<pre><code${attribute}>${escapeHtml(token.text)}</code></pre>\n`
        }
      }
    },
    heading(token) {
      const id = headingIds.get(token) ?? slug(plainText(token.tokens))
      return `<h${token.depth} id="${id}">${this.parser.parseInline(token.tokens)}</h${token.depth}>\n`
    },
    // Raw HTML from a template or a note is shown as the text it is, never as markup.
    html(token) {
      return token.block ? `<p class="html-tekst">${escapeHtml(token.text)}</p>\n` : escapeHtml(token.text)
    },
    // Images would load from elsewhere (or track the reader): the alt text stands in for them.
    image(token) {
      return escapeHtml(plainText(token.tokens) || token.text)
    },
    link(token) {
      const text = this.parser.parseInline(token.tokens)
      const href = safeHref(token.href)
      if (href === undefined) return text
      const title = token.title ? ` title="${escapeHtml(token.title)}"` : ''
      return `<a href="${escapeHtml(href)}"${title}>${text}</a>`
    },
    table(token) {
      const cells = (row: Tokens.TableCell[], tag: 'td' | 'th') =>
        row.map((cell) => `<${tag}${cell.align ? ` class="${cell.align}"` : ''}>${this.parser.parseInline(cell.tokens)}</${tag}>`).join('')
      const body = token.rows.map((row) => `<tr>${cells(row, 'td')}</tr>`).join('\n')
      const name = `Tabel: ${token.header.map((cell) => plainText(cell.tokens)).join(', ')}`
      return `${tableFrame(name)}\n<table>\n<thead>\n<tr>${cells(token.header, 'th')}</tr>\n</thead>\n${body ? `<tbody>\n${body}\n</tbody>\n` : ''}</table>\n</div>\n`
    },
    // marked leaves text after an inline <pre> or <script> unescaped ("raw block"); we never do.
    text(token) {
      if ('tokens' in token && token.tokens) return this.parser.parseInline(token.tokens)
      return token.type === 'escape' ? escapeHtml(token.text) : escapeText(token.text)
    },
  }
  marked.use({renderer})

  const sections = splitSections(tokens)
  const body: string[] = []
  for (const [index, section] of sections.entries()) {
    body.push(marked.parser(section))
    progress?.(index + 1, sections.length)
  }

  return page(doc.meta, body.join(''), {cover: startsWithCover(tokens)})
}

interface ContentsEntry {
  depth: number
  id: string
  text: string
}

/** Top-level sections (from one level-1 heading to the next), the unit of progress. */
function splitSections(tokens: Token[]): Token[][] {
  const sections: Token[][] = [[]]
  for (const token of tokens) {
    if (token.type === 'heading' && token.depth === 1 && sections.at(-1)!.length > 0) sections.push([])
    sections.at(-1)!.push(token)
  }

  return sections
}

function startsWithCover(tokens: Token[]): boolean {
  const first = tokens.find((token) => token.type !== 'space')
  return first !== undefined && directiveOf(first) === 'omslag'
}

/** Only links a reader can follow safely: the web, e-mail and places within the report. */
function safeHref(href: string): string | undefined {
  const url = href.trim()
  // Browsers drop tabs and newlines inside URLs, which hides a scheme from a naive check.
  if (/[\u0000-\u0020\u007F]/.test(url)) return undefined
  return /^(?:https?:\/\/[^/]|mailto:[^/]|#)/i.test(url) ? url : undefined
}

function cover(meta: ReportMeta): string {
  const details: Array<[string, string]> = []
  if (meta.client) details.push(['Opdrachtgever', escapeHtml(meta.client)])
  details.push(['Auteur', escapeHtml(meta.author)], ['Datum', `<time datetime="${escapeHtml(meta.date)}">${escapeHtml(meta.dateLabel)}</time>`])
  return [
    '<section class="omslag" id="omslag" aria-label="Omslag">',
    '<div class="omslag-kop">',
    meta.draft ? '<p class="omslag-concept">Concept</p>' : '',
    `<h1 class="omslag-titel">${escapeHtml(meta.title)}</h1>`,
    meta.subtitle ? `<p class="omslag-ondertitel">${escapeHtml(meta.subtitle)}</p>` : '',
    '</div>',
    '<dl class="omslag-gegevens">',
    ...details.map(([label, value]) => `<div><dt>${label}</dt><dd>${value}</dd></div>`),
    '</dl>',
    '</section>',
    '',
  ]
    .filter((line, index, lines) => line !== '' || index === lines.length - 1)
    .join('\n')
}

/** Level-2 headings nest under the level-1 heading before them. */
function tableOfContents(contents: ContentsEntry[]): string {
  const items: string[] = []
  let open = false
  for (const entry of contents) {
    const link = `<a href="#${entry.id}">${escapeText(entry.text)}</a>`
    if (entry.depth === 2 && open) {
      items.push(`<li>${link}</li>`)
      continue
    }

    if (open) items.push('</ol></li>')
    if (entry.depth === 1) {
      items.push(`<li class="inhoud-hoofdstuk">${link}<ol>`)
      open = true
    } else {
      items.push(`<li>${link}</li>`)
      open = false
    }
  }

  if (open) items.push('</ol></li>')
  const list = items.join('\n').replaceAll('<ol>\n</ol>', '')
  return `<nav class="inhoud" id="inhoud" aria-labelledby="inhoud-titel">\n<h2 id="inhoud-titel">Inhoud</h2>\n<ol>\n${list}\n</ol>\n</nav>\n`
}

/**
 * The frame a table scrolls in on a narrow screen. A keyboard must be able to reach what scrolls
 * (WCAG 2.1.1), so the frame takes focus, and a named region says what a reader tabbed to.
 */
function tableFrame(name: string): string {
  return `<div class="tabel" role="region" tabindex="0" aria-label="${escapeHtml(name)}">`
}

/**
 * A chart as a figure whose caption is its one visible and announced title: the drawing leaves
 * its own title out, and the SVG's text alternative says what kind of picture it is and where its
 * numbers are, rather than repeating the caption. The table of numbers is the full alternative.
 */
function figure(chart: Chart, number: number, drawChart: DrawChart): string {
  const label = `Figuur ${number}`
  const {header, rows} = chartTable(chart)
  const table = [
    tableFrame(`Cijfers bij ${label.toLowerCase()}`),
    '<table>',
    `<thead>\n<tr>${header.map((cell) => `<th>${escapeHtml(cell)}</th>`).join('')}</tr>\n</thead>`,
    '<tbody>',
    ...rows.map((row) => `<tr>${row.map((cell, index) => (index === 0 ? `<th scope="row">${escapeHtml(cell)}</th>` : `<td class="right">${escapeHtml(cell)}</td>`)).join('')}</tr>`),
    '</tbody>',
    '</table>',
    '</div>',
  ].join('\n')
  return [
    '<figure class="grafiek">',
    `<figcaption><span class="figuur-nummer">${label}</span> ${escapeHtml(chart.title)}</figcaption>`,
    drawingToSvg(drawChart(chart, {title: false}), `${chart.kind === 'staaf' ? 'Staafdiagram' : 'Warmtekaart'}; de cijfers staan in de tabel eronder.`),
    `<details class="grafiek-cijfers">\n<summary>Cijfers bij ${label.toLowerCase()} (${escapeHtml(chart.unit)})</summary>\n${table}\n</details>`,
    '</figure>',
    '',
  ].join('\n')
}

function page(meta: ReportMeta, body: string, layout: {cover: boolean}): string {
  const description = meta.subtitle ?? (meta.client ? `${meta.title}, voor ${meta.client}` : meta.title)
  const head = [
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(meta.title)}</title>`,
    `<meta name="author" content="${escapeHtml(meta.author)}">`,
    `<meta name="description" content="${escapeHtml(description)}">`,
    meta.keywords.length > 0 ? `<meta name="keywords" content="${escapeHtml(meta.keywords.join(', '))}">` : '',
    '<meta name="generator" content="karavaan">',
    `<meta name="date" content="${escapeHtml(meta.date)}">`,
    `<meta name="dcterms.date" content="${escapeHtml(meta.date)}">`,
    `<style>\n${fontFaceCss(body + description + meta.title)}${REPORT_CSS}\n${pageCss(meta, layout)}</style>`,
  ].filter(Boolean)
  const banner = meta.draft
    ? '<div class="concept-balk" role="note"><strong>CONCEPT</strong> — dit rapport is nog niet definitief.</div>\n<div class="concept-watermerk" aria-hidden="true">CONCEPT</div>\n'
    : ''
  return `<!DOCTYPE html>\n<html lang="nl">\n<head>\n${head.join('\n')}\n</head>\n<body${meta.draft ? ' class="concept"' : ''}>\n${banner}<main class="rapport" id="rapport">\n${body}</main>\n</body>\n</html>\n`
}

/** The printed page: running header, page numbers, and for a draft "CONCEPT" in the margin. */
function pageCss(meta: ReportMeta, layout: {cover: boolean}): string {
  const margin = 'font-family: var(--sans); font-size: 8pt; color: #5c6370;'
  const lines = [
    '@page {',
    `  @top-left { content: ${cssString(meta.header)}; ${margin} }`,
    meta.draft ? `  @top-right { content: "CONCEPT"; ${margin} color: #a4262c; font-weight: 700; letter-spacing: 0.08em; }` : '',
    `  @bottom-right { content: "pagina " counter(page) " van " counter(pages); ${margin} }`,
    '}',
    layout.cover ? '@page :first { @top-left { content: none } @bottom-right { content: none } }' : '',
  ]
  return lines.filter(Boolean).join('\n') + '\n'
}

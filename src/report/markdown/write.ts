import type {Tokens} from 'marked'

import type {Chart, ReportDocument, ReportMeta, WriteResult} from '../document.js'
import {writeWhole} from '../output.js'
import {chartOf, chartTable, directiveOf, plainText} from './directives.js'
import {githubSlugger} from './slug.js'

/** Writes the report as plain Markdown, for users who edit on in their own tools. */
export async function writeMarkdown(doc: ReportDocument, out: string): Promise<WriteResult> {
  const markdown = await renderMarkdown(doc)
  await writeWhole(out, markdown)
  return {bytes: Buffer.byteLength(markdown)}
}

/**
 * The document's Markdown with the directives turned into what any Markdown tool shows: the cover
 * as a title block, the table of contents as links to the headings (anchors as GitHub and most
 * editors make them), page breaks left out, charts as tables of their numbers. Everything else
 * is the template's output unchanged. Async only because marked is loaded on first use.
 */
export async function renderMarkdown(doc: ReportDocument): Promise<string> {
  const {Marked} = await import('marked')
  const marked = new Marked({gfm: true})
  const tokens = marked.lexer(doc.markdown)

  // Anchors are numbered in document order over every heading, the cover's title included.
  const slug = githubSlugger()
  const contents: Array<{depth: number; id: string; text: string}> = []
  for (const token of tokens) {
    if (directiveOf(token) === 'omslag') {
      slug(doc.meta.title)
      continue
    }

    marked.walkTokens([token], (child) => {
      if (child.type !== 'heading') return
      const text = plainText(child.tokens)
      const id = slug(text)
      if (child === token && child.depth <= 2) contents.push({depth: child.depth, id, text})
    })
  }

  const out = new Output()
  if (doc.meta.draft) out.block('> **CONCEPT** — dit rapport is nog niet definitief.')
  let figures = 0
  for (const token of tokens) {
    switch (directiveOf(token)) {
      case 'grafiek': {
        out.block(chartBlock(chartOf(token as Tokens.Code, doc), ++figures))
        break
      }

      case 'inhoud': {
        out.block(['**Inhoud**', '', ...contentsList(contents)].join('\n'))
        break
      }

      case 'nieuwe-pagina': {
        out.block('')
        break
      }

      case 'omslag': {
        out.block(coverBlock(doc.meta))
        break
      }

      case undefined: {
        out.raw(token.raw)
      }
    }
  }

  return out.text()
}

/** Joins source text and generated blocks with exactly one blank line around each block. */
class Output {
  private afterBlock = false
  private content = ''

  block(text: string): void {
    this.content = this.content.replace(/\n*$/, this.content === '' ? '' : '\n\n')
    if (text !== '') this.content += `${text}\n\n`
    this.afterBlock = true
  }

  raw(text: string): void {
    this.content += this.afterBlock ? text.replace(/^\n+/, '') : text
    if (text.trim() !== '') this.afterBlock = false
  }

  text(): string {
    return this.content.replace(/\n*$/, '\n')
  }
}

/** Level-2 headings nest under the level-1 heading before them. */
function contentsList(contents: Array<{depth: number; id: string; text: string}>): string[] {
  let chapter = false
  return contents.map((entry) => {
    if (entry.depth === 1) chapter = true
    return `${entry.depth === 2 && chapter ? '  ' : ''}- [${escapeInline(entry.text)}](#${entry.id})`
  })
}

function coverBlock(meta: ReportMeta): string {
  const lines = [`# ${escapeInline(meta.title)}`, '']
  if (meta.subtitle) lines.push(`*${escapeInline(meta.subtitle)}*`, '')
  const details = [...(meta.client ? [`Opdrachtgever: ${escapeInline(meta.client)}`] : []), `Auteur: ${escapeInline(meta.author)}`, `Datum: ${escapeInline(meta.dateLabel)}`]
  // A backslash at the end of a line is CommonMark's hard break; trailing spaces get lost in editors.
  lines.push(details.join('\\\n'))
  return lines.join('\n')
}

function chartBlock(chart: Chart, number: number): string {
  const {header, rows} = chartTable(chart)
  const row = (cells: string[]) => `| ${cells.map((cell) => escapeInline(cell)).join(' | ')} |`
  return [
    `*Figuur ${number}. ${escapeInline(chart.title)} (aantal ${escapeInline(chart.unit)})*`,
    '',
    row(header),
    `| --- |${' ---: |'.repeat(header.length - 1)}`,
    ...rows.map((cells) => row(cells)),
  ].join('\n')
}

/**
 * Text from the study (names, titles) set in Markdown as the literal text it is: characters that
 * would start emphasis, a link, HTML, an entity or a table cell are backslash-escaped.
 */
function escapeInline(text: string): string {
  return text.replaceAll(/\s+/g, ' ').trim().replaceAll(/[\\`*_[\]<>|~&]/g, '\\$&')
}

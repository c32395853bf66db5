import {spawnSync} from 'node:child_process'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {marked, type Token} from 'marked'
import {beforeAll, describe, expect, it} from 'vitest'

import {BODY_STYLE} from '../../src/report/pdf/render.js'
import {inlineRuns, plainText} from '../../src/report/pdf/text.js'
import {exampleStudy, karavaan, tempDir} from '../helpers/cli.js'
import {type PdfAccessibility, type PdfStructNode, readAccessibility, readPdf, walk} from '../helpers/pdf.js'

/** Whether a program of poppler or qpdf is installed; a test that needs one is skipped without. */
function has(program: string): boolean {
  return spawnSync(program, ['-v'], {encoding: 'utf8'}).error === undefined
}

const normalise = (text: string): string => text.replaceAll(/\s+/g, ' ').trim()

function elements(pdf: PdfAccessibility): Array<{node: PdfStructNode; page: number; parent?: PdfStructNode}> {
  const all: Array<{node: PdfStructNode; page: number; parent?: PdfStructNode}> = []
  for (const [page, tree] of pdf.trees.entries()) walk(tree, (node, parent) => all.push({node, page, parent}))
  return all
}

/**
 * The machine-checkable conditions of PDF/UA-1 (the Matterhorn protocol) this file can be held to,
 * each with what a reader of the report would miss if it failed.
 */
async function expectPdfUa(file: string, title: string): Promise<PdfAccessibility> {
  const pdf = await readAccessibility(file)
  // Tagged, in Dutch, titled by its title (not its file name), and saying it is PDF/UA-1.
  expect(pdf.markInfo?.Marked).toBe(true)
  expect(pdf.lang).toBe('nl-NL')
  expect(pdf.displayDocTitle).toBe(true)
  expect(pdf.metadata['pdfuaid:part']).toBe('1')
  expect(pdf.metadata['dc:title']).toBe(title)

  // Every page has a structure tree under one Document, and everything painted is either tagged
  // content or an artifact, never an artifact inside content or the reverse (01-003 … 01-005).
  for (const [page, tree] of pdf.trees.entries()) {
    expect(tree, `pagina ${page + 1} heeft geen structuurboom`).not.toBeNull()
    expect(tree!.children.map((child) => child.role), `pagina ${page + 1}`).toEqual(['Document'])
    expect(pdf.marking[page]!.painted, `pagina ${page + 1}`).toBeGreaterThan(0)
    expect(pdf.marking[page]!.unmarked, `pagina ${page + 1}: ongemarkeerde inhoud`).toBe(0)
    expect(pdf.marking[page]!.misnested, `pagina ${page + 1}: artefact en inhoud door elkaar`).toBe(0)
  }

  const all = elements(pdf)
  // Headings: the first is H1 and no level is skipped (14-002, 14-003). pdf.js repeats an element on
  // every page its parent spans; a heading is where its text is.
  const headings: number[] = []
  for (const {node} of all) {
    const level = /^H([1-6])$/.exec(node.role)
    if (level && node.contents > 0) headings.push(Number(level[1]))
  }

  expect(headings[0]).toBe(1)
  for (let i = 1; i < headings.length; i++) expect(headings[i]! - headings[i - 1]!, `kop ${i + 1}: H${headings[i - 1]} → H${headings[i]}`).toBeLessThanOrEqual(1)

  // Figures say what they show (13-004); tables have header cells; lists are L > LI > Lbl + LBody.
  for (const {node} of all.filter(({node}) => node.role === 'Figure')) expect(node.alt?.trim().length ?? 0).toBeGreaterThan(20)
  for (const {node} of all.filter(({node}) => node.role === 'Table')) {
    expect(node.children.every((row) => row.role === 'TR')).toBe(true)
  }

  for (const {node} of all.filter(({node}) => node.role === 'L')) expect(node.children.every((item) => item.role === 'LI')).toBe(true)
  for (const {node} of all.filter(({node}) => node.role === 'LI')) expect(node.children.map((part) => part.role)).toEqual(['Lbl', 'LBody'])

  // Links: every link annotation has a description and a place in the tree, inside a Link element.
  const annotations = pdf.annotations.flat().filter((a) => a.subtype === 'Link')
  for (const annotation of annotations) {
    expect(annotation.contents.trim(), 'link zonder /Contents').not.toBe('')
    expect(annotation.structParent, `link "${annotation.contents}" zonder plaats in de boom`).toBeDefined()
  }

  const linkObjects = all.filter(({node}) => node.role === 'Link').reduce((sum, {node}) => sum + node.objects, 0)
  expect(linkObjects).toBe(annotations.length)

  // What pdf.js does not show, read from the file (pdfkit writes its dictionaries uncompressed):
  // every header cell says it heads its column, and every page orders its annotations by structure.
  const raw = readFileSync(file, 'latin1')
  const headerCells = raw.match(/\/S \/TH\n/g)?.length ?? 0
  expect(headerCells).toBe(all.some(({node}) => node.role === 'TH') ? raw.match(/\/S \/TH\n\/A <<\n\/O \/Table\n\/Scope \/Column\n/g)?.length : 0)
  expect(raw.match(/\/Tabs \/S\b/g)?.length).toBe(pdf.trees.length)
  return pdf
}

describe('the report as an accessible PDF (PDF/UA-1)', () => {
  let study: string
  let file: string
  beforeAll(() => {
    study = exampleStudy()
    file = join(tempDir(), 'eindrapport.pdf')
    const result = karavaan(['report', '--study', study, '--date', '2026-12-18', '--out', file])
    expect(result.code, result.stderr).toBe(0)
  }, 120_000)

  it('is tagged to the conditions a PDF/UA checker can test: tree, headings, figures, tables, lists, links, artifacts', async () => {
    const pdf = await expectPdfUa(file, 'Karavaan Veenland en Kust 2026')
    const all = elements(pdf)
    const roles = new Set(all.map(({node}) => node.role))
    for (const role of ['H1', 'H2', 'H3', 'P', 'L', 'LI', 'Lbl', 'LBody', 'Table', 'TR', 'TH', 'TD', 'BlockQuote', 'Figure', 'TOC', 'TOCI', 'Link']) expect(roles, role).toContain(role)
    // The contents: one entry per chapter and section, each a link to its heading.
    const entries = all.filter(({node}) => node.role === 'TOCI')
    expect(entries.length).toBeGreaterThan(20)
    for (const {node} of entries) expect(node.children[0]?.role).toBe('Link')
    // The bar chart's alternative text holds its numbers, per halteplaats.
    const figures = all.filter(({node}) => node.role === 'Figure').map(({node}) => node.alt!)
    const bars = figures.find((alt) => alt.startsWith('Staafdiagram'))
    expect(bars).toMatch(/^Staafdiagram “Narratieven per halteplaats \(aantal notities\)”, in notities\. Kanaalzone: 1\. [a-z ]+ \d+, 2\./)
    for (const place of ['Kanaalzone', 'Wendelo', 'De Vlonders', 'Havenkwartier']) expect(bars).toContain(`${place}: `)
    expect(figures.some((alt) => alt.startsWith('Warmtekaart'))).toBe(true)
  })

  it('marks the running header, page numbers and the CONCEPT watermark of a draft as page furniture', async () => {
    const draft = join(tempDir(), 'concept.pdf')
    expect(karavaan(['report', '--study', study, '--draft', '--out', draft]).code).toBe(0)
    const pdf = await expectPdfUa(draft, 'Karavaan Veenland en Kust 2026')
    // What a screen reader reads of the cover: the draft says so once, then the title.
    const cover = pdf.trees[0]!.children[0]!.children
    expect(cover.slice(0, 2).map((node) => node.role)).toEqual(['P', 'H1'])
    if (has('pdftotext')) {
      // The artifacts are still on the page for a sighted reader.
      const text = spawnSync('pdftotext', ['-f', '3', '-l', '3', draft, '-'], {encoding: 'utf8'}).stdout
      expect(text).toContain('pagina 3 van')
      expect(text).toContain('CONCEPT')
    }
  })

  it('tags the halteplaats and veldwerk reports just as well', async () => {
    for (const [template, extra] of [['halteplaats', ['--halteplaats', 'wendelo']], ['veldwerk', []]] as const) {
      const out = join(tempDir(), `${template}.pdf`)
      const result = karavaan(['report', '--study', study, '--template', template, ...extra, '--out', out])
      expect(result.code, result.stderr).toBe(0)
      const {info} = await readPdf(out)
      expect(info.Title).toContain('Karavaan')
      const pdf = await expectPdfUa(out, String(info.Title))
      expect(elements(pdf).some(({node}) => node.role === 'Table')).toBe(true)
    }
  }, 120_000)

  it.skipIf(!has('qpdf'))('passes qpdf --check', () => {
    const check = spawnSync('qpdf', ['--check', file], {encoding: 'utf8'})
    expect(check.status, check.stdout + check.stderr).toBe(0)
    expect(check.stdout).toContain('No syntax or stream encoding errors')
  })

  it.skipIf(!has('pdffonts'))('embeds every font it uses', () => {
    const lines = spawnSync('pdffonts', [file], {encoding: 'utf8'}).stdout.trim().split('\n').slice(2)
    expect(lines.length).toBeGreaterThan(3)
    for (const line of lines) expect(line, line).toMatch(/\s+yes\s+yes\s+yes\s+\d+\s+\d+$/)
  })

  it.skipIf(!has('pdftotext'))('loses no heading or paragraph of the report on the way to the text a reader extracts', () => {
    const markdownFile = join(tempDir(), 'eindrapport.md')
    expect(karavaan(['report', '--study', study, '--date', '2026-12-18', '--format', 'md', '--out', markdownFile]).code).toBe(0)
    const pages = spawnSync('pdftotext', ['-raw', file, '-'], {encoding: 'utf8'}).stdout.split('\f')
    // Without the running header and page numbers, which cut a paragraph that runs over a page.
    const text = normalise(pages.map((page) => page.split('\n').filter((line) => line.trim() !== 'Karavaan Veenland en Kust 2026' && !/^pagina \d+ van \d+$/.test(line.trim())).join('\n')).join('\n'))
    expect(text).toContain('IN OPDRACHT VAN')
    const blocks: string[] = []
    const collect = (tokens: Token[]): void => {
      for (const token of tokens) {
        if (token.type === 'heading' || token.type === 'paragraph') blocks.push(normalise(plainText(inlineRuns(token.tokens, BODY_STYLE))))
        else if (token.type === 'blockquote') collect(token.tokens ?? [])
        else if (token.type === 'list') for (const item of token.items) collect(item.tokens)
        else if (token.type === 'text' && 'tokens' in token && token.tokens) blocks.push(normalise(plainText(inlineRuns(token.tokens, BODY_STYLE))))
      }
    }

    // The Markdown report's cover and contents are the PDF's own pages; the rest is the same text.
    const markdown = readFileSync(markdownFile, 'utf8')
    collect(marked.lexer(markdown.slice(markdown.indexOf('\n# Samenvatting')), {gfm: true}))
    expect(blocks.length).toBeGreaterThan(150)
    // A chart in Markdown is a caption ("Figuur 1. …"); in the PDF it is the drawing, with its alt text.
    const missing = blocks.filter((block) => block && !/^Figuur \d+\. /.test(block) && !text.includes(block))
    expect(missing).toEqual([])
  })
})

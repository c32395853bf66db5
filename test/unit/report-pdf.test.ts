import {spawnSync} from 'node:child_process'
import {existsSync, mkdtempSync, readdirSync, readFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import type {ReportDocument} from '../../src/report/document.js'
import {writePdf} from '../../src/report/pdf/index.js'
import {sampleReport} from '../fixtures/report/sample.js'
import {type PdfContent, type PdfStructNode, readAccessibility, readPdf, walk} from '../helpers/pdf.js'

function has(program: string): boolean {
  return spawnSync(program, ['-v'], {encoding: 'utf8'}).error === undefined
}

/** Every element of the structure trees of all pages, with the page it is on. */
async function structure(file: string): Promise<Array<{node: PdfStructNode; page: number}>> {
  const all: Array<{node: PdfStructNode; page: number}> = []
  for (const [page, tree] of (await readAccessibility(file)).trees.entries()) walk(tree, (node) => all.push({node, page}))
  return all
}

const dir = mkdtempSync(join(tmpdir(), 'karavaan-pdf-'))
afterAll(() => rmSync(dir, {force: true, recursive: true}))

let counter = 0
async function build(report: ReportDocument): Promise<{content: PdfContent; file: string; pages?: number}> {
  const file = join(dir, `rapport-${++counter}.pdf`)
  const result = await writePdf(report, file)
  return {content: await readPdf(file), file, pages: result.pages}
}

function doc(markdown: string, meta: Partial<ReportDocument['meta']> = {}): ReportDocument {
  const sample = sampleReport(meta)
  return {...sample, markdown}
}

/** The lines of a page that are the report itself, without running header and page number. */
function body(content: PdfContent, page: number): string[] {
  return content.pages[page]!.filter((line) => line.y > 60 && line.y < 780).map((line) => line.text)
}

function pageOf(content: PdfContent, text: string, from = 0): number {
  return content.pages.findIndex((lines, index) => index >= from && lines.some((line) => line.text === text))
}

describe('the PDF of a whole report', () => {
  let report: Awaited<ReturnType<typeof build>>
  beforeAll(async () => {
    report = await build(sampleReport())
  })

  it('has a cover without header or page number, then numbered pages with the running header', () => {
    const {content, pages} = report
    expect(content.pages).toHaveLength(pages!)
    expect(content.text[0]).toContain('Het vertrouwen van de straat')
    expect(content.text[0]).toContain('Gemeente Zuidoost')
    expect(content.text[0]).toContain('23 november 2026')
    expect(content.text[0]).not.toMatch(/pagina \d/)
    expect(content.text[0]).not.toContain('Karavaan Zuidoost — adviesrapport')
    for (let page = 1; page < pages!; page++) {
      expect(content.text[page]).toContain(`pagina ${page + 1} van ${pages}`)
      expect(content.text[page]).toContain('Karavaan Zuidoost — adviesrapport')
    }
  })

  it('keeps Dutch typography exactly', () => {
    const all = report.content.text.join('\n')
    for (const text of ['‘loket’', 'geworden – en', 'neemt niet op…', '“daar gaan wij niet over.”', 'één ïdee', 'coöperatie', '12.430', '8,1 %']) {
      expect(all).toContain(text)
    }
  })

  it('lists the headings of level 1 and 2 in the contents with the pages they are on', () => {
    const {content} = report
    const contentsPage = pageOf(content, 'Inhoud')
    expect(contentsPage).toBe(1)
    const entries = body(content, contentsPage).filter((line) => /\s\d+$/.test(line))
    expect(entries.length).toBe(21)
    for (const entry of entries) {
      const [, title, page] = /^(.*\S)\s+(\d+)$/.exec(entry)!
      // The heading is on the page the contents names, and on no page before it.
      expect(body(content, Number(page) - 1), entry).toContain(title)
      expect(pageOf(content, title!, contentsPage + 1), entry).toBe(Number(page) - 1)
    }

    // Every entry links to its heading.
    expect(content.links[contentsPage]!.filter((link) => link.startsWith('#')).length).toBe(21)
  })

  it('starts every chapter on a new page and keeps headings with what follows', () => {
    const {content} = report
    for (const chapter of ['Samenvatting', 'Methode', 'Bevindingen', 'Bijlage: dekking']) {
      const page = pageOf(content, chapter, 2)
      expect(body(content, page)[0], chapter).toBe(chapter)
    }

    for (let i = 1; i <= 14; i++) {
      const title = `Bevinding ${i}: een titel die de lezer vertelt wat we vonden`
      const page = pageOf(content, title, 2)
      const lines = body(content, page)
      const at = lines.indexOf(title)
      expect(lines.length - at, title).toBeGreaterThanOrEqual(3)
    }
  })

  it('has an outline of chapters and their sections', () => {
    const {outline} = report.content
    expect(outline.map((item) => item.title)).toEqual(['Samenvatting', 'Methode', 'Bevindingen', 'Bijlage: dekking'])
    expect(outline[1]!.items.map((item) => item.title)).toEqual(['De halteplaatsen', 'Groepen en narratieven'])
    expect(outline[2]!.items).toHaveLength(14)
  })

  it('carries title, author, subject, keywords and language', () => {
    const {info} = report.content
    expect(info.Title).toBe('Het vertrouwen van de straat')
    expect(info.Author).toBe('Verwey-Jonker Instituut, team Karavaan')
    expect(info.Subject).toBe('Wat inwoners van Zuidoost vertellen over hun vertrouwen in de overheid')
    expect(info.Keywords).toBe('Karavaan, vertrouwen, wantrouwen, narratieven')
    expect(info.Language).toBe('nl-NL')
  })

  it('repeats the header of a long table on every page it continues on', () => {
    const {content} = report
    const first = pageOf(content, 'Groep 1 met een naam 0 0 0 0 0')
    const last = pageOf(content, 'Groep 70 met een naam 6 9 7 1 23')
    expect(last).toBeGreaterThan(first)
    for (let page = first; page <= last; page++) {
      expect(body(content, page), `page ${page + 1}`).toContain('Groep Noord Oost Zuid West Totaal')
    }
  })

  it('draws the charts with their labels, each whole on one page', () => {
    const {content} = report
    const bars = pageOf(content, 'Narratieven per halteplaats')
    expect(content.text[bars]).toContain('Ongehoorde burgers')
    expect(content.text[bars]).toMatch(/Noord Oost Zuid West/)
    const heat = pageOf(content, 'Narratieven per groep')
    expect(content.text[heat]).toContain('Sleutelfiguren')
    expect(content.text[heat]).toContain('notities')
  })

  it('makes links clickable and leaves no empty page, also not after the trailing page break', () => {
    const {content, pages} = report
    expect(content.links.flat()).toContain('https://www.verwey-jonker.nl/')
    for (let page = 1; page < pages!; page++) expect(body(content, page).length, `page ${page + 1}`).toBeGreaterThan(0)
  })

  it('embeds its fonts: no font a reader would have to supply', () => {
    const raw = readFileSync(report.file, 'latin1')
    const fonts = [...raw.matchAll(/\/BaseFont \/([A-Z]{6}\+)?([\w-]+)/g)].map((m) => m[2])
    expect(fonts.length).toBeGreaterThan(0)
    for (const font of fonts) expect(font).toMatch(/^Source(Serif4|Sans3)-/)
    expect(raw.match(/\/FontFile2/g)?.length).toBe(new Set(fonts).size)
  })
})

describe('the PDF of any text', () => {
  it('prints hostile text literally and links only to web and mail addresses', async () => {
    const markdown = [
      '# Citaten',
      '',
      String.raw`Een inwoner schreef <script>alert('x')</script> en \*\*niet vet\*\* en %PDF-1.4 %%EOF.`,
      '',
      '<iframe src="file:///etc/passwd"></iframe>',
      '',
      '[klik hier](javascript:alert(1)) en [bestand](file:///etc/passwd) en ![foto](/etc/hosts)',
      '',
      'Tekst met &amp; en &#8211; en &bogus; en `<b>code</b>`.',
    ].join('\n')
    const {content} = await build(doc(markdown))
    const all = content.text.join('\n')
    expect(all).toContain(`<script>alert('x')</script>`)
    expect(all).toContain('**niet vet**')
    expect(all).toContain('%PDF-1.4 %%EOF.')
    expect(all).toContain('<iframe src="file:///etc/passwd"></iframe>')
    expect(all).toContain('klik hier en bestand en foto')
    expect(all).toContain('Tekst met & en – en &bogus; en <b>code</b>.')
    expect(content.links.flat()).toEqual([])
  })

  it('sets names in letters beyond the Dutch alphabet, in text and in charts', async () => {
    const report = doc('Gesproken met Şükrü Yılmaz, Łukasz Wójcik en Zoë Ağaoğlu.\n\n```grafiek\nnamen\n```')
    report.charts.namen = {categories: ['Şişli', 'Łódź'], kind: 'staaf', series: [{name: 'Ağaoğlu', values: [3, 4]}], title: 'Wijken van Şükrü', unit: 'notities'}
    const {content} = await build(report)
    const all = content.text.join('\n')
    expect(all).toContain('Gesproken met Şükrü Yılmaz, Łukasz Wójcik en Zoë Ağaoğlu.')
    for (const name of ['Wijken van Şükrü', 'Şişli', 'Łódź', 'Ağaoğlu']) expect(all).toContain(name)
  })

  it('never makes an empty page from page breaks, wherever they stand', async () => {
    const markdown = ['```nieuwe-pagina\n```', '# Een', 'Tekst een.', '```nieuwe-pagina\n```', '```nieuwe-pagina\n```', '# Twee', 'Tekst twee.', '```nieuwe-pagina\n```', 'Tekst drie.', '```nieuwe-pagina\n```', ''].join('\n\n')
    const {content, pages} = await build(doc(markdown))
    expect(pages).toBe(3)
    expect(content.pages).toHaveLength(3)
    expect(body(content, 0)).toEqual(['Een', 'Tekst een.'])
    expect(body(content, 1)).toEqual(['Twee', 'Tekst twee.'])
    expect(body(content, 2)).toEqual(['Tekst drie.'])
    expect(content.text[0]).toContain('pagina 1 van 3')
  })

  it('keeps a heading with the text after it wherever the page ends', async () => {
    const filler = 'Een zin die een regel vult met woorden over de wijk en de gemeente.'
    let pushed = 0
    for (let lines = 22; lines <= 27; lines++) {
      const markdown = [...Array.from({length: lines}, () => filler), '## De kop die niet alleen mag staan', 'De tekst onder de kop, die hem gezelschap houdt.', 'En een tweede alinea.'].join('\n\n')
      const {content} = await build(doc(markdown))
      const page = pageOf(content, 'De kop die niet alleen mag staan')
      expect(body(content, page), `${lines} lines`).toContain('De tekst onder de kop, die hem gezelschap houdt.')
      if (body(content, page)[0] === 'De kop die niet alleen mag staan') pushed++
    }

    // Some of these ended a page close enough below the heading to send it on.
    expect(pushed).toBeGreaterThan(0)
  })

  it('never leaves the first or last line of a paragraph alone on a page', async () => {
    const long = Array.from({length: 12}, (_, i) => `zin${i} staat in een lange alinea die over meerdere regels loopt.`).join(' ')
    let split = 0
    for (let before = 20; before <= 28; before++) {
      const markdown = [...Array.from({length: before}, (_, i) => `Regel ${i}.`), long].join('\n\n')
      const {content} = await build(doc(markdown))
      const paragraphPages = content.pages.map((_, page) => body(content, page).filter((line) => !/^Regel \d+\.$/.test(line)).length).filter((n) => n > 0)
      for (const count of paragraphPages) expect(count, `${before} paragraphs before`).toBeGreaterThanOrEqual(2)
      if (paragraphPages.length > 1) split++
    }

    expect(split).toBeGreaterThan(0)
  })

  it('marks a draft with CONCEPT on every page', async () => {
    const {content} = await build(sampleReport({draft: true}))
    for (const text of content.text) expect(text).toContain('CONCEPT')
  })

  it('says so when a chart is missing, and writes an empty report as one page', async () => {
    const {content} = await build(doc('```grafiek\nbestaat-niet\n```'))
    expect(content.text.join('\n')).toContain('[Grafiek “bestaat-niet” ontbreekt in dit rapport.]')
    const empty = await build(doc(''))
    expect(empty.pages).toBe(1)
    expect(empty.content.text[0]).toContain('pagina 1 van 1')
  })

  it('reports progress and leaves no partial file behind', async () => {
    const calls: Array<[number, number]> = []
    const file = join(dir, 'voortgang.pdf')
    await writePdf(sampleReport(), file, {onProgress: (done, total) => calls.push([done, total])})
    expect(calls.length).toBeGreaterThan(2)
    expect(calls.at(-1)![0]).toBe(calls.at(-1)![1])
    expect(existsSync(file)).toBe(true)
    expect(readdirSync(dir).filter((name) => name.endsWith('.deel'))).toEqual([])
  })
})

describe('the PDF as a reader with a screen reader or a text extractor gets it', () => {
  const quote = '> Het buurthuis 👍🏽 en de wijkagent ❤️, maar de app ☹️ — ✓ geregeld ★★★, daarna ☎ bellen. Ons gezin 👨‍👩‍👧 en de 🇳🇱 vlag, 1️⃣ keer.\n>\n> — moeder, halteplaats Wendelo'

  it('sets emoji and symbols in quotes in embedded fallback faces, and gives them back as text', async () => {
    const {content, file} = await build(doc(`# Citaten 🙂\n\n${quote}\n\nEen e\u2011mailadres.`))
    const all = content.text.join('\n')
    // pdf.js reads the keycap 1️⃣ back as "1" and a NUL; pdftotext below gets it whole.
    for (const text of ['Citaten 🙂', '👍', '❤️', '☹️', '✓ geregeld ★★★', '☎', '👨‍👩‍👧', '🇳🇱', 'e-mailadres']) expect(all, text).toContain(text)
    const raw = readFileSync(file, 'latin1')
    const fonts = new Set([...raw.matchAll(/\/BaseFont \/(?:[A-Z]{6}\+)?([\w-]+)/g)].map((m) => m[1]))
    expect([...fonts].some((font) => font!.startsWith('NotoEmoji-'))).toBe(true)
    expect([...fonts].some((font) => font!.startsWith('NotoSansSymbols2-'))).toBe(true)
    expect(raw.match(/\/FontFile2/g)?.length).toBe(fonts.size)
    if (has('pdftotext')) {
      const text = spawnSync('pdftotext', [file, '-'], {encoding: 'utf8'}).stdout
      // The face has no skin tones; the text says what was written (ActualText), which poppler reads.
      for (const part of ['👍🏽', '❤️', '☹️', '✓', '★★★', '☎', '👨‍👩‍👧', '🇳🇱', '1️⃣']) expect(text, part).toContain(part)
    }
  })

  it('gives the letter-spaced labels of the cover back as words', async () => {
    const {content, file} = await build(sampleReport({draft: true}))
    const cover = content.text[0]!
    for (const label of ['IN OPDRACHT VAN', 'AUTEUR', 'DATUM', 'CONCEPT']) expect(cover, label).toContain(label)
    if (has('pdftotext')) {
      const text = spawnSync('pdftotext', ['-f', '1', '-l', '1', file, '-'], {encoding: 'utf8'}).stdout
      for (const label of ['IN OPDRACHT VAN', 'AUTEUR', 'DATUM', 'CONCEPT']) expect(text, label).toContain(label)
    }
  })

  it('tags headings without skipping a level, and keeps their look as written', async () => {
    const {content, file} = await build(doc('# Hoofdstuk\n\n### Diep\n\nTekst.\n\n#### Dieper\n\nMeer.\n\n# Volgend\n\n## Sectie\n\nSlot.'))
    const headings = (await structure(file)).filter(({node}) => /^H\d$/.test(node.role) && node.contents > 0).map(({node}) => node.role)
    expect(headings).toEqual(['H1', 'H2', 'H3', 'H1', 'H2'])
    const deep = content.pages.flat().find((line) => line.text === 'Diep')!
    expect(deep.size).toBeCloseTo(11.5, 1)
  })

  it('tags a long table once: its header repeated on later pages is page furniture', async () => {
    const {content, file} = await build(sampleReport())
    const first = pageOf(content, 'Groep 1 met een naam 0 0 0 0 0')
    const last = pageOf(content, 'Groep 70 met een naam 6 9 7 1 23')
    const all = await structure(file)
    // pdf.js lists a table's rows on every page it spans; what is drawn on a page has content there.
    const headerCells = (page: number) => all.filter(({node, page: p}) => p === page && node.role === 'TH' && node.contents > 0).length
    expect(headerCells(first)).toBe(6)
    for (let page = first + 1; page <= last; page++) {
      expect(headerCells(page), `page ${page + 1}`).toBe(0)
      expect(body(content, page)).toContain('Groep Noord Oost Zuid West Totaal')
      expect(all.some(({node, page: p}) => p === page && node.role === 'TD' && node.contents > 0)).toBe(true)
    }
  })

  it('makes a link a Link element whose annotation describes where it goes', async () => {
    const {file} = await build(doc('Lees [het rapport van Movisie](https://www.movisie.nl/) en mail [ons](mailto:team@example.org).'))
    const pdf = await readAccessibility(file)
    const links = pdf.annotations.flat().filter((a) => a.subtype === 'Link')
    expect(links.map((link) => link.contents)).toEqual(['het rapport van Movisie (https://www.movisie.nl/)', 'ons (mailto:team@example.org)'])
    const paragraph = pdf.trees[0]!.children[0]!.children.find((node) => node.role === 'P')!
    expect(paragraph.children.map((node) => node.role)).toEqual(['Link', 'Link'])
    for (const link of paragraph.children) expect(link.objects).toBe(1)
  })

  it('keeps a title with & and < readable in the XMP metadata', async () => {
    const title = 'Noord & Zuid <samen>'
    const {content, file} = await build(doc('Tekst.', {author: 'Team "K" & co', title}))
    expect(content.info.Title).toBe(title)
    const pdf = await readAccessibility(file)
    expect(pdf.metadata['dc:title']).toBe(title)
    expect(pdf.metadata['pdfuaid:part']).toBe('1')
  })
})

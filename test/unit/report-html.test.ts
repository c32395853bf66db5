import {mkdtempSync, readdirSync, readFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import fc from 'fast-check'
import {describe, expect, it} from 'vitest'

import {isUserError} from '../../src/errors.js'
import type {ChartDrawing, ReportDocument, ReportMeta} from '../../src/report/document.js'
import {layoutChart} from '../../src/report/charts/layout.js'
import {drawingToSvg} from '../../src/report/html/svg.js'
import {renderHtml, writeHtml} from '../../src/report/html/write.js'
import {CHARTS, makeDocument, sketchLayout} from '../fixtures/report/document.js'

const render = (markdown: string, meta: Partial<ReportMeta> = {}) => renderHtml(makeDocument({markdown, meta}), (chart) => sketchLayout(chart))

/** The elements a report may contain; anything else means text became markup. */
const ELEMENTS = new Set(
  'html head meta title style body main section nav div p span a strong em del code pre br hr h1 h2 h3 h4 h5 h6 ul ol li input blockquote figure figcaption dl dt dd time table thead tbody tr th td details summary svg rect line text'.split(' '),
)

const FONT_FACE = /^@font-face \{ font-family: 'Source (?:Sans 3|Serif 4)'; font-style: (?:normal|italic); font-weight: \d00; font-display: swap; src: url\(data:font\/woff2;base64,[\d+/=A-Za-z]+\) format\('woff2'\); unicode-range: [\d,+A-FU-]+; \}$/

interface Tag {
  attributes: Array<[string, string]>
  name: string
}

/**
 * Reads every tag in the page the way a browser would start to: "<" followed by a letter opens
 * an element (escaped text has "&lt;" instead). Fails the test on anything a browser could run or
 * load: an unknown element, an event handler, an unquoted or malformed attribute, a src, a link
 * that is not http(s), mailto or an anchor.
 */
function tagsOf(html: string): Tag[] {
  // Style content is CSS, not markup; check it holds no way out before skipping it.
  const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)]
  expect(styles).toHaveLength(1)
  // The only url() allowed is a font the page carries as base64 data; nothing else may load.
  const faces = [...styles[0][1].matchAll(/@font-face \{[^}]*\}/g)].map((match) => match[0])
  for (const face of faces) expect(face).toMatch(FONT_FACE)
  const css = faces.reduce((rest, face) => rest.replace(face, ''), styles[0][1])
  expect(css).not.toMatch(/<|javascript:|expression\(|url\(|@import/i)
  expect(html.startsWith('<!DOCTYPE html>\n')).toBe(true)
  const markup = html.replace(styles[0][0], '<style></style>').replace('<!DOCTYPE html>', '')

  const tags: Tag[] = []
  for (const match of markup.matchAll(/<(\/?)([a-zA-Z][\w-]*)([^>]*)>/g)) {
    const [, closing, name, rest] = match
    expect(ELEMENTS, `element <${name}>`).toContain(name.toLowerCase())
    if (closing) {
      expect(rest.trim()).toBe('')
      continue
    }

    const attributes: Array<[string, string]> = []
    const leftover = rest.replaceAll(/\s([a-zA-Z][\w:-]*)(?:="([^"<>]*)")?/g, (_all, key: string, value = '') => {
      attributes.push([key.toLowerCase(), value])
      return ''
    })
    expect(leftover.replace(/\/$/, '').trim(), `attributes of <${name}${rest}>`).toBe('')
    for (const [key, value] of attributes) {
      expect(key, `attribute in <${name}${rest}>`).not.toMatch(/^(on|src$|srcdoc$|formaction$|style$|xlink:href$)/)
      if (key === 'href') expect(value, `href in <${name}${rest}>`).toMatch(/^(https?:\/\/[^/]|mailto:|#)/i)
    }

    tags.push({attributes, name: name.toLowerCase()})
  }

  // Text that looks like a tag but was not one: a browser would still not see markup, but an
  // unterminated "<svg onload=..." must never reach the page unescaped.
  expect(markup.replaceAll(/<\/?[a-zA-Z][\w-]*[^>]*>/g, '')).not.toMatch(/<[a-zA-Z/!?]/)
  return tags
}

function expectSafe(html: string): Tag[] {
  expect(html).not.toMatch(/<script|<iframe|<object|<embed|<img|<link|<base|<form/i)
  return tagsOf(html)
}

const HOSTILE: Array<[string, string, string]> = [
  ['a script element', '<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
  ['an image with onerror', '<img src=x onerror=alert(1)>', '&lt;img src=x onerror=alert(1)&gt;'],
  ['a javascript: link', '[klik hier](javascript:alert(1))', 'klik hier'],
  ['a javascript: link in mixed case', '[klik](JaVaScRiPt:alert(1))', 'klik'],
  ['a javascript: autolink', '<javascript:alert(1)>', 'javascript:alert(1)'],
  ['a data: link', '[x](data:text/html,<script>alert(1)</script>)', 'x'],
  ['a vbscript: reference link', '[x][ref]\n\n[ref]: vbscript:msgbox', 'x'],
  ['an HTML link', '<a href="javascript:alert(1)">klik</a>', '&lt;a href=&quot;javascript:alert(1)&quot;&gt;klik&lt;/a&gt;'],
  ['an attribute break-out', '"><svg onload=alert(1)>', '&quot;&gt;&lt;svg onload=alert(1)&gt;'],
  ['a style break-out', '</style><script>alert(1)</script>', '&lt;/style&gt;&lt;script&gt;'],
  ['an iframe block', '<iframe src="https://evil.example"></iframe>', '&lt;iframe'],
  ['a block of HTML', '<div onclick="alert(1)">\n*klik*\n</div>', '&lt;div onclick=&quot;alert(1)&quot;&gt;'],
  ['an HTML comment', '<!-- <script>alert(1)</script> -->', '&lt;!-- &lt;script&gt;'],
  ['escaped entities', '&lt;script&gt;alert(1)&lt;/script&gt; &#60;b&#62;', '&lt;script&gt;alert(1)&lt;/script&gt; &lt;b&gt;'],
  ['text after an inline pre', 'a <pre> b <svg/onload=alert(1)// c', '&lt;pre&gt; b &lt;svg/onload=alert(1)// c'],
  ['a remote image', '![foto van de buurt](https://tracker.example/p.png)', 'foto van de buurt'],
  ['a link title break-out', '[x](https://ok.example "a\\" onmouseover=\\"alert(1)")', 'title="a&quot; onmouseover=&quot;alert(1)"'],
  ['a code span', '`<script>alert(1)</script>`', '<code>&lt;script&gt;alert(1)&lt;/script&gt;</code>'],
  ['a code block with a hostile language', '```"><script>alert(1)</script>\nx\n```', 'class="language-&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"'],
  ['Markdown and HTML in table cells', '| naam | tekst |\n|---|---|\n| <script>x</script> | [y](javascript:z) **vet** |', '<td>&lt;script&gt;x&lt;/script&gt;</td>'],
  ['a hostile heading', '# <img src=x onerror=alert(1)> Kop\n\n```inhoud\n```', '&lt;img src=x onerror=alert(1)&gt; Kop'],
  ['a hostile quote source', '> zin\n>\n> — <b onmouseover=alert(1)>moeder</b>', '<figcaption>— &lt;b onmouseover=alert(1)&gt;moeder&lt;/b&gt;</figcaption>'],
]

describe('hostile text in the Markdown', () => {
  it.each(HOSTILE)('shows %s as text', async (_name, markdown, shown) => {
    const html = await render(markdown)
    expectSafe(html)
    expect(html).toContain(shown)
  })

  it('keeps safe links working next to hostile ones', async () => {
    const html = await render('[site](https://www.movisie.nl/) [mail](mailto:team@veenstad.nl) [terug](#samenvatting) [x](javascript:alert(1)) [rel](bijlage.pdf)')
    const hrefs = expectSafe(html).flatMap((tag) => tag.attributes.filter(([key]) => key === 'href').map(([, value]) => value))
    expect(hrefs).toEqual(['https://www.movisie.nl/', 'mailto:team@veenstad.nl', '#samenvatting'])
  })

  it('never lets arbitrary mixes of dangerous fragments become markup', async () => {
    const fragment = fc.constantFrom(
      '<', '>', '"', "'", '`', '&', '#', ';', '/', '=', '(', ')', '[', ']', '!', '*', '|', '\\', ' ', '\n', '\n\n', '> ', '- ', '# ',
      'script', 'svg', ' onload=', ' onerror=', 'javascript:', 'http://x', 'alert(1)', '<pre>', '</pre>', '<a href=', '<img src=x',
      '&#60;', '&lt;', '```', '```grafiek\nnarratief-halteplaats\n```\n', '| a | b |\n|---|---|\n', '— ', 'ë',
    )
    await fc.assert(
      fc.asyncProperty(fc.array(fragment, {maxLength: 40}), async (parts) => {
        // A fence that swallows the text after it names no known chart: refused, which is safe too.
        const html = await render(parts.join('')).catch((error: unknown) => {
          if (isUserError(error)) return undefined
          throw error
        })
        if (html !== undefined) expectSafe(html)
      }),
      {numRuns: 300},
    )
  })
})

describe('hostile text in the study data', () => {
  const evil = '</style><script>alert(1)</script>"><svg onload=alert(1)>'

  it('escapes the meta data in the head, the cover and the running header', async () => {
    const html = await render('```omslag\n```\n\n# Kop', {author: evil, client: evil, dateLabel: evil, header: `"; } body { display: none } ${evil}`, keywords: [evil], subtitle: evil, title: evil})
    expectSafe(html)
    expect(html).toContain('<h1 class="omslag-titel">&lt;/style&gt;&lt;script&gt;')
    // The running header is a CSS string: every quote, brace and angle bracket a CSS escape.
    expect(html).toMatch(/@top-left \{ content: "\\22 \\3b  \\7d  body \\7b  display\\3a  none \\7d  \\3c \\2f style\\3e /)
  })

  it('escapes names in charts: in the SVG and in the table of numbers', async () => {
    const charts = {evil: {...CHARTS['narratief-halteplaats'], categories: [evil, 'Noord', 'Oost', 'West'], series: [{name: evil, values: [1, 2, 3, 4]}], title: evil, unit: evil}}
    // The real layout, which cuts the long category short and keeps the whole name as a <title>.
    const html = await renderHtml({...makeDocument({markdown: '```grafiek\nevil\n```'}), charts}, (chart, options) => layoutChart(chart, 460, options))
    const tags = expectSafe(html)
    expect(tags.filter((tag) => tag.name === 'svg')).toHaveLength(1)
    expect(html).toContain('<span class="figuur-nummer">Figuur 1</span> &lt;/style&gt;&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;svg onload=alert(1)&gt;</figcaption>')
    expect(html).toContain('<title>&lt;/style&gt;&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;svg onload=alert(1)&gt;</title>&lt;/style&gt;')
  })

  it('refuses a chart id the document does not have, naming it', async () => {
    await expect(render('```grafiek\n<script>\n```')).rejects.toThrow("De grafiek '<script>' bestaat niet.")
    await expect(render('```grafiek\n```')).rejects.toThrow('noemt geen grafiek')
  })
})

describe('the page', () => {
  it('is one standalone Dutch HTML file that loads nothing', async () => {
    const html = await renderHtml(makeDocument(), (chart) => sketchLayout(chart))
    const tags = expectSafe(html)
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="nl">')).toBe(true)
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:">`)
    const meta = Object.fromEntries(tags.filter((tag) => tag.name === 'meta').map((tag) => [tag.attributes[0][1], tag.attributes[1]?.[1]]))
    expect(meta).toMatchObject({author: 'Projectteam Karavaan Veenstad', date: '2026-11-23', generator: 'karavaan'})
    expect(meta.description).toContain('Vertrouwen en wantrouwen')
    expect(html).toContain('<title>Karavaan langs aan- en afgehaakt Veenstad</title>')
    // The only URLs are the links the author wrote (and the SVG namespace, which loads nothing).
    expect([...html.matchAll(/https?:\/\/[^"\s)<]+/g)].map((match) => match[0])).toEqual([
      'http://www.w3.org/2000/svg',
      'http://www.w3.org/2000/svg',
      'https://www.movisie.nl/',
    ])
  })

  it('keeps Dutch characters and typography as they are', async () => {
    const html = await renderHtml(makeDocument(), (chart) => sketchLayout(chart))
    for (const text of ['Ërmelo-Dorp', '„niet gehoord”', '‘de gemeente’', 'mis is – zo', '<meta charset="utf-8">']) expect(html).toContain(text)
  })

  it('has a cover, a table of contents whose links all land on a heading, and page breaks', async () => {
    const html = await renderHtml(makeDocument(), (chart) => sketchLayout(chart))
    expect(html).toMatch(/<section class="omslag"[^>]*>[\s\S]*Karavaan langs aan- en afgehaakt Veenstad[\s\S]*Gemeente Veenstad[\s\S]*23 november 2026[\s\S]*<\/section>/)
    const nav = html.match(/<nav class="inhoud"[\s\S]*?<\/nav>/)![0]
    const targets = [...nav.matchAll(/href="#([^"]+)"/g)].map((match) => match[1])
    expect(targets).toEqual(['samenvatting', 'wat-we-hoorden', 'methode', 'de-halteplaatsen', 'groepen-en-narratieven', 'advies', 'gemeenten'])
    for (const id of targets) expect(html).toContain(`id="${id}"`)
    expect(html).toContain('<div class="nieuwe-pagina"></div>')
    expect(html).toMatch(/@media print[\s\S]*\.rapport > h1 \{ break-before: page/)
  })

  it('gives Dutch headings stable, unique ASCII anchors', async () => {
    const html = await render('```inhoud\n```\n\n# Één wijk, twee werelden\n\n## Ouders & kinderen\n\n# Één wijk, twee werelden\n\n# Inhoud\n\n## 2026\n\n## !!!')
    const ids = [...html.matchAll(/<h[12] id="([^"]+)"/g)].map((match) => match[1]).filter((id) => id !== 'inhoud-titel')
    expect(ids).toEqual(['een-wijk-twee-werelden', 'ouders-kinderen', 'een-wijk-twee-werelden-2', 'inhoud-2', '2026', 'sectie'])
    const links = [...html.matchAll(/<a href="#([^"]+)">/g)].map((match) => match[1])
    expect(links).toEqual(ids)
  })

  it('draws charts as inline SVG figures with numbered captions', async () => {
    const html = await renderHtml(makeDocument(), (chart) => sketchLayout(chart))
    const figures = [...html.matchAll(/<figure class="grafiek">\n<figcaption><span class="figuur-nummer">(Figuur \d)<\/span> ([^<]+)<\/figcaption>\n<svg [^>]*role="img" aria-label="([^"]+)" viewBox="0 0 [\d.]+ [\d.]+"/g)]
    expect(figures.map((match) => `${match[1]} ${match[2]}`)).toEqual(['Figuur 1 Narratieven per halteplaats', 'Figuur 2 Narratieven per groep'])
    // The caption is the title; the picture says what it is and where its numbers are.
    expect(figures.map((match) => match[3])).toEqual(['Staafdiagram; de cijfers staan in de tabel eronder.', 'Warmtekaart; de cijfers staan in de tabel eronder.'])
    expect(html).toContain('<th scope="row">Kanaalzone</th><td class="right">9</td><td class="right">6</td><td class="right">1,5</td>')
  })

  it('sets a quote apart from who said it', async () => {
    const html = await renderHtml(makeDocument(), (chart) => sketchLayout(chart))
    expect(html).toContain('<figure class="citaat">\n<blockquote>\n<p>Ze komen hier alleen als er iets gebeurd is. Daarna hoor je niks meer.</p>\n</blockquote>\n<figcaption>— moeder, halteplaats Noord</figcaption>\n</figure>')
    expect(await render('> Alleen een citaat.')).toContain('<blockquote>\n<p>Alleen een citaat.</p>\n</blockquote>')
  })

  it('marks a draft as CONCEPT on screen and on every printed page', async () => {
    const draft = await renderHtml(makeDocument({meta: {draft: true}}), (chart) => sketchLayout(chart))
    expect(draft).toContain('<div class="concept-balk" role="note"><strong>CONCEPT</strong>')
    expect(draft).toContain('@top-right { content: "CONCEPT"')
    expect(draft).toContain('<p class="omslag-concept">Concept</p>')
    const final = await renderHtml(makeDocument(), (chart) => sketchLayout(chart))
    expect(final).not.toMatch(/concept-balk"|CONCEPT"|omslag-concept"/)
  })

  it('keeps table headers in a thead so print repeats them', async () => {
    const html = await renderHtml(makeDocument(), (chart) => sketchLayout(chart))
    expect(html).toContain('<thead>\n<tr><th>Halteplaats</th><th>Gemeente</th><th>Type</th><th class="right">Inwoners</th></tr>\n</thead>')
  })
  it('lets a keyboard reach a table that scrolls on a narrow screen, and says which table it is', async () => {
    const html = await renderHtml(makeDocument(), (chart) => sketchLayout(chart))
    expect(html).toContain('<div class="tabel" role="region" tabindex="0" aria-label="Tabel: Halteplaats, Gemeente, Type, Inwoners">\n<table>')
    expect(html).toContain('<div class="tabel" role="region" tabindex="0" aria-label="Cijfers bij figuur 1">')
    expect(html).not.toMatch(/<div class="tabel">/)
  })
})

describe('the fonts the page carries', () => {
  const faces = (html: string) => [...html.matchAll(/@font-face \{ font-family: '([^']+)'; font-style: (\w+); font-weight: (\d+);[^}]*base64,([^)]+)\)[^}]*unicode-range: ([^;]+);/g)]

  it('holds Source Sans 3 and Source Serif 4 as woff2 data, latin only for Dutch text', async () => {
    const html = await renderHtml(makeDocument(), (chart) => sketchLayout(chart))
    const found = faces(html)
    expect(found.map((face) => `${face[1]} ${face[3]}${face[2] === 'italic' ? 'i' : ''}`)).toEqual([
      'Source Sans 3 400', 'Source Sans 3 400i', 'Source Sans 3 600', 'Source Sans 3 700',
      'Source Serif 4 400', 'Source Serif 4 400i', 'Source Serif 4 600', 'Source Serif 4 600i',
    ])
    for (const face of found) {
      expect(Buffer.from(face[4], 'base64').subarray(0, 4).toString('latin1')).toBe('wOF2')
      expect(face[5]).toMatch(/^U\+0000-00FF,/)
    }

    // The charts' labels and the body text name these faces first.
    expect(html).toContain(`font-family="'Source Sans 3'`)
    expect(html).toMatch(/--serif: 'Source Serif 4'/)
  })

  it('adds the latin-ext files only when a name needs them', async () => {
    const plain = faces(await render('# Wendelo\n\nDe bewoners van Wendelo en Ërmelo.'))
    const extended = faces(await render('# Wendelo\n\nŁukasz en Şükrü uit Wendelo.'))
    expect(plain).toHaveLength(8)
    expect(extended).toHaveLength(16)
    expect(extended.filter((face) => face[5].startsWith('U+0100-02BA'))).toHaveLength(8)
  })
})

describe('writeHtml', () => {
  it('writes one file and reports its size and progress per chapter', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'karavaan-html-'))
    const out = join(dir, 'rapport', 'eindrapport.html')
    const calls: string[] = []
    const result = await writeHtml(makeDocument(), out, {drawChart: (chart) => sketchLayout(chart), progress: (done, total) => calls.push(`${done}/${total}`)})
    expect(readdirSync(join(dir, 'rapport'))).toEqual(['eindrapport.html'])
    expect(result).toEqual({bytes: readFileSync(out).length})
    expect(calls).toEqual(['1/4', '2/4', '3/4', '4/4'])
  })

  it('leaves no file behind when the document is wrong', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'karavaan-html-'))
    const doc: ReportDocument = makeDocument({markdown: '```grafiek\nbestaat-niet\n```'})
    await expect(writeHtml(doc, join(dir, 'r.html'), {drawChart: (chart) => sketchLayout(chart)})).rejects.toThrow('bestaat-niet')
    expect(readdirSync(dir)).toEqual([])
  })
})

describe('drawingToSvg', () => {
  const drawing: ChartDrawing = {
    height: 100,
    items: [
      {fill: '#1f4e79', h: -40, type: 'rect', w: 20, x: 10, y: 90},
      {color: '#666', type: 'line', width: 0.5, x1: 0, x2: 200, y1: 90, y2: 90},
      {anchor: 'end', bold: true, color: '#333', rotate: 90, size: 8, text: 'Ërmelo & <Dorp>', type: 'text', x: 50.123_456, y: Number.NaN},
    ],
    width: 200,
  }

  it('scales with a viewBox, names the picture and escapes its text', () => {
    const svg = drawingToSvg(drawing, 'Narratieven "per" <halteplaats>')
    expect(svg).toMatch(/^<svg [^>]*role="img" aria-label="Narratieven &quot;per&quot; &lt;halteplaats&gt;" viewBox="0 0 200 100" width="200" height="100"/)
    expect(svg).not.toContain('<title>')
    expect(svg).toContain('<rect x="10" y="50" width="20" height="40" fill="#1f4e79"/>')
    expect(svg).toContain('<line x1="0" y1="90" x2="200" y2="90" stroke="#666" stroke-width="0.5"/>')
    // Counter-clockwise in the drawing is a negative angle in SVG. The label is pinned to its width
    // in Source Sans 3 Bold (59.57 pt at 8 pt), whatever face the browser ends up using.
    expect(svg).toContain('<text x="50.12" y="0" font-size="8" fill="#333" text-anchor="end" font-weight="bold" transform="rotate(-90 50.12 0)" textLength="59.57" lengthAdjust="spacingAndGlyphs">Ërmelo &amp; &lt;Dorp&gt;</text>')
  })
})

import {existsSync, readFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import {join} from 'node:path'
import {pathToFileURL} from 'node:url'

import type {Browser, Page} from 'playwright-core'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {textWidth} from '../../src/report/charts/text-width.js'
import {collisions, inside, type LabelBox, type Quad} from '../helpers/boxes.js'
import {CHROMIUM, launchChromium} from '../helpers/browser.js'
import {exampleStudy, karavaan, tempDir} from '../helpers/cli.js'

/**
 * The example study's HTML report opened in Debian's Chromium, as a reader opens the file: the
 * page's own CSP in force, nothing injected but what the checks need (axe-core is evaluated over
 * the DevTools protocol, which a page's CSP does not govern).
 */
const missing = existsSync(CHROMIUM) ? undefined : `${CHROMIUM} ontbreekt`
const skipped = missing ? ` (overgeslagen: ${missing})` : ''

interface Measured {
  labels: Array<LabelBox & {natural: number; size: number; bold: boolean}>
  rects: Array<{h: number; w: number; x: number; y: number}>
  viewBox: {h: number; w: number}
}

/**
 * Every chart's labels and filled shapes, in the chart's own units (its viewBox). A label's box
 * runs across the width the browser gives it (getBBox) and from 0.72 em above its baseline to
 * 0.22 em below: the glyphs' height, not the font's line box, so lines set 9 pt apart do not
 * count as touching. `natural` is the width the face in use would give the label unpinned.
 */
async function measure(page: Page): Promise<Measured[]> {
  return page.evaluate((): Measured[] => {
    const probe = document.createElementNS('http://www.w3.org/2000/svg', 'text')
    return [...document.querySelectorAll<SVGSVGElement>('figure.grafiek svg')].map((svg) => {
      const toSvg = svg.getScreenCTM()!.inverse()
      const labels = [...svg.querySelectorAll<SVGTextElement>('text')].map((text) => {
        const box = text.getBBox()
        const size = Number(text.getAttribute('font-size'))
        const baseline = Number(text.getAttribute('y'))
        const matrix = toSvg.multiply(text.getScreenCTM()!)
        const corner = (x: number, y: number): [number, number] => {
          const point = new DOMPoint(x, y).matrixTransform(matrix)
          return [point.x, point.y]
        }

        const top = baseline - 0.72 * size
        const bottom = baseline + 0.22 * size
        const quad: Quad = [corner(box.x, top), corner(box.x + box.width, top), corner(box.x + box.width, bottom), corner(box.x, bottom)]
        // The same text without its pinned length: how wide the face in use really sets it.
        probe.textContent = text.lastChild?.textContent ?? ''
        for (const name of ['font-size', 'font-weight']) {
          const value = text.getAttribute(name)
          if (value) probe.setAttribute(name, value)
          else probe.removeAttribute(name)
        }

        svg.append(probe)
        const natural = probe.getComputedTextLength()
        probe.remove()
        return {bold: text.getAttribute('font-weight') === 'bold', natural, quad, size, text: probe.textContent ?? ''}
      })
      const rects = [...svg.querySelectorAll('rect')].map((rect) => ({h: rect.height.baseVal.value, w: rect.width.baseVal.value, x: rect.x.baseVal.value, y: rect.y.baseVal.value}))
      return {labels, rects, viewBox: {h: svg.viewBox.baseVal.height, w: svg.viewBox.baseVal.width}}
    })
  })
}

/** How far the face in use sets the labels from the widths the layout assumed (Source Sans 3). */
function widthDeviation(charts: Measured[]): number {
  const labels = charts.flatMap((chart) => chart.labels).filter((label) => label.text.length >= 4)
  const deviations = labels.map((label) => Math.abs(label.natural / textWidth(label.text, label.size, label.bold) - 1))
  return deviations.reduce((sum, value) => sum + value, 0) / deviations.length
}

function problems(charts: Measured[]): string[] {
  return charts.flatMap((chart, index) => [
    ...collisions(chart.labels, chart.rects),
    ...chart.labels.filter((label) => !inside(label.quad, {h: chart.viewBox.h, w: chart.viewBox.w, x: 0, y: 0}, 0.5)).map((label) => `"${label.text}" valt buiten de grafiek`),
  ].map((problem) => `figuur ${index + 1}: ${problem}`))
}

describe('the HTML report in a browser', () => {
  let browser: Browser
  let url: string
  const messages: string[] = []

  beforeAll(async () => {
    if (missing) return
    const study = exampleStudy()
    const out = join(tempDir(), 'eindrapport.html')
    const result = karavaan(['report', '--study', study, '--format', 'html', '--out', out, '--date', '2026-11-23'])
    if (result.code !== 0) throw new Error(result.stderr)
    url = pathToFileURL(out).href
    browser = await launchChromium()
  }, 180_000)

  afterAll(async () => {
    await browser?.close()
  })

  /** A desktop window, or a phone's 360 CSS pixels, where tables scroll and charts shrink. */
  async function open(width = 1000): Promise<Page> {
    const page = await browser.newPage({viewport: {height: 1000, width}})
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') messages.push(message.text())
    })
    page.on('requestfailed', (request) => messages.push(`${request.url().slice(0, 80)}: ${request.failure()?.errorText}`))
    await page.goto(url)
    await page.evaluate(() => document.fonts.ready)
    return page
  }

  it.skipIf(Boolean(missing))(`has no WCAG 2.1 A or AA violations that axe-core finds, with every table of numbers open, wide and narrow${skipped}`, async () => {
    const axe = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')
    for (const width of [1000, 360]) {
      const page = await open(width)
      await page.evaluate(() => {
        for (const details of document.querySelectorAll('details')) details.open = true
      })
      await page.evaluate(axe)
      const violations = await page.evaluate(async () => {
        // @ts-expect-error axe is the global the script above defines
        const results = await window.axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})
        return (results.violations as Array<{id: string; nodes: Array<{target: string[]}>}>).map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)
      })
      expect(violations, `${width} px breed`).toEqual([])
      await page.close()
    }
  })

  it.skipIf(Boolean(missing))(`names each chart once, by its caption, and keeps its numbers beside it${skipped}`, async () => {
    const page = await open()
    const figures = await page.evaluate(() =>
      [...document.querySelectorAll('figure.grafiek')].map((figure) => ({
        caption: figure.querySelector('figcaption')!.textContent!.trim(),
        drawn: [...figure.querySelectorAll('svg text')].map((text) => text.lastChild?.textContent ?? ''),
        label: figure.querySelector('svg')!.getAttribute('aria-label'),
        tables: figure.querySelectorAll('details table').length,
        titles: figure.querySelectorAll('svg > title').length,
      })),
    )
    expect(figures.map((figure) => figure.caption)).toEqual(['Figuur 1 Narratieven per halteplaats (aantal notities)', 'Figuur 2 Welke groepen welke narratieven verwoorden (aandeel van hun notities)'])
    for (const figure of figures) {
      const title = figure.caption.replace(/^Figuur \d+ /, '')
      expect(figure.drawn.join(' ')).not.toContain(title)
      expect(figure.label).not.toContain(title)
      expect(figure.label).toMatch(/^(Staafdiagram|Warmtekaart); de cijfers staan in de tabel eronder\.$/)
      expect(figure.titles).toBe(0)
      expect(figure.tables).toBe(1)
    }

    await page.close()
  })

  it.skipIf(Boolean(missing))(`loads the fonts it carries under its own CSP, and loads nothing else${skipped}`, async () => {
    messages.length = 0
    const page = await open()
    const faces = await page.evaluate(() => [...document.fonts].map((face) => `${face.family} ${face.weight} ${face.style}: ${face.status}`))
    expect(faces).toContain("Source Sans 3 400 normal: loaded")
    expect(faces).toContain("Source Serif 4 400 normal: loaded")
    expect(faces.filter((face) => face.endsWith('error'))).toEqual([])
    expect(messages).toEqual([])
    // The labels are set in the face they were measured in: within 2 % of the layout's widths.
    expect(widthDeviation(await measure(page))).toBeLessThan(0.02)
    await page.close()
  })

  it.skipIf(Boolean(missing)).each([1000, 360])(`sets no chart label on another, on a swatch or on a cell: with its fonts, without them, and in a wide fallback face, %i px wide${skipped}`, async (width) => {
    const page = await open(width)
    const withFonts = await measure(page)
    expect(withFonts.flatMap((chart) => chart.labels).length).toBeGreaterThan(60)
    expect(problems(withFonts)).toEqual([])

    // A browser that refuses web fonts: the faces gone, whatever sans-serif the system has.
    await page.evaluate(async () => {
      for (const style of document.querySelectorAll('style')) style.textContent = style.textContent!.replaceAll(/@font-face \{[^}]*\}/g, '')
      await document.fonts.ready
    })
    expect(await page.evaluate(() => document.fonts.size)).toBe(0)
    const fallback = await measure(page)
    // The test means something only if the fallback face sets text at other widths.
    expect(widthDeviation(fallback)).toBeGreaterThan(0.04)
    expect(problems(fallback)).toEqual([])

    // DejaVu Sans, Debian's default and one of the widest common faces.
    await page.evaluate(() => {
      const style = document.createElement('style')
      style.textContent = "svg text { font-family: 'DejaVu Sans', sans-serif !important; }"
      document.head.append(style)
    })
    const wide = await measure(page)
    expect(widthDeviation(wide)).toBeGreaterThan(0.04)
    expect(problems(wide)).toEqual([])
    await page.close()
  })
})

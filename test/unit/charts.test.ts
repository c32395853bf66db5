import fc from 'fast-check'
import {describe, expect, it} from 'vitest'

import {heatColour, layoutChart, niceTicks, textColourOn} from '../../src/report/charts/layout.js'
import {CHART_AXIS, CHART_INK, CHART_MUTED, contrastRatio, HEAT_EMPTY, SERIES_COLOURS} from '../../src/report/charts/palette.js'
import {textWidth} from '../../src/report/charts/text-width.js'
import type {BarChart, ChartDrawing, DrawItem, HeatMap} from '../../src/report/document.js'
import {collisions, labelQuad} from '../helpers/boxes.js'

type Text = Extract<DrawItem, {type: 'text'}>
type Rect = Extract<DrawItem, {type: 'rect'}>

const NARRATIVES = ['Onzichtbaarheid van de overheid', 'Onzichtbaarheid van de burger', 'Ongelijke behandeling', 'Ongehoorde burgers', 'Ervaren incompetentie']

const bars: BarChart = {
  categories: ['Noord', 'Oost', 'Zuid', 'West'],
  kind: 'staaf',
  series: NARRATIVES.map((name, i) => ({name, values: [3 + i, 10 - i, 0, 2 * i + 1]})),
  title: 'Narratieven per halteplaats',
  unit: 'notities',
}

const heat: HeatMap = {
  cols: NARRATIVES,
  kind: 'warmte',
  rows: ['Jongeren', 'Ouderen', 'Moeders', 'Ondernemers'],
  title: 'Groep × narratief',
  unit: 'notities',
  values: [
    [0, 4, 9, 2, 1],
    [12, 3, 0, 5, 7],
    [1, 1, 1, 1, 1],
    [6, 0, 2, 8, 3],
  ],
}

const texts = (drawing: ChartDrawing): Text[] => drawing.items.filter((item): item is Text => item.type === 'text')
const rects = (drawing: ChartDrawing): Rect[] => drawing.items.filter((item): item is Rect => item.type === 'rect')

/** The box an item covers, text measured as the writers will set it (turned text included). */
function bounds(item: DrawItem): {x0: number; x1: number; y0: number; y1: number} {
  if (item.type === 'rect') return {x0: item.x, x1: item.x + item.w, y0: item.y, y1: item.y + item.h}
  if (item.type === 'line') return {x0: Math.min(item.x1, item.x2), x1: Math.max(item.x1, item.x2), y0: Math.min(item.y1, item.y2), y1: Math.max(item.y1, item.y2)}
  const w = textWidth(item.text, item.size, item.bold)
  const start = item.anchor === 'start' ? 0 : item.anchor === 'middle' ? -w / 2 : -w
  const angle = ((item.rotate ?? 0) * Math.PI) / 180
  // Corners of the text box relative to the anchor, turned counter-clockwise (y grows downwards).
  const corners = [
    [start, -item.size * 0.75],
    [start + w, -item.size * 0.75],
    [start, item.size * 0.25],
    [start + w, item.size * 0.25],
  ].map(([dx, dy]) => [item.x + dx! * Math.cos(angle) + dy! * Math.sin(angle), item.y - dx! * Math.sin(angle) + dy! * Math.cos(angle)] as const)
  return {
    x0: Math.min(...corners.map((c) => c[0])),
    x1: Math.max(...corners.map((c) => c[0])),
    y0: Math.min(...corners.map((c) => c[1])),
    y1: Math.max(...corners.map((c) => c[1])),
  }
}

/** Labels overlapping one another or running into a bar, swatch or cell they do not sit on. */
function clashes(drawing: ChartDrawing): string[] {
  const labels = texts(drawing).map((t) => ({quad: labelQuad(t, textWidth(t.text, t.size, t.bold)), text: t.text}))
  return collisions(labels, rects(drawing))
}

function expectInside(drawing: ChartDrawing): void {
  for (const item of drawing.items) {
    const box = bounds(item)
    expect(box.x0, JSON.stringify(item)).toBeGreaterThanOrEqual(-0.5)
    expect(box.y0, JSON.stringify(item)).toBeGreaterThanOrEqual(-0.5)
    expect(box.x1, JSON.stringify(item)).toBeLessThanOrEqual(drawing.width + 0.5)
    expect(box.y1, JSON.stringify(item)).toBeLessThanOrEqual(drawing.height + 0.5)
  }
}

describe('bar chart', () => {
  const drawing = layoutChart(bars, 430)

  it('draws bars whose heights are proportional to the values, in the colour of their series', () => {
    const barRects = rects(drawing).filter((r) => r.h > 9)
    // One bar per non-zero value; zero values draw no bar.
    const values = bars.series.flatMap((s) => s.values.filter((v) => v > 0))
    expect(barRects).toHaveLength(values.length)
    const perUnit = barRects.map((r, i) => r.h / [...bars.series.flatMap((s, si) => s.values.map((v, ci) => ({ci, si, v})))].filter((e) => e.v > 0).sort((a, b) => a.ci - b.ci || a.si - b.si)[i]!.v)
    for (const ratio of perUnit) expect(ratio).toBeCloseTo(perUnit[0]!, 6)
    // All bars stand on the same baseline.
    const baseline = barRects[0]!.y + barRects[0]!.h
    for (const r of barRects) expect(r.y + r.h).toBeCloseTo(baseline, 6)
    expect(new Set(barRects.map((r) => r.fill))).toEqual(new Set(SERIES_COLOURS.slice(0, 5)))
  })

  it('labels the title, categories, legend, unit and axis', () => {
    const words = texts(drawing).map((t) => t.text)
    expect(words).toContain('Narratieven per halteplaats')
    for (const label of [...bars.categories, ...NARRATIVES, 'notities', '0', '10']) expect(words).toContain(label)
  })

  it('keeps every item inside its width and height, also with long labels on a narrow chart', () => {
    expectInside(drawing)
    const crowded: BarChart = {...bars, categories: ['Halteplaats Noord-Oost met een lange naam', 'Zuid', 'Centrum en omstreken', 'West']}
    for (const width of [200, 300, 430]) expectInside(layoutChart(crowded, width))
  })

  it('is the same drawing for the same chart', () => {
    expect(layoutChart(bars, 430)).toEqual(drawing)
  })

  it('leaves its title to the page when asked, and moves nothing else', () => {
    const bare = layoutChart(bars, 430, {title: false})
    expect(texts(bare).map((t) => t.text)).not.toContain('Narratieven per halteplaats')
    expect(texts(bare)).toHaveLength(texts(drawing).length - 1)
    expectInside(bare)
  })

  it('sets no label on another label, a bar or a legend swatch', () => {
    expect(clashes(drawing)).toEqual([])
    const crowded: BarChart = {...bars, categories: ['Halteplaats Noord-Oost met een lange naam', 'Zuid', 'Centrum en omstreken', 'West']}
    for (const width of [200, 300, 430]) expect(clashes(layoutChart(crowded, width)), `breedte ${width}`).toEqual([])
  })

  it('shows that there is nothing to show', () => {
    const none = layoutChart({...bars, categories: [], series: []}, 430)
    expect(texts(none).map((t) => t.text)).toContain('Geen gegevens om te tonen.')
    expectInside(none)
  })

  it('stays inside its box for any counts and labels', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({maxLength: 40}), {maxLength: 8, minLength: 1}),
        fc.array(fc.nat(100_000), {maxLength: 40, minLength: 1}),
        fc.integer({max: 600, min: 180}),
        (categories, numbers, width) => {
          const chart: BarChart = {categories, kind: 'staaf', series: NARRATIVES.map((name, s) => ({name, values: categories.map((_, c) => numbers[(s * 7 + c) % numbers.length]!)})), title: 'T', unit: 'notities'}
          expectInside(layoutChart(chart, width))
        },
      ),
      {numRuns: 60},
    )
  })
})

describe('heat map', () => {
  const drawing = layoutChart(heat, 430)

  it('has one cell per value, darker for more, with the value in a readable colour', () => {
    const cells = rects(drawing).filter((r) => r.h > 10)
    expect(cells).toHaveLength(20)
    const shown = texts(drawing).filter((t) => t.anchor === 'middle' && /^\d+$/.test(t.text))
    expect(shown.map((t) => t.text)).toEqual(heat.values.flat().map(String))
    const darkest = cells[5]! // value 12, the largest
    expect(darkest.fill).toBe(heatColour(1))
    expect(shown[5]!.color).toBe('#ffffff')
    expect(shown[0]!.color).not.toBe('#ffffff')
  })

  it('labels rows, columns and the scale', () => {
    const words = texts(drawing).map((t) => t.text).join(' ')
    for (const row of heat.rows) expect(words).toContain(row)
    expect(words).toContain('Onzichtbaarheid')
    expect(words).toContain('incompetentie')
    expect(words).toContain('notities')
    expectInside(drawing)
  })

  it('stays inside its box when the columns are too narrow for their labels', () => {
    const many: HeatMap = {...heat, cols: [...NARRATIVES, ...NARRATIVES], values: heat.values.map((row) => [...row, ...row])}
    for (const width of [220, 320, 430]) expectInside(layoutChart(many, width))
  })

  it('would see a row name laid over the first cell', () => {
    const label = texts(drawing).find((t) => t.text === 'Jongeren')!
    const moved = {...drawing, items: drawing.items.map((item) => (item === label ? {...label, x: label.x + 30} : item))}
    expect(clashes(moved)).toEqual([expect.stringContaining('"Jongeren" loopt in het vlak')])
  })

  it('sets no label on another for any counts and labels', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({maxLength: 40}), {maxLength: 8, minLength: 1}),
        fc.array(fc.string({maxLength: 40}), {maxLength: 8, minLength: 1}),
        fc.array(fc.nat(100_000), {maxLength: 40, minLength: 1}),
        fc.integer({max: 600, min: 180}),
        (rows, cols, numbers, width) => {
          const values = rows.map((_, r) => cols.map((_, c) => numbers[(r * 7 + c) % numbers.length]!))
          expect(clashes(layoutChart({...heat, cols, rows, values}, width))).toEqual([])
          const series = cols.map((name, s) => ({name, values: rows.map((_, c) => numbers[(s * 5 + c) % numbers.length]!)}))
          expect(clashes(layoutChart({...bars, categories: rows, series}, width))).toEqual([])
        },
      ),
      {numRuns: 200},
    )
  })

  it('keeps row names off the cells and every number on its own cell', () => {
    expect(clashes(drawing)).toEqual([])
    const long: HeatMap = {...heat, rows: ['Wijkprofessionals en medewerkers van de gemeente', ...heat.rows.slice(1)]}
    const many: HeatMap = {...heat, cols: [...NARRATIVES, ...NARRATIVES], values: heat.values.map((row) => [...row, ...row])}
    for (const width of [220, 320, 430]) {
      expect(clashes(layoutChart(long, width)), `breedte ${width}`).toEqual([])
      expect(clashes(layoutChart(many, width)), `breedte ${width}`).toEqual([])
    }
  })
})

describe('scales', () => {
  it('gives round ticks that cover the largest value', () => {
    expect(niceTicks(10)).toEqual([0, 5, 10])
    expect(niceTicks(37)).toEqual([0, 10, 20, 30, 40])
    expect(niceTicks(0)).toEqual([0, 1])
    fc.assert(
      fc.property(fc.double({max: 1e6, min: 0.01, noNaN: true}), (max) => {
        const ticks = niceTicks(max)
        expect(ticks.at(-1)).toBeGreaterThanOrEqual(max)
        expect(ticks.length).toBeGreaterThanOrEqual(2)
        expect(ticks.length).toBeLessThanOrEqual(11)
      }),
    )
  })

  it('runs from light to dark, with text that contrasts', () => {
    expect(textColourOn(heatColour(0))).not.toBe('#ffffff')
    expect(textColourOn(heatColour(1))).toBe('#ffffff')
  })
})

describe('contrast (WCAG 2.1)', () => {
  it('computes ratios as WCAG does', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 6)
    expect(contrastRatio('#ffffff', '#ffffff')).toBe(1)
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2)
  })

  it('gives every series colour at least 3:1 against the white page (1.4.11)', () => {
    const ratios = SERIES_COLOURS.map((colour) => [colour, Number(contrastRatio(colour, '#ffffff').toFixed(2))] as const)
    expect(ratios.filter(([, ratio]) => ratio < 3)).toEqual([])
    expect(contrastRatio(CHART_AXIS, '#ffffff')).toBeGreaterThanOrEqual(3)
  })

  it('sets chart text at 4.5:1 or more on white (1.4.3)', () => {
    for (const colour of [CHART_INK, CHART_MUTED]) expect(contrastRatio(colour, '#ffffff')).toBeGreaterThanOrEqual(4.5)
  })

  it('sets every number on a heat-map cell at 4.5:1 or more against that cell, at every shade', () => {
    const failing: string[] = []
    for (let step = 0; step <= 1000; step++) {
      const fill = heatColour(step / 1000)
      const ratio = contrastRatio(textColourOn(fill), fill)
      if (ratio < 4.5) failing.push(`${fill}: ${ratio.toFixed(2)}`)
    }

    expect(contrastRatio(textColourOn(HEAT_EMPTY), HEAT_EMPTY)).toBeGreaterThanOrEqual(4.5)
    expect(failing).toEqual([])
  })

  it('draws the numbers of a heat map in the colour chosen for their cell', () => {
    const drawing = layoutChart(heat, 430)
    const cells = rects(drawing).filter((r) => r.h > 10)
    const numbers = texts(drawing).filter((t) => t.anchor === 'middle' && /^\d+$/.test(t.text))
    for (const [index, cell] of cells.entries()) expect(contrastRatio(numbers[index]!.color, cell.fill)).toBeGreaterThanOrEqual(4.5)
  })
})

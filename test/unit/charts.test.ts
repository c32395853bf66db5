import fc from 'fast-check'
import {describe, expect, it} from 'vitest'

import {heatColour, layoutChart, niceTicks, textColourOn} from '../../src/report/charts/layout.js'
import {SERIES_COLOURS} from '../../src/report/charts/palette.js'
import {textWidth} from '../../src/report/charts/text-width.js'
import type {BarChart, ChartDrawing, DrawItem, HeatMap} from '../../src/report/document.js'

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

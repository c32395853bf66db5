import type {BarChart, Chart, ChartDrawing, DrawItem, HeatMap} from '../document.js'
import {CHART_AXIS, CHART_GRID, CHART_INK, CHART_MUTED, HEAT_EMPTY, HEAT_STOPS, SERIES_COLOURS, textColourOn} from './palette.js'
import {fitText, textWidth, wrapText} from './text-width.js'

export {textColourOn} from './palette.js'

export interface LayoutOptions {
  /**
   * Whether the drawing sets the chart's title above itself (the default). The HTML report shows
   * the title once, as the figure's caption, so it asks for a drawing without.
   */
  title?: boolean
}

/**
 * Lays a chart out as drawing primitives for a given width, in points. Pure: the same chart and
 * width give the same drawing, which the PDF writer paints with pdfkit and the HTML writer as SVG.
 * Counts are never negative; a negative or non-finite value is drawn as 0.
 */
export function layoutChart(chart: Chart, width: number, options: LayoutOptions = {}): ChartDrawing {
  const withTitle = options.title ?? true
  return chart.kind === 'staaf' ? layoutBars(chart, width, withTitle) : layoutHeatMap(chart, width, withTitle)
}

const TITLE_SIZE = 10
const TITLE_LEADING = 13
const LABEL_SIZE = 8
const VALUE_SIZE = 7
const SIN45 = Math.SQRT1_2

let numberFormat: Intl.NumberFormat | undefined

/** Dutch notation: 12.430 and 8,5. */
export function formatNumber(value: number): string {
  numberFormat ??= new Intl.NumberFormat('nl-NL', {maximumFractionDigits: 1})
  return numberFormat.format(value)
}

function clean(value: number | undefined): number {
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : 0
}

/** Ticks from 0 up to a round number at or above max, 1, 2 or 5 times a power of ten apart. */
export function niceTicks(max: number, target = 5): number[] {
  if (!(max > 0)) return [0, 1]
  const rough = max / (target - 1)
  const power = 10 ** Math.floor(Math.log10(rough))
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? 10 * power
  const top = Math.ceil(max / step - 1e-9) * step
  const ticks: number[] = []
  for (let i = 0; i * step <= top + step / 1e6 || ticks.at(-1)! < max; i++) ticks.push(Number((i * step).toPrecision(12)))
  return ticks
}

class Items {
  readonly list: DrawItem[] = []

  line(x1: number, y1: number, x2: number, y2: number, color: string, width: number): void {
    this.list.push({color, type: 'line', width, x1, x2, y1, y2})
  }

  rect(x: number, y: number, w: number, h: number, fill: string): void {
    this.list.push({fill, h, type: 'rect', w, x, y})
  }

  text(text: string, x: number, y: number, options: {anchor?: 'end' | 'middle' | 'start'; bold?: boolean; color?: string; full?: string; rotate?: number; size?: number} = {}): void {
    if (!text) return
    const item: DrawItem = {anchor: options.anchor ?? 'start', color: options.color ?? CHART_INK, size: options.size ?? LABEL_SIZE, text, type: 'text', x, y}
    if (options.bold) item.bold = true
    if (options.full !== undefined && options.full !== text) item.full = options.full
    if (options.rotate) item.rotate = options.rotate
    this.list.push(item)
  }
}

/** The title, wrapped to the width; returns the y below it (0 for a drawing without its title). */
function title(items: Items, text: string, width: number, shown: boolean): number {
  if (!shown) return 0
  const lines = wrapText(text, width, TITLE_SIZE, 3, true) ?? [fitText(text, width, TITLE_SIZE, true)]
  let y = 0
  for (const line of lines) {
    y += TITLE_LEADING
    items.text(line, 0, y - 3, {bold: true, size: TITLE_SIZE})
  }

  return y
}

function empty(items: Items, y: number, width: number): ChartDrawing {
  items.text('Geen gegevens om te tonen.', 0, y + 14, {color: CHART_MUTED})
  return {height: y + 20, items: items.list, width}
}

function layoutBars(chart: BarChart, width: number, withTitle: boolean): ChartDrawing {
  const items = new Items()
  let y = title(items, chart.title, width, withTitle)
  const series = chart.series
  if (chart.categories.length === 0 || series.length === 0) return empty(items, y, width)

  // Legend: a swatch and a name per series, flowing over as many rows as needed.
  y += 6
  let x = 0
  for (const [index, serie] of series.entries()) {
    const name = fitText(serie.name, width - 14, LABEL_SIZE)
    const itemWidth = 12 + textWidth(name, LABEL_SIZE) + 14
    if (x > 0 && x + itemWidth - 14 > width) {
      x = 0
      y += 13
    }

    items.rect(x, y + 1, 8, 8, SERIES_COLOURS[index % SERIES_COLOURS.length]!)
    items.text(name, x + 12, y + 8.5, {color: CHART_INK, full: serie.name})
    x += itemWidth
  }

  y += 13 + 8

  const values = series.map((serie) => chart.categories.map((_, i) => clean(serie.values[i])))
  const ticks = niceTicks(Math.max(0, ...values.flat()))
  const axisMax = ticks.at(-1)!
  const tickLabels = ticks.map((tick) => formatNumber(tick))
  const labelWidth = Math.max(...tickLabels.map((label) => textWidth(label, LABEL_SIZE)))
  const unit = fitText(chart.unit, width, VALUE_SIZE + 0.5)
  items.text(unit, 0, y + 7, {color: CHART_MUTED, size: VALUE_SIZE + 0.5})
  y += 10

  const plotLeft = Math.ceil(labelWidth + 8)
  const plotRight = width - 2
  const plotWidth = plotRight - plotLeft
  const plotTop = y + 12
  const plotHeight = Math.round(Math.min(220, Math.max(140, width * 0.36)))
  const plotBottom = plotTop + plotHeight
  const yOf = (value: number): number => plotBottom - (value / axisMax) * plotHeight

  for (const [index, tick] of ticks.entries()) {
    const ty = yOf(tick)
    items.line(plotLeft, ty, plotRight, ty, tick === 0 ? CHART_AXIS : CHART_GRID, tick === 0 ? 0.8 : 0.5)
    items.text(tickLabels[index]!, plotLeft - 6, ty + 2.8, {anchor: 'end', color: CHART_MUTED})
  }

  const groupWidth = plotWidth / chart.categories.length
  const barWidth = Math.min((groupWidth * 0.74) / series.length, 26)
  const gap = series.length > 1 && barWidth > 4 ? 1 : 0
  for (const [c] of chart.categories.entries()) {
    const groupLeft = plotLeft + c * groupWidth + (groupWidth - barWidth * series.length) / 2
    for (const [s] of series.entries()) {
      const value = values[s]![c]!
      const barLeft = groupLeft + s * barWidth
      const top = yOf(value)
      if (value > 0) items.rect(barLeft, top, barWidth - gap, plotBottom - top, SERIES_COLOURS[s % SERIES_COLOURS.length]!)
      const label = formatNumber(value)
      // Within its own bar's width, so it can touch neither the label nor the bar beside it.
      if (textWidth(label, VALUE_SIZE) <= barWidth - gap - 0.5) {
        items.text(label, barLeft + (barWidth - gap) / 2, top - 3, {anchor: 'middle', color: CHART_INK, size: VALUE_SIZE})
      }
    }
  }

  // Category labels: on one line if they all fit, else on two, else turned 45°.
  const room = groupWidth - 4
  let bottom = plotBottom
  if (chart.categories.every((label) => textWidth(label, LABEL_SIZE) <= room)) {
    for (const [c, label] of chart.categories.entries()) {
      items.text(label, plotLeft + (c + 0.5) * groupWidth, plotBottom + 12, {anchor: 'middle'})
    }

    bottom = plotBottom + 16
  } else if (chart.categories.every((label) => wrapText(label, room, LABEL_SIZE, 2))) {
    for (const [c, label] of chart.categories.entries()) {
      for (const [l, line] of wrapText(label, room, LABEL_SIZE, 2)!.entries()) {
        items.text(line, plotLeft + (c + 0.5) * groupWidth, plotBottom + 12 + l * 10, {anchor: 'middle'})
      }
    }

    bottom = plotBottom + 26
  } else {
    let longest = 0
    for (const [c, label] of chart.categories.entries()) {
      const cx = plotLeft + (c + 0.5) * groupWidth
      // Turned text runs down to the left from its end; keep it inside the drawing.
      const text = fitText(label, Math.min(130, (cx - LABEL_SIZE) / SIN45), LABEL_SIZE)
      longest = Math.max(longest, textWidth(text, LABEL_SIZE))
      items.text(text, cx + 3, plotBottom + 10, {anchor: 'end', full: label, rotate: 45})
    }

    bottom = plotBottom + 10 + longest * SIN45 + 6
  }

  return {height: Math.ceil(bottom + 4), items: items.list, width}
}

function hexToRgb(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16)
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255]
}

function rgbToHex([r, g, b]: [number, number, number]): string {
  return '#' + [r, g, b].map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')
}

/** The colour of a share t (0–1) of the largest value, along HEAT_STOPS. */
export function heatColour(t: number): string {
  const clamped = Math.min(1, Math.max(0, t))
  const span = clamped * (HEAT_STOPS.length - 1)
  const index = Math.min(HEAT_STOPS.length - 2, Math.floor(span))
  const from = hexToRgb(HEAT_STOPS[index]!)
  const to = hexToRgb(HEAT_STOPS[index + 1]!)
  const f = span - index
  return rgbToHex([0, 1, 2].map((i) => from[i]! + (to[i]! - from[i]!) * f) as [number, number, number])
}

function layoutHeatMap(chart: HeatMap, width: number, withTitle: boolean): ChartDrawing {
  const items = new Items()
  let y = title(items, chart.title, width, withTitle)
  if (chart.rows.length === 0 || chart.cols.length === 0) return empty(items, y, width)
  y += 8

  const values = chart.rows.map((_, r) => chart.cols.map((_, c) => clean(chart.values[r]?.[c])))
  const max = Math.max(0, ...values.flat())
  const rowLabelRoom = width * 0.32
  const rowLabels = chart.rows.map((row) => fitText(row, rowLabelRoom, LABEL_SIZE))
  // Row names start a point in from the edge: a face whose first glyph overhangs its advance (a
  // "w" squeezed to the measured width, in a fallback face) is then not cut off by the frame.
  const rowLeft = 1
  const gridLeft = Math.ceil(rowLeft + Math.max(...rowLabels.map((label) => textWidth(label, LABEL_SIZE))) + 8)
  const cellWidth = Math.min((width - gridLeft) / chart.cols.length, 90)
  const cellHeight = 20
  const colSize = 7.5

  // Column labels: wrapped on up to three lines if they fit the cell, else turned 45°.
  const wrapped = chart.cols.map((col) => wrapText(col, cellWidth - 4, colSize, 3))
  let gridTop: number
  if (wrapped.every(Boolean)) {
    const lines = Math.max(...wrapped.map((w) => w!.length))
    gridTop = y + lines * 9 + 5
    for (const [c, colLines] of wrapped.entries()) {
      const cx = gridLeft + (c + 0.5) * cellWidth
      for (const [l, line] of colLines!.entries()) {
        items.text(line, cx, gridTop - 6 - (colLines!.length - 1 - l) * 9, {anchor: 'middle', size: colSize})
      }
    }
  } else {
    const labels = chart.cols.map((col, c) => {
      const cx = gridLeft + (c + 0.5) * cellWidth
      return {cx, full: col, text: fitText(col, Math.min(140, (width - cx - colSize) / SIN45), colSize)}
    })
    const longest = Math.max(...labels.map((label) => textWidth(label.text, colSize)))
    gridTop = y + longest * SIN45 + 12
    for (const label of labels) items.text(label.text, label.cx - 2, gridTop - 5, {full: label.full, rotate: 45, size: colSize})
  }

  for (const [r, row] of values.entries()) {
    const top = gridTop + r * cellHeight
    // The row's name and its numbers share one baseline, at the middle of the drawn cell.
    const baseline = top + (cellHeight - 1.5) / 2 + 2.8
    items.text(rowLabels[r]!, rowLeft, baseline, {full: chart.rows[r]})
    for (const [c, value] of row.entries()) {
      const fill = max > 0 ? heatColour(value / max) : HEAT_EMPTY
      const left = gridLeft + c * cellWidth
      items.rect(left, top, cellWidth - 1.5, cellHeight - 1.5, fill)
      // A number stays on its own cell: smaller when the cell is narrow, left out (the table beside
      // the chart has it) when even that would run into the next cell.
      const number = formatNumber(value)
      const size = [LABEL_SIZE, VALUE_SIZE - 1].find((candidate) => textWidth(number, candidate) <= cellWidth - 4)
      if (size !== undefined) items.text(number, left + (cellWidth - 1.5) / 2, baseline, {anchor: 'middle', color: textColourOn(fill), size})
    }
  }

  // Legend: the scale from 0 to the largest value, in the unit of the chart.
  const legendTop = gridTop + values.length * cellHeight + 10
  const steps = 6
  items.text('0', gridLeft, legendTop + 7, {color: CHART_MUTED, size: VALUE_SIZE})
  const scaleLeft = gridLeft + textWidth('0', VALUE_SIZE) + 4
  for (let i = 0; i < steps; i++) items.rect(scaleLeft + i * 14, legendTop, 14, 8, heatColour(i / (steps - 1)))
  const scaleEnd = scaleLeft + steps * 14 + 4
  const maxLabel = formatNumber(max)
  items.text(maxLabel, scaleEnd, legendTop + 7, {color: CHART_MUTED, size: VALUE_SIZE})
  const unitLeft = scaleEnd + textWidth(maxLabel, VALUE_SIZE) + 6
  items.text(fitText(chart.unit, width - unitLeft, VALUE_SIZE), unitLeft, legendTop + 7, {color: CHART_MUTED, size: VALUE_SIZE})

  return {height: Math.ceil(legendTop + 14), items: items.list, width}
}

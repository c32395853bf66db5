import type {Chart} from '../document.js'

const number = new Intl.NumberFormat('nl-NL')

/**
 * The alternative text of a chart: its kind, title and unit, then every number it shows, in the
 * order a sighted reader scans it (per halteplaats the bars; per row of the heat map its cells).
 * A screen reader reads this instead of the drawing, so it must hold the data, not describe it.
 */
export function chartAlt(chart: Chart): string {
  if (chart.kind === 'staaf') {
    const groups = chart.categories.map((category, c) => `${category}: ${chart.series.map((series) => `${series.name} ${number.format(series.values[c] ?? 0)}`).join(', ')}`)
    return `Staafdiagram “${chart.title}”, in ${chart.unit}. ${groups.join('; ')}.`
  }

  const rows = chart.rows.map((row, r) => `${row}: ${chart.cols.map((col, c) => `${col} ${number.format(chart.values[r]?.[c] ?? 0)}`).join(', ')}`)
  return `Warmtekaart “${chart.title}”, in ${chart.unit}. ${rows.join('; ')}.`
}

/**
 * The colours of the report's charts, in one place so the PDF and HTML look alike. The series
 * colours follow Paul Tol's "muted" scheme, chosen to stay distinguishable with the common forms of
 * colour blindness and to be quiet on paper; they are used in order, so the five narratives, listed
 * 1–5, always get the same colour in every chart of a report.
 */
export const SERIES_COLOURS: readonly string[] = [
  '#332288', // indigo
  '#44AA99', // teal
  '#DDCC77', // sand
  '#CC6677', // rose
  '#88CCEE', // cyan
  '#117733', // green, only when a chart has more than five series
  '#AA4499', // purple
  '#999933', // olive
]

export const CHART_INK = '#1f2933'
export const CHART_MUTED = '#5f6b7a'
export const CHART_GRID = '#dfe3e8'
export const CHART_AXIS = '#8a94a1'

/** A heat map runs from nearly white to a deep blue through one hue, so it also reads in grey. */
export const HEAT_STOPS: readonly string[] = ['#f3f6fa', '#9fc0dc', '#3f78a8', '#173a5e']
export const HEAT_EMPTY = '#fafbfc'

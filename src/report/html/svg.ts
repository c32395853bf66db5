import type {ChartDrawing, DrawItem} from '../document.js'
import {escapeHtml} from './escape.js'

/** The same sans-serif stack as the report's headings, so chart labels match the text around them. */
const FONT = "'Source Sans 3', 'Source Sans Pro', 'Segoe UI', 'Helvetica Neue', Arial, sans-serif"

/**
 * A chart drawing as inline SVG. The drawing is in points; the viewBox keeps those units, so the
 * picture scales with the page while keeping its proportions, and matches the PDF exactly.
 */
export function drawingToSvg(drawing: ChartDrawing, title: string): string {
  const width = coordinate(drawing.width)
  const height = coordinate(drawing.height)
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" font-family="${FONT}">`,
    `<title>${escapeHtml(title)}</title>`,
  ]
  for (const item of drawing.items) parts.push(drawItem(item))
  parts.push('</svg>')
  return parts.join('\n')
}

function drawItem(item: DrawItem): string {
  switch (item.type) {
    case 'rect': {
      // SVG refuses negative sizes; a layout may draw a bar from its top or from its base.
      const x = Math.min(item.x, item.x + item.w)
      const y = Math.min(item.y, item.y + item.h)
      return `<rect x="${coordinate(x)}" y="${coordinate(y)}" width="${coordinate(Math.abs(item.w))}" height="${coordinate(Math.abs(item.h))}" fill="${escapeHtml(item.fill)}"/>`
    }

    case 'line': {
      return `<line x1="${coordinate(item.x1)}" y1="${coordinate(item.y1)}" x2="${coordinate(item.x2)}" y2="${coordinate(item.y2)}" stroke="${escapeHtml(item.color)}" stroke-width="${coordinate(item.width)}"/>`
    }

    case 'text': {
      const x = coordinate(item.x)
      const y = coordinate(item.y)
      const attributes = [`x="${x}"`, `y="${y}"`, `font-size="${coordinate(item.size)}"`, `fill="${escapeHtml(item.color)}"`]
      if (item.anchor !== 'start') attributes.push(`text-anchor="${item.anchor === 'end' ? 'end' : 'middle'}"`)
      if (item.bold) attributes.push('font-weight="bold"')
      // The drawing turns counter-clockwise; SVG's y axis points down, so its angles turn clockwise.
      if (item.rotate) attributes.push(`transform="rotate(${coordinate(-item.rotate)} ${x} ${y})"`)
      return `<text ${attributes.join(' ')}>${escapeHtml(item.text)}</text>`
    }
  }
}

/** Two decimals are finer than any screen or printer; a broken number must not break the SVG. */
function coordinate(value: number): string {
  return Number.isFinite(value) ? String(Math.round(value * 100) / 100) : '0'
}

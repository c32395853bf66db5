import {textWidth} from '../charts/text-width.js'
import type {ChartDrawing, DrawItem} from '../document.js'
import {escapeHtml} from './escape.js'

/** The same sans-serif stack as the report's headings, so chart labels match the text around them. */
const FONT = "'Source Sans 3', 'Source Sans Pro', 'Segoe UI', 'Helvetica Neue', Arial, sans-serif"

/**
 * A chart drawing as inline SVG. The drawing is in points; the viewBox keeps those units, so the
 * picture scales with the page while keeping its proportions, and matches the PDF exactly.
 *
 * `label` is the picture's short text alternative (aria-label, no <title>: the figure's caption
 * already names the chart, and a tooltip or a second announcement of the same words helps no one).
 */
export function drawingToSvg(drawing: ChartDrawing, label: string): string {
  const width = coordinate(drawing.width)
  const height = coordinate(drawing.height)
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${escapeHtml(label)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" font-family="${FONT}">`,
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
      // The layout made room for exactly this width (Source Sans 3's advances). Pinning the text to
      // it means a browser without that face squeezes or stretches the label a little instead of
      // running it into the swatch or cell beside it; with the face it changes nothing visible.
      const length = textWidth(item.text, item.size, item.bold)
      if (length > 0) attributes.push(`textLength="${coordinate(length)}"`, 'lengthAdjust="spacingAndGlyphs"')
      // A label cut short shows its whole text on hover; the table beside the chart has it too.
      const full = item.full ? `<title>${escapeHtml(item.full)}</title>` : ''
      return `<text ${attributes.join(' ')}>${full}${escapeHtml(item.text)}</text>`
    }
  }
}

/** Two decimals are finer than any screen or printer; a broken number must not break the SVG. */
function coordinate(value: number): string {
  return Number.isFinite(value) ? String(Math.round(value * 100) / 100) : '0'
}

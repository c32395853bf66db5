import {readFileSync} from 'node:fs'

/** One line of text on a page as a reader sees it: its words in order, its size and height. */
export interface PdfLine {
  /** Font size of the line's largest text, in points. */
  size: number
  text: string
  /** Distance from the top of the page to the baseline, in points. */
  y: number
}

export interface PdfOutlineItem {
  items: PdfOutlineItem[]
  title: string
}

export interface PdfContent {
  info: Record<string, unknown>
  /** Link targets (URLs) on each page. */
  links: string[][]
  outline: PdfOutlineItem[]
  /** Lines of text per page, top to bottom. */
  pages: PdfLine[][]
  /** Text per page, one line per line. */
  text: string[]
}

/**
 * Reads a PDF with pdfjs-dist (no system tools needed): the text of every page as lines, the
 * outline, the document information (Title, Author, Language…) and the links.
 */
export async function readPdf(file: string): Promise<PdfContent> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs')
  const data = new Uint8Array(readFileSync(file))
  const pdf = await pdfjs.getDocument({data, disableFontFace: true, isEvalSupported: false, useSystemFonts: false, verbosity: 0}).promise
  try {
    const pages: PdfLine[][] = []
    const links: string[][] = []
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n)
      const height = page.getViewport({scale: 1}).viewBox[3]!
      const content = await page.getTextContent()
      const pieces = content.items
        .filter((item): item is Extract<typeof item, {str: string}> => 'str' in item && item.str.trim() !== '')
        .map((item) => ({size: Math.hypot(item.transform[2]!, item.transform[3]!), text: item.str, width: item.width, x: item.transform[4]!, y: height - item.transform[5]!}))
      pieces.sort((a, b) => a.y - b.y || a.x - b.x)
      const lines: Array<{pieces: typeof pieces; y: number}> = []
      for (const piece of pieces) {
        const line = lines.find((l) => Math.abs(l.y - piece.y) < 2)
        if (line) line.pieces.push(piece)
        else lines.push({pieces: [piece], y: piece.y})
      }

      pages.push(
        lines.map((line) => {
          line.pieces.sort((a, b) => a.x - b.x)
          let text = ''
          let end = Number.NEGATIVE_INFINITY
          for (const piece of line.pieces) {
            if (text && piece.x - end > 1 && !text.endsWith(' ') && !piece.text.startsWith(' ')) text += ' '
            text += piece.text
            end = piece.x + piece.width
          }

          return {size: Math.max(...line.pieces.map((p) => p.size)), text: text.replaceAll(/\s+/g, ' ').trim(), y: line.y}
        }),
      )
      const annotations = await page.getAnnotations()
      links.push(annotations.filter((a) => a.subtype === 'Link').map((a) => String(a.url ?? a.unsafeUrl ?? (a.dest ? `#${typeof a.dest === 'string' ? a.dest : JSON.stringify(a.dest)}` : ''))))
      page.cleanup()
    }

    const toItems = (items: Array<{items: unknown[]; title: string}> | null): PdfOutlineItem[] =>
      (items ?? []).map((item) => ({items: toItems(item.items as Array<{items: unknown[]; title: string}>), title: item.title}))
    const outline = toItems(await pdf.getOutline())
    const {info} = await pdf.getMetadata()
    return {info: info as Record<string, unknown>, links, outline, pages, text: pages.map((lines) => lines.map((line) => line.text).join('\n'))}
  } finally {
    await pdf.destroy()
  }
}

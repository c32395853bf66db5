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

/** One element of a page's structure tree as pdf.js reads it. */
export interface PdfStructNode {
  alt?: string
  children: PdfStructNode[]
  /** Marked-content and annotation references directly under the element. */
  contents: number
  lang?: string
  objects: number
  role: string
}

export interface PdfAccessibility {
  /** Link annotations per page: their description (/Contents) and whether the tree points at them. */
  annotations: Array<Array<{contents: string; structParent: number | undefined; subtype: string}>>
  displayDocTitle: boolean
  lang: string | undefined
  markInfo: {Marked?: boolean} | null
  /** Values read from the XMP metadata (dc:title, pdfuaid:part). */
  metadata: Record<string, string | undefined>
  /**
   * Per page, painting done outside any marked content (neither artifact nor tagged), and marked
   * content of one kind inside the other (an artifact inside a paragraph, or the reverse).
   */
  marking: Array<{misnested: number; painted: number; unmarked: number}>
  /** The structure tree of every page (null when a page has none). */
  trees: Array<PdfStructNode | null>
}

type RawNode = {alt?: string; children?: RawNode[]; lang?: string; role?: string; type?: string}

function toNode(raw: RawNode): PdfStructNode {
  const kids = raw.children ?? []
  return {
    alt: raw.alt,
    children: kids.filter((kid) => !kid.type).map((kid) => toNode(kid)),
    contents: kids.filter((kid) => kid.type === 'content').length,
    lang: raw.lang,
    objects: kids.filter((kid) => kid.type === 'object' || kid.type === 'annotation').length,
    role: raw.role ?? '',
  }
}

/**
 * Reads what assistive technology reads of a PDF, with pdf.js: the structure tree of each page,
 * MarkInfo, language, viewer preferences, XMP identifiers, link annotations, and how the page's
 * painting is marked (every text, path and image must sit in tagged content or an artifact).
 */
export async function readAccessibility(file: string): Promise<PdfAccessibility> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs')
  const data = new Uint8Array(readFileSync(file))
  const pdf = await pdfjs.getDocument({data, disableFontFace: true, isEvalSupported: false, useSystemFonts: false, verbosity: 0}).promise
  const {OPS} = pdfjs
  const paints = new Set<number>([OPS.showText, OPS.showSpacedText, OPS.constructPath, OPS.fill, OPS.stroke, OPS.eoFill, OPS.fillStroke, OPS.eoFillStroke, OPS.closeStroke, OPS.closeFillStroke, OPS.closeEOFillStroke, OPS.paintImageXObject, OPS.paintFormXObjectBegin])
  try {
    const trees: PdfAccessibility['trees'] = []
    const annotations: PdfAccessibility['annotations'] = []
    const marking: PdfAccessibility['marking'] = []
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n)
      const tree = (await page.getStructTree()) as RawNode | null
      trees.push(tree ? toNode(tree) : null)
      const annots = await page.getAnnotations()
      annotations.push(annots.map((a) => ({contents: String(a.contentsObj?.str ?? ''), structParent: typeof a.structParent === 'number' && a.structParent >= 0 ? a.structParent : undefined, subtype: String(a.subtype)})))
      const ops = await page.getOperatorList()
      const stack: string[] = []
      let painted = 0
      let unmarked = 0
      let misnested = 0
      for (const [i, fn] of ops.fnArray.entries()) {
        if (fn === OPS.beginMarkedContent || fn === OPS.beginMarkedContentProps) {
          const tag = String((ops.argsArray[i] as unknown[])[0])
          const artifact = tag === 'Artifact'
          if (stack.length > 0 && (stack.at(-1) === 'Artifact') !== artifact) misnested++
          stack.push(tag)
        } else if (fn === OPS.endMarkedContent) {
          stack.pop()
        } else if (paints.has(fn)) {
          painted++
          if (stack.length === 0) unmarked++
        }
      }

      marking.push({misnested, painted, unmarked})
      page.cleanup()
    }

    const {metadata} = await pdf.getMetadata()
    const read = (name: string): string | undefined => {
      const value = metadata?.get(name)
      return value === null || value === undefined ? undefined : String(value)
    }

    return {
      annotations,
      displayDocTitle: Boolean(((await pdf.getViewerPreferences()) as Record<string, unknown> | null)?.DisplayDocTitle),
      lang: (await pdf.getMetadata()).info ? String(((await pdf.getMetadata()).info as Record<string, unknown>).Language ?? '') || undefined : undefined,
      markInfo: (await pdf.getMarkInfo()) as {Marked?: boolean} | null,
      marking,
      metadata: {'dc:title': read('dc:title'), 'pdfuaid:part': read('pdfuaid:part')},
      trees,
    }
  } finally {
    await pdf.destroy()
  }
}

/** The elements of a tree in reading order, depth first. */
export function walk(node: PdfStructNode | null, visit: (node: PdfStructNode, parent: PdfStructNode | undefined) => void, parent?: PdfStructNode): void {
  if (!node) return
  visit(node, parent)
  for (const child of node.children) walk(child, visit, node)
}

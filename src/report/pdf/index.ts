import {createWriteStream} from 'node:fs'
import {rename, rm, stat} from 'node:fs/promises'
import {finished} from 'node:stream/promises'

import {PRIVATE_FILE_MODE} from '../../fs/private.js'

import type {Progress, ReportDocument, WriteResult} from '../document.js'
import {decoratePages, drawContents, drawCover, layoutContents} from './chrome.js'
import {Renderer} from './render.js'

/**
 * Writes the report as a print-ready A4 PDF: the Markdown read by marked (GFM) and set with pdfkit
 * in embedded Source Serif 4 and Source Sans 3. It is a tagged PDF/UA-1 document, as Dutch
 * municipalities must publish (see tags.ts). The file appears whole or not at all: it is written
 * next to out and renamed when done.
 */
export async function writePdf(report: ReportDocument, out: string, options: {onProgress?: Progress} = {}): Promise<WriteResult> {
  const [{default: PDFDocument}, {marked}] = await Promise.all([import('pdfkit'), import('marked')])
  const {meta} = report
  const tokens = marked.lexer(report.markdown, {gfm: true})
  const created = new Date(`${meta.date}T12:00:00Z`)
  const doc = new PDFDocument({
    autoFirstPage: false,
    bufferPages: true,
    displayTitle: true,
    info: {
      Author: meta.author,
      ...(Number.isNaN(created.getTime()) ? {} : {CreationDate: created, ModDate: created}),
      Creator: 'karavaan',
      Keywords: meta.keywords.join(', '),
      Subject: meta.subtitle ?? meta.title,
      Title: meta.title,
    },
    lang: meta.language,
    margin: 0,
    pdfVersion: '1.7',
    size: 'A4',
    // The PDF/UA identifier in the XMP metadata; @types/pdfkit only knows the PDF/A subsets.
    subset: 'PDF/UA' as PDFKit.Mixins.PDFSubsets,
    tagged: true,
  })
  escapeXmpInfo(doc)
  const partial = `${out}.${process.pid}.deel`
  // Owner-only, like everything in the study folder: a report quotes respondents.
  const stream = createWriteStream(partial, {mode: PRIVATE_FILE_MODE})
  doc.pipe(stream)
  try {
    const renderer = new Renderer(doc, report.charts, {
      contents: (r) => layoutContents(r).pages,
      cover: (r) => drawCover(r, meta),
    })
    renderer.prepare(tokens)
    await renderer.render(tokens, options.onProgress)
    // An empty report is still one page, with its header and footer.
    if (renderer.flow.kinds.length === 0) renderer.flow.ensure(0)
    drawContents(renderer)
    decoratePages(renderer, meta)
    const pages = renderer.flow.kinds.length
    doc.end()
    await finished(stream)
    await rename(partial, out)
    options.onProgress?.(tokens.length, tokens.length)
    return {bytes: (await stat(out)).size, pages}
  } catch (error) {
    stream.destroy()
    await rm(partial, {force: true})
    throw error
  }
}

const XML_ENTITIES: Record<string, string> = {'"': '&quot;', '&': '&amp;', "'": '&apos;', '<': '&lt;', '>': '&gt;'}

/**
 * pdfkit copies title, author, subject and keywords into the XMP metadata unescaped, so a title
 * such as "Noord & Zuid" would make it malformed XML, which a PDF/UA checker rejects. The document
 * information dictionary is written before the XMP, so the values are escaped for that step only.
 */
function escapeXmpInfo(doc: PDFKit.PDFDocument): void {
  const raw = doc as unknown as {_addInfo: () => void; info: Record<string, unknown>}
  const addInfo = raw._addInfo
  if (typeof addInfo !== 'function') return
  raw._addInfo = function (this: typeof raw) {
    const saved = {...this.info}
    for (const [key, value] of Object.entries(this.info)) {
      if (typeof value === 'string') this.info[key] = value.replaceAll(/["&'<>]/g, (char) => XML_ENTITIES[char]!)
    }

    try {
      addInfo.call(this)
    } finally {
      Object.assign(this.info, saved)
    }
  }
}

/**
 * The structure tree of the tagged PDF (PDF/UA-1): what a screen reader reads, in reading order,
 * whatever order the pages were drawn in. Every mark on a page is either content of an element
 * (a heading, a paragraph, a cell, a figure…) or an artifact (running header, page number, rules,
 * backgrounds, the CONCEPT watermark) that assistive technology skips.
 *
 * Every marked-content sequence opens and closes within one call, so none is ever open when the
 * renderer adds or switches pages; a paragraph that runs over a page is one element with content
 * on two pages.
 */

export interface Tag {
  readonly element: PDFKit.PDFStructureElement
  readonly type: string
}

/** An artifact's kind: page furniture (Pagination) or plain decoration (Layout). */
export interface Artifact {
  artifact: 'Layout' | 'Pagination'
  /** Which page edge a header or footer belongs to. */
  attached?: 'Bottom' | 'Top'
}

export type Target = Artifact | Tag

export const LAYOUT: Artifact = {artifact: 'Layout'}

export function isArtifact(target: Target): target is Artifact {
  return 'artifact' in target
}

export class Tags {
  readonly root: Tag
  private lastHeading = 0

  constructor(private readonly doc: PDFKit.PDFDocument) {
    const element = doc.struct('Document')
    doc.addStructure(element)
    this.root = {element, type: 'Document'}
  }

  /** A new element, the last child of parent so far; open until end(). */
  open(type: string, parent: Tag, options: {alt?: string; bbox?: [number, number, number, number]; scope?: 'Both' | 'Column' | 'Row'} = {}): Tag {
    const element = this.doc.struct(type, options as Parameters<PDFKit.PDFDocument['struct']>[1])
    parent.element.add(element)
    return {element, type}
  }

  end(tag: Tag): void {
    tag.element.end()
  }

  /**
   * The level to tag a heading of depth with: one below the last at most, so the levels a reader
   * steps through never skip (a template may go from # to ###; the look stays as written).
   */
  headingLevel(depth: number): number {
    const level = Math.max(1, Math.min(depth, this.lastHeading + 1))
    this.lastHeading = level
    return level
  }

  /** Draws onto the current page as content of tag, or as an artifact. */
  mark(target: Target, draw: () => void): void {
    if (isArtifact(target)) {
      this.doc.markContent('Artifact', {type: target.artifact, ...(target.attached ? {attached: [target.attached]} : {})} as PDFKit.Mixins.MarkingOptions)
      draw()
      this.doc.endMarkedContent()
      return
    }

    const content = this.doc.markStructureContent(target.type)
    draw()
    this.doc.endMarkedContent()
    target.element.add(content)
  }

  /**
   * A link: a Link element under parent holding the text drawn and its annotation, which carries
   * a description (/Contents) as PDF/UA asks. Ended here, on the page of its annotation.
   */
  link(parent: Tag, description: string, draw: () => void, annotate: (options: object) => void): void {
    const link = this.open('Link', parent)
    this.mark(link, draw)
    // pdfkit writes a String object as a PDF string, a plain string as a name.
    annotate({Contents: new String(description), structParent: link.element})
    this.end(link)
  }
}

import {MARGIN, PAGE} from './style.js'

/** The vertical stretches, one per page, that a block took up. */
export interface Track {
  spans: Array<{bottom: number; page: number; top: number}>
}

export type PageKind = 'body' | 'contents' | 'cover'

/**
 * Where the next block goes: the page, the height used on it, and breaks still to make. A page is
 * only added when something is about to be drawn on it, so a break right after a break, or at the
 * end, never leaves an empty page.
 */
export class Flow {
  readonly bottom = PAGE.height - MARGIN.bottom
  /** Nothing drawn yet on the current page (or there is no page yet). */
  fresh = true
  readonly kinds: PageKind[] = []
  /** Watchers of what is drawn where, e.g. a quote that needs its rule on every page it spans. */
  readonly tracks = new Set<Track>()
  readonly top = MARGIN.top
  y = MARGIN.top
  private breakPending = true
  private gap = 0

  constructor(private readonly doc: PDFKit.PDFDocument) {}

  /** 0-based index of the current page. */
  get page(): number {
    return this.kinds.length - 1
  }

  /** Room left on the page below y, after the pending gap. */
  get room(): number {
    return this.bottom - this.y - (this.fresh ? 0 : this.gap)
  }

  /** Space wanted before the next block; gaps meeting collapse into the larger one. */
  space(points: number): void {
    this.gap = Math.max(this.gap, points)
  }

  /** The next block starts on a new page, unless the current page is still empty. */
  pageBreak(): void {
    if (!this.fresh) this.breakPending = true
  }

  newPage(kind: PageKind = 'body'): void {
    this.doc.addPage({margin: 0, size: 'A4'})
    this.kinds.push(kind)
    this.y = this.top
    this.fresh = true
    this.breakPending = false
    this.gap = 0
  }

  /**
   * Makes room for height points: a new page when a break is pending or it does not fit here (an
   * empty page takes what it gets). Then y is where the block starts.
   */
  ensure(height: number): void {
    if (this.breakPending || this.kinds.length === 0) this.newPage()
    else if (!this.fresh && this.y + this.gap + height > this.bottom + 0.01) this.newPage()
    if (!this.fresh) this.y += this.gap
    this.gap = 0
  }

  /** Marks height points from y as used. */
  advance(height: number): void {
    for (const track of this.tracks) {
      const last = track.spans.at(-1)
      if (last?.page === this.page) last.bottom = this.y + height
      else track.spans.push({bottom: this.y + height, page: this.page, top: this.y})
    }

    this.y += height
    this.fresh = false
  }
}

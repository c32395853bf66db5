import type {Context, Hono} from 'hono'

import {compare} from '../../analysis/compare.js'
import {buildMatrix, cellNotes, type MatrixColumns} from '../../analysis/matrix.js'
import {codeQuotes} from '../../analysis/quotes.js'
import {UserError} from '../../errors.js'
import {listFindings} from '../../material/read-model.js'
import type {Store} from '../../store/store.js'
import type {CodedNote} from '../../store/tags.js'
import type {Study} from '../../study/load.js'
import type {PageContext} from '../layout.js'
import {differencesPage, matrixPage, parseMatrixQuery} from '../pages/analyse.js'
import {parsePassagesQuery, PASSAGES_PER_PAGE, passagesPage, type PassageItem, type PassagesQuery} from '../pages/passages.js'
import type {Session} from '../security.js'

type Env = {Variables: {session: Session}}

/**
 * Every note with its codes is what the matrix, the differences and a cell's notes are counted
 * from; reading it means reading every note of the study. It is kept until the database changes
 * (by this server or any other process: store.meta.changeMark()), so moving between matrices
 * and their passages costs a count, not a scan of 10,000 notes.
 */
class CodedNotes {
  private kept = new Map<MatrixColumns, {mark: string; notes: CodedNote[]}>()

  constructor(private readonly store: Store) {}

  of(kind: MatrixColumns): CodedNote[] {
    const mark = this.store.meta.changeMark()
    const kept = this.kept.get(kind)
    if (kept?.mark === mark) return kept.notes
    // Read and mark from the same moment: a write in between makes the next request read again.
    const fresh = this.store.snapshot(() => ({mark: this.store.meta.changeMark(), notes: this.store.tags.codesPerNote(kind)}))
    this.kept.set(kind, fresh)
    return fresh.notes
  }
}

/** The path and query the browser asked for, to come back to after adding a quote to a finding. */
function here(c: Context<Env>): string {
  const url = new URL(c.req.url)
  return `${url.pathname}${url.search}`
}

/**
 * Analyse: the matrix of `analyse matrix`, the passages of `analyse quotes` behind each cell and
 * the differences of `analyse compare`, computed by the same core functions.
 */
export function registerAnalyseRoutes(app: Hono<Env>, options: {store: Store; study: Study}, context: (c: Context<Env>) => PageContext): void {
  const {store, study} = options
  const coded = new CodedNotes(store)

  app.get('/analyse', (c) => {
    const parsed = parseMatrixQuery(c.req.query())
    if ('problem' in parsed) return c.html(matrixPage(context(c), {problem: parsed.problem, query: parsed.query}), 400)
    const matrix = buildMatrix(store, study, parsed.rows, parsed.cols, coded.of(parsed.cols))
    return c.html(matrixPage(context(c), {matrix, query: parsed.query}))
  })

  app.get('/analyse/verschillen', (c) => {
    const result = compare(store, study, coded.of('narrative'))
    return c.html(differencesPage(context(c), result))
  })

  app.get('/analyse/passages', (c) => {
    const query = c.req.query() as PassagesQuery
    let filter
    try {
      filter = parsePassagesQuery(study, query)
    } catch (error) {
      if (!(error instanceof UserError)) throw error
      return c.html(passagesPage(context(c), {problem: `${error.message} ${error.hint ?? ''}`.trim()}), 400)
    }

    const rows = {group: filter.group, halteplaats: filter.halteplaats, interviewer: filter.interviewer}
    // The passages exactly as analyse quotes gives them; then the notes of the cell whose code is on the whole note.
    const quotes = codeQuotes(store, study, filter.kind, filter.code, rows)
    const withPassage = new Set(quotes.map((q) => q.noteId))
    const wholeNotes = cellNotes(store, filter.kind, filter.code, rows, coded.of(filter.kind)).filter((n) => !withPassage.has(n.noteId))
    const items: PassageItem[] = [...quotes.map((quote) => ({kind: 'passage' as const, quote})), ...wholeNotes.map((note) => ({kind: 'note' as const, note}))]
    const pages = Math.max(1, Math.ceil(items.length / PASSAGES_PER_PAGE))
    const pageNumber = Math.min(filter.page, pages)
    const shown = items.slice((pageNumber - 1) * PASSAGES_PER_PAGE, pageNumber * PASSAGES_PER_PAGE)
    const findings = listFindings(store, study).map((f) => ({id: f.id, title: f.title}))
    // "Voeg toe aan bevinding" comes back here and says what it did.
    const {flash, notice} = c.var.session
    c.var.session.flash = null
    c.var.session.notice = null
    return c.html(passagesPage(context(c), {
      filter,
      findings,
      flash,
      here: here(c),
      items: shown,
      notice,
      pageNumber,
      pages,
      passages: quotes.length,
      query,
      wholeNotes: wholeNotes.length,
    }))
  })
}

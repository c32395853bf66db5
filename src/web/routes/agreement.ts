import type {Context, Hono} from 'hono'

import type {Disagreement} from '../../analysis/agreement.js'
import {UserError} from '../../errors.js'
import type {Store} from '../../store/store.js'
import type {Study} from '../../study/load.js'
import {agreementCoders, coderMarks, INTERVIEWER, KIT, studyAgreement} from '../../tagging/agreement.js'
import type {PageContext} from '../layout.js'
import {agreementPage, type AgreementView, CODER_FIELDS, type NoteToDiscuss} from '../pages/agreement.js'
import type {Session} from '../security.js'

type Env = {Variables: {session: Session}}

/** Notes with a difference per page: each shows its text once per coder, so a page stays readable. */
const NOTES_PER_PAGE = 10

/**
 * Overeenstemming: `tag agreement` for the coders chosen in a GET form, and the notes they differ
 * on. Settling a difference posts to the tag routes of the note page (tag add, tag rm), which
 * come back here with `terug`.
 */
export function registerAgreementRoutes(app: Hono<Env>, options: {store: Store; study: Study}, context: (c: Context<Env>) => PageContext): void {
  const {store, study} = options

  app.get('/overeenstemming', (c) => {
    const session = c.var.session
    const flash = session.flash
    session.flash = null
    const available = agreementCoders(store, study)
    const asked = c.req.queries('codeur')?.map((v) => v.trim()).filter(Boolean)
    const chosen = asked ?? available.filter((coder) => coder !== KIT).slice(0, 2)
    const base = {available, chosen, error: null, flash, noteTotal: 0, notes: [], page: 1, pages: 1}
    const refuse = (error: string) => c.html(agreementPage(context(c), {...base, error}), 400)

    if (asked === undefined && chosen.length < 2) return c.html(agreementPage(context(c), base))
    const known = new Set([INTERVIEWER, KIT, ...study.team.map((m) => m.id)])
    const unknown = chosen.find((coder) => !known.has(coder))
    if (unknown !== undefined) return refuse(`"${unknown}" is geen codeur in deze studie. Kies een codeur uit de lijst: iemand uit het team, "interviewer" of "kit".`)
    if (chosen.length > CODER_FIELDS) return refuse(`Kies hoogstens ${CODER_FIELDS} codeurs; met meer vergelijk je in de terminal: karavaan tag agreement --coders …`)
    if (new Set(chosen).size < 2) return refuse('Kies twee verschillende codeurs om te vergelijken (of drie).')

    let report
    try {
      report = studyAgreement(store, study, chosen)
    } catch (error) {
      if (!(error instanceof UserError)) throw error
      return refuse([error.message, error.hint].filter(Boolean).join(' '))
    }

    const byNote = new Map<string, Disagreement[]>()
    for (const d of report.disagreements) {
      const list = byNote.get(d.note)
      if (list) list.push(d)
      else byNote.set(d.note, [d])
    }

    const pages = Math.max(1, Math.ceil(byNote.size / NOTES_PER_PAGE))
    const page = Math.min(Math.max(1, Number.parseInt(c.req.query('pagina') ?? '1', 10) || 1), pages)
    const shown = [...byNote].slice((page - 1) * NOTES_PER_PAGE, page * NOTES_PER_PAGE)
    const found = store.notes.getMany(shown.map(([id]) => id))
    const notes: NoteToDiscuss[] = shown.flatMap(([id, disagreements]) => {
      const note = found.get(id)
      return note ? [{disagreements, marks: coderMarks(store, study, note, report.coders), note}] : []
    })
    return c.html(agreementPage(context(c), {...base, chosen: report.coders, noteTotal: byNote.size, notes, page, pages, report}))
  })
}

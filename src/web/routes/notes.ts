import {existsSync, unlinkSync} from 'node:fs'

import type {Context, Hono} from 'hono'

import {UserError} from '../../errors.js'
import {listDrafts, noteEditOf} from '../../notes/draft-files.js'
import {draftPath, draftStamp, readDraft, renderNoteFile, writeDraft} from '../../notes/draft.js'
import type {RawNoteFields} from '../../notes/fields.js'
import {PersonalDataError} from '../../notes/guard.js'
import {requireNote} from '../../notes/lookup.js'
import {addNote, editNote, NoteFieldsError} from '../../notes/service.js'
import {parseDate} from '../../parse/date.js'
import type {PersonalDataPolicy} from '../../privacy/guard.js'
import {shortId} from '../../records/ids.js'
import type {Store} from '../../store/store.js'
import type {Study} from '../../study/load.js'
import {outsidePeriod} from '../../study/period.js'
import type {PageContext} from '../layout.js'
import {FIELD_OF, type FormField, type NoteFormProblems, noteFormPage, type NoteFormValues, valuesOfNote} from '../pages/note-form.js'
import type {Session} from '../security.js'

type Env = {Variables: {session: Session}}

/**
 * The names the browser may give a draft: the ones note add (notitie-STAMP.md) and note edit
 * (bewerk-ID-STAMP.md) use, so the CLI picks a browser's draft up and the other way round. Nothing
 * else: a name from the browser never becomes a path outside concepten/.
 */
const DRAFT_NAME = /^(?:notitie|bewerk-[\da-f]{4,})-\d{4}-\d\d-\d\dT[\d-]+Z\.md$/

function draftName(value: unknown, editOf?: string): string {
  const name = typeof value === 'string' ? value : ''
  const fits = DRAFT_NAME.test(name) && (editOf ? noteEditOf(name) === editOf : name.startsWith('notitie-'))
  return fits ? name : editOf ? `bewerk-${editOf}-${draftStamp()}.md` : `notitie-${draftStamp()}.md`
}

const text = (value: unknown) => (typeof value === 'string' ? value : '')
const list = (value: unknown) => (Array.isArray(value) ? value.map(String) : typeof value === 'string' ? [value] : [])

function valuesOf(form: Record<string, unknown>, editOf?: string): NoteFormValues {
  return {
    concept: draftName(form.concept, editOf),
    datum: text(form.datum).trim(),
    datumKlopt: form.datumKlopt === 'ja',
    deelnemers: text(form.deelnemers).trim(),
    halteplaats: text(form.halteplaats),
    interviewer: text(form.interviewer),
    narratieven: list(form.narratieven),
    onderwerp: text(form.onderwerp),
    rollen: text(form.rollen),
    // A browser sends a textarea with \r\n; the store keeps \n, as the CLI does.
    tekst: text(form.tekst).replaceAll('\r\n', '\n'),
    themas: list(form.themas),
  }
}

/** The form as note add and note edit take their fields; a group or an activity, never both. */
function rawOf(study: Study, values: NoteFormValues): RawNoteFields {
  const isActivity = study.methodDefinition.activities.some((a) => a.id === values.onderwerp)
  return {
    activity: isActivity ? values.onderwerp : undefined,
    date: values.datum,
    group: isActivity ? undefined : values.onderwerp,
    halteplaats: values.halteplaats,
    interviewer: values.interviewer,
    narratives: values.narratieven,
    participants: values.deelnemers,
    roles: values.rollen,
    text: values.tekst,
    themes: values.themas,
  }
}

function saveDraft(study: Study, values: NoteFormValues): void {
  const raw = rawOf(study, values)
  writeDraft(draftPath(study, values.concept), renderNoteFile(raw, values.tekst))
}

function removeDraft(study: Study, name: string): void {
  const path = draftPath(study, name)
  if (existsSync(path)) unlinkSync(path)
}

/** A draft read back into the form; a draft that cannot be read is left alone and not offered. */
function valuesOfDraft(study: Study, name: string, editOf?: string): NoteFormValues | undefined {
  if (!DRAFT_NAME.test(name)) return undefined
  const path = draftPath(study, name)
  if (!existsSync(path)) return undefined
  const read = readDraft(path)
  if (!read.raw) return undefined
  const raw = read.raw
  const items = (value: unknown) => (Array.isArray(value) ? value.map(String) : typeof value === 'string' ? value.split(',').map((v) => v.trim()).filter(Boolean) : [])
  return {
    concept: draftName(name, editOf),
    datum: parseDate(text(raw.date === undefined ? '' : String(raw.date))).iso ?? '',
    datumKlopt: false,
    deelnemers: raw.participants === undefined || raw.participants === null ? '' : String(raw.participants),
    halteplaats: text(raw.halteplaats),
    interviewer: text(raw.interviewer),
    narratieven: items(raw.narratives),
    onderwerp: text(raw.group) || text(raw.activity),
    rollen: items(raw.roles).join(', '),
    tekst: text(raw.text),
    themas: items(raw.themes),
  }
}

function draftsOf(study: Study, editOf?: string): Array<{label: string; name: string}> {
  return listDrafts(study.dir)
    .filter((d) => DRAFT_NAME.test(d.name) && (editOf ? noteEditOf(d.name) === editOf : d.name.startsWith('notitie-')))
    .reverse()
    .map((d) => ({label: `concepten/${d.name}`, name: d.name}))
}

function problemsOf(error: NoteFieldsError): NoteFormProblems {
  const fields: Partial<Record<FormField, string[]>> = {}
  for (const problem of error.problems) {
    const field = FIELD_OF[problem.field] ?? 'tekst'
    fields[field] = [...(fields[field] ?? []), `${problem.message[0].toUpperCase()}${problem.message.slice(1)}.`]
  }

  return {fields}
}

function policyOf(value: unknown): PersonalDataPolicy {
  return value === 'pseudonymise' || value === 'allow' ? value : 'refuse'
}

/**
 * Nieuwe notitie and bewerken: the same core as note add and note edit. The text is a draft in
 * concepten/ from the first key typed until the note is stored; a save that does not hold shows
 * the form again with the person's own text and what to put right, and stores nothing.
 */
export function registerNoteRoutes(app: Hono<Env>, options: {store: Store; study: Study}, context: (c: Context<Env>) => PageContext): void {
  const {store, study} = options

  const submit = async (c: Context<Env>, editOf?: {id: string; short: string}) => {
    const form = await c.req.parseBody({all: true})
    const values = valuesOf(form, editOf?.short)
    const by = c.var.session.who
    // First the draft: whatever happens next, the person's text is on disk.
    saveDraft(study, values)
    const note = editOf ? store.notes.get(editOf.id) : undefined
    const page = (problems: NoteFormProblems, outside = false) =>
      c.html(noteFormPage(context(c), {drafts: [], editOf: note, outsidePeriod: outside, problems, values}), 422)
    const iso = parseDate(values.datum).iso
    if (iso && outsidePeriod(study.period, iso) && !values.datumKlopt && iso !== note?.date) {
      return page({fields: {datum: [`Deze datum valt buiten de periode van de studie (${study.period.start} tot en met ${study.period.end}). Verbeter hem, of vink hieronder aan dat hij klopt.`]}}, true)
    }

    try {
      const raw = rawOf(study, values)
      const policy = policyOf(form.privacy)
      const outcome = editOf ? editNote(store, study, editOf.id, raw, {by, policy}) : addNote(store, study, raw, {by, policy})
      removeDraft(study, values.concept)
      const said = outcome.change === 'ongewijzigd' ? 'Niets gewijzigd: de notitie bleef zoals hij was.'
        : outcome.replaced.length > 0 ? `Opgeslagen; ${outcome.replaced.length === 1 ? 'één persoonsgegeven is' : `${outcome.replaced.length} persoonsgegevens zijn`} vervangen door een plaatshouder.`
          : outcome.note.personalData ? 'Opgeslagen mét persoonsgegevens; die keuze staat bij de notitie.'
            : outcome.change === 'nieuw' ? 'De notitie is opgeslagen.' : `Opgeslagen als versie ${outcome.note.version}.`
      c.var.session.notice = said
      return c.redirect(`/notities/${outcome.note.id}`, 303)
    } catch (error) {
      if (error instanceof PersonalDataError) return page({fields: {}, personalData: error.hits})
      if (error instanceof NoteFieldsError) return page(problemsOf(error))
      throw error
    }
  }

  app.get('/notities/nieuw', (c) => {
    const chosen = c.req.query('concept')
    const fromDraft = chosen ? valuesOfDraft(study, chosen) : undefined
    const values: NoteFormValues = fromDraft ?? {
      concept: draftName(undefined),
      datum: new Date().toISOString().slice(0, 10),
      datumKlopt: false,
      deelnemers: '',
      halteplaats: '',
      interviewer: c.var.session.who ?? '',
      narratieven: [],
      onderwerp: '',
      rollen: '',
      tekst: '',
      themas: [],
    }
    return c.html(noteFormPage(context(c), {drafts: fromDraft ? [] : draftsOf(study), values}))
  })
  app.post('/notities/nieuw', (c) => submit(c))

  app.get('/notities/:id/bewerken', (c) => {
    const note = requireNote(store, c.req.param('id'))
    const short = shortId(note.id)
    const chosen = c.req.query('concept')
    const fromDraft = chosen ? valuesOfDraft(study, chosen, short) : undefined
    const values = fromDraft ?? valuesOfNote(note, store.notes.ownNarratives(note.id), draftName(undefined, short))
    return c.html(noteFormPage(context(c), {drafts: fromDraft ? [] : draftsOf(study, short), editOf: note, values}))
  })
  app.post('/notities/:id/bewerken', (c) => {
    const note = requireNote(store, c.req.param('id'))
    return submit(c, {id: note.id, short: shortId(note.id)})
  })

  // The form's script sends the whole form here as the person types: a draft, never a note.
  app.post('/concepten', async (c) => {
    const form = await c.req.parseBody({all: true})
    const edit = typeof form.bewerk === 'string' && /^[\da-f]{4,}$/.test(form.bewerk) ? form.bewerk : undefined
    if (typeof form.concept !== 'string' || draftName(form.concept, edit) !== form.concept) throw new UserError('Dit concept heeft geen geldige naam; laad de pagina opnieuw.')
    const values = valuesOf(form, edit)
    saveDraft(study, values)
    return c.json({concept: `concepten/${values.concept}`, saved: true})
  })
}

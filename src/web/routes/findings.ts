import type {Context, Hono} from 'hono'

import {UserError} from '../../errors.js'
import {type EvidenceInput, type EvidencePlace, resolveEvidence} from '../../material/evidence.js'
import {searchEvidence} from '../../material/evidence-search.js'
import type {FigureInput} from '../../material/figures.js'
import {addFinding, editFinding, type FindingChanges, type FindingInput} from '../../material/findings.js'
import {MaterialPersonalDataError} from '../../material/guard.js'
import {versionsOf} from '../../material/kinds.js'
import {requireFinding} from '../../material/lookup.js'
import {listFindings, resolveFinding} from '../../material/read-model.js'
import {similarFindings} from '../../material/similar.js'
import type {EvidenceRef, Finding, FindingFilter} from '../../model/material.js'
import type {NoteFilter} from '../../model/note.js'
import {checkFilter} from '../../notes/filter.js'
import {attribution} from '../../privacy/attribution.js'
import type {PersonalDataPolicy} from '../../privacy/guard.js'
import {shortId} from '../../records/ids.js'
import {removeRecord, requireEditable, restoreRecord} from '../../records/trash.js'
import type {Store} from '../../store/store.js'
import type {Study} from '../../study/load.js'
import {requireHalteplaats, requireNarrative, requireTheme} from '../../study/lookup.js'
import {requireTag} from '../../tagging/tags.js'
import type {PageContext} from '../layout.js'
import {type ChosenEvidence, evidenceToken, FINDING_FIELD_OF, type FindingFormPage, findingFormPage, type FindingFormProblems, type FindingFormValues, hitLabel, type PickerQuery} from '../pages/finding-form.js'
import {findingHistoryPage, findingPage, findingsPage, type FindingsQuery} from '../pages/findings.js'
import type {Session} from '../security.js'
import {localPath} from './tags.js'

type Env = {Variables: {session: Session}}

const text = (value: unknown) => (typeof value === 'string' ? value : '')
const list = (value: unknown) => (Array.isArray(value) ? value.map(String) : typeof value === 'string' ? [value] : [])
const NOTE_START = 240

function cut(words: string, length = NOTE_START): string {
  const line = words.replaceAll(/\s+/g, ' ').trim()
  const chars = [...line]
  return chars.length > length ? `${chars.slice(0, length - 1).join('').trimEnd()}…` : line
}

function valuesOf(form: Record<string, unknown>): FindingFormValues {
  const cijfers: Record<string, string> = {}
  for (const [key, value] of Object.entries(form)) if (key.startsWith('cijfer-')) cijfers[key.slice('cijfer-'.length)] = text(value)
  return {
    cijfers,
    halteplaatsen: list(form.halteplaatsen),
    narratieven: list(form.narratieven),
    onderbouwing: [...new Set(list(form.onderbouwing))],
    // A browser sends a textarea with \r\n; the store keeps \n, as the CLI does.
    tekst: text(form.tekst).replaceAll('\r\n', '\n'),
    themas: list(form.themas),
    titel: text(form.titel),
  }
}

/** The page of the picker's hits the request is on, from 1 (zoek-pagina); anything else is the first. */
function pickerPageOf(source: Record<string, unknown>): number {
  const page = Number(text(source['zoek-pagina']))
  return Number.isInteger(page) && page > 1 ? page : 1
}

function pickerQueryOf(source: Record<string, unknown>): PickerQuery {
  return {groep: text(source['zoek-groep']), halteplaats: text(source['zoek-halteplaats']), narratief: text(source['zoek-narratief']), thema: text(source['zoek-thema']), zoek: text(source.zoek)}
}

/** A token of the form as the core takes evidence; a passage of an earlier version is only ever kept, never added. */
function inputOf(token: string): EvidenceInput | undefined {
  const [kind, id] = token.split(':')
  if (kind === 'tag' && id) return {tag: id}
  if (kind === 'notitie' && id) return {note: id}
  return undefined
}

function placeOf(token: string): EvidencePlace | undefined {
  const [kind, id, start, end] = token.split(':')
  if (!id) return undefined
  if (kind === 'tag') return undefined
  if (kind === 'notitie') return {end: null, noteId: id, start: null, tagId: null}
  if (kind === 'passage' && /^\d+$/.test(start ?? '') && /^\d+$/.test(end ?? '')) return {end: Number(end), noteId: id, start: Number(start), tagId: null}
  return undefined
}

function problemsOf(error: UserError): FindingFormProblems {
  const fields: FindingFormProblems['fields'] = {}
  const general: string[] = []
  for (const detail of error.details.length > 0 ? error.details : [error.message]) {
    const colon = detail.indexOf(': ')
    const field = colon > 0 ? FINDING_FIELD_OF[detail.slice(0, colon)] : undefined
    const message = field ? detail.slice(colon + 2) : detail
    const sentence = `${message[0].toUpperCase()}${message.slice(1)}${/[.!?]$/.test(message) ? '' : '.'}`
    if (field) fields[field] = [...(fields[field] ?? []), sentence]
    else general.push(sentence)
  }

  return {fields, general}
}

function policyOf(value: unknown): PersonalDataPolicy {
  return value === 'pseudonymise' || value === 'allow' ? value : 'refuse'
}

function takeMessages(session: Session): {flash: null | string; notice: null | string} {
  const {flash, notice} = session
  session.flash = null
  session.notice = null
  return {flash, notice}
}

function userMessage(error: UserError): string {
  return [error.message, ...error.details, error.hint].filter(Boolean).join(' ')
}

/**
 * Bevindingen: list, show, add, edit, trash, restore and history through the same core as the
 * `finding` commands, and the evidence picker that searches notes and tagged passages as
 * `note search` does and adds what it finds through editFinding's addEvidence, one click each.
 */
export function registerFindingRoutes(app: Hono<Env>, options: {store: Store; study: Study}, context: (c: Context<Env>) => PageContext): void {
  const {store, study} = options

  /** Evidence of the form, told as the form shows it; a token that no longer fits is left out and said. */
  const chosenOf = (ctx: PageContext, tokens: string[], problems: string[]): ChosenEvidence[] => {
    const out: ChosenEvidence[] = []
    for (const token of tokens) {
      const [kind, id, start, end] = token.split(':')
      const tag = kind === 'tag' ? store.tags.get(id ?? '') : undefined
      const note = store.notes.get(tag ? tag.noteId : (id ?? ''))
      if (!note || note.deletedAt || (kind === 'tag' && (!tag || tag.deletedAt)) || !['notitie', 'passage', 'tag'].includes(kind)) {
        problems.push(`Een gekozen ${kind === 'tag' ? 'passage' : 'notitie'} is er niet meer (verwijderd of in de prullenbak) en is weggelaten.`)
        continue
      }

      const words = tag ? (tag.quote ?? cut(note.text)) : kind === 'passage' ? [...note.text].slice(Number(start), Number(end)).join('') : cut(note.text)
      const label = tag ? hitLabel(ctx, {code: tag.code, kind: 'tag', tagKind: tag.kind}) : kind === 'passage' ? 'passage' : 'hele notitie'
      out.push({attribution: attribution(study, note), label, noteId: note.id, token, words: cut(words, 300)})
    }

    return out
  }

  const filterOf = (query: PickerQuery): NoteFilter => {
    const isActivity = study.methodDefinition.activities.some((a) => a.id === query.groep)
    return checkFilter(study, {
      activity: isActivity ? query.groep : undefined,
      group: query.groep && !isActivity ? query.groep : undefined,
      halteplaats: query.halteplaats || undefined,
      narrative: query.narratief || undefined,
      theme: query.thema || undefined,
    })
  }

  const runPicker = (query: PickerQuery, present: readonly EvidenceRef[], asked: boolean, page = 1): NonNullable<FindingFormPage['picker']> => {
    const searched = asked && Object.values(query).some((v) => v.trim() !== '')
    if (!searched) return {hits: [], more: false, page: 1, query, searched: false}
    try {
      const result = searchEvidence(store, study, {filter: filterOf(query), page, present, query: query.zoek})
      return {...result, query, searched: true}
    } catch (error) {
      if (!(error instanceof UserError)) throw error
      return {hits: [], more: false, page: 1, problem: [error.message, error.hint].filter(Boolean).join(' '), query, searched: true}
    }
  }

  const presentOf = (tokens: string[]): EvidenceRef[] =>
    tokens.flatMap((token): EvidenceRef[] => {
      const [kind, id] = token.split(':')
      if (kind === 'tag') return [{end: null, noteId: '', quote: null, start: null, tagId: id}]
      if (kind === 'notitie') return [{end: null, noteId: id, quote: null, start: null, tagId: null}]
      return []
    })

  app.get('/bevindingen', (c) => {
    const query = c.req.query() as FindingsQuery
    const trash = query.prullenbak === 'ja'
    let problem: null | string = null
    let filter: FindingFilter = {deleted: trash}
    try {
      if (!trash) {
        filter = {
          draft: query.onderbouwing === 'geen' ? true : query.onderbouwing === 'wel' ? false : undefined,
          halteplaats: query.halteplaats ? requireHalteplaats(study, query.halteplaats, 'halteplaats') : undefined,
          narrative: query.narratief ? requireNarrative(study, query.narratief, 'narratief') : undefined,
          theme: query.thema ? requireTheme(study, query.thema, 'thema') : undefined,
        }
      }
    } catch (error) {
      if (!(error instanceof UserError)) throw error
      problem = userMessage(error)
      filter = {}
    }

    const findings = listFindings(store, study, filter)
    return c.html(findingsPage(context(c), {...takeMessages(c.var.session), findings, problem, query}), problem ? 400 : 200)
  })

  const emptyValues = (): FindingFormValues => ({cijfers: {}, halteplaatsen: [], narratieven: [], onderbouwing: [], tekst: '', themas: [], titel: ''})

  // The add form opened with evidence chosen: from a tag (?tag=ID) or a note (?notitie=ID), as the Analyse page links to it.
  app.get('/bevindingen/nieuw', (c) => {
    const values = emptyValues()
    const problems: FindingFormProblems = {fields: {}}
    const tag = c.req.query('tag')
    const note = c.req.query('notitie')
    if (tag || note) {
      try {
        const ref = resolveEvidence(store, tag ? {tag} : {note})
        const found = store.notes.get(ref.noteId)!
        values.onderbouwing.push(ref.tagId ? `tag:${ref.tagId}` : `notitie:${ref.noteId}`)
        values.halteplaatsen.push(found.halteplaats)
        const code = ref.tagId ? requireTag(store, ref.tagId) : undefined
        if (code?.kind === 'narrative') values.narratieven.push(code.code)
        if (code?.kind === 'theme') values.themas.push(code.code)
      } catch (error) {
        if (!(error instanceof UserError)) throw error
        problems.fields.onderbouwing = [`${error.message[0].toUpperCase()}${error.message.slice(1)}.`]
      }
    }

    const general: string[] = []
    const chosen = chosenOf(context(c), values.onderbouwing, general)
    const picker = runPicker(pickerQueryOf({}), [], false)
    return c.html(findingFormPage(store, context(c), {chosen, picker, problems: {...problems, general}, values}), problems.fields.onderbouwing ? 400 : 200)
  })

  /** The search and "Voeg toe" of the form: the form again with what was typed, nothing saved. */
  const pickerStep = (c: Context<Env>, form: Record<string, unknown>, values: FindingFormValues, editOf?: Finding) => {
    const adding = text(form.voegtoe)
    if (adding && inputOf(adding) && !values.onderbouwing.includes(adding)) values.onderbouwing.push(adding)
    const general: string[] = []
    const chosen = chosenOf(context(c), values.onderbouwing, general)
    // A new search starts at the first page; "Meer resultaten" goes one on; adding stays on the page.
    const page = form.actie === 'zoeken' ? 1 : pickerPageOf(form) + (form.actie === 'meer' ? 1 : 0)
    const picker = runPicker(pickerQueryOf(form), presentOf(values.onderbouwing), true, page)
    return c.html(findingFormPage(store, context(c), {chosen, editOf, picker, problems: {fields: {}, general}, values}))
  }

  const failed = (c: Context<Env>, form: Record<string, unknown>, values: FindingFormValues, problems: FindingFormProblems, editOf?: Finding, status: 200 | 400 = 400) => {
    const general: string[] = []
    const chosen = chosenOf(context(c), values.onderbouwing, general)
    const picker = runPicker(pickerQueryOf(form), presentOf(values.onderbouwing), true, pickerPageOf(form))
    return c.html(findingFormPage(store, context(c), {chosen, editOf, picker, problems: {...problems, general: [...(problems.general ?? []), ...general]}, values}), status)
  }

  const savedNotice = (finding: Finding, replaced: number, fresh: boolean): string => {
    const resolved = resolveFinding(store, study, finding)
    const what = fresh ? `Bevinding ${shortId(finding.id)} is opgeslagen${resolved.draft ? ' als concept: nog zonder onderbouwing' : ''}.` : `Bevinding ${shortId(finding.id)} is bewaard als versie ${finding.version}.`
    return replaced > 0 ? `${what} ${replaced === 1 ? 'Eén persoonsgegeven is' : `${replaced} persoonsgegevens zijn`} vervangen door een plaatshouder.` : what
  }

  app.post('/bevindingen/nieuw', async (c) => {
    const form = await c.req.parseBody({all: true})
    const values = valuesOf(form)
    if (form.actie === 'zoeken' || form.actie === 'meer' || text(form.voegtoe)) return pickerStep(c, form, values)
    const input: FindingInput = {
      evidence: values.onderbouwing.map(inputOf).filter((e): e is EvidenceInput => e !== undefined),
      figures: Object.entries(values.cijfers).filter(([, v]) => v !== '').map(([ref, verdict]): FigureInput => ({ref, verdict})),
      halteplaatsen: values.halteplaatsen,
      narratives: values.narratieven,
      text: values.tekst,
      themes: values.themas,
      title: values.titel,
    }
    // As finding add in a terminal: a likely double is said first, and saved only on a second yes.
    if (form.toch !== 'ja' && values.titel.trim()) {
      const similar = similarFindings(store, input)
      if (similar.length > 0) {
        const general: string[] = []
        return c.html(findingFormPage(store, context(c), {chosen: chosenOf(context(c), values.onderbouwing, general), picker: runPicker(pickerQueryOf(form), [], true), problems: {fields: {}, general}, similar, values}))
      }
    }

    try {
      const outcome = addFinding(store, study, input, {by: c.var.session.who, policy: policyOf(form.privacy)})
      c.var.session.notice = savedNotice(outcome.record, outcome.replaced.length, true)
      return c.redirect(`/bevindingen/${outcome.record.id}`, 303)
    } catch (error) {
      if (error instanceof MaterialPersonalDataError) return failed(c, form, values, {fields: {}, personalData: error.hits})
      if (error instanceof UserError) return failed(c, form, values, problemsOf(error))
      throw error
    }
  })

  app.post('/bevindingen/onderbouwing', async (c) => {
    const form = await c.req.parseBody()
    const session = c.var.session
    const back = text(form.terug) === '' ? undefined : localPath(form.terug)
    let target = back ?? '/bevindingen'
    try {
      if (text(form.bevinding).trim() === '') throw new UserError('Geef de bevinding waaraan je de onderbouwing toevoegt.')
      const finding = requireFinding(store, text(form.bevinding).trim())
      target = back ?? `/bevindingen/${finding.id}`
      const tag = text(form.tag).trim()
      const note = text(form.notitie).trim()
      if (!tag && !note) throw new UserError('Geef een tag of een notitie om aan de onderbouwing toe te voegen.')
      const outcome = editFinding(store, study, finding.id, {addEvidence: [tag ? {tag} : {note}]}, {by: session.who})
      session.notice = outcome.change === 'ongewijzigd'
        ? `Dit stond al in de onderbouwing van bevinding ${shortId(finding.id)}: ${finding.title}. Er is niets veranderd.`
        : `Toegevoegd aan bevinding ${shortId(finding.id)}: ${finding.title}.`
    } catch (error) {
      if (!(error instanceof UserError)) throw error
      session.flash = userMessage(error)
    }

    return c.redirect(target, 303)
  })

  app.get('/bevindingen/:id', (c) => {
    const stored = requireFinding(store, c.req.param('id'))
    const wanted = c.req.query('versie')
    let record = stored
    let version: number | undefined
    if (wanted !== undefined && Number(wanted) !== stored.version) {
      const found = versionsOf(store, 'finding', stored.id).find((v) => v.version === Number(wanted))
      if (!found) throw new UserError(`Bevinding ${shortId(stored.id)} heeft geen versie ${wanted}; de nieuwste is versie ${stored.version}.`)
      record = found.data
      version = found.version
    }

    const finding = resolveFinding(store, study, record)
    const query = pickerQueryOf(c.req.query())
    const picker = finding.deletedAt || version !== undefined ? undefined : runPicker(query, finding.evidence, true, pickerPageOf(c.req.query()))
    const noteStart = (id: string) => cut(store.notes.get(id)?.text ?? '')
    return c.html(findingPage(context(c), {...takeMessages(c.var.session), finding, noteStart, picker, version}))
  })

  const currentValues = (finding: Finding): FindingFormValues => ({
    cijfers: Object.fromEntries((finding.figures ?? []).map((f) => [f.figureId, f.verdict])),
    halteplaatsen: finding.halteplaatsen,
    narratieven: finding.narratives,
    onderbouwing: resolveFinding(store, study, finding).evidence.map((e) => evidenceToken(e)),
    tekst: finding.text,
    themas: finding.themes,
    titel: finding.title,
  })

  app.get('/bevindingen/:id/bewerken', (c) => {
    const finding = requireEditable(store, 'finding', c.req.param('id'))
    const values = currentValues(finding)
    const general: string[] = []
    return c.html(findingFormPage(store, context(c), {chosen: chosenOf(context(c), values.onderbouwing, general), editOf: finding, picker: runPicker(pickerQueryOf({}), [], false), problems: {fields: {}, general}, values}))
  })

  app.post('/bevindingen/:id/bewerken', async (c) => {
    const finding = requireEditable(store, 'finding', c.req.param('id'))
    const form = await c.req.parseBody({all: true})
    const values = valuesOf(form)
    if (form.actie === 'zoeken' || form.actie === 'meer' || text(form.voegtoe)) return pickerStep(c, form, values, finding)
    const before = currentValues(finding)
    const tokens = new Set(values.onderbouwing)
    const cited = new Map((finding.figures ?? []).map((f) => [f.figureId, f.verdict as string]))
    const changes: FindingChanges = {
      addEvidence: values.onderbouwing.filter((t) => !before.onderbouwing.includes(t)).map(inputOf).filter((e): e is EvidenceInput => e !== undefined),
      addFigures: Object.entries(values.cijfers).filter(([id, v]) => v !== '' && cited.get(id) !== v).map(([ref, verdict]) => ({ref, verdict})),
      dropEvidence: before.onderbouwing.filter((t) => !tokens.has(t) && t.startsWith('tag:')).map((t) => t.slice('tag:'.length)),
      dropEvidenceRefs: before.onderbouwing.filter((t) => !tokens.has(t)).map(placeOf).filter((p): p is EvidencePlace => p !== undefined),
      dropFigures: [...cited.keys()].filter((id) => values.cijfers[id] === ''),
      halteplaatsen: values.halteplaatsen,
      narratives: values.narratieven,
      text: values.tekst,
      themes: values.themas,
      title: values.titel,
    }
    const changedWords = values.titel.replaceAll(/\s+/g, ' ').trim() !== finding.title || values.tekst.trim() !== finding.text
    if (form.toch !== 'ja' && changedWords && values.titel.trim()) {
      const similar = similarFindings(store, {text: values.tekst, title: values.titel}, {except: finding.id})
      if (similar.length > 0) {
        const general: string[] = []
        return c.html(findingFormPage(store, context(c), {chosen: chosenOf(context(c), values.onderbouwing, general), editOf: finding, picker: runPicker(pickerQueryOf(form), [], true), problems: {fields: {}, general}, similar, values}))
      }
    }

    try {
      const outcome = editFinding(store, study, finding.id, changes, {by: c.var.session.who, policy: policyOf(form.privacy)})
      c.var.session.notice = outcome.change === 'ongewijzigd' ? `Niets veranderd aan bevinding ${shortId(finding.id)}.` : savedNotice(outcome.record, outcome.replaced.length, false)
      return c.redirect(`/bevindingen/${finding.id}`, 303)
    } catch (error) {
      if (error instanceof MaterialPersonalDataError) return failed(c, form, values, {fields: {}, personalData: error.hits}, finding)
      if (error instanceof UserError) return failed(c, form, values, problemsOf(error), finding)
      throw error
    }
  })

  app.post('/bevindingen/:id/onderbouwing/weg', async (c) => {
    const finding = requireFinding(store, c.req.param('id'))
    const form = await c.req.parseBody()
    const token = text(form.bron)
    try {
      const place = placeOf(token)
      const changes: FindingChanges = token.startsWith('tag:') ? {dropEvidence: [token.slice('tag:'.length)]} : {dropEvidenceRefs: place ? [place] : []}
      if (!token.startsWith('tag:') && !place) throw new UserError('Onbekende onderbouwing; laad de pagina opnieuw.')
      editFinding(store, study, finding.id, changes, {by: c.var.session.who})
      c.var.session.notice = `Weggehaald uit de onderbouwing van bevinding ${shortId(finding.id)}; de vorige versie blijft bewaard.`
    } catch (error) {
      if (!(error instanceof UserError)) throw error
      c.var.session.flash = userMessage(error)
    }

    return c.redirect(`/bevindingen/${finding.id}`, 303)
  })

  const trash = (verb: 'restore' | 'rm') => async (c: Context<Env>) => {
    const form = await c.req.parseBody()
    const session = c.var.session
    const finding = requireFinding(store, c.req.param('id')!)
    try {
      if (verb === 'rm') {
        removeRecord(store, 'finding', finding.id, session.who)
        session.notice = `Bevinding ${shortId(finding.id)} staat in de prullenbak. Ze blijft bewaard met al haar versies; terugzetten kan altijd.`
      } else {
        restoreRecord(store, 'finding', finding.id, session.who)
        session.notice = `Bevinding ${shortId(finding.id)} is teruggezet.`
      }
    } catch (error) {
      if (!(error instanceof UserError)) throw error
      session.flash = userMessage(error)
    }

    return c.redirect(text(form.terug) ? localPath(form.terug) : `/bevindingen/${finding.id}`, 303)
  }

  app.post('/bevindingen/:id/verwijderen', trash('rm'))
  app.post('/bevindingen/:id/terugzetten', trash('restore'))

  app.get('/bevindingen/:id/geschiedenis', (c) => {
    const finding = requireFinding(store, c.req.param('id'))
    return c.html(findingHistoryPage(context(c), finding, versionsOf(store, 'finding', finding.id)))
  })
}

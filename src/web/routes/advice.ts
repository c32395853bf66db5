import type {Context, Hono} from 'hono'

import {addAdvice, type AdviceInput, editAdvice} from '../../material/advice.js'
import {requireRecord} from '../../records/registry.js'
import {requireEditable} from '../../records/trash.js'
import type {Store} from '../../store/store.js'
import type {Study} from '../../study/load.js'
import type {PageContext} from '../layout.js'
import {ADVICE, ADVICE_FIELD_OF, type AdviceFormValues, adviceFormPage, adviceHistoryPage, advicePage, type AdviceQuery, adviceShowPage, EMPTY_ADVICE, EXAMPLE_FIELDS, valuesOfAdvice} from '../pages/advice.js'
import type {Session} from '../security.js'
import {formList, formText, refusal, registerTrashRoutes, savedNotice, takeMessages, versionParam, writeOptions} from './material-parts.js'

type Env = {Variables: {session: Session}}

function valuesOf(form: Record<string, unknown>): AdviceFormValues {
  return {
    bevindingen: formList(form.bevindingen),
    doelgroep: formText(form.doelgroep),
    kader: formText(form.kader),
    tekst: formText(form.tekst),
    titel: formText(form.titel),
    voorbeelden: [...new Set(EXAMPLE_FIELDS.flatMap((name) => formList(form[name])))],
  }
}

/** The form as advice add and advice edit take their options; every field is given, so an edit replaces all ("geen kader" is --no-frame). */
function inputOf(values: AdviceFormValues): AdviceInput {
  return {audience: values.doelgroep, examples: values.voorbeelden, findings: values.bevindingen, frame: values.kader || null, text: values.tekst, title: values.titel}
}

/** Adviezen: list, one advice, new, edit, trash, restore and history, through the same core as `karavaan advice`. */
export function registerAdviceRoutes(app: Hono<Env>, options: {store: Store; study: Study}, context: (c: Context<Env>) => PageContext): void {
  const {store, study} = options

  const submit = async (c: Context<Env>, editOf?: string) => {
    const form = await c.req.parseBody({all: true})
    const values = valuesOf(form)
    const record = editOf ? requireRecord(store, 'advice', editOf) : undefined
    try {
      const outcome = record ? editAdvice(store, study, record.id, inputOf(values), writeOptions(c, form)) : addAdvice(store, study, inputOf(values), writeOptions(c, form))
      c.var.session.notice = savedNotice('advice', outcome)
      return c.redirect(`${ADVICE}/${outcome.record.id}`, 303)
    } catch (error) {
      return c.html(adviceFormPage(store, context(c), {editOf: record, problems: refusal(error, ADVICE_FIELD_OF), values}), 400)
    }
  }

  app.get(ADVICE, (c) => {
    const {flash, notice} = takeMessages(c)
    return c.html(advicePage(store, context(c), c.req.query() as AdviceQuery, flash, notice))
  })
  app.get(`${ADVICE}/nieuw`, (c) => {
    const finding = c.req.query('bevinding')
    const values = {...EMPTY_ADVICE, bevindingen: finding && store.findings.get(finding) ? [finding] : []}
    return c.html(adviceFormPage(store, context(c), {values}))
  })
  app.post(`${ADVICE}/nieuw`, (c) => submit(c))
  app.get(`${ADVICE}/:id`, (c) => {
    const {flash, notice} = takeMessages(c)
    return c.html(adviceShowPage(store, context(c), c.req.param('id'), versionParam(c.req.query('versie')), flash, notice))
  })
  app.get(`${ADVICE}/:id/bewerken`, (c) => {
    // Advice in the trash is restored first, as advice edit asks, so its history says so.
    const record = requireEditable(store, 'advice', c.req.param('id'))
    return c.html(adviceFormPage(store, context(c), {editOf: record, values: valuesOfAdvice(record)}))
  })
  app.post(`${ADVICE}/:id/bewerken`, (c) => submit(c, c.req.param('id')))
  app.get(`${ADVICE}/:id/geschiedenis`, (c) => c.html(adviceHistoryPage(store, context(c), c.req.param('id'))))
  registerTrashRoutes(app, store, 'advice', ADVICE)
}

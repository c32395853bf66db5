import type {Context, Hono} from 'hono'

import {addReflection, editReflection, type ReflectionInput, reflectionRoles} from '../../material/reflections.js'
import {VERDICTS} from '../../model/material.js'
import {requireRecord} from '../../records/registry.js'
import {requireEditable} from '../../records/trash.js'
import type {Store} from '../../store/store.js'
import type {Study} from '../../study/load.js'
import type {PageContext} from '../layout.js'
import {
  emptyReflectionValues,
  REFLECTION_FIELD_OF,
  type ReflectionFormValues,
  reflectionFormPage,
  reflectionHistoryPage,
  reflectionPage,
  REFLECTIONS,
  type ReflectionsQuery,
  reflectionsPage,
  valuesOfReflection,
  VERDICT_FIELDS,
} from '../pages/reflections.js'
import type {Session} from '../security.js'
import {formList, formText, refusal, registerTrashRoutes, savedNotice, takeMessages, versionParam, writeOptions} from './material-parts.js'

type Env = {Variables: {session: Session}}

function valuesOf(study: Study, form: Record<string, unknown>): ReflectionFormValues {
  const ticked = new Set(formList(form.rol))
  const roles = [...new Set([...reflectionRoles(study).map((r) => r.id), ...ticked])]
  return {
    datum: formText(form.datum).trim(),
    deelnemers: formText(form.deelnemers),
    halteplaats: formText(form.halteplaats),
    rollen: Object.fromEntries(roles.map((role) => [role, {aantal: formText(form[`aantal-${role}`]).trim(), aanwezig: ticked.has(role)}])),
    uitkomst: Object.fromEntries(VERDICTS.map((v) => [v, {bevindingen: formList(form[`${VERDICT_FIELDS[v]}-bevindingen`]), tekst: formText(form[VERDICT_FIELDS[v]])}])) as ReflectionFormValues['uitkomst'],
  }
}

/**
 * The form as reflect add and reflect edit take their options: a role ticked or given a number is
 * there ("bewoners:4", or "bewoners" uncounted); every field is given, so an edit replaces all.
 */
function inputOf(study: Study, values: ReflectionFormValues): ReflectionInput {
  const participants = reflectionRoles(study).length === 0
    ? values.deelnemers.split(',').map((p) => p.trim()).filter(Boolean)
    : Object.entries(values.rollen).filter(([, r]) => r.aanwezig || r.aantal !== '').map(([role, r]) => (r.aantal === '' ? role : `${role}:${r.aantal}`))
  return {
    added: values.uitkomst.added.tekst,
    addedFindings: values.uitkomst.added.bevindingen,
    confirmed: values.uitkomst.confirmed.tekst,
    confirmedFindings: values.uitkomst.confirmed.bevindingen,
    date: values.datum,
    halteplaats: values.halteplaats,
    nuanced: values.uitkomst.nuanced.tekst,
    nuancedFindings: values.uitkomst.nuanced.bevindingen,
    participants,
  }
}

/** Reflectiegesprekken: list, one meeting, new, edit, trash, restore and history, through the same core as `karavaan reflect`. */
export function registerReflectionRoutes(app: Hono<Env>, options: {store: Store; study: Study}, context: (c: Context<Env>) => PageContext): void {
  const {store, study} = options

  const submit = async (c: Context<Env>, editOf?: string) => {
    const form = await c.req.parseBody({all: true})
    const values = valuesOf(study, form)
    const record = editOf ? requireRecord(store, 'reflection', editOf) : undefined
    try {
      const input = inputOf(study, values)
      const outcome = record ? editReflection(store, study, record.id, input, writeOptions(c, form)) : addReflection(store, study, input, writeOptions(c, form))
      c.var.session.notice = savedNotice('reflection', outcome)
      return c.redirect(`${REFLECTIONS}/${outcome.record.id}`, 303)
    } catch (error) {
      return c.html(reflectionFormPage(store, context(c), {editOf: record, problems: refusal(error, REFLECTION_FIELD_OF), values}), 400)
    }
  }

  app.get(REFLECTIONS, (c) => {
    const {flash, notice} = takeMessages(c)
    return c.html(reflectionsPage(store, context(c), c.req.query() as ReflectionsQuery, flash, notice))
  })
  app.get(`${REFLECTIONS}/nieuw`, (c) => {
    const values = emptyReflectionValues(new Date().toISOString().slice(0, 10))
    const place = c.req.query('halteplaats')
    if (place && study.halteplaatsen.some((h) => h.id === place)) values.halteplaats = place
    return c.html(reflectionFormPage(store, context(c), {values}))
  })
  app.post(`${REFLECTIONS}/nieuw`, (c) => submit(c))
  app.get(`${REFLECTIONS}/:id`, (c) => {
    const {flash, notice} = takeMessages(c)
    return c.html(reflectionPage(store, context(c), c.req.param('id'), versionParam(c.req.query('versie')), flash, notice))
  })
  app.get(`${REFLECTIONS}/:id/bewerken`, (c) => {
    // A meeting in the trash is restored first, as reflect edit asks, so its history says so.
    const record = requireEditable(store, 'reflection', c.req.param('id'))
    return c.html(reflectionFormPage(store, context(c), {editOf: record, values: valuesOfReflection(record)}))
  })
  app.post(`${REFLECTIONS}/:id/bewerken`, (c) => submit(c, c.req.param('id')))
  app.get(`${REFLECTIONS}/:id/geschiedenis`, (c) => c.html(reflectionHistoryPage(store, context(c), c.req.param('id'))))
  registerTrashRoutes(app, store, 'reflection', REFLECTIONS)
}

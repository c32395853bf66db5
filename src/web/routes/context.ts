import type {Context, Hono} from 'hono'

import {checkFigure, saveFigures} from '../../context/figures.js'
import {UserError} from '../../errors.js'
import {applyPlan, checkPlanRequest, planOverview} from '../../fieldwork/plan.js'
import {formatDate} from '../../parse/date.js'
import type {Store} from '../../store/store.js'
import type {Study} from '../../study/load.js'
import {halteplaatsName} from '../../study/lookup.js'
import {formatNumber} from '../../ui/table.js'
import type {PageContext} from '../layout.js'
import {contextPage, fieldsOfProblems, type FigureFormValues, planPage, type PlanFormValues, valuesOfFigure} from '../pages/context.js'
import type {Session} from '../security.js'

type Env = {Variables: {session: Session}}

const text = (value: unknown) => (typeof value === 'string' ? value : '')

function takeNotice(c: Context<Env>): null | string {
  const {notice} = c.var.session
  c.var.session.notice = null
  return notice
}

/**
 * Context en planning: the same core as `context add` and `plan set`, so the same checks, the
 * same versions and the same Dutch messages. A save that does not hold shows the form again with
 * what was typed and what to put right (400), and stores nothing.
 */
export function registerContextRoutes(app: Hono<Env>, options: {store: Store; study: Study}, context: (c: Context<Env>) => PageContext): void {
  const {store, study} = options
  const emptyFigure = (): FigureFormValues => ({bron: '', eenheid: '', halteplaats: study.halteplaatsen[0]?.id ?? '', indicator: '', jaar: '', waarde: ''})

  app.get('/context', (c) => {
    const editing = c.req.query('bewerk')
    const figure = editing ? store.context.get(editing) : undefined
    const values = figure ? valuesOfFigure(figure) : emptyFigure()
    return c.html(contextPage(context(c), {figures: store.context.list(), notice: takeNotice(c), values}))
  })

  app.post('/context', async (c) => {
    const form = await c.req.parseBody()
    const values: FigureFormValues = {bron: text(form.bron), eenheid: text(form.eenheid), halteplaats: text(form.halteplaats), indicator: text(form.indicator), jaar: text(form.jaar), waarde: text(form.waarde)}
    const {figure, problems} = checkFigure(study, {halteplaats: values.halteplaats, indicator: values.indicator, source: values.bron, unit: values.eenheid, value: values.waarde, year: values.jaar})
    if (!figure) return c.html(contextPage(context(c), {errors: fieldsOfProblems(problems), figures: store.context.list(), notice: null, values}), 400)
    let result
    try {
      result = saveFigures(store, [figure], c.var.session.who ?? undefined)
    } catch (error) {
      if (!(error instanceof UserError)) throw error
      return c.html(contextPage(context(c), {errors: {indicator: [error.message]}, figures: store.context.list(), notice: null, values}), 400)
    }

    const [saved] = [...result.added, ...result.updated, ...result.unchanged]
    const verb = result.added.length > 0 ? 'Vastgelegd' : result.updated.length > 0 ? 'Bijgewerkt (de vorige waarde is bewaard)' : 'Al bekend, niets veranderd'
    c.var.session.notice = `${verb}: ${saved.indicator} in ${halteplaatsName(study, saved.halteplaats)} (${saved.year}) = ${`${formatNumber(saved.value)} ${saved.unit}`.trimEnd()} · bron: ${saved.source}`
    return c.redirect('/context', 303)
  })

  const warnings = new WeakMap<Session, string[]>()

  app.get('/context/planning', (c) => {
    const halteplaats = c.req.query('halteplaats') ?? study.halteplaatsen[0]?.id ?? ''
    const onderwerp = c.req.query('onderwerp') ?? study.methodDefinition.groups[0]?.id ?? ''
    const id = c.req.query('id') ?? ''
    const rows = planOverview(store, study)
    // The row chosen with "Wijzig" fills the form with its date and status.
    const row = rows.find((r) => r.halteplaats === halteplaats && (id ? r.id === id : r.group === onderwerp))
    const values: PlanFormValues = {datum: row?.date ?? '', halteplaats, id: row?.activity ? row.id ?? '' : '', onderwerp, status: row && row.state !== 'niet gepland' ? row.state : 'gepland'}
    const said = warnings.get(c.var.session) ?? []
    warnings.delete(c.var.session)
    return c.html(planPage(context(c), {notice: takeNotice(c), rows, values, warnings: said}))
  })

  app.post('/context/planning', async (c) => {
    const form = await c.req.parseBody()
    const values: PlanFormValues = {datum: text(form.datum).trim(), halteplaats: text(form.halteplaats), id: text(form.id), onderwerp: text(form.onderwerp), status: text(form.status)}
    const isActivity = study.methodDefinition.activities.some((a) => a.id === values.onderwerp)
    try {
      const request = checkPlanRequest(study, {
        activity: isActivity ? values.onderwerp : undefined,
        date: values.datum,
        group: isActivity ? undefined : values.onderwerp || undefined,
        halteplaats: values.halteplaats,
        id: values.id || undefined,
        state: values.status,
      })
      const outcome = store.transaction(() => applyPlan(store, study, request, c.var.session.who ?? undefined))
      const method = study.methodDefinition
      const what = outcome.item.group
        ? `gesprek met ${method.groups.find((g) => g.id === outcome.item.group)?.short ?? outcome.item.group}`
        : `observatie ${method.activities.find((a) => a.id === outcome.item.activity)?.name.toLowerCase() ?? outcome.item.activity}`
      const verb = outcome.change === 'nieuw' ? (outcome.item.state === 'gepland' ? 'Gepland' : 'Vastgelegd') : outcome.change === 'bijgewerkt' ? 'Bijgewerkt' : 'Ongewijzigd'
      c.var.session.notice = `${verb}: ${what} in ${halteplaatsName(study, outcome.item.halteplaats)}, ${formatDate(outcome.item.date)}, ${outcome.item.state}.`
      if (outcome.warnings.length > 0) warnings.set(c.var.session, outcome.warnings)
      return c.redirect('/context/planning', 303)
    } catch (error) {
      if (!(error instanceof UserError)) throw error
      const problem = [error.message, error.hint].filter(Boolean).join(' ')
      return c.html(planPage(context(c), {notice: null, problem, rows: planOverview(store, study), values}), 400)
    }
  })
}

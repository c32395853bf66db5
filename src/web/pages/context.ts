import {html, raw} from 'hono/html'

import type {PlanRow} from '../../fieldwork/plan.js'
import type {ContextFigure} from '../../model/context.js'
import {PLAN_STATES} from '../../model/plan.js'
import {formatDate} from '../../parse/date.js'
import {formatNumber} from '../../ui/table.js'
import {csrfField, type Html, page, type PageContext} from '../layout.js'

/** The figure form as the browser sent it: nothing here is checked yet. */
export interface FigureFormValues {
  bron: string
  eenheid: string
  halteplaats: string
  indicator: string
  jaar: string
  waarde: string
}

export type FigureField = keyof FigureFormValues

/** The plan form as the browser sent it. */
export interface PlanFormValues {
  datum: string
  halteplaats: string
  /** The id of an observation being changed; a conversation is known by halteplaats and group. */
  id: string
  /** A group id or an activity id. */
  onderwerp: string
  status: string
}

const FIGURE_LABELS: Readonly<Record<FigureField, string>> = {
  bron: 'Bron',
  eenheid: 'Eenheid',
  halteplaats: 'Halteplaats',
  indicator: 'Indicator',
  jaar: 'Jaar',
  waarde: 'Waarde',
}

/** Which field a problem of checkFigure is about: each problem names its field in words. */
const PROBLEM_FIELDS: ReadonlyArray<[RegExp, FigureField]> = [
  [/halteplaats/, 'halteplaats'],
  [/^indicator/, 'indicator'],
  [/^bron/, 'bron'],
  [/^waarde/, 'waarde'],
  [/^jaar/, 'jaar'],
]

export function fieldsOfProblems(problems: string[]): Partial<Record<FigureField, string[]>> {
  const fields: Partial<Record<FigureField, string[]>> = {}
  for (const problem of problems) {
    const field = PROBLEM_FIELDS.find(([pattern]) => pattern.test(problem))?.[1] ?? 'indicator'
    fields[field] = [...(fields[field] ?? []), `${problem[0].toUpperCase()}${problem.slice(1)}.`]
  }

  return fields
}

function notices(notice: null | string, warnings: string[] = []): Html {
  return html`${notice ? html`<div class="utrecht-alert utrecht-alert--ok" role="status"><p class="utrecht-paragraph">${notice}</p></div>` : ''}
${warnings.length > 0 ? html`<div class="utrecht-alert utrecht-alert--warning" role="status">${warnings.map((w) => html`<p class="utrecht-paragraph">Let op: ${w}</p>`)}</div>` : ''}`
}

function choices(current: string, list: Array<{label: string; value: string}>): Html {
  return html`${list.map((c) => html`<option value="${c.value}"${c.value === current ? raw(' selected') : ''}>${c.label}</option>`)}`
}

function subNav(context: PageContext): Html {
  const link = (href: string, label: string) => html`<li><a class="utrecht-link" href="${href}"${context.path === href ? raw(' aria-current="page"') : ''}>${label}</a></li>`
  return html`<nav aria-label="Context en planning"><ul class="werkplek-menu werkplek-submenu">${link('/context', 'Contextcijfers')}${link('/context/planning', 'Planning')}</ul></nav>`
}

function figureField(name: FigureField, errors: Partial<Record<FigureField, string[]>>, control: (attributes: Html) => Html, description?: string): Html {
  const own = errors[name] ?? []
  const described = [description ? `${name}-uitleg` : '', own.length > 0 ? `${name}-fout` : ''].filter(Boolean).join(' ')
  const attributes = html`id="cijfer-${name}" name="${name}"${described ? html` aria-describedby="${described}"` : ''}${own.length > 0 ? raw(' aria-invalid="true"') : ''}`
  return html`<div class="utrecht-form-field${own.length > 0 ? ' utrecht-form-field--invalid' : ''}">
<label class="utrecht-form-label" for="cijfer-${name}">${FIGURE_LABELS[name]}</label>
${description ? html`<p class="utrecht-form-field-description" id="${name}-uitleg">${description}</p>` : ''}
${own.length > 0 ? html`<p class="utrecht-form-field-error-message" id="${name}-fout">${own.join(' ')}</p>` : ''}
${control(attributes)}
</div>`
}

export function valuesOfFigure(figure: ContextFigure): FigureFormValues {
  return {bron: figure.source, eenheid: figure.unit, halteplaats: figure.halteplaats, indicator: figure.indicator, jaar: String(figure.year), waarde: formatNumber(figure.value)}
}

/** Contextcijfers: per halteplaats the figures as context list shows them, and the form of context add. */
export function contextPage(context: PageContext, view: {errors?: Partial<Record<FigureField, string[]>>; figures: ContextFigure[]; notice: null | string; values: FigureFormValues}): Html {
  const {study} = context
  const errors = view.errors ?? {}
  const invalid = Object.keys(errors).length > 0
  const text = (attributes: Html, value: string, extra = '') => html`<input class="utrecht-textbox utrecht-textbox--html-input" type="text" ${attributes} value="${value}"${raw(extra)}>`
  return page(context, 'Context en planning', html`
${subNav(context)}
${notices(view.notice)}
<p class="utrecht-paragraph">De onderzoeks- en beleidscijfers per halteplaats, waar de verhalen uit de gesprekken aan worden getoetst; dezelfde als <code>karavaan context list</code>. Een cijfer hoort bij een halteplaats, een indicator en een jaar: leg je hetzelfde cijfer opnieuw vast met een andere waarde, dan wordt het bijgewerkt en blijft de vorige waarde bewaard.</p>
${view.figures.length === 0 ? html`<p class="utrecht-paragraph">Nog geen contextcijfers. Leg hieronder het eerste vast, of lees een bestand in met <code>karavaan context import BESTAND.csv</code>.</p>` : ''}
${study.halteplaatsen.map((h) => {
    const rows = view.figures.filter((f) => f.halteplaats === h.id)
    if (rows.length === 0) return ''
    return html`<section aria-labelledby="cijfers-${h.id}">
<h2 class="utrecht-heading-2" id="cijfers-${h.id}">${h.name} (${h.gemeente}, ${h.type})</h2>
<div class="werkplek-tabel"><table class="utrecht-table">
<caption class="utrecht-table__caption">Contextcijfers van ${h.name}</caption>
<thead class="utrecht-table__header"><tr class="utrecht-table__row"><th class="utrecht-table__header-cell" scope="col">Indicator</th><th class="utrecht-table__header-cell utrecht-table__header-cell--numeric" scope="col">Waarde</th><th class="utrecht-table__header-cell" scope="col">Eenheid</th><th class="utrecht-table__header-cell" scope="col">Jaar</th><th class="utrecht-table__header-cell" scope="col">Bron</th><th class="utrecht-table__header-cell" scope="col">Versie</th><th class="utrecht-table__header-cell" scope="col"><span class="werkplek-verborgen">Actie</span></th></tr></thead>
<tbody class="utrecht-table__body">${rows.map((f) => html`<tr class="utrecht-table__row">
<td class="utrecht-table__cell">${f.indicator}</td><td class="utrecht-table__cell utrecht-table__cell--numeric">${formatNumber(f.value)}</td><td class="utrecht-table__cell">${f.unit}</td><td class="utrecht-table__cell">${f.year}</td><td class="utrecht-table__cell">${f.source}</td><td class="utrecht-table__cell">${f.version}</td>
<td class="utrecht-table__cell"><a class="utrecht-link" href="/context?bewerk=${f.id}#cijferformulier">Wijzig<span class="werkplek-verborgen"> ${f.indicator} ${f.year}</span></a></td>
</tr>`)}</tbody></table></div>
</section>`
  })}
<section aria-labelledby="cijferkop">
<h2 class="utrecht-heading-2" id="cijferkop">Een cijfer vastleggen of bijwerken</h2>
${invalid ? html`<div class="utrecht-alert utrecht-alert--error" role="alert"><p class="utrecht-paragraph">Het cijfer is niet opgeslagen. Verbeter wat bij de velden staat en probeer het opnieuw.</p></div>` : ''}
<form class="utrecht-form" method="post" action="/context" id="cijferformulier">
${csrfField(context)}
<div class="werkplek-velden">
${figureField('halteplaats', errors, (a) => html`<select class="utrecht-select utrecht-select--html-select" ${a}>${choices(view.values.halteplaats, study.halteplaatsen.map((h) => ({label: h.name, value: h.id})))}</select>`)}
${figureField('indicator', errors, (a) => text(a, view.values.indicator), 'Wat het cijfer meet, bijvoorbeeld: Opkomst gemeenteraadsverkiezingen.')}
${figureField('waarde', errors, (a) => text(a, view.values.waarde, ' inputmode="decimal"'), 'Een getal, met komma of punt: 12,5 of 12.5.')}
${figureField('eenheid', errors, (a) => text(a, view.values.eenheid), 'Bijvoorbeeld %, inwoners, km of rapportcijfer; mag leeg.')}
${figureField('jaar', errors, (a) => text(a, view.values.jaar, ' inputmode="numeric"'), 'Het jaar waarop het cijfer slaat, zoals 2024.')}
${figureField('bron', errors, (a) => text(a, view.values.bron), 'Waar het cijfer vandaan komt, bijvoorbeeld: CBS Kerncijfers wijken en buurten.')}
</div>
<button class="utrecht-button utrecht-button--primary-action" type="submit">Cijfer opslaan</button>
</form>
</section>`)
}

function planLabel(context: PageContext, row: {activity: null | string; group: null | string}): string {
  const method = context.study.methodDefinition
  return row.group ? method.groups.find((g) => g.id === row.group)?.name ?? row.group : `Observatie: ${method.activities.find((a) => a.id === row.activity)?.name.toLowerCase() ?? row.activity}`
}

function editLink(row: PlanRow): string {
  const query = new URLSearchParams({halteplaats: row.halteplaats, onderwerp: row.group ?? row.activity ?? ''})
  if (row.activity && row.id) query.set('id', row.id)
  return `/context/planning?${query.toString()}#planformulier`
}

/** Planning: every conversation of the 4 × 8 and the observations, as karavaan plan shows them, and the form of plan set. */
export function planPage(context: PageContext, view: {notice: null | string; problem?: string; rows: PlanRow[]; values: PlanFormValues; warnings?: string[]}): Html {
  const {study} = context
  const method = study.methodDefinition
  const described = view.problem ? raw(' aria-describedby="planfout"') : ''
  return page(context, 'Context en planning', html`
${subNav(context)}
${notices(view.notice, view.warnings)}
<p class="utrecht-paragraph">De planning van het veldwerk, dezelfde als <code>karavaan plan</code>: elk gesprek (elke groep in elke halteplaats) en de observaties, met datum en status. Een wijziging maakt een nieuwe versie; de vorige datum en status blijven bewaard.</p>
${study.halteplaatsen.map((h) => html`<section aria-labelledby="plan-${h.id}">
<h2 class="utrecht-heading-2" id="plan-${h.id}">${h.name} (${h.gemeente})</h2>
<div class="werkplek-tabel"><table class="utrecht-table">
<caption class="utrecht-table__caption">Gesprekken en observaties in ${h.name}</caption>
<thead class="utrecht-table__header"><tr class="utrecht-table__row"><th class="utrecht-table__header-cell" scope="col">Gesprek of observatie</th><th class="utrecht-table__header-cell" scope="col">Datum</th><th class="utrecht-table__header-cell" scope="col">Status</th><th class="utrecht-table__header-cell" scope="col"><span class="werkplek-verborgen">Actie</span></th></tr></thead>
<tbody class="utrecht-table__body">${view.rows.filter((r) => r.halteplaats === h.id).map((r) => html`<tr class="utrecht-table__row">
<th class="utrecht-table__header-cell" scope="row">${planLabel(context, r)}</th><td class="utrecht-table__cell">${r.date ? formatDate(r.date) : ''}</td><td class="utrecht-table__cell werkplek-status--${r.state.replaceAll(' ', '-')}">${r.state}</td>
<td class="utrecht-table__cell"><a class="utrecht-link" href="${editLink(r)}">${r.state === 'niet gepland' ? 'Plan' : 'Wijzig'}<span class="werkplek-verborgen"> ${planLabel(context, r)} in ${h.name}</span></a></td>
</tr>`)}</tbody></table></div>
</section>`)}
<section aria-labelledby="plankop">
<h2 class="utrecht-heading-2" id="plankop">Een gesprek of observatie plannen of bijwerken</h2>
${view.problem ? html`<div class="utrecht-alert utrecht-alert--error" role="alert" id="planfout"><p class="utrecht-paragraph">Er is niets opgeslagen: ${view.problem}</p></div>` : ''}
<form class="utrecht-form" method="post" action="/context/planning" id="planformulier">
${csrfField(context)}${view.values.id ? html`<input type="hidden" name="id" value="${view.values.id}">` : ''}
<p class="utrecht-paragraph werkplek-klein">Een gesprek is het gesprek met één groep in één halteplaats. Een observatie kan vaker voorkomen: een nieuwe datum is een nieuwe observatie, tenzij je hem via „Wijzig" in de tabel kiest.</p>
<div class="werkplek-velden">
<div class="utrecht-form-field"><label class="utrecht-form-label" for="plan-halteplaats">Halteplaats</label>
<select class="utrecht-select utrecht-select--html-select" id="plan-halteplaats" name="halteplaats"${described}>${choices(view.values.halteplaats, study.halteplaatsen.map((h) => ({label: h.name, value: h.id})))}</select></div>
<div class="utrecht-form-field"><label class="utrecht-form-label" for="plan-onderwerp">Groep of observatie</label>
<select class="utrecht-select utrecht-select--html-select" id="plan-onderwerp" name="onderwerp"${described}>
<optgroup label="Gesprek met een groep">${choices(view.values.onderwerp, method.groups.map((g) => ({label: `${g.number}. ${g.short}`, value: g.id})))}</optgroup>
<optgroup label="Observatie">${choices(view.values.onderwerp, method.activities.map((a) => ({label: a.name, value: a.id})))}</optgroup>
</select></div>
<div class="utrecht-form-field"><label class="utrecht-form-label" for="plan-datum">Datum</label>
<input class="utrecht-textbox utrecht-textbox--html-input" type="date" id="plan-datum" name="datum" value="${view.values.datum}"${described}></div>
<div class="utrecht-form-field"><label class="utrecht-form-label" for="plan-status">Status</label>
<select class="utrecht-select utrecht-select--html-select" id="plan-status" name="status"${described}>${choices(view.values.status, PLAN_STATES.map((s) => ({label: s, value: s})))}</select></div>
</div>
<button class="utrecht-button utrecht-button--primary-action" type="submit">Planning opslaan</button>
</form>
</section>`)
}

import {html} from 'hono/html'

import {UserError} from '../../errors.js'
import {HISTORY_CONTENT, HISTORY_TITLES, recordAtVersion, versionsOf} from '../../material/kinds.js'
import {listReflections} from '../../material/read-model.js'
import {reflectionRoles} from '../../material/reflections.js'
import {type Reflection, VERDICT_LABELS, VERDICTS, type Verdict} from '../../model/material.js'
import {formatDate} from '../../parse/date.js'
import {shortId} from '../../records/ids.js'
import {requireRecord} from '../../records/registry.js'
import type {Store} from '../../store/store.js'
import {halteplaatsName, requireHalteplaats} from '../../study/lookup.js'
import {participantsText} from '../../ui/material-view.js'
import {csrfField, type Html, page, type PageContext} from '../layout.js'
import {checkboxGroup, type FormProblems, historyList, listViews, notices, personalDataAlert, problemsAlert, recordActions, recordState, selectField, textArea, textField} from './material-parts.js'

export const REFLECTIONS = '/reflectiegesprekken'

/** The list's query in the address bar; every key is optional. */
export interface ReflectionsQuery {
  halteplaats?: string
  prullenbak?: string
}

/** What the form holds, as the browser sent it: nothing here is checked yet. */
export interface ReflectionFormValues {
  datum: string
  /** Only for a method without reflection roles: "bewoners:4, ambtenaren" as typed. */
  deelnemers: string
  halteplaats: string
  /** Per verdict what the meeting said and the findings it concerns. */
  uitkomst: Record<Verdict, {bevindingen: string[]; tekst: string}>
  /** Per role id of the method: ticked, and the number as typed. */
  rollen: Record<string, {aantal: string; aanwezig: boolean}>
}

/** The form's names for the verdicts, as the CLI's messages name them. */
export const VERDICT_FIELDS: Readonly<Record<Verdict, string>> = {added: 'aangevuld', confirmed: 'bevestigd', nuanced: 'genuanceerd'}

const QUESTIONS: Readonly<Record<Verdict, {findings: string; text: string}>> = {
  added: {findings: 'Bevindingen die het gesprek aanvulde', text: 'Wat vulde het gesprek aan?'},
  confirmed: {findings: 'Bevindingen die het gesprek bevestigde', text: 'Wat bevestigde het gesprek?'},
  nuanced: {findings: 'Bevindingen die het gesprek nuanceerde', text: 'Wat nuanceerde of stelde het gesprek bij?'},
}

/** The form's field ids by the core's field names in its messages ("bevestigd (bevinding)": …). */
export const REFLECTION_FIELD_OF: Readonly<Record<string, string>> = {
  datum: 'datum',
  deelnemers: 'deelnemers',
  halteplaats: 'halteplaats',
  uitkomst: 'bevestigd',
  ...Object.fromEntries(VERDICTS.flatMap((v) => [[VERDICT_FIELDS[v], VERDICT_FIELDS[v]], [`${VERDICT_FIELDS[v]} (bevinding)`, `${VERDICT_FIELDS[v]}-bevindingen`]])),
}

const LABELS: Readonly<Record<string, string>> = {
  datum: 'Datum',
  deelnemers: 'Deelnemers naar rol',
  halteplaats: 'Halteplaats',
  ...Object.fromEntries(VERDICTS.flatMap((v) => [[VERDICT_FIELDS[v], QUESTIONS[v].text], [`${VERDICT_FIELDS[v]}-bevindingen`, QUESTIONS[v].findings]])),
}

const capital = (text: string) => `${text[0].toUpperCase()}${text.slice(1)}`

export function valuesOfReflection(r: Reflection): ReflectionFormValues {
  return {
    datum: r.date,
    deelnemers: r.participants.map((p) => (p.count === null ? p.role : `${p.role}:${p.count}`)).join(', '),
    halteplaats: r.halteplaats,
    rollen: Object.fromEntries(r.participants.map((p) => [p.role, {aantal: p.count === null ? '' : String(p.count), aanwezig: true}])),
    uitkomst: Object.fromEntries(VERDICTS.map((v) => [v, {bevindingen: r[v].findings, tekst: r[v].text}])) as ReflectionFormValues['uitkomst'],
  }
}

export function emptyReflectionValues(today: string): ReflectionFormValues {
  return {datum: today, deelnemers: '', halteplaats: '', rollen: {}, uitkomst: {added: {bevindingen: [], tekst: ''}, confirmed: {bevindingen: [], tekst: ''}, nuanced: {bevindingen: [], tekst: ''}}}
}

/** "3 bevestigd, 1 genuanceerd, 0 aangevuld": how many findings each outcome concerns, as reflect list shows it. */
function outcomeCounts(r: Reflection): string {
  return VERDICTS.map((v) => `${r[v].findings.length} ${VERDICT_LABELS[v]}`).join(', ')
}

/**
 * Reflectiegesprekken: per halteplaats its meetings (or that it has none yet), as `reflect list`,
 * with the trash as `--deleted`. The filter lives in the address, so it can be bookmarked.
 */
export function reflectionsPage(store: Store, context: PageContext, query: ReflectionsQuery, flash: null | string = null, notice: null | string = null): Html {
  const {study} = context
  const deleted = query.prullenbak === 'ja'
  let problem: null | string = null
  let halteplaats: string | undefined
  try {
    halteplaats = query.halteplaats ? requireHalteplaats(study, query.halteplaats) : undefined
  } catch (error) {
    if (!(error instanceof UserError)) throw error
    problem = `${error.message} ${error.hint ?? ''}`.trim()
  }

  const reflections = problem ? [] : listReflections(store, {deleted, halteplaats})
  const places = study.halteplaatsen.filter((h) => (!halteplaats || h.id === halteplaats) && (!deleted || reflections.some((r) => r.halteplaats === h.id)))
  const missing = deleted ? [] : places.filter((h) => !reflections.some((r) => r.halteplaats === h.id))
  const summary = deleted
    ? reflections.length === 0 ? 'De prullenbak is leeg.' : `${reflections.length === 1 ? '1 reflectiegesprek' : `${reflections.length} reflectiegesprekken`} in de prullenbak.`
    : `${reflections.length === 1 ? '1 reflectiegesprek' : `${reflections.length} reflectiegesprekken`}.${missing.length > 0 ? ` Nog zonder reflectiegesprek: ${missing.map((h) => h.name).join(', ')}.` : ''}`

  return page(context, deleted ? 'Reflectiegesprekken in de prullenbak' : 'Reflectiegesprekken', html`
${notices(flash, notice)}
<p class="utrecht-paragraph">Per halteplaats het gesprek waarin vertegenwoordigers van de groepen en betrokkenen het beeld van de Karavaan toetsen: wie er waren (naar rol, nooit met namen) en wat het gesprek bevestigde, nuanceerde en aanvulde. Dezelfde gesprekken als <code>karavaan reflect list</code>.</p>
<p class="utrecht-paragraph"><a class="utrecht-link" href="${REFLECTIONS}/nieuw">Nieuw reflectiegesprek vastleggen</a></p>
${listViews(REFLECTIONS, deleted, {halteplaats: query.halteplaats}, 'reflectiegesprekken')}
<form class="utrecht-form werkplek-filters" method="get" action="${REFLECTIONS}" aria-label="Reflectiegesprekken filteren">
${deleted ? html`<input type="hidden" name="prullenbak" value="ja">` : ''}
${selectField({current: halteplaats ?? '', empty: 'alle', label: 'Halteplaats', name: 'halteplaats'}, study.halteplaatsen.map((h) => ({label: h.name, value: h.id})))}
<div class="werkplek-knoppen"><button class="utrecht-button utrecht-button--primary-action" type="submit">Toon</button></div>
</form>
${problem ? html`<div class="utrecht-alert utrecht-alert--error" role="alert"><p class="utrecht-paragraph">${problem}</p></div>` : ''}
<p class="utrecht-paragraph" role="status">${summary}</p>
${places.map((place) => {
    const own = reflections.filter((r) => r.halteplaats === place.id)
    return html`<section aria-labelledby="plaats-${place.id}">
<h2 class="utrecht-heading-2" id="plaats-${place.id}">${place.name}</h2>
${own.length === 0 ? html`<p class="utrecht-paragraph">Nog geen reflectiegesprek in ${place.name}. <a class="utrecht-link" href="${REFLECTIONS}/nieuw?halteplaats=${place.id}">Leg het reflectiegesprek in ${place.name} vast</a></p>` : html`<div class="werkplek-tabel"><table class="utrecht-table">
<caption class="utrecht-table__caption">Reflectiegesprekken in ${place.name}, oudste eerst</caption>
<thead class="utrecht-table__header"><tr class="utrecht-table__row"><th class="utrecht-table__header-cell" scope="col">Datum</th><th class="utrecht-table__header-cell" scope="col">Deelnemers</th><th class="utrecht-table__header-cell" scope="col">Bevindingen</th><th class="utrecht-table__header-cell" scope="col">Id</th></tr></thead>
<tbody class="utrecht-table__body">${own.map((r) => html`<tr class="utrecht-table__row">
<td class="utrecht-table__cell"><a class="utrecht-link" href="${REFLECTIONS}/${r.id}">${formatDate(r.date)}</a></td>
<td class="utrecht-table__cell">${participantsText(study, r)}</td>
<td class="utrecht-table__cell">${outcomeCounts(r)}</td>
<td class="utrecht-table__cell">${shortId(r.id)}</td>
</tr>`)}</tbody></table></div>`}
</section>`
  })}`)
}

function findingLinks(store: Store, ids: string[]): Html {
  if (ids.length === 0) return html``
  return html`<ul class="utrecht-unordered-list">${ids.map((id) => {
    const finding = store.findings.get(id)
    return html`<li class="utrecht-unordered-list__item"><a class="utrecht-link" href="/bevindingen/${id}">${finding?.title ?? '(onbekende bevinding)'}</a> <span class="werkplek-klein">(bevinding ${shortId(id)}${finding?.deletedAt ? ', in de prullenbak' : ''})</span></li>`
  })}</ul>`
}

/** Eén reflectiegesprek, as `reflect show` (with ?versie=N as --version): who took part and what it confirmed, nuanced and added. */
export function reflectionPage(store: Store, context: PageContext, id: string, version: number | undefined, flash: null | string, notice: null | string): Html {
  const {study} = context
  const record = requireRecord(store, 'reflection', id)
  const shown = version === undefined ? record : recordAtVersion(store, 'reflection', record, version)
  const roles = reflectionRoles(study)
  const title = `Reflectiegesprek ${halteplaatsName(study, shown.halteplaats)}, ${formatDate(shown.date)}`
  return page(context, title, html`
${notices(flash, notice)}
${recordState(REFLECTIONS, record, shown, 'reflectiegesprek')}
${recordActions(context, REFLECTIONS, record, 'reflectiegesprek')}
<dl class="werkplek-kenmerken">
<div><dt>Halteplaats</dt><dd><a class="utrecht-link" href="${REFLECTIONS}?halteplaats=${shown.halteplaats}">${halteplaatsName(study, shown.halteplaats)}</a></dd></div>
<div><dt>Datum</dt><dd>${formatDate(shown.date)}</dd></div>
<div><dt>Id</dt><dd>${shortId(shown.id)}</dd></div>
</dl>
<section aria-labelledby="deelnemers">
<h2 class="utrecht-heading-2" id="deelnemers">Deelnemers</h2>
${shown.participants.length === 0 ? html`<p class="utrecht-paragraph">Niet vastgelegd.</p>` : html`<div class="werkplek-tabel"><table class="utrecht-table">
<caption class="utrecht-table__caption">Wie er waren, naar rol</caption>
<thead class="utrecht-table__header"><tr class="utrecht-table__row"><th class="utrecht-table__header-cell" scope="col">Rol</th><th class="utrecht-table__header-cell" scope="col">Aantal</th></tr></thead>
<tbody class="utrecht-table__body">${shown.participants.map((p) => html`<tr class="utrecht-table__row"><td class="utrecht-table__cell">${roles.find((r) => r.id === p.role)?.name ?? p.role}</td><td class="utrecht-table__cell">${p.count ?? 'niet geteld'}</td></tr>`)}</tbody>
</table></div>`}
</section>
${VERDICTS.map((v) => {
    const outcome = shown[v]
    return html`<section aria-labelledby="uitkomst-${v}">
<h2 class="utrecht-heading-2" id="uitkomst-${v}">${capital(VERDICT_LABELS[v])}</h2>
${outcome.text ? outcome.text.split(/\n{2,}/).map((p) => html`<p class="utrecht-paragraph">${p}</p>`) : outcome.findings.length === 0 ? html`<p class="utrecht-paragraph">Niets vastgelegd.</p>` : ''}
${outcome.findings.length > 0 ? html`<p class="utrecht-paragraph">Over de bevindingen:</p>${findingLinks(store, outcome.findings)}` : ''}
</section>`
  })}
<p class="utrecht-paragraph"><a class="utrecht-link" href="${REFLECTIONS}">Naar alle reflectiegesprekken</a></p>`)
}

export interface ReflectionForm {
  editOf?: Reflection
  problems?: FormProblems
  values: ReflectionFormValues
}

/** The participants: a box per role of the method with its number beside it, or one text field when the method has no roles. */
function participantsField(context: PageContext, values: ReflectionFormValues, errors: string[]): Html {
  const roles = reflectionRoles(context.study)
  if (roles.length === 0) {
    return textField({description: 'Naar rol en aantal, nooit met namen, gescheiden door komma’s: bewoners:4, ambtenaren:2.', errors, label: LABELS.deelnemers, name: 'deelnemers', value: values.deelnemers})
  }

  return html`<fieldset class="utrecht-form-fieldset${errors.length > 0 ? ' utrecht-form-fieldset--invalid' : ''}" id="veld-deelnemers" aria-describedby="deelnemers-uitleg${errors.length > 0 ? ' deelnemers-fout' : ''}">
<legend class="utrecht-form-fieldset__legend">${LABELS.deelnemers}</legend>
<p class="utrecht-form-field-description" id="deelnemers-uitleg">Vink de rollen aan die er waren en vul, als je het weet, in hoeveel. Nooit namen. De rollen komen uit de methode (karavaan method show).</p>
${errors.length > 0 ? html`<p class="utrecht-form-field-error-message" id="deelnemers-fout">${errors.join(' ')}</p>` : ''}
${roles.map((role) => {
    const current = values.rollen[role.id] ?? {aantal: '', aanwezig: false}
    return html`<div class="werkplek-velden">
<div class="utrecht-form-field utrecht-form-field--checkbox">
<input class="utrecht-checkbox utrecht-checkbox--html-input" type="checkbox" id="rol-${role.id}" name="rol" value="${role.id}"${current.aanwezig ? html` checked` : ''} aria-describedby="rol-${role.id}-uitleg">
<label class="utrecht-form-label utrecht-form-label--checkbox" for="rol-${role.id}">${role.name}</label>
<p class="utrecht-form-field-description werkplek-klein" id="rol-${role.id}-uitleg">${role.description}</p>
</div>
<div class="utrecht-form-field">
<label class="utrecht-form-label" for="aantal-${role.id}">Aantal ${role.name.toLowerCase()}</label>
<input class="utrecht-textbox utrecht-textbox--html-input werkplek-getal" type="number" min="1" max="1000" inputmode="numeric" id="aantal-${role.id}" name="aantal-${role.id}" value="${current.aantal}">
</div>
</div>`
  })}
</fieldset>`
}

/** Nieuw reflectiegesprek and bewerken: the fields of reflect add and reflect edit, chosen from the study and the method. */
export function reflectionFormPage(store: Store, context: PageContext, form: ReflectionForm): Html {
  const {study} = context
  const {problems, values} = form
  const errors = (name: string) => problems?.fields[name] ?? []
  const action = form.editOf ? `${REFLECTIONS}/${form.editOf.id}/bewerken` : `${REFLECTIONS}/nieuw`
  const title = form.editOf ? `Reflectiegesprek ${shortId(form.editOf.id)} bewerken` : 'Nieuw reflectiegesprek'
  const findings = store.findings.pickerRows(200).map((f) => ({hint: `bevinding ${shortId(f.id)}`, label: f.title, value: f.id}))
  return page(context, title, html`
${problemsAlert(problems, LABELS)}
${personalDataAlert(problems?.personalData, 'Het reflectiegesprek', 'reflectieformulier')}
<form class="utrecht-form" method="post" action="${action}" id="reflectieformulier" novalidate>
${csrfField(context)}
<div class="werkplek-velden">
${selectField({current: values.halteplaats, empty: 'kies een halteplaats', errors: errors('halteplaats'), label: LABELS.halteplaats, name: 'halteplaats'}, study.halteplaatsen.map((h) => ({label: h.name, value: h.id})))}
${textField({errors: errors('datum'), label: LABELS.datum, name: 'datum', type: 'date', value: values.datum})}
</div>
${participantsField(context, values, errors('deelnemers'))}
<p class="utrecht-paragraph">Schrijf op wat het gesprek bevestigde, nuanceerde of aanvulde: minstens één van de drie, met de bevindingen waar het over ging.</p>
${VERDICTS.map((v) => {
    const name = VERDICT_FIELDS[v]
    return html`<section aria-labelledby="kop-${name}">
<h2 class="utrecht-heading-2" id="kop-${name}">${capital(VERDICT_LABELS[v])}</h2>
${textArea({description: 'Zonder namen: beschrijf wie iets zei naar rol, zoals “een raadslid” of “de jongeren”.', errors: errors(name), label: QUESTIONS[v].text, name, value: values.uitkomst[v].tekst})}
${checkboxGroup({checked: values.uitkomst[v].bevindingen, empty: 'De studie heeft nog geen bevindingen.', errors: errors(`${name}-bevindingen`), label: QUESTIONS[v].findings, name: `${name}-bevindingen`}, findings)}
</section>`
  })}
<div class="werkplek-knoppen">
<button class="utrecht-button utrecht-button--primary-action" type="submit">${form.editOf ? 'Opslaan als nieuwe versie' : 'Opslaan'}</button>
<a class="utrecht-link" href="${form.editOf ? `${REFLECTIONS}/${form.editOf.id}` : REFLECTIONS}">Annuleren</a>
</div>
</form>`)
}

/** Alle versies, as `reflect history`. */
export function reflectionHistoryPage(store: Store, context: PageContext, id: string): Html {
  const {study} = context
  const record = requireRecord(store, 'reflection', id)
  const versions = versionsOf(store, 'reflection', record.id)
  return page(context, `Versies van reflectiegesprek ${shortId(record.id)}`, html`
<p class="utrecht-paragraph"><a class="utrecht-link" href="${REFLECTIONS}/${record.id}">Terug naar het reflectiegesprek</a></p>
${historyList(REFLECTIONS, versions, (data) => HISTORY_TITLES.reflection(data, study), (data) => HISTORY_CONTENT.reflection(data, study))}`)
}

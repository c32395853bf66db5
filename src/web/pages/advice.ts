import {html} from 'hono/html'

import {UserError} from '../../errors.js'
import type {Example} from '../../method/examples.js'
import {HISTORY_CONTENT, HISTORY_TITLES, recordAtVersion, versionsOf} from '../../material/kinds.js'
import {listAdvice} from '../../material/read-model.js'
import type {Advice} from '../../model/material.js'
import {shortId} from '../../records/ids.js'
import {requireRecord} from '../../records/registry.js'
import type {Store} from '../../store/store.js'
import {requireAudience} from '../../study/lookup.js'
import {csrfField, type Html, page, type PageContext} from '../layout.js'
import {type Choice, checkboxGroup, type FormProblems, historyList, listViews, notices, optionList, personalDataAlert, problemsAlert, recordActions, recordState, selectField, textArea, textField} from './material-parts.js'

export const ADVICE = '/adviezen'

/** The list's query in the address bar; every key is optional. */
export interface AdviceQuery {
  bevinding?: string
  doelgroep?: string
  prullenbak?: string
}

/** What the form holds, as the browser sent it: nothing here is checked yet. */
export interface AdviceFormValues {
  bevindingen: string[]
  doelgroep: string
  kader: string
  tekst: string
  titel: string
  voorbeelden: string[]
}

/** The form's field ids by the core's field names in its messages ("doelgroep: ontbreekt; …"). */
export const ADVICE_FIELD_OF: Readonly<Record<string, string>> = {bevinding: 'bevindingen', doelgroep: 'doelgroep', kader: 'kader', tekst: 'tekst', titel: 'titel', voorbeeld: 'voorbeelden'}

const LABELS: Readonly<Record<string, string>> = {
  bevindingen: 'Bevindingen waar het advies op antwoordt',
  doelgroep: 'Doelgroep',
  kader: 'Kader uit de methode',
  tekst: 'Tekst',
  titel: 'Titel',
  voorbeelden: 'Instrumenten en inspirerende voorbeelden',
}

/** How the method groups its frames, in the words of the seeds. */
const FRAME_KINDS: Readonly<Record<string, string>> = {
  handelingsperspectief: 'De vijf handelingsperspectieven',
  kader: 'Andere kaders',
  les: 'Lessen',
  participatie: 'Kunnen, willen en mogen meedoen',
  route: 'Drie routes naar een betrouwbare overheid',
}

export function valuesOfAdvice(a: Advice): AdviceFormValues {
  return {bevindingen: a.findings, doelgroep: a.audience, kader: a.frame ?? '', tekst: a.text, titel: a.title, voorbeelden: a.examples ?? []}
}

export const EMPTY_ADVICE: AdviceFormValues = {bevindingen: [], doelgroep: '', kader: '', tekst: '', titel: '', voorbeelden: []}

const audienceName = (context: PageContext, id: string) => context.study.methodDefinition.audiences.find((a) => a.id === id)?.name ?? id
const frameOf = (context: PageContext, id: null | string) => (id ? context.study.methodDefinition.frames.find((f) => f.id === id) : undefined)
const examples = (context: PageContext): Example[] => (context.study.methodDefinition.examples ?? []) as Example[]

/**
 * Adviezen: per doelgroep its advice, as `advice list`, filtered by doelgroep or by the finding
 * it answers, with the trash as `--deleted`.
 */
export function advicePage(store: Store, context: PageContext, query: AdviceQuery, flash: null | string = null, notice: null | string = null): Html {
  const {study} = context
  const method = study.methodDefinition
  const deleted = query.prullenbak === 'ja'
  let problem: null | string = null
  let audience: string | undefined
  let finding: string | undefined
  try {
    audience = query.doelgroep ? requireAudience(study, query.doelgroep, 'doelgroep') : undefined
    finding = query.bevinding ? requireRecord(store, 'finding', query.bevinding).id : undefined
  } catch (error) {
    if (!(error instanceof UserError)) throw error
    problem = error.message
  }

  const advice = problem ? [] : listAdvice(store, {audience, deleted, finding})
  const audiences = method.audiences.filter((a) => (!audience || a.id === audience) && advice.some((x) => x.audience === a.id))
  const findings = store.findings.pickerRows(120)
  const count = advice.length === 1 ? '1 advies' : `${advice.length} adviezen`
  const summary = deleted ? (advice.length === 0 ? 'De prullenbak is leeg.' : `${count} in de prullenbak.`) : advice.length === 0 ? 'Geen adviezen gevonden.' : `${count}.`

  return page(context, deleted ? 'Adviezen in de prullenbak' : 'Adviezen', html`
${notices(flash, notice)}
<p class="utrecht-paragraph">Elk advies is voor één doelgroep en antwoordt op bevindingen van de studie, eventueel met een kader uit de methode en instrumenten of inspirerende voorbeelden. Dezelfde adviezen als <code>karavaan advice list</code>.</p>
<p class="utrecht-paragraph"><a class="utrecht-link" href="${ADVICE}/nieuw">Nieuw advies vastleggen</a></p>
${listViews(ADVICE, deleted, {bevinding: query.bevinding, doelgroep: query.doelgroep}, 'adviezen')}
<form class="utrecht-form werkplek-filters" method="get" action="${ADVICE}" aria-label="Adviezen filteren">
${deleted ? html`<input type="hidden" name="prullenbak" value="ja">` : ''}
${selectField({current: audience ?? '', empty: 'alle', label: 'Doelgroep', name: 'doelgroep'}, method.audiences.map((a) => ({label: a.name, value: a.id})))}
${selectField({current: finding ?? '', empty: 'alle', label: 'Antwoordt op bevinding', name: 'bevinding'}, findings.map((f) => ({label: f.title, value: f.id})))}
<div class="werkplek-knoppen"><button class="utrecht-button utrecht-button--primary-action" type="submit">Toon</button></div>
</form>
${problem ? html`<div class="utrecht-alert utrecht-alert--error" role="alert"><p class="utrecht-paragraph">${problem}</p></div>` : ''}
<p class="utrecht-paragraph" role="status">${summary}</p>
${audiences.map((a) => html`<section aria-labelledby="doelgroep-${a.id}">
<h2 class="utrecht-heading-2" id="doelgroep-${a.id}">Voor ${a.name.toLowerCase()}</h2>
<div class="werkplek-tabel"><table class="utrecht-table">
<caption class="utrecht-table__caption">Adviezen voor ${a.name.toLowerCase()}, in de volgorde waarin ze zijn vastgelegd</caption>
<thead class="utrecht-table__header"><tr class="utrecht-table__row"><th class="utrecht-table__header-cell" scope="col">Advies</th><th class="utrecht-table__header-cell" scope="col">Bevindingen</th><th class="utrecht-table__header-cell" scope="col">Kader</th><th class="utrecht-table__header-cell" scope="col">Id</th></tr></thead>
<tbody class="utrecht-table__body">${advice.filter((x) => x.audience === a.id).map((x) => html`<tr class="utrecht-table__row">
<td class="utrecht-table__cell"><a class="utrecht-link" href="${ADVICE}/${x.id}">${x.title}</a></td>
<td class="utrecht-table__cell">${x.findings.length}</td>
<td class="utrecht-table__cell">${frameOf(context, x.frame)?.name ?? x.frame ?? '–'}</td>
<td class="utrecht-table__cell">${shortId(x.id)}</td>
</tr>`)}</tbody></table></div>
</section>`)}`)
}

/** Eén advies, as `advice show` (with ?versie=N as --version): the findings' titles and the frame and examples in words. */
export function adviceShowPage(store: Store, context: PageContext, id: string, version: number | undefined, flash: null | string, notice: null | string): Html {
  const record = requireRecord(store, 'advice', id)
  const shown = version === undefined ? record : recordAtVersion(store, 'advice', record, version)
  const frame = frameOf(context, shown.frame)
  const known = examples(context)
  return page(context, shown.title, html`
${notices(flash, notice)}
${recordState(ADVICE, record, shown, 'advies')}
${recordActions(context, ADVICE, record, 'advies')}
<dl class="werkplek-kenmerken">
<div><dt>Doelgroep</dt><dd><a class="utrecht-link" href="${ADVICE}?doelgroep=${shown.audience}">${audienceName(context, shown.audience)}</a></dd></div>
<div><dt>Kader</dt><dd>${frame ? frame.name : shown.frame ? `${shown.frame} (staat niet meer in de methode)` : 'geen'}</dd></div>
<div><dt>Id</dt><dd>${shortId(shown.id)}</dd></div>
</dl>
${shown.text ? shown.text.split(/\n{2,}/).map((p) => html`<p class="utrecht-paragraph">${p}</p>`) : html`<p class="utrecht-paragraph">Dit advies heeft nog geen tekst.</p>`}
${frame ? html`<section aria-labelledby="kader"><h2 class="utrecht-heading-2" id="kader">Kader: ${frame.name}</h2><p class="utrecht-paragraph">${frame.description}</p></section>` : ''}
<section aria-labelledby="bevindingen">
<h2 class="utrecht-heading-2" id="bevindingen">Antwoord op de bevindingen</h2>
${shown.findings.length === 0 ? html`<p class="utrecht-paragraph">Nog niet gekoppeld aan een bevinding.</p>` : html`<ul class="utrecht-unordered-list">${shown.findings.map((fid) => {
    const finding = store.findings.get(fid)
    return html`<li class="utrecht-unordered-list__item"><a class="utrecht-link" href="/bevindingen/${fid}">${finding?.title ?? '(onbekende bevinding)'}</a> <span class="werkplek-klein">(bevinding ${shortId(fid)}${finding?.deletedAt ? ', in de prullenbak' : ''})</span></li>`
  })}</ul>`}
</section>
<section aria-labelledby="voorbeelden">
<h2 class="utrecht-heading-2" id="voorbeelden">Instrumenten en voorbeelden</h2>
${(shown.examples ?? []).length === 0 ? html`<p class="utrecht-paragraph">Het advies haalt geen instrument of voorbeeld aan.</p>` : html`<ul class="utrecht-unordered-list">${shown.examples.map((eid) => {
    const e = known.find((x) => x.id === eid)
    // An id that left the method file or study.yaml stays on the advice, visibly.
    return e
      ? html`<li class="utrecht-unordered-list__item"><strong>${e.name}</strong> (${e.kind === 'instrument' ? 'instrument' : 'voorbeeld'}, ${e.where}): ${e.what}</li>`
      : html`<li class="utrecht-unordered-list__item">${eid} (staat niet meer in de methode of study.yaml)</li>`
  })}</ul>`}
</section>
<p class="utrecht-paragraph"><a class="utrecht-link" href="${ADVICE}">Naar alle adviezen</a></p>`)
}

export interface AdviceForm {
  editOf?: Advice
  problems?: FormProblems
  values: AdviceFormValues
}

/** The method's frames in their groups, with "geen kader" first. */
function frameOptions(context: PageContext, current: string): Html {
  const frames = context.study.methodDefinition.frames
  const kinds = [...new Set(frames.map((f) => f.kind))]
  return html`${kinds.map((kind) => html`<optgroup label="${FRAME_KINDS[kind] ?? kind}">${optionList(current, frames.filter((f) => f.kind === kind).map((f) => ({label: f.name, value: f.id})))}</optgroup>`)}`
}

/** Nieuw advies and bewerken: the fields of advice add and advice edit, chosen from the study and the method. */
export function adviceFormPage(store: Store, context: PageContext, form: AdviceForm): Html {
  const {study} = context
  const {problems, values} = form
  const errors = (name: string) => problems?.fields[name] ?? []
  const action = form.editOf ? `${ADVICE}/${form.editOf.id}/bewerken` : `${ADVICE}/nieuw`
  const title = form.editOf ? `Advies ${shortId(form.editOf.id)} bewerken` : 'Nieuw advies'
  const findings = store.findings.pickerRows(200).map((f) => ({hint: `bevinding ${shortId(f.id)}`, label: f.title, value: f.id}))
  const all = examples(context)
  const choice = (e: Example): Choice => ({hint: e.where, label: e.name, value: e.id})
  const groups: Array<{label: string; list: Example[]; name: string}> = [
    {label: 'Instrumenten', list: all.filter((e) => e.origin !== 'studie' && e.kind === 'instrument'), name: 'instrumenten'},
    {label: 'Inspirerende voorbeelden', list: all.filter((e) => e.origin !== 'studie' && e.kind !== 'instrument'), name: 'voorbeelden-methode'},
    {label: 'Voorbeelden van deze studie (study.yaml)', list: all.filter((e) => e.origin === 'studie'), name: 'voorbeelden-studie'},
  ]
  const exampleErrors = errors('voorbeelden')
  return page(context, title, html`
${problemsAlert(problems, LABELS)}
${personalDataAlert(problems?.personalData, 'Het advies', 'adviesformulier')}
<form class="utrecht-form" method="post" action="${action}" id="adviesformulier" novalidate>
${csrfField(context)}
<div class="werkplek-velden">
${selectField({current: values.doelgroep, empty: 'kies een doelgroep', errors: errors('doelgroep'), label: LABELS.doelgroep, name: 'doelgroep'}, study.methodDefinition.audiences.map((a) => ({label: a.name, value: a.id})))}
${selectField({current: values.kader, description: 'Waar het advies bij past; karavaan method show beschrijft elk kader.', empty: 'geen kader', errors: errors('kader'), label: LABELS.kader, name: 'kader'}, frameOptions(context, values.kader))}
</div>
${textField({description: 'Het advies in één zin.', errors: errors('titel'), label: LABELS.titel, name: 'titel', value: values.titel})}
${textArea({description: 'Wat er moet gebeuren en waarom; een lege regel begint een nieuwe alinea.', errors: errors('tekst'), label: LABELS.tekst, name: 'tekst', rows: 10, value: values.tekst})}
${checkboxGroup({checked: values.bevindingen, empty: 'De studie heeft nog geen bevindingen.', errors: errors('bevindingen'), label: LABELS.bevindingen, name: 'bevindingen'}, findings)}
<section aria-labelledby="veld-voorbeelden">
<h2 class="utrecht-heading-2" id="veld-voorbeelden" tabindex="-1">${LABELS.voorbeelden}</h2>
<p class="utrecht-paragraph werkplek-klein">Het rapport zegt bij een aangehaald voorbeeld "Zo deed … het". Wat elk voorbeeld is, staat in karavaan method show.</p>
${exampleErrors.length > 0 ? html`<p class="utrecht-form-field-error-message" id="voorbeelden-fout">${exampleErrors.join(' ')}</p>` : ''}
${groups.filter((g) => g.list.length > 0).map((g) => checkboxGroup({checked: values.voorbeelden, label: g.label, name: g.name}, g.list.map(choice)))}
</section>
<div class="werkplek-knoppen">
<button class="utrecht-button utrecht-button--primary-action" type="submit">${form.editOf ? 'Opslaan als nieuwe versie' : 'Opslaan'}</button>
<a class="utrecht-link" href="${form.editOf ? `${ADVICE}/${form.editOf.id}` : ADVICE}">Annuleren</a>
</div>
</form>`)
}

/** The names the example checkboxes are sent under, one per group of the form. */
export const EXAMPLE_FIELDS = ['instrumenten', 'voorbeelden-methode', 'voorbeelden-studie'] as const

/** Alle versies, as `advice history`. */
export function adviceHistoryPage(store: Store, context: PageContext, id: string): Html {
  const {study} = context
  const record = requireRecord(store, 'advice', id)
  const versions = versionsOf(store, 'advice', record.id)
  return page(context, `Versies van advies ${shortId(record.id)}`, html`
<p class="utrecht-paragraph"><a class="utrecht-link" href="${ADVICE}/${record.id}">Terug naar het advies: ${record.title}</a></p>
${historyList(ADVICE, versions, (data) => HISTORY_TITLES.advice(data, study), (data) => HISTORY_CONTENT.advice(data, study))}`)
}

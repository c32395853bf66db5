import {html, raw} from 'hono/html'

import {EVIDENCE_PAGE, type EvidenceHit} from '../../material/evidence-search.js'
import type {FieldHit} from '../../material/guard.js'
import {figureChoices} from '../../material/pickers.js'
import type {SimilarFinding} from '../../material/similar.js'
import {FIGURE_VERDICT_LABELS, FIGURE_VERDICTS, type Finding} from '../../model/material.js'
import {KIND_LABELS} from '../../privacy/index.js'
import {shortId} from '../../records/ids.js'
import type {Store} from '../../store/store.js'
import {csrfField, type Html, page, type PageContext} from '../layout.js'
import {formField, privacyChoices} from './form-field.js'
import {codeLabel} from './note.js'

/** What the form holds, as the browser sent it: nothing here is checked yet. */
export interface FindingFormValues {
  /** Per context figure id: the verdict chosen, or '' for a figure the finding does not cite. */
  cijfers: Record<string, string>
  halteplaatsen: string[]
  narratieven: string[]
  /** The evidence chosen, as tokens: "tag:ID", "notitie:ID" or "passage:NOTE:START:END". */
  onderbouwing: string[]
  tekst: string
  themas: string[]
  titel: string
}

/** The picker's search, in the same words as the Notities page, prefixed so they never meet the finding's own fields. */
export interface PickerQuery {
  groep: string
  halteplaats: string
  narratief: string
  thema: string
  zoek: string
}

export type FindingField = 'cijfers' | 'halteplaatsen' | 'narratieven' | 'onderbouwing' | 'tekst' | 'themas' | 'titel'

/** The core's field names in its problems ("titel: …") as the form's. */
export const FINDING_FIELD_OF: Readonly<Record<string, FindingField>> = {
  cijfer: 'cijfers',
  halteplaats: 'halteplaatsen',
  narratief: 'narratieven',
  onderbouwing: 'onderbouwing',
  tekst: 'tekst',
  thema: 'themas',
  titel: 'titel',
}

const LABELS: Readonly<Record<FindingField, string>> = {
  cijfers: 'Contextcijfers waaraan de bevinding is getoetst',
  halteplaatsen: 'Halteplaatsen (geen: de hele studie)',
  narratieven: 'Narratieven',
  onderbouwing: 'Onderbouwing',
  tekst: 'Tekst',
  themas: "Thema's",
  titel: 'Titel: de bevinding in één zin',
}

/** A piece of chosen evidence as the form shows it: the words, and where they come from. */
export interface ChosenEvidence {
  attribution: string
  /** "passage, 2 onzichtbare overheid" or "hele notitie". */
  label: string
  noteId: string
  token: string
  words: string
}

export interface FindingFormProblems {
  fields: Partial<Record<FindingField, string[]>>
  /** A message that belongs to no field (an evidence token that no longer fits). */
  general?: string[]
  personalData?: FieldHit[]
}

export interface FindingFormPage {
  chosen: ChosenEvidence[]
  editOf?: Finding
  /** The picker's hits; page: which page of them, from 1. */
  picker?: {hits: EvidenceHit[]; more: boolean; page: number; problem?: string; query: PickerQuery; searched: boolean}
  problems?: FindingFormProblems
  /** Findings the new title or text nearly repeats: saving needs a second yes. */
  similar?: SimilarFinding[]
  values: FindingFormValues
}

/** The token of a piece of evidence, as the form and the remove buttons send it. */
export function evidenceToken(e: {end: null | number; noteId: string; quote: null | string; start: null | number; tagId: null | string}): string {
  if (e.tagId) return `tag:${e.tagId}`
  if (e.quote !== null && e.start !== null && e.end !== null) return `passage:${e.noteId}:${e.start}:${e.end}`
  return `notitie:${e.noteId}`
}

export function hitToken(hit: EvidenceHit): string {
  return hit.tagId ? `tag:${hit.tagId}` : `notitie:${hit.noteId}`
}

/** "passage · 2 onzichtbare overheid" for a tag, "hele notitie" for a note. */
export function hitLabel(context: PageContext, hit: {code: null | string; kind: string; tagKind: 'narrative' | 'theme' | null}): string {
  return hit.code && hit.tagKind ? `getagde passage · ${codeLabel(context, hit.tagKind, hit.code).label}` : 'hele notitie'
}

/** Words with the search's matches between \u0001 and \u0002, as <mark>. */
export function highlighted(words: string): Html {
  const out: Html[] = []
  let inside = false
  for (const part of words.split(/([\u0001\u0002])/)) {
    if (part === '\u0001') inside = true
    else if (part === '\u0002') inside = false
    else if (part) out.push(inside ? html`<mark>${part}</mark>` : html`${part}`)
  }

  return html`${out}`
}

function errorsOf(problems: FindingFormProblems | undefined, field: FindingField): string[] {
  return problems?.fields[field] ?? []
}

function errorLine(name: FindingField, errors: string[]): Html {
  return errors.length > 0 ? html`<p class="utrecht-form-field-error-message" id="${name}-fout">${errors.join(' ')}</p>` : html``
}

function textField(name: 'tekst' | 'titel', problems: FindingFormProblems | undefined, value: string, description?: string): Html {
  return formField({description, errors: errorsOf(problems, name), label: LABELS[name], name}, (attributes) => (name === 'titel'
    ? html`<input class="utrecht-textbox utrecht-textbox--html-input werkplek-breed" type="text" maxlength="400" ${attributes} value="${value}">`
    : html`<textarea class="utrecht-textarea utrecht-textarea--html-textarea werkplek-tekstvak" rows="8" ${attributes}>${value}</textarea>`))
}

function checkboxes(name: 'halteplaatsen' | 'narratieven' | 'themas', problems: FindingFormProblems | undefined, current: string[], choices: Array<{label: string; value: string}>): Html {
  const errors = errorsOf(problems, name)
  return html`<fieldset class="utrecht-form-fieldset werkplek-keuzes${errors.length > 0 ? ' utrecht-form-fieldset--invalid' : ''}"${errors.length > 0 ? html` aria-describedby="${name}-fout"` : ''}>
<legend class="utrecht-form-fieldset__legend">${LABELS[name]}</legend>
${errorLine(name, errors)}
${choices.map((c, i) => html`<div class="utrecht-form-field utrecht-form-field--checkbox">
<input class="utrecht-checkbox utrecht-checkbox--html-input" type="checkbox" id="${name}-${i}" name="${name}" value="${c.value}"${current.includes(c.value) ? raw(' checked') : ''}>
<label class="utrecht-form-label utrecht-form-label--checkbox" for="${name}-${i}">${c.label}</label>
</div>`)}
</fieldset>`
}

/** Per halteplaats its context figures, each with a choice of verdict, as `--context ID:oordeel`. */
function figureFields(store: Store, context: PageContext, problems: FindingFormProblems | undefined, current: Record<string, string>): Html {
  const {study} = context
  const errors = errorsOf(problems, 'cijfers')
  const places = study.halteplaatsen.map((h) => ({choices: figureChoices(store, study, [h.id]), place: h}))
  const any = places.some((p) => p.choices.length > 0)
  let n = 0
  return html`<fieldset class="utrecht-form-fieldset werkplek-cijfers${errors.length > 0 ? ' utrecht-form-fieldset--invalid' : ''}"${errors.length > 0 ? html` aria-describedby="cijfers-fout"` : ''}>
<legend class="utrecht-form-fieldset__legend">${LABELS.cijfers}</legend>
${errorLine('cijfers', errors)}
${any ? html`<p class="utrecht-paragraph werkplek-klein">Kies per cijfer of het de bevinding bevestigt, nuanceert of tegenspreekt; laat "niet genoemd" staan voor de rest.</p>` : html`<p class="utrecht-paragraph">Deze studie heeft nog geen contextcijfers. Lees ze in met karavaan context import.</p>`}
${places.filter((p) => p.choices.length > 0).map((p) => html`<div class="werkplek-cijfergroep"><h3 class="utrecht-heading-3">${p.place.name}</h3>
${p.choices.map((choice) => {
    const id = `cijfer-${n++}`
    const verdict = current[choice.value] ?? ''
    return html`<div class="utrecht-form-field werkplek-cijfer">
<label class="utrecht-form-label" for="${id}">${choice.name.replace(`${p.place.name} · `, '')}</label>
<select class="utrecht-select utrecht-select--html-select" id="${id}" name="cijfer-${choice.value}">
<option value="">niet genoemd</option>
${FIGURE_VERDICTS.map((v) => html`<option value="${v}"${v === verdict ? raw(' selected') : ''}>${FIGURE_VERDICT_LABELS[v]}</option>`)}
</select></div>`
  })}</div>`)}
</fieldset>`
}

/** The picker's filters: the same choices as the Notities page. */
export function pickerFilters(context: PageContext, query: PickerQuery): Html {
  const {study} = context
  const method = study.methodDefinition
  const select = (name: keyof PickerQuery, label: string, options: Array<{label: string; value: string}>) => html`<div class="utrecht-form-field utrecht-form-field--select">
<label class="utrecht-form-label" for="zoek-${name}">${label}</label>
<select class="utrecht-select utrecht-select--html-select" id="zoek-${name}" name="zoek-${name}">
<option value="">alle</option>
${options.map((o) => html`<option value="${o.value}"${o.value === query[name] ? raw(' selected') : ''}>${o.label}</option>`)}
</select></div>`
  return html`<div class="utrecht-form-field utrecht-form-field--text werkplek-zoekveld">
<label class="utrecht-form-label" for="zoek-woorden">Zoeken in notities en getagde passages</label>
<p class="utrecht-form-field-description" id="zoek-woorden-uitleg">Woorden, "een woordgroep" tussen aanhalingstekens, of het begin van een woord met *, zoals vertrouw*; OR en NOT zoals bij de notities. Of kies alleen een filter.</p>
<input class="utrecht-textbox utrecht-textbox--html-input" type="search" id="zoek-woorden" name="zoek" value="${query.zoek}" aria-describedby="zoek-woorden-uitleg" data-zoekveld>
</div>
${select('halteplaats', 'Halteplaats', study.halteplaatsen.map((h) => ({label: h.name, value: h.id})))}
${select('groep', 'Groep of observatie', [...method.groups.map((g) => ({label: g.short, value: g.id})), ...method.activities.map((a) => ({label: `observatie: ${a.name.toLowerCase()}`, value: a.id}))])}
${select('narratief', 'Narratief', method.narratives.map((n) => ({label: `${n.number}. ${n.short}`, value: n.id})))}
${select('thema', 'Thema', method.themes.map((t) => ({label: t.short, value: t.id})))}`
}

/**
 * The picker's results: per hit its words (the passage, or the note around the matches), where
 * they come from (group type and halteplaats only) and one button that adds it; with more hits,
 * `next` makes the control to the next page.
 */
export function pickerResults(context: PageContext, picker: NonNullable<FindingFormPage['picker']>, button: (hit: EvidenceHit, label: string) => Html, next: (page: number) => Html): Html {
  if (picker.problem) return html`<div class="utrecht-alert utrecht-alert--error" role="alert"><p class="utrecht-paragraph">${picker.problem}</p></div>`
  if (!picker.searched) return html`<p class="utrecht-paragraph" role="status">Typ zoekwoorden of kies een filter, en druk op Zoek.</p>`
  const {hits} = picker
  // A later page follows on from the ones before it: its numbers go on too.
  const first = (picker.page - 1) * EVIDENCE_PAGE + 1
  const summary = hits.length === 0 ? (picker.page > 1 ? 'Geen resultaten meer.' : 'Niets gevonden. Probeer andere woorden of minder filters.')
    : picker.page > 1 ? `Resultaten ${first} tot en met ${first + hits.length - 1}${picker.more ? '; er is meer' : ''}.`
    : `${hits.length === 1 ? '1 resultaat' : `${hits.length} resultaten`}${picker.more ? '; er is meer, maak de zoekopdracht scherper' : ''}.`
  return html`<p class="utrecht-paragraph" role="status" id="zoekresultaat">${summary}</p>
${hits.length === 0 ? '' : html`<ol class="werkplek-resultaten"${picker.page > 1 ? html` start="${first}"` : ''}>${hits.map((hit) => {
    const label = hitLabel(context, hit)
    return html`<li class="werkplek-resultaat">
<p class="utrecht-paragraph werkplek-klein"><strong>${label}</strong> · ${hit.attribution} · <a class="utrecht-link" href="/notities/${hit.noteId}">notitie ${shortId(hit.noteId)}</a></p>
<blockquote class="utrecht-blockquote"><p class="utrecht-paragraph">${highlighted(hit.words)}</p></blockquote>
${hit.present ? html`<p class="utrecht-paragraph werkplek-klein">Staat al in de onderbouwing.</p>` : button(hit, label)}
</li>`
  })}</ol>`}
${picker.more ? next(picker.page + 1) : ''}`
}

function personalData(hits: FieldHit[]): Html {
  return html`<div class="utrecht-alert utrecht-alert--error" role="alert" id="persoonsgegevens">
<h2 class="utrecht-heading-2">De bevinding bevat persoonsgegevens; er is niets opgeslagen</h2>
<ul class="utrecht-unordered-list">${hits.map((hit) => html`<li class="utrecht-unordered-list__item">In de ${hit.field}, regel ${hit.line}, kolom ${hit.column}: ${KIND_LABELS[hit.kind]} «${hit.text}» (${hit.reason})</li>`)}</ul>
<p class="utrecht-paragraph">Haal ze zelf weg in het formulier hieronder en sla opnieuw op. Of kies:</p>
${privacyChoices('bevindingformulier')}
</div>`
}

function similarWarning(similar: SimilarFinding[]): Html {
  const one = similar.length === 1
  return html`<div class="utrecht-alert utrecht-alert--warning" role="alert" id="lijktop">
<h2 class="utrecht-heading-2">Er ${one ? 'is al een bevinding die' : 'zijn al bevindingen die'} hier sterk op ${one ? 'lijkt' : 'lijken'}; er is nog niets opgeslagen</h2>
<ul class="utrecht-unordered-list">${similar.map((f) => html`<li class="utrecht-unordered-list__item"><a class="utrecht-link" href="/bevindingen/${f.id}">${f.title}</a> (${shortId(f.id)}; ${f.in === 'titel' ? 'bijna dezelfde titel' : 'bijna dezelfde tekst'})</li>`)}</ul>
<p class="utrecht-paragraph">Gaat het om hetzelfde, vul dan ${one ? 'die bevinding' : 'een daarvan'} aan: twee bevindingen over één ding verdelen hun onderbouwing. Is het echt een andere bevinding, sla dan toch op.</p>
<button class="utrecht-button utrecht-button--secondary-action" type="submit" form="bevindingformulier" name="toch" value="ja">Toch opslaan</button>
</div>`
}

function chosenList(chosen: ChosenEvidence[], problems: FindingFormProblems | undefined): Html {
  const errors = errorsOf(problems, 'onderbouwing')
  return html`<fieldset class="utrecht-form-fieldset werkplek-keuzes werkplek-gekozen${errors.length > 0 ? ' utrecht-form-fieldset--invalid' : ''}"${errors.length > 0 ? html` aria-describedby="onderbouwing-fout"` : ''}>
<legend class="utrecht-form-fieldset__legend">${LABELS.onderbouwing}</legend>
${errorLine('onderbouwing', errors)}
${chosen.length === 0
    ? html`<p class="utrecht-paragraph" id="geen-onderbouwing">Nog geen. Zoek hieronder een notitie of passage en kies Voeg toe. Zonder onderbouwing blijft de bevinding een concept.</p>`
    : chosen.map((c, i) => html`<div class="utrecht-form-field utrecht-form-field--checkbox werkplek-bron">
<input class="utrecht-checkbox utrecht-checkbox--html-input" type="checkbox" id="bron-${i}" name="onderbouwing" value="${c.token}" checked>
<label class="utrecht-form-label utrecht-form-label--checkbox" for="bron-${i}"><strong>${c.label}</strong> · ${c.attribution}: <q>${c.words}</q></label>
</div>`)}
${chosen.length > 0 ? html`<p class="utrecht-paragraph werkplek-klein">Vink uit wat er niet bij hoort.</p>` : ''}
</fieldset>`
}

/** Nieuwe bevinding and bewerken: one form, the same fields as finding add and finding edit. */
export function findingFormPage(store: Store, context: PageContext, form: FindingFormPage): Html {
  const {study} = context
  const method = study.methodDefinition
  const {problems, values} = form
  const action = form.editOf ? `/bevindingen/${form.editOf.id}/bewerken` : '/bevindingen/nieuw'
  const title = form.editOf ? `Bevinding ${shortId(form.editOf.id)} bewerken` : 'Nieuwe bevinding'
  const count = Object.values(problems?.fields ?? {}).flat().length
  const picker = form.picker
  return page(context, title, html`
${count > 0 ? html`<div class="utrecht-alert utrecht-alert--error" role="alert"><p class="utrecht-paragraph">De bevinding is niet opgeslagen: ${count === 1 ? 'één gegeven klopt' : `${count} gegevens kloppen`} niet. Verbeter ${count === 1 ? 'het' : 'ze'} hieronder; wat je invulde staat er nog.</p></div>` : ''}
${problems?.general?.length ? html`<div class="utrecht-alert utrecht-alert--error" role="alert">${problems.general.map((m) => html`<p class="utrecht-paragraph">${m}</p>`)}</div>` : ''}
${problems?.personalData ? personalData(problems.personalData) : ''}
${form.similar?.length ? similarWarning(form.similar) : ''}
<form class="utrecht-form werkplek-bevindingformulier" method="post" action="${action}" id="bevindingformulier" novalidate>
${csrfField(context)}
${textField('titel', problems, values.titel)}
${textField('tekst', problems, values.tekst, 'Wat de Karavaan zag en hoorde, en wat dat zegt. Noem nooit een respondent bij naam.')}
${checkboxes('halteplaatsen', problems, values.halteplaatsen, study.halteplaatsen.map((h) => ({label: h.name, value: h.id})))}
${checkboxes('themas', problems, values.themas, method.themes.map((t) => ({label: t.short, value: t.id})))}
${checkboxes('narratieven', problems, values.narratieven, method.narratives.map((n) => ({label: `${n.number}. ${n.short}`, value: n.id})))}
${figureFields(store, context, problems, values.cijfers)}
${chosenList(form.chosen, problems)}
<section class="werkplek-kiezer" aria-labelledby="kiezerkop">
<h2 class="utrecht-heading-2" id="kiezerkop">Onderbouwing zoeken</h2>
<div class="werkplek-filters">
${pickerFilters(context, picker?.query ?? {groep: '', halteplaats: '', narratief: '', thema: '', zoek: ''})}
<div class="werkplek-knoppen"><button class="utrecht-button utrecht-button--secondary-action" type="submit" name="actie" value="zoeken" data-zoekknop>Zoek</button></div>
</div>
${picker?.searched ? html`<input type="hidden" name="zoek-pagina" value="${String(picker.page)}">` : ''}
${picker ? pickerResults(context, picker, (hit, label) => html`<button class="utrecht-button utrecht-button--secondary-action" type="submit" name="voegtoe" value="${hitToken(hit)}">Voeg toe<span class="werkplek-verborgen">: ${label}, ${hit.attribution}</span></button>`, () => html`<div class="werkplek-knoppen"><button class="utrecht-button utrecht-button--secondary-action" type="submit" name="actie" value="meer" data-meer>Meer resultaten</button></div>`) : ''}
</section>
<div class="werkplek-knoppen">
<button class="utrecht-button utrecht-button--primary-action" type="submit" name="actie" value="opslaan" data-opslaan>${form.editOf ? 'Opslaan als nieuwe versie' : 'Opslaan'}</button>
<a class="utrecht-link" href="${form.editOf ? `/bevindingen/${form.editOf.id}` : '/bevindingen'}">${form.editOf ? 'Terug naar de bevinding' : 'Terug naar de bevindingen'}</a>
</div>
</form>
<script type="module" src="/static/bevindingen.js"></script>`)
}

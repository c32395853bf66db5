import {html, raw} from 'hono/html'

import type {Note} from '../../model/note.js'
import type {LocatedHit} from '../../notes/guard.js'
import {KIND_LABELS} from '../../privacy/index.js'
import {shortId} from '../../records/ids.js'
import {csrfField, type Html, page, type PageContext} from '../layout.js'
import {formField, privacyChoices} from './form-field.js'

/** What the form holds, as the browser sent it: nothing here is checked yet. */
export interface NoteFormValues {
  /** The draft's file name in concepten/: the same file while the person types and saves. */
  concept: string
  datum: string
  /** The person confirmed a date outside the study's period. */
  datumKlopt: boolean
  deelnemers: string
  halteplaats: string
  interviewer: string
  narratieven: string[]
  /** A group id or an activity id: a note is about one of them. */
  onderwerp: string
  rollen: string
  tekst: string
  themas: string[]
}

/** What went wrong with a save, per field of the form, and the personal data the guard found. */
export interface NoteFormProblems {
  fields: Partial<Record<FormField, string[]>>
  personalData?: LocatedHit[]
}

export type FormField = 'datum' | 'deelnemers' | 'halteplaats' | 'interviewer' | 'narratieven' | 'onderwerp' | 'rollen' | 'tekst' | 'themas'

/** The core's field names (checkNoteFields) as the form's. */
export const FIELD_OF: Readonly<Record<string, FormField>> = {
  activity: 'onderwerp',
  date: 'datum',
  group: 'onderwerp',
  halteplaats: 'halteplaats',
  interviewer: 'interviewer',
  narratives: 'narratieven',
  participants: 'deelnemers',
  roles: 'rollen',
  tekst: 'tekst',
  themes: 'themas',
}

const LABELS: Readonly<Record<FormField, string>> = {
  datum: 'Datum',
  deelnemers: 'Aantal deelnemers',
  halteplaats: 'Halteplaats',
  interviewer: 'Interviewer',
  narratieven: 'Narratieven',
  onderwerp: 'Groep of observatie',
  rollen: 'Rollen van de deelnemers',
  tekst: 'Tekst',
  themas: "Thema's",
}

export function valuesOfNote(note: Note, ownNarratives: string[], concept: string): NoteFormValues {
  return {
    concept,
    datum: note.date,
    datumKlopt: false,
    deelnemers: note.participants === null ? '' : String(note.participants),
    halteplaats: note.halteplaats,
    interviewer: note.interviewer,
    narratieven: ownNarratives,
    onderwerp: note.group ?? note.activity ?? '',
    rollen: note.roles.join(', '),
    tekst: note.text,
    themas: note.themes,
  }
}

function errorsOf(problems: NoteFormProblems | undefined, field: FormField): string[] {
  return problems?.fields[field] ?? []
}

/** A field's label, its error messages (named by id for aria-describedby) and its control. */
function field(name: FormField, problems: NoteFormProblems | undefined, control: (attributes: Html) => Html, description?: string): Html {
  return formField({description, errors: errorsOf(problems, name), label: LABELS[name], name}, control)
}

function options(current: string, choices: Array<{label: string; value: string}>, empty?: string): Html {
  return html`${empty === undefined ? '' : html`<option value="">${empty}</option>`}${choices.map((c) => html`<option value="${c.value}"${c.value === current ? raw(' selected') : ''}>${c.label}</option>`)}`
}

/** Checkboxes in a fieldset: the legend is their label, as WCAG asks of a group of choices. */
function checkboxes(name: 'narratieven' | 'themas', problems: NoteFormProblems | undefined, current: string[], choices: Array<{label: string; value: string}>): Html {
  const errors = errorsOf(problems, name)
  return html`<fieldset class="utrecht-form-fieldset werkplek-keuzes${errors.length > 0 ? ' utrecht-form-fieldset--invalid' : ''}"${errors.length > 0 ? html` aria-describedby="${name}-fout"` : ''}>
<legend class="utrecht-form-fieldset__legend">${LABELS[name]}</legend>
${errors.length > 0 ? html`<p class="utrecht-form-field-error-message" id="${name}-fout">${errors.join(' ')}</p>` : ''}
${choices.map((c, i) => html`<div class="utrecht-form-field utrecht-form-field--checkbox">
<input class="utrecht-checkbox utrecht-checkbox--html-input" type="checkbox" id="${name}-${i}" name="${name}" value="${c.value}"${current.includes(c.value) ? raw(' checked') : ''}>
<label class="utrecht-form-label utrecht-form-label--checkbox" for="${name}-${i}">${c.label}</label>
</div>`)}
</fieldset>`
}

/** The words around a hit, the hit itself marked: where it is, without opening the whole text. */
function around(text: string, hit: LocatedHit): Html {
  const from = Math.max(0, hit.start - 40)
  const to = Math.min(text.length, hit.end + 40)
  // Cut at a word: a half word at either edge says nothing.
  const before = from > 0 ? text.slice(from, hit.start).replace(/^\S*\s/u, '') : text.slice(0, hit.start)
  const after = to < text.length ? text.slice(hit.end, to).replace(/\s\S*$/u, '') : text.slice(hit.end)
  return html`${from > 0 ? '…' : ''}${before}<mark>${text.slice(hit.start, hit.end)}</mark>${after}${to < text.length ? '…' : ''}`
}

function personalData(values: NoteFormValues, hits: LocatedHit[]): Html {
  return html`<div class="utrecht-alert utrecht-alert--error" role="alert" id="persoonsgegevens">
<h2 class="utrecht-heading-2">De notitie bevat persoonsgegevens; er is niets opgeslagen</h2>
<ul class="utrecht-unordered-list">${hits.map((hit) => html`<li class="utrecht-unordered-list__item">${hit.part === 'rol'
    ? html`In de rollen: ${KIND_LABELS[hit.kind]} «${hit.text}»`
    : html`Regel ${hit.line}, kolom ${hit.column}: ${KIND_LABELS[hit.kind]} (${hit.reason}): <q>${around(values.tekst.replaceAll('\r\n', '\n').trim(), hit)}</q>`}</li>`)}</ul>
<p class="utrecht-paragraph">Je kunt ze zelf weghalen of vervangen in het formulier hieronder en opnieuw opslaan. Of kies:</p>
${privacyChoices('notitieformulier')}
</div>`
}

export interface NoteFormPage {
  /** Drafts of this note (or of new notes) left from earlier, to go on with. */
  drafts: Array<{label: string; name: string}>
  editOf?: Note
  /** The date lies outside the study's period and was not confirmed yet. */
  outsidePeriod?: boolean
  problems?: NoteFormProblems
  values: NoteFormValues
}

/** Nieuwe notitie and bewerken: one form, the same fields as note add and note edit. */
export function noteFormPage(context: PageContext, form: NoteFormPage): Html {
  const {study} = context
  const method = study.methodDefinition
  const {problems, values} = form
  const action = form.editOf ? `/notities/${form.editOf.id}/bewerken` : '/notities/nieuw'
  const title = form.editOf ? `Notitie ${shortId(form.editOf.id)} bewerken` : 'Nieuwe notitie'
  const count = Object.values(problems?.fields ?? {}).flat().length
  const subjects = [
    ...method.groups.map((g) => ({label: `gesprek: ${g.short}`, value: g.id})),
    ...method.activities.map((a) => ({label: `observatie: ${a.name.toLowerCase()}`, value: a.id})),
  ]

  return page(context, title, html`
${count > 0 ? html`<div class="utrecht-alert utrecht-alert--error" role="alert"><p class="utrecht-paragraph">De notitie is niet opgeslagen: ${count === 1 ? 'één gegeven klopt' : `${count} gegevens kloppen`} niet. Verbeter ${count === 1 ? 'het' : 'ze'} hieronder; je tekst staat er nog.</p></div>` : ''}
${problems?.personalData ? personalData(values, problems.personalData) : ''}
${form.drafts.length > 0 ? html`<div class="utrecht-alert" role="status"><p class="utrecht-paragraph">${form.editOf ? 'Er staat nog een wijziging van deze notitie die niet is opgeslagen:' : 'Er staan nog notities die niet zijn opgeslagen:'}</p>
<ul class="utrecht-unordered-list">${form.drafts.map((d) => html`<li class="utrecht-unordered-list__item"><a class="utrecht-link" href="${action}?concept=${encodeURIComponent(d.name)}">Verder met ${d.label}</a></li>`)}</ul></div>` : ''}
<form class="utrecht-form werkplek-notitieformulier" method="post" action="${action}" id="notitieformulier" data-concept-url="/concepten" novalidate>
${csrfField(context)}
<input type="hidden" name="concept" value="${values.concept}">
${form.editOf ? html`<input type="hidden" name="bewerk" value="${shortId(form.editOf.id)}">` : ''}
<div class="werkplek-velden">
${field('halteplaats', problems, (a) => html`<select class="utrecht-select utrecht-select--html-select" ${a}>${options(values.halteplaats, study.halteplaatsen.map((h) => ({label: h.name, value: h.id})), 'kies een halteplaats')}</select>`)}
${field('onderwerp', problems, (a) => html`<select class="utrecht-select utrecht-select--html-select" ${a}>${options(values.onderwerp, subjects, 'kies een groep of observatie')}</select>`)}
${field('datum', problems, (a) => html`<input class="utrecht-textbox utrecht-textbox--html-input" type="date" ${a} value="${values.datum}">`)}
${field('interviewer', problems, (a) => html`<select class="utrecht-select utrecht-select--html-select" ${a}>${options(values.interviewer, study.team.map((m) => ({label: `${m.name} (${m.id})`, value: m.id})), 'kies wie het gesprek hield')}</select>`)}
${field('deelnemers', problems, (a) => html`<input class="utrecht-textbox utrecht-textbox--html-input werkplek-getal" type="number" min="0" inputmode="numeric" ${a} value="${values.deelnemers}">`)}
</div>
${form.outsidePeriod ? html`<div class="utrecht-form-field utrecht-form-field--checkbox">
<input class="utrecht-checkbox utrecht-checkbox--html-input" type="checkbox" id="datum-klopt" name="datumKlopt" value="ja">
<label class="utrecht-form-label utrecht-form-label--checkbox" for="datum-klopt">De datum klopt, ook al valt hij buiten de periode van de studie</label>
</div>` : ''}
${field('rollen', problems, (a) => html`<input class="utrecht-textbox utrecht-textbox--html-input" type="text" ${a} value="${values.rollen}">`, 'Kort en nooit een naam, gescheiden door komma’s: moeder, wijkagent, vrijwilliger.')}
${checkboxes('themas', problems, values.themas, method.themes.map((t) => ({label: t.short, value: t.id})))}
${checkboxes('narratieven', problems, values.narratieven, method.narratives.map((n) => ({label: `${n.number}. ${n.short}`, value: n.id})))}
${field('tekst', problems, (a) => html`<textarea class="utrecht-textarea utrecht-textarea--html-textarea werkplek-tekstvak" rows="16" ${a}>${values.tekst}</textarea>`, 'Terwijl je typt, bewaart de kit je tekst als concept in de map concepten/ van de studie; sluit je het venster, dan is er niets weg.')}
<p class="utrecht-paragraph werkplek-klein" id="conceptstatus" role="status" aria-live="polite"></p>
<div class="werkplek-knoppen">
<button class="utrecht-button utrecht-button--primary-action" type="submit">${form.editOf ? 'Opslaan als nieuwe versie' : 'Opslaan'}</button>
${form.editOf ? html`<a class="utrecht-link" href="/notities/${form.editOf.id}">Terug naar de notitie</a>` : ''}
</div>
</form>`)
}

import {html, raw} from 'hono/html'

import type {UserError} from '../../errors.js'
import type {FieldHit} from '../../material/guard.js'
import type {HistoryContent} from '../../material/kinds.js'
import type {MaterialVersion} from '../../model/material.js'
import type {RecordMeta} from '../../model/record.js'
import {formatTimestamp} from '../../parse/date.js'
import {KIND_LABELS} from '../../privacy/index.js'
import {shortId} from '../../records/ids.js'
import {baseVersion, describeFieldChanges, versionName} from '../../ui/diff-view.js'
import {CHANGE_LABELS} from '../../ui/material-view.js'
import {alerts, csrfField, type Html, type PageContext} from '../layout.js'
import {describedBy, formField, privacyChoices} from './form-field.js'
import {textChange} from './note.js'

/*
 * What the pages of reflection meetings and advice share: the controls of their forms with an
 * error beside each field, the summary of what was wrong, the personal-data choice, the trash
 * buttons, the list's two views and the history of versions.
 */

export interface Choice {
  /** A second line under the label, in smaller type. */
  hint?: string
  label: string
  value: string
}

/** What a save refused, per field of the form (the core's field names as the form's ids), and the personal data the guard found. */
export interface FormProblems {
  /** The core's message: "Het advies is niet opgeslagen: niet alle gegevens kloppen." */
  message: string
  fields: Record<string, string[]>
  /** Problems no field of the form holds. */
  other: string[]
  personalData?: FieldHit[]
}

const capital = (text: string) => `${text[0].toUpperCase()}${text.slice(1)}`
const sentence = (text: string) => `${capital(text)}${/[.!?]$/.test(text) ? '' : '.'}`

/**
 * A UserError of the core's checks as the form shows it: each "veld: melding" of its details
 * beside the form field `fieldOf` names (by the core's field name, e.g. "bevestigd (bevinding)"),
 * the rest above the form.
 */
export function problemsOf(error: UserError, fieldOf: Readonly<Record<string, string>>): FormProblems {
  const fields: Record<string, string[]> = {}
  const other: string[] = []
  for (const detail of error.details) {
    const at = detail.indexOf(': ')
    const name = at === -1 ? undefined : fieldOf[detail.slice(0, at)]
    if (name) fields[name] = [...(fields[name] ?? []), sentence(detail.slice(at + 2))]
    else other.push(sentence(detail))
  }

  return {fields, message: error.message, other}
}

/** The alert above a form that was not saved: the core's message, what is wrong, linked to each field. */
export function problemsAlert(problems: FormProblems | undefined, labels: Readonly<Record<string, string>>): Html {
  // Personal data has an alert of its own, with the choices.
  if (!problems || problems.personalData) return html``
  const fieldList = Object.entries(problems.fields)
  return html`<div class="utrecht-alert utrecht-alert--error" role="alert" id="fouten">
<p class="utrecht-paragraph">${problems.message} Verbeter wat hieronder staat en sla opnieuw op; wat je invulde staat er nog.</p>
<ul class="utrecht-unordered-list">${fieldList.map(([name, messages]) => html`<li class="utrecht-unordered-list__item"><a class="utrecht-link" href="#veld-${name}">${labels[name] ?? name}</a>: ${messages.join(' ')}</li>`)}${problems.other.map((text) => html`<li class="utrecht-unordered-list__item">${text}</li>`)}</ul>
</div>`
}

/** The guard's hits and the same three choices as the CLI: change the text, placeholders (--pseudonymise), or keep them (--allow-personal-data). */
export function personalDataAlert(hits: FieldHit[] | undefined, what: string, formId: string): Html {
  if (!hits) return html``
  return html`<div class="utrecht-alert utrecht-alert--error" role="alert" id="persoonsgegevens">
<h2 class="utrecht-heading-2">${what} bevat persoonsgegevens; er is niets opgeslagen</h2>
<ul class="utrecht-unordered-list">${hits.map((hit) => html`<li class="utrecht-unordered-list__item">In «${hit.field}», regel ${hit.line}, kolom ${hit.column}: ${KIND_LABELS[hit.kind]} «${hit.text}» (${hit.reason})</li>`)}</ul>
<p class="utrecht-paragraph">Je kunt ze zelf weghalen of vervangen in het formulier hieronder en opnieuw opslaan. Of kies:</p>
${privacyChoices(formId)}
</div>`
}

function errorText(name: string, errors: string[]): Html {
  return errors.length > 0 ? html`<p class="utrecht-form-field-error-message" id="${name}-fout">${errors.join(' ')}</p>` : html``
}

interface FieldOptions {
  description?: string
  errors?: string[]
  label: string
  name: string
}


export function optionList(current: string, choices: Choice[]): Html {
  return html`${choices.map((c) => html`<option value="${c.value}"${c.value === current ? raw(' selected') : ''}>${c.label}</option>`)}`
}

export function selectField(options: FieldOptions & {current: string; empty?: string}, choices: Choice[] | Html): Html {
  return formField(options, (a) => html`<select class="utrecht-select utrecht-select--html-select" ${a}>${options.empty === undefined ? '' : html`<option value="">${options.empty}</option>`}${Array.isArray(choices) ? optionList(options.current, choices) : choices}</select>`)
}

export function textField(options: FieldOptions & {type?: string; value: string}): Html {
  return formField(options, (a) => html`<input class="utrecht-textbox utrecht-textbox--html-input" type="${options.type ?? 'text'}" ${a} value="${options.value}">`)
}

export function textArea(options: FieldOptions & {rows?: number; value: string}): Html {
  return formField(options, (a) => html`<textarea class="utrecht-textarea utrecht-textarea--html-textarea werkplek-tekstvak" rows="${options.rows ?? 6}" ${a}>${options.value}</textarea>`)
}

/**
 * Checkboxes in a fieldset whose legend names them, as WCAG asks of a group of choices; the
 * fieldset carries the id errors link to. `empty` is said when there is nothing to choose.
 */
export function checkboxGroup(options: FieldOptions & {checked: string[]; empty?: string}, choices: Choice[]): Html {
  const errors = options.errors ?? []
  const {name} = options
  return html`<fieldset class="utrecht-form-fieldset werkplek-keuzes${errors.length > 0 ? ' utrecht-form-fieldset--invalid' : ''}" id="veld-${name}"${describedBy(name, errors, options.description)}>
<legend class="utrecht-form-fieldset__legend">${options.label}</legend>
${options.description ? html`<p class="utrecht-form-field-description" id="${name}-uitleg">${options.description}</p>` : ''}
${errorText(name, errors)}
${choices.length === 0 && options.empty ? html`<p class="utrecht-paragraph">${options.empty}</p>` : ''}
${choices.map((c, i) => html`<div class="utrecht-form-field utrecht-form-field--checkbox">
<input class="utrecht-checkbox utrecht-checkbox--html-input" type="checkbox" id="${name}-${i}" name="${name}" value="${c.value}"${options.checked.includes(c.value) ? raw(' checked') : ''}>
<label class="utrecht-form-label utrecht-form-label--checkbox" for="${name}-${i}">${c.label}${c.hint ? html` <span class="werkplek-klein">(${c.hint})</span>` : ''}</label>
</div>`)}
</fieldset>`
}

/** Good news or a message from the last change, once. */
export const notices = alerts

/** The list in use and the trash, as `list` and `list --deleted`; the other filters stay. */
export function listViews(base: string, deleted: boolean, query: Record<string, string | undefined>, plural: string): Html {
  const href = (trash: boolean) => {
    const params = new URLSearchParams()
    for (const [key, value] of Object.entries({...query, prullenbak: trash ? 'ja' : undefined})) if (value) params.set(key, value)
    const text = params.toString()
    return text ? `${base}?${text}` : base
  }

  return html`<nav class="werkplek-paginas" aria-label="Weergave">
<a class="utrecht-link" href="${href(false)}"${deleted ? '' : raw(' aria-current="page"')}>De ${plural}</a>
<a class="utrecht-link" href="${href(true)}"${deleted ? raw(' aria-current="page"') : ''}>De prullenbak</a>
</nav>`
}

/** Edit, trash or restore, and history: what `edit`, `rm`, `restore` and `history` do from a record's page. */
export function recordActions(context: PageContext, base: string, record: RecordMeta, singular: string): Html {
  const label = `${singular} ${shortId(record.id)}`
  return html`<div class="werkplek-knoppen">
${record.deletedAt ? '' : html`<a class="utrecht-link" href="${base}/${record.id}/bewerken">Bewerken<span class="werkplek-verborgen"> ${label}</span></a>`}
<a class="utrecht-link" href="${base}/${record.id}/geschiedenis">Alle versies<span class="werkplek-verborgen"> van ${label}</span></a>
<form method="post" action="${base}/${record.id}/${record.deletedAt ? 'terugzetten' : 'verwijderen'}">${csrfField(context)}<button class="utrecht-button utrecht-button--secondary-action" type="submit">${record.deletedAt ? 'Terugzetten uit de prullenbak' : 'Naar de prullenbak'}<span class="werkplek-verborgen"> (${label})</span></button></form>
</div>`
}

/** "Versie 3, laatst gewijzigd … door anna.", and what a page shows of an earlier version or the trash. */
export function recordState(base: string, record: RecordMeta, shown: RecordMeta, what: string): Html {
  const old = shown.version !== record.version
  return html`${record.deletedAt ? html`<div class="utrecht-alert" role="status"><p class="utrecht-paragraph">Dit ${what} staat in de prullenbak: het telt niet mee in de lijsten en het rapport. Je kunt het terugzetten.</p></div>` : ''}
${old ? html`<div class="utrecht-alert" role="status"><p class="utrecht-paragraph">Je bekijkt versie ${shown.version}; de nieuwste is versie ${record.version}. <a class="utrecht-link" href="${base}/${record.id}">Naar de nieuwste versie</a></p></div>` : ''}
<p class="utrecht-paragraph werkplek-klein">Versie ${shown.version}${old ? '' : html`, laatst gewijzigd ${formatTimestamp(record.updatedAt)}${record.updatedBy ? ` door ${record.updatedBy}` : ''}`}.${record.personalData ? ` Let op: opgeslagen mét persoonsgegevens (${record.personalData.kinds.join(', ')}).` : ''}</p>`
}

/**
 * Every version, as `history` prints them: when, by whom, what happened and what it was about;
 * the first with its texts whole, each later one with the fields that changed and the words of
 * each text that went and came. Each version links to the record as it was then.
 */
export function historyList<T extends RecordMeta>(base: string, versions: Array<MaterialVersion<T>>, summary: (data: T) => string, content: (data: T) => HistoryContent): Html {
  return html`<p class="utrecht-paragraph werkplek-klein">Per versie zie je wat er veranderde: velden met <ins>+</ins> erbij en <del>−</del> eraf, en in de tekst wat er <del>weg</del> en <ins>bij</ins> kwam. Geen versie gaat verloren.</p>
<ol class="utrecht-ordered-list">${versions.map((v) => {
    const head = html`<a class="utrecht-link" href="${base}/${v.recordId}?versie=${v.version}">${capital(versionName(v, versions))}</a>: ${CHANGE_LABELS[v.change]} op ${formatTimestamp(v.changedAt)}${v.changedBy ? ` door ${v.changedBy}` : ''} — ${summary(v.data)}`
    if (v.change === 'verwijderd' || v.change === 'teruggezet') return html`<li class="utrecht-ordered-list__item">${head}</li>`
    const now = content(v.data)
    const previous = baseVersion(v, versions, (x) => content(x.data))
    if (!previous) {
      const texts = Object.entries(now.texts).filter(([name, text]) => text && name !== 'titel')
      return html`<li class="utrecht-ordered-list__item">${head}${texts.map(([name, text]) => html`<p class="utrecht-paragraph"><strong>${capital(name)}:</strong> ${text}</p>`)}</li>`
    }

    const was = content(previous.data)
    const fields = describeFieldChanges(was.fields, now.fields)
    const texts = Object.entries(now.texts).filter(([name, text]) => (was.texts[name] ?? '') !== text)
    return html`<li class="utrecht-ordered-list__item">${head}
${fields.length + texts.length === 0 ? html`<p class="utrecht-paragraph werkplek-klein">Geen inhoud veranderd.</p>` : ''}
${fields.length > 0 ? html`<ul class="utrecht-unordered-list">${fields.map((line) => html`<li class="utrecht-unordered-list__item">${line}</li>`)}</ul>` : ''}
${texts.map(([name, text]) => html`<p class="utrecht-paragraph"><strong>${capital(name)}</strong></p>${textChange(was.texts[name] ?? '', text)}`)}</li>`
  })}</ol>`
}

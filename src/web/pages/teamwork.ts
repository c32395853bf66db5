import {html, raw} from 'hono/html'

import type {Conflict, ConflictVersion} from '../../exchange/bundle/conflicts.js'
import {capitalise, KINDS} from '../../model/kinds.js'
import {MIN_PASSPHRASE_LENGTH} from '../../exchange/bundle/passphrase.js'
import {formatTimestamp} from '../../parse/date.js'
import {shortId} from '../../records/ids.js'
import {diffWords} from '../../records/word-diff.js'
import {alerts, csrfField, type Html, page, type PageContext} from '../layout.js'

/** Kinds whose conflict a written text can settle, as `conflicts resolve --text` allows. */
const WRITABLE: ReadonlySet<string> = new Set([KINDS.note.labels.singular, KINDS.finding.labels.singular, KINDS.advice.labels.singular])

/** What went wrong, and where: under one conflict, or at the export or the merge form. */
export interface TeamworkProblem {
  at: 'export' | 'merge' | {conflict: string}
  details?: string[]
  message: string
}

export interface ExportFormValues {
  privacy: string
  sinds: string
  versleutelen: boolean
}

/** One version's text with what only it says marked, against the version it is compared to. */
function markedText(version: ConflictVersion, other: ConflictVersion | undefined): Html {
  if (version.change === 'verwijderd') return html`<p class="utrecht-paragraph"><em>Naar de prullenbak verplaatst.</em></p>`
  if (!other || other.change === 'verwijderd') return html`<p class="utrecht-paragraph werkplek-versietekst">${version.text}</p>`
  const parts = diffWords(other.text, version.text)
  return html`<p class="utrecht-paragraph werkplek-versietekst">${parts.map((part) => {
    if (part.kind === 'removed') return ''
    return part.kind === 'added' ? html`<mark class="werkplek-anders">${part.text}</mark>` : html`${part.text}`
  })}</p>`
}

function versionHead(version: ConflictVersion): string {
  return `Versie ${version.version} van laptop ${shortId(version.device)}`
}

function conflictBlock(context: PageContext, conflict: Conflict, problem: TeamworkProblem | undefined): Html {
  const current = conflict.versions.find((v) => v.current) ?? conflict.versions.at(-1)!
  const id = shortId(conflict.id)
  const writable = WRITABLE.has(conflict.kind)
  const showTitle = conflict.kind !== KINDS.note.labels.singular
  const wrong = typeof problem?.at === 'object' && problem.at.conflict === conflict.id ? problem : undefined
  return html`<section class="werkplek-conflict" aria-labelledby="conflict-${conflict.id}">
<h3 class="utrecht-heading-3" id="conflict-${conflict.id}">${capitalise(conflict.kind)} ${id}: ${conflict.title}</h3>
${wrong ? html`<div class="utrecht-alert utrecht-alert--error" role="alert"><p class="utrecht-paragraph">${wrong.message}</p>${(wrong.details ?? []).length > 0 ? html`<ul class="utrecht-unordered-list">${wrong.details!.map((d) => html`<li class="utrecht-unordered-list__item">${d}</li>`)}</ul>` : ''}</div>` : ''}
<div class="werkplek-naast">${conflict.versions.map((v) => {
    // Each version against the one shown now; the one shown now against the first other.
    const other = v === current ? conflict.versions.find((x) => x !== v) : current
    return html`<article class="werkplek-versie" aria-labelledby="versie-${v.id}">
<h4 class="utrecht-heading-4" id="versie-${v.id}">${versionHead(v)}${v.current ? ' (nu getoond)' : ''}</h4>
<p class="utrecht-paragraph werkplek-klein">${formatTimestamp(v.changedAt)}${v.changedBy ? ` door ${v.changedBy}` : ''} · versie-id ${shortId(v.id)}</p>
${showTitle ? html`<p class="utrecht-paragraph"><strong>${v.title}</strong></p>` : ''}
${markedText(v, other)}
<form method="post" action="/samenwerken/conflicten/${conflict.id}">${csrfField(context)}<input type="hidden" name="kies" value="${v.id}">
<button class="utrecht-button utrecht-button--primary-action" type="submit">Houd deze versie<span class="werkplek-verborgen">: ${versionHead(v)} van ${conflict.kind} ${id}</span></button></form>
</article>`
  })}</div>
${writable
    ? html`<form class="utrecht-form" method="post" action="/samenwerken/conflicten/${conflict.id}">${csrfField(context)}
<div class="utrecht-form-field">
<label class="utrecht-form-label" for="tekst-${conflict.id}">Of schrijf zelf de tekst die blijft</label>
<p class="utrecht-form-field-description" id="tekst-uitleg-${conflict.id}">Begin bij de versie die nu getoond wordt en neem over wat je uit de andere wilt houden. De andere gegevens (${conflict.kind === KINDS.note.labels.singular ? 'datum, groep, thema’s' : 'titel, onderbouwing'} …) komen van de versie die nu getoond wordt. De privacycontrole kijkt naar je tekst zoals bij elke wijziging.</p>
<textarea class="utrecht-textarea utrecht-textarea--html-textarea werkplek-tekstvak" rows="6" id="tekst-${conflict.id}" name="tekst" aria-describedby="tekst-uitleg-${conflict.id}">${current.change === 'verwijderd' ? '' : current.text}</textarea>
</div>
<button class="utrecht-button utrecht-button--secondary-action" type="submit">Deze tekst opslaan<span class="werkplek-verborgen"> voor ${conflict.kind} ${id}</span></button>
</form>`
    : html`<p class="utrecht-paragraph werkplek-klein">${conflict.kind === KINDS.reflection.labels.singular ? 'Een reflectiegesprek heeft drie teksten: kies een versie en pas die daarna aan met karavaan reflect edit.' : 'Hier is geen tekst om samen te voegen: kies welke versie blijft.'}</p>`}
</section>`
}

function formProblem(problem: TeamworkProblem | undefined, at: 'export' | 'merge', id: string): Html {
  if (problem?.at !== at) return html``
  return html`<div class="utrecht-alert utrecht-alert--error" role="alert" id="${id}"><p class="utrecht-paragraph">${problem.message}</p>${(problem.details ?? []).length > 0 ? html`<ul class="utrecht-unordered-list">${problem.details!.map((d) => html`<li class="utrecht-unordered-list__item">${d}</li>`)}</ul>` : ''}</div>`
}

const PRIVACY_CHOICES = [
  {label: 'Niets maken en laten zien wat er gevonden is (zoals export zonder keuze)', value: 'weigeren'},
  {label: 'Plaatshouders als [naam-3f7a9c] in de bundel zetten; de studie zelf blijft zoals hij is (--pseudonymise)', value: 'pseudonymise'},
  {label: 'Toch meesturen zoals het is, en die keuze vastleggen (--allow-personal-data)', value: 'allow'},
]

/** Samenwerken: the conflicts from merged bundles side by side, a bundle to download, a bundle to take in. */
export function teamworkPage(context: PageContext, view: {conflicts: Conflict[]; exportValues?: ExportFormValues; notice: null | string; problem?: TeamworkProblem}): Html {
  const {conflicts, problem} = view
  const values = view.exportValues ?? {privacy: 'weigeren', sinds: '', versleutelen: false}
  const exportDescribed = problem?.at === 'export' ? raw(' aria-describedby="exportfout"') : ''
  return page(context, 'Samenwerken', html`
${alerts(null, view.notice)}
<p class="utrecht-paragraph">Werk gaat van laptop naar laptop in een bundel: hetzelfde als <code>karavaan export --format bundle</code>, <code>karavaan merge</code> en <code>karavaan conflicts</code> in de terminal. Er gaat niets verloren; elke versie blijft bewaard.</p>
<section aria-labelledby="conflicten">
<h2 class="utrecht-heading-2" id="conflicten">Conflicten</h2>
${conflicts.length === 0
    ? html`<p class="utrecht-paragraph">Geen conflicten: alles heeft één huidige versie.</p>`
    : html`<p class="utrecht-paragraph">${conflicts.length === 1 ? 'Eén ding is' : `${conflicts.length} dingen zijn`} op twee laptops verschillend bewerkt vanuit dezelfde versie. Tot je kiest, toont de studie de laatst bewerkte. Wat alleen in een versie staat, is <mark class="werkplek-anders">gemarkeerd</mark>. Je keuze is zelf een nieuwe versie en gaat met je volgende bundel mee, zodat het conflict ook op de andere laptops verdwijnt.</p>
${conflicts.map((c) => conflictBlock(context, c, problem))}`}
</section>
<section aria-labelledby="exportkop">
<h2 class="utrecht-heading-2" id="exportkop">Een bundel maken voor de projectleider</h2>
<p class="utrecht-paragraph">Alle notities met hun versies, de tags, het materiaal voor het rapport, de contextcijfers en de planning in één bestand, dat je browser downloadt. De privacycontrole kijkt eerst naar elke versie die meegaat. Deel de bundel alleen met wie de notities mag lezen.</p>
${formProblem(problem, 'export', 'exportfout')}
<form class="utrecht-form" method="post" action="/samenwerken/bundel" id="exportformulier">
${csrfField(context)}
<div class="utrecht-form-field">
<label class="utrecht-form-label" for="export-sinds">Alleen wat veranderde sinds (leeg: alles)</label>
<input class="utrecht-textbox utrecht-textbox--html-input" type="date" id="export-sinds" name="sinds" value="${values.sinds}"${exportDescribed}>
</div>
<div class="utrecht-form-field utrecht-form-field--checkbox">
<input class="utrecht-checkbox utrecht-checkbox--html-input" type="checkbox" id="export-versleutelen" name="versleutelen" value="ja"${values.versleutelen ? raw(' checked') : ''}>
<label class="utrecht-form-label utrecht-form-label--checkbox" for="export-versleutelen">Versleutel de bundel met een wachtwoordzin</label>
</div>
<div class="werkplek-velden">
<div class="utrecht-form-field">
<label class="utrecht-form-label" for="export-wachtwoord">Wachtwoordzin</label>
<p class="utrecht-form-field-description" id="wachtwoord-uitleg">Minstens ${MIN_PASSPHRASE_LENGTH} tekens; een zin van een paar woorden is sterk en toch te onthouden. Spreek hem mondeling af, niet in hetzelfde bericht als de bundel.</p>
<input class="utrecht-textbox utrecht-textbox--html-input" type="password" id="export-wachtwoord" name="wachtwoordzin" autocomplete="new-password" aria-describedby="wachtwoord-uitleg">
</div>
<div class="utrecht-form-field">
<label class="utrecht-form-label" for="export-wachtwoord2">Typ de wachtwoordzin nog een keer</label>
<input class="utrecht-textbox utrecht-textbox--html-input" type="password" id="export-wachtwoord2" name="wachtwoordzin2" autocomplete="new-password">
</div>
</div>
<fieldset class="utrecht-form-fieldset werkplek-keuzes">
<legend class="utrecht-form-fieldset__legend">Als de privacycontrole persoonsgegevens vindt</legend>
${PRIVACY_CHOICES.map((choice, i) => html`<div class="utrecht-form-field utrecht-form-field--radio">
<input class="utrecht-radio-button utrecht-radio-button--html-input" type="radio" id="export-privacy-${i}" name="privacy" value="${choice.value}"${values.privacy === choice.value ? raw(' checked') : ''}>
<label class="utrecht-form-label utrecht-form-label--radio" for="export-privacy-${i}">${choice.label}</label>
</div>`)}
</fieldset>
<button class="utrecht-button utrecht-button--primary-action" type="submit">Bundel maken en downloaden</button>
</form>
</section>
<section aria-labelledby="inleeskop">
<h2 class="utrecht-heading-2" id="inleeskop">Een bundel inlezen</h2>
<p class="utrecht-paragraph">Een bundel van een collega of van de projectleider. Dezelfde bundel twee keer inlezen verandert niets. Een bundel van een andere studie, een beschadigde bundel of een verkeerde wachtwoordzin wordt geweigerd, en dan verandert er niets.</p>
${formProblem(problem, 'merge', 'inleesfout')}
<form class="utrecht-form" method="post" action="/samenwerken/inlezen" enctype="multipart/form-data" id="inleesformulier">
${csrfField(context)}
<div class="werkplek-velden">
<div class="utrecht-form-field">
<label class="utrecht-form-label" for="inlees-bundel">Bundel (.karavaan)</label>
<input class="utrecht-textbox utrecht-textbox--html-input" type="file" id="inlees-bundel" name="bundel" accept=".karavaan"${problem?.at === 'merge' ? raw(' aria-describedby="inleesfout"') : ''}>
</div>
<div class="utrecht-form-field">
<label class="utrecht-form-label" for="inlees-wachtwoord">Wachtwoordzin (alleen bij een versleutelde bundel)</label>
<input class="utrecht-textbox utrecht-textbox--html-input" type="password" id="inlees-wachtwoord" name="wachtwoordzin" autocomplete="off">
</div>
</div>
<button class="utrecht-button utrecht-button--primary-action" type="submit">Bundel inlezen</button>
</form>
</section>`)
}

/** What a merge took in, in the words `karavaan merge` prints. */
export function mergeResultPage(context: PageContext, lines: string[], conflicts: number): Html {
  return page(context, 'Samenwerken', html`
<section aria-labelledby="ingelezen">
<h2 class="utrecht-heading-2" id="ingelezen">Bundel ingelezen</h2>
<div class="utrecht-alert utrecht-alert--ok" role="status">${lines.filter((line) => line.trim() !== '').map((line) => html`<p class="utrecht-paragraph">${line.trim()}</p>`)}</div>
<p class="utrecht-paragraph">${conflicts > 0 ? html`<a class="utrecht-link" href="/samenwerken#conflicten">Naar de conflicten</a>` : html`<a class="utrecht-link" href="/samenwerken">Terug naar Samenwerken</a>`}</p>
</section>`)
}

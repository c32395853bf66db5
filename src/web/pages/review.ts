import {html} from 'hono/html'

import type {Note} from '../../model/note.js'
import type {Tag} from '../../model/tag.js'
import {formatDate} from '../../parse/date.js'
import {shortId} from '../../records/ids.js'
import type {NoteSuggestion} from '../../tagging/suggest-notes.js'
import {subjectOf} from '../../ui/note-view.js'
import {csrfField, type Html, page, type PageContext} from '../layout.js'
import {codeLabel, noteText, suggestedSentence, tagList} from './note.js'

export interface ReviewView {
  flash: null | string
  hidden: number
  /** Position in the queue, from 1. */
  index: number
  /** While the queue of a large study is still being made: how far the kit has looked. */
  looking?: {scanned: number; total: number}
  note: Note | undefined
  suggestions: NoteSuggestion[]
  tags: Tag[]
  total: number
}

const SHORTCUTS = 'Sneltoetsen (niet in een invulveld): 1 tot en met 5 tagt de gekozen woorden, of zonder keuze de hele notitie, met dat narratief; a neemt de suggestie over, r wijst hem af; j gaat naar de volgende notitie, k naar de vorige.'

function current(context: PageContext, note: Note, suggestion: NoteSuggestion, back: string, left: number): Html {
  const {label} = codeLabel(context, 'narrative', suggestion.narrative)
  const fields = html`${csrfField(context)}<input type="hidden" name="terug" value="${back}"><input type="hidden" name="narrative" value="${suggestion.narrative}"><input type="hidden" name="start" value="${suggestion.start}"><input type="hidden" name="end" value="${suggestion.end}">`
  return html`<div class="werkplek-suggestie" id="huidige-suggestie">
<p class="utrecht-paragraph"><strong>Suggestie: narratief ${label}</strong> <span class="werkplek-klein">(zekerheid ${Math.round(suggestion.score * 100)}%${left > 1 ? `; daarna nog ${left - 1} op deze notitie` : ''})</span></p>
<blockquote class="utrecht-blockquote"><p class="utrecht-paragraph">${suggestedSentence(note, suggestion)}</p></blockquote>
<div class="werkplek-knoppen">
<form method="post" action="/notities/${note.id}/suggesties/accepteren">${fields}<button class="utrecht-button utrecht-button--primary-action" type="submit" data-toets="a">Accepteer (a)</button></form>
<form method="post" action="/notities/${note.id}/suggesties/afwijzen">${fields}<button class="utrecht-button utrecht-button--secondary-action" type="submit" data-toets="r">Wijs af (r)</button></form>
</div></div>`
}

/** The narrative buttons: a tag on the chosen words, or on the whole note when none are chosen. */
function narrativeForm(context: PageContext, note: Note, back: string): Html {
  const method = context.study.methodDefinition
  return html`<form class="utrecht-form" method="post" action="/notities/${note.id}/tags" id="tagformulier">
${csrfField(context)}<input type="hidden" name="terug" value="${back}"><input type="hidden" name="start" value=""><input type="hidden" name="end" value=""><input type="hidden" name="quote" value="">
<p class="utrecht-paragraph" id="keuze" aria-live="polite">Geen woorden gekozen: een narratief hieronder tagt de hele notitie.</p>
<div class="werkplek-knoppen werkplek-narratiefknoppen">${method.narratives.map((n) => html`<button class="utrecht-button utrecht-button--secondary-action" type="submit" name="code" value="${n.id}" data-toets="${n.number}">${n.number}. ${n.short}</button>`)}</div>
</form>`
}

/** Taggen: one note of the queue at a time, with its open suggestion first. */
export function reviewPage(context: PageContext, view: ReviewView): Html {
  if (!context.who) return page(context, 'Taggen', html`<p class="utrecht-paragraph">Kies eerst wie je bent (bovenaan): de wachtrij is die van jou.</p>`)
  const nl = (n: number) => n.toLocaleString('nl-NL')
  const looking = view.looking ? `De kit zoekt nog: ${nl(view.looking.scanned)} van de ${nl(view.looking.total)} notities bekeken.` : ''
  if (!view.note || view.total === 0) {
    return page(context, 'Taggen', view.looking
      ? html`<p class="utrecht-paragraph" role="status">${looking} Laad de pagina zo opnieuw.</p><p class="utrecht-paragraph"><a class="utrecht-link" href="/taggen">Opnieuw laden</a></p>`
      : html`<p class="utrecht-paragraph" role="status">Niets te doen: elke notitie heeft een tag, en je hebt alle suggesties beoordeeld.</p>
<p class="utrecht-paragraph"><a class="utrecht-link" href="/taggen?opnieuw=1">Kijk opnieuw</a></p>`)
  }

  const {note} = view
  const back = `/taggen?nr=${view.index}`
  const place = context.study.halteplaatsen.find((h) => h.id === note.halteplaats)?.name ?? note.halteplaats
  const [suggestion] = view.suggestions
  const state = suggestion
    ? ''
    : view.tags.length > 0
      ? html`<p class="utrecht-paragraph" role="status">Klaar met deze notitie: geen open suggesties${view.hidden > 0 ? ` (${view.hidden} afgewezen)` : ''}, en hij heeft een tag. Ga door met j.</p>`
      : html`<p class="utrecht-paragraph">De kit heeft geen suggesties voor deze notitie${view.hidden > 0 ? ' meer' : ''}, en hij heeft nog geen tag. Kies woorden of tag de hele notitie met een narratief.</p>`

  return page(context, 'Taggen', html`
<div id="wachtrij" data-sneltoetsen>
${view.flash ? html`<div class="utrecht-alert utrecht-alert--error" role="alert"><p class="utrecht-paragraph">${view.flash}</p></div>` : ''}
<p class="utrecht-paragraph utrecht-paragraph--lead" id="voortgang">Notitie ${view.index} van ${view.looking ? `ten minste ${view.total}` : view.total}</p>
${view.looking ? html`<p class="utrecht-paragraph werkplek-klein" role="status">${looking}</p>` : ''}
<p class="utrecht-paragraph werkplek-klein" id="sneltoetsen">${SHORTCUTS}</p>
<nav class="werkplek-paginas" aria-label="Wachtrij">
${view.index > 1 ? html`<a class="utrecht-link" rel="prev" href="/taggen?nr=${view.index - 1}" data-toets="k">Vorige notitie (k)</a>` : ''}
${view.index < view.total || view.looking ? html`<a class="utrecht-link" rel="next" href="/taggen?nr=${view.index + 1}" data-toets="j">Volgende notitie (j)</a>` : ''}
<a class="utrecht-link" href="/taggen?opnieuw=1&amp;nr=${view.index}">Wachtrij opnieuw opbouwen</a>
</nav>
<h2 class="utrecht-heading-2" id="notitiekop"><a class="utrecht-link" href="/notities/${note.id}">Notitie ${shortId(note.id)}</a>: ${place}, ${subjectOf(context.study, note)}, ${formatDate(note.date)}</h2>
${suggestion ? current(context, note, suggestion, back, view.suggestions.length) : state}
<section aria-labelledby="tekst">
<h2 class="utrecht-heading-2" id="tekst">Tekst</h2>
<p class="utrecht-paragraph werkplek-klein" id="tekst-uitleg">Kies woorden met de muis, of met het toetsenbord: ga in de tekst staan en gebruik Shift met de pijltjes, dan Enter.</p>
${noteText(context, note, view.tags)}
</section>
<section aria-labelledby="narratiefkop">
<h2 class="utrecht-heading-2" id="narratiefkop">Taggen met een narratief</h2>
${narrativeForm(context, note, back)}
</section>
<section aria-labelledby="tagkop">
<h2 class="utrecht-heading-2" id="tagkop">Tags</h2>
${tagList(context, note, view.tags)}
</section>
</div>`)
}

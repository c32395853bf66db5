import {html, raw} from 'hono/html'

import type {Note} from '../../model/note.js'
import type {Tag} from '../../model/tag.js'
import {requireNote} from '../../notes/lookup.js'
import {formatDate, formatTimestamp} from '../../parse/date.js'
import {shortId} from '../../records/ids.js'
import {diffWords} from '../../records/word-diff.js'
import type {Store} from '../../store/store.js'
import {suggestionsToReview} from '../../tagging/review.js'
import type {NoteSuggestion} from '../../tagging/suggest-notes.js'
import {subjectOf} from '../../ui/note-view.js'
import {alerts, csrfField, type Html, page, type PageContext} from '../layout.js'

/** A code as people read it: "1 onzichtbare overheid" for a narrative, the theme's short name for a theme. */
export function codeLabel(context: PageContext, kind: Tag['kind'], code: string): {colour: string; label: string} {
  const method = context.study.methodDefinition
  if (kind === 'narrative') {
    const narrative = method.narratives.find((n) => n.id === code)
    return {colour: `n${narrative?.number ?? 0}`, label: narrative ? `${narrative.number} ${narrative.short}` : code}
  }

  return {colour: 'thema', label: `thema ${method.themes.find((t) => t.id === code)?.short ?? code}`}
}

export interface Segment<T extends Pick<Tag, 'end' | 'start'> = Tag> {
  end: number
  start: number
  tags: T[]
  text: string
}

/**
 * The note's text cut at every tag boundary and at every carriage return. A browser turns "\r\n"
 * into "\n" when it reads the page, so each piece carries its own start in code points of the
 * stored text: the script then counts within one piece, where page and store agree, and the
 * offsets it sends are the ones `tag add --start/--end` and the REFI export use.
 */
export function segments<T extends Pick<Tag, 'end' | 'start'>>(text: string, tags: T[]): Array<Segment<T>> {
  const points = [...text]
  const cuts = new Set<number>([0, points.length])
  for (const tag of tags) if (tag.start !== null && tag.end !== null) cuts.add(tag.start).add(tag.end)
  points.forEach((ch, i) => {
    if (ch === '\r') cuts.add(i).add(i + 1)
  })
  const sorted = [...cuts].sort((a, b) => a - b)
  const out: Array<Segment<T>> = []
  for (let i = 0; i < sorted.length - 1; i++) {
    const [start, end] = [sorted[i], sorted[i + 1]]
    const piece = points.slice(start, end).join('')
    if (piece === '\r') continue
    out.push({end, start, tags: tags.filter((t) => t.start !== null && t.end !== null && t.start < end && t.end > start), text: piece})
  }

  return out
}

export function noteText(context: PageContext, note: Note, tags: Tag[]): Html {
  const passages = tags.filter((t) => t.start !== null)
  const pieces = segments(note.text, passages)
  return html`<div class="werkplek-notitietekst" id="notitietekst" tabindex="0" data-note="${note.id}" aria-describedby="tekst-uitleg">${pieces.map((piece) => {
    if (piece.tags.length === 0) return html`<span data-start="${piece.start}">${piece.text}</span>`
    const first = piece.tags[0]
    const {colour} = codeLabel(context, first.kind, first.code)
    // Where a passage ends, its labels follow in words: colour alone would say nothing to many readers.
    const ending = piece.tags.filter((t) => t.end === piece.end)
    const labels = ending.map((t) => codeLabel(context, t.kind, t.code).label)
    return html`<mark class="werkplek-tag werkplek-tag--${colour}" data-start="${piece.start}">${piece.text}</mark>${labels.length > 0 ? html`<span class="werkplek-taglabel" data-label>[${labels.join('; ')}]</span>` : ''}`
  })}</div>`
}

export function tagForm(context: PageContext, note: Note, back?: string): Html {
  const method = context.study.methodDefinition
  return html`<form class="utrecht-form werkplek-tagform" method="post" action="/notities/${note.id}/tags" id="tagformulier">
${csrfField(context)}${back ? html`<input type="hidden" name="terug" value="${back}">` : ''}
<p class="utrecht-paragraph" id="keuze" aria-live="polite">Kies woorden in de tekst hierboven, of geef ze hieronder op.</p>
<div class="werkplek-velden">
<div class="utrecht-form-field">
<label class="utrecht-form-label" for="tag-code">Narratief of thema</label>
<select class="utrecht-select utrecht-select--html-select" id="tag-code" name="code">
<optgroup label="Narratieven">${method.narratives.map((n) => html`<option value="${n.id}">${n.number}. ${n.short}</option>`)}</optgroup>
<optgroup label="Thema's">${method.themes.map((t) => html`<option value="${t.id}">${t.short}</option>`)}</optgroup>
</select></div>
<div class="utrecht-form-field">
<label class="utrecht-form-label" for="tag-quote">Precies deze woorden (leeg: de hele notitie)</label>
<input class="utrecht-textbox utrecht-textbox--html-input" id="tag-quote" name="quote" type="text">
</div>
<div class="utrecht-form-field">
<label class="utrecht-form-label" for="tag-start">Of vanaf teken</label>
<input class="utrecht-textbox utrecht-textbox--html-input werkplek-getal" id="tag-start" name="start" type="number" min="0" inputmode="numeric">
</div>
<div class="utrecht-form-field">
<label class="utrecht-form-label" for="tag-end">tot teken</label>
<input class="utrecht-textbox utrecht-textbox--html-input werkplek-getal" id="tag-end" name="end" type="number" min="1" inputmode="numeric">
</div>
</div>
<button class="utrecht-button utrecht-button--primary-action" type="submit">Tag opslaan</button>
</form>`
}

export function tagList(context: PageContext, note: Note, tags: Tag[]): Html {
  if (tags.length === 0) return html`<p class="utrecht-paragraph">Nog geen tags op deze notitie.</p>`
  return html`<div class="werkplek-tabel"><table class="utrecht-table" id="tags">
<caption class="utrecht-table__caption">De tags op deze notitie</caption>
<thead class="utrecht-table__header"><tr class="utrecht-table__row"><th class="utrecht-table__header-cell" scope="col">Code</th><th class="utrecht-table__header-cell" scope="col">Passage</th><th class="utrecht-table__header-cell" scope="col">Door</th><th class="utrecht-table__header-cell" scope="col">Wanneer</th><th class="utrecht-table__header-cell" scope="col"><span class="werkplek-verborgen">Actie</span></th></tr></thead>
<tbody class="utrecht-table__body">${tags.map((tag) => {
    const {colour, label} = codeLabel(context, tag.kind, tag.code)
    return html`<tr class="utrecht-table__row">
<td class="utrecht-table__cell"><span class="werkplek-staal werkplek-tag--${colour}" aria-hidden="true"></span> ${label}</td>
<td class="utrecht-table__cell">${tag.quote ?? 'de hele notitie'}${tag.start === null ? '' : html` <span class="werkplek-klein">(${tag.start}–${tag.end})</span>`}</td>
<td class="utrecht-table__cell">${tag.coder}</td>
<td class="utrecht-table__cell">${formatTimestamp(tag.createdAt)}</td>
<td class="utrecht-table__cell"><form method="post" action="/notities/${note.id}/tags/${tag.id}/verwijderen">${csrfField(context)}<button class="utrecht-button utrecht-button--secondary-action" type="submit">Verwijder<span class="werkplek-verborgen"> tag ${label}</span></button></form></td>
</tr>`
  })}</tbody></table></div>`
}

/** The suggestion's sentence with the words its cues matched in <mark>, offsets relative to the note. */
export function suggestedSentence(note: Note, suggestion: NoteSuggestion): Html {
  const points = [...note.text]
  const parts: Html[] = []
  let at = suggestion.start
  for (const word of [...suggestion.matched].sort((a, b) => a.start - b.start)) {
    if (word.start < at) continue
    parts.push(html`${points.slice(at, word.start).join('')}`, html`<mark>${points.slice(word.start, word.end).join('')}</mark>`)
    at = word.end
  }

  parts.push(html`${points.slice(at, suggestion.end).join('')}`)
  return html`${parts}`
}

function suggestionList(context: PageContext, note: Note, suggestions: NoteSuggestion[], hidden: number): Html {
  if (!context.who) return html`<p class="utrecht-paragraph">Kies eerst wie je bent (bovenaan) om suggesties te beoordelen.</p>`
  const none = hidden > 0 ? `Geen nieuwe suggesties; ${hidden === 1 ? 'één suggestie wees' : `${hidden} suggesties wees`} je al af.` : 'De kit heeft geen suggesties voor deze notitie.'
  if (suggestions.length === 0) return html`<p class="utrecht-paragraph">${none}</p>`
  return html`<ul class="werkplek-suggesties">${suggestions.map((s) => {
    const {label} = codeLabel(context, 'narrative', s.narrative)
    const fields = html`${csrfField(context)}<input type="hidden" name="narrative" value="${s.narrative}"><input type="hidden" name="start" value="${s.start}"><input type="hidden" name="end" value="${s.end}">`
    return html`<li class="werkplek-suggestie">
<p class="utrecht-paragraph"><strong>Narratief ${label}</strong> <span class="werkplek-klein">(zekerheid ${Math.round(s.score * 100)}%)</span></p>
<blockquote class="utrecht-blockquote"><p class="utrecht-paragraph">${suggestedSentence(note, s)}</p></blockquote>
<p class="utrecht-paragraph werkplek-klein">Omdat: ${s.matched.length > 0 ? 'de gemarkeerde woorden' : 'de woorden van de zin'} passen bij wat dit narratief zegt.</p>
<div class="werkplek-knoppen">
<form method="post" action="/notities/${note.id}/suggesties/accepteren">${fields}<button class="utrecht-button utrecht-button--primary-action" type="submit" data-toets="a">Accepteer<span class="werkplek-verborgen"> narratief ${label}</span></button></form>
<form method="post" action="/notities/${note.id}/suggesties/afwijzen">${fields}<button class="utrecht-button utrecht-button--secondary-action" type="submit" data-toets="r">Wijs af<span class="werkplek-verborgen"> narratief ${label}</span></button></form>
</div></li>`
  })}</ul>`
}

/** What an edit changed in the text, word by word, as note history shows it: only the changed runs and a few words around them. */
export function textChange(before: string, after: string): Html {
  const parts = diffWords(before, after)
  const shown = parts.map((part, i) => {
    if (part.kind === 'removed') return html`<del>${part.text}</del>`
    if (part.kind === 'added') return html`<ins>${part.text}</ins>`
    // An unchanged run is cut to its edges: the reader wants the change, not the whole note again.
    const words = part.text.split(/(?<=\s)/u)
    if (words.length <= 12) return html`${part.text}`
    const head = i === 0 ? '' : words.slice(0, 6).join('')
    const tail = i === parts.length - 1 ? '' : words.slice(-6).join('')
    return html`${head}${i === 0 ? '…' : ' … '}${tail}`
  })
  return html`<blockquote class="utrecht-blockquote werkplek-verschil"><p class="utrecht-paragraph">${shown}</p></blockquote>`
}

/** Eén notitie: the text with its tags, tagging a passage, the kit's suggestions, the versions. */
export function notePage(store: Store, context: PageContext, id: string, flash: null | string, notice: null | string = null): Html {
  const {study} = context
  const method = study.methodDefinition
  const note = requireNote(store, id)
  const tags = store.tags.list({noteId: note.id})
  const place = study.halteplaatsen.find((h) => h.id === note.halteplaats)?.name ?? note.halteplaats
  const {hidden, items} = context.who ? suggestionsToReview(store, method, [note], context.who) : {hidden: 0, items: []}
  const versions = store.notes.versions(note.id)
  const themes = note.themes.map((t) => method.themes.find((x) => x.id === t)?.short ?? t)
  const narratives = note.narratives.map((n) => codeLabel(context, 'narrative', n).label)

  return page(context, `Notitie ${shortId(note.id)}`, html`
${alerts(flash, notice)}
<p class="utrecht-paragraph"><a class="utrecht-link" href="/notities/${note.id}/bewerken">Deze notitie bewerken</a> (een nieuwe versie; de vorige blijven bewaard)</p>
<dl class="werkplek-kenmerken">
<div><dt>Halteplaats</dt><dd>${place}</dd></div>
<div><dt>${note.group ? 'Groep' : 'Observatie'}</dt><dd>${subjectOf(study, note)}</dd></div>
<div><dt>Datum</dt><dd>${formatDate(note.date)}</dd></div>
<div><dt>Interviewer</dt><dd>${note.interviewer}</dd></div>
<div><dt>Thema's</dt><dd>${themes.length > 0 ? themes.join(', ') : 'geen'}</dd></div>
<div><dt>Narratieven</dt><dd>${narratives.length > 0 ? narratives.join(', ') : 'geen'}</dd></div>
<div><dt>Versie</dt><dd>${note.version}</dd></div>
</dl>
<section aria-labelledby="tekst">
<h2 class="utrecht-heading-2" id="tekst">Tekst</h2>
<p class="utrecht-paragraph werkplek-klein" id="tekst-uitleg">Getagde passages zijn gekleurd en hebben hun code tussen haken erachter. Kies woorden met de muis, of met het toetsenbord: ga in de tekst staan en gebruik Shift met de pijltjes.</p>
${noteText(context, note, tags)}
</section>
<section aria-labelledby="taggen">
<h2 class="utrecht-heading-2" id="taggen">Een passage taggen</h2>
${context.who ? tagForm(context, note) : html`<p class="utrecht-paragraph">Kies eerst wie je bent (bovenaan) om te taggen.</p>`}
</section>
<section aria-labelledby="tagkop">
<h2 class="utrecht-heading-2" id="tagkop">Tags</h2>
${tagList(context, note, tags)}
</section>
<section aria-labelledby="suggestiekop">
<h2 class="utrecht-heading-2" id="suggestiekop">Suggesties van de kit</h2>
${suggestionList(context, note, items, hidden)}
</section>
<section aria-labelledby="versiekop">
<h2 class="utrecht-heading-2" id="versiekop">Versies</h2>
<p class="utrecht-paragraph werkplek-klein">Per versie zie je wat er in de tekst veranderde: <del>weggehaald</del> en <ins>toegevoegd</ins>.</p>
<ol class="utrecht-ordered-list">${versions.map((v, i) => html`<li class="utrecht-ordered-list__item">Versie ${v.version}: ${v.change} op ${formatTimestamp(v.changedAt)}${v.changedBy ? ` door ${v.changedBy}` : ''}${i > 0 && versions[i - 1].text !== v.text ? textChange(versions[i - 1].text, v.text) : ''}</li>`)}</ol>
</section>`)
}

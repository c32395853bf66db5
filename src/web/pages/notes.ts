import {html, raw} from 'hono/html'

import {UserError} from '../../errors.js'
import type {Note, NoteFilter} from '../../model/note.js'
import {plural} from '../../model/plural.js'
import {checkFilter} from '../../notes/filter.js'
import {searchNotes} from '../../notes/search.js'
import {formatDate} from '../../parse/date.js'
import {shortId} from '../../records/ids.js'
import type {Store} from '../../store/store.js'
import {subjectOf} from '../../ui/note-view.js'
import {type Html, page, type PageContext} from '../layout.js'

export const PAGE_SIZE = 50

/** The list's query in the address bar, in Dutch words; every key is optional. */
export interface NotesQuery {
  groep?: string
  halteplaats?: string
  interviewer?: string
  narratief?: string
  pagina?: string
  thema?: string
  tot?: string
  van?: string
  zoek?: string
}

function toFilter(context: PageContext, query: NotesQuery): NoteFilter {
  const {study} = context
  const subject = query.groep || undefined
  const isActivity = subject ? study.methodDefinition.activities.some((a) => a.id === subject) : false
  return checkFilter(study, {
    activity: isActivity ? subject : undefined,
    group: isActivity ? undefined : subject,
    halteplaats: query.halteplaats || undefined,
    interviewer: query.interviewer || undefined,
    narrative: query.narratief || undefined,
    since: query.van || undefined,
    theme: query.thema || undefined,
    until: query.tot || undefined,
  })
}

function select(name: string, label: string, current: string | undefined, options: Array<{label: string; value: string}>): Html {
  return html`<div class="utrecht-form-field utrecht-form-field--select">
<label class="utrecht-form-label" for="filter-${name}">${label}</label>
<select class="utrecht-select utrecht-select--html-select" id="filter-${name}" name="${name}">
<option value="">alle</option>
${options.map((o) => html`<option value="${o.value}"${o.value === current ? raw(' selected') : ''}>${o.label}</option>`)}
</select></div>`
}

function dateField(name: string, label: string, current: string | undefined): Html {
  return html`<div class="utrecht-form-field utrecht-form-field--text">
<label class="utrecht-form-label" for="filter-${name}">${label}</label>
<input class="utrecht-textbox utrecht-textbox--html-input" type="date" id="filter-${name}" name="${name}" value="${current ?? ''}">
</div>`
}

/** A snippet of the search engine with its matches between \u0001 and \u0002, as <mark>. */
function highlighted(snippet: string): Html {
  const parts = snippet.split(/([\u0001\u0002])/)
  let inside = false
  const out: Html[] = []
  for (const part of parts) {
    if (part === '\u0001') inside = true
    else if (part === '\u0002') inside = false
    else if (part) out.push(inside ? html`<mark>${part}</mark>` : html`${part}`)
  }

  return html`${out}`
}

function start(text: string, length = 140): string {
  const line = text.replaceAll(/\s+/g, ' ').trim()
  return line.length > length ? `${line.slice(0, length - 1)}…` : line
}

function link(query: NotesQuery, changes: Partial<NotesQuery>): string {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries({...query, ...changes})) if (value) params.set(key, value)
  const text = params.toString()
  return text ? `/notities?${text}` : '/notities'
}

/**
 * Notities: the filters of `note list` and the search of `note search` (same engine, same query
 * syntax), fifty notes a page. The query lives in the address, so a filtered list can be
 * bookmarked and the back button works.
 */
export function notesPage(store: Store, context: PageContext, query: NotesQuery): Html {
  const {study} = context
  const method = study.methodDefinition
  let filter: NoteFilter
  let problem: null | string = null
  try {
    filter = toFilter(context, query)
  } catch (error) {
    if (!(error instanceof UserError)) throw error
    problem = error.message
    filter = {}
  }

  const pageNumber = Math.max(1, Number.parseInt(query.pagina ?? '1', 10) || 1)
  const search = query.zoek?.trim()
  let rows: Array<{note: Note; snippet?: string}> = []
  let total = 0
  if (!problem) {
    if (search) {
      try {
        // Search shows the best fifty; the list below says when there are more.
        const result = searchNotes(store, search, filter, PAGE_SIZE)
        rows = result.hits.map((hit) => ({note: hit.note, snippet: hit.snippet}))
        // The engine counts matches before the filters; with fewer hits than a page, the hits are all.
        total = rows.length < PAGE_SIZE ? rows.length : Math.max(rows.length, result.matches)
      } catch (error) {
        if (!(error instanceof UserError)) throw error
        problem = `${error.message} ${error.hint ?? ''}`.trim()
      }
    } else {
      total = store.notes.countRemembered(filter)
      rows = store.notes.page(filter, PAGE_SIZE, (pageNumber - 1) * PAGE_SIZE).map((note) => ({note}))
    }
  }

  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE))
  const place = (id: string) => study.halteplaatsen.find((h) => h.id === id)?.name ?? id
  const number = (id: string) => method.narratives.find((n) => n.id === id)?.number ?? id
  const subjects = [
    ...method.groups.map((g) => ({label: g.short, value: g.id})),
    ...method.activities.map((a) => ({label: `observatie: ${a.name.toLowerCase()}`, value: a.id})),
  ]

  const summary = search
    ? total > rows.length ? `${plural(total, 'notitie bevat', 'notities bevatten')} de zoekwoorden; de ${rows.length} beste staan hieronder.` : `${total === 1 ? '1 notitie bevat' : `${total} notities bevatten`} de zoekwoorden.`
    : `${total === 1 ? '1 notitie' : `${total} notities`}${pages > 1 ? `, pagina ${Math.min(pageNumber, pages)} van ${pages}` : ''}.`

  return page(context, 'Notities', html`
<form class="utrecht-form werkplek-filters" method="get" action="/notities" role="search" aria-label="Notities zoeken en filteren">
<div class="utrecht-form-field utrecht-form-field--text werkplek-zoekveld">
<label class="utrecht-form-label" for="filter-zoek">Zoeken in de tekst</label>
<p class="utrecht-form-field-description" id="zoek-uitleg">Woorden, "een woordgroep" tussen aanhalingstekens, of het begin van een woord met *, zoals vertrouw*.</p>
<input class="utrecht-textbox utrecht-textbox--html-input" type="search" id="filter-zoek" name="zoek" value="${query.zoek ?? ''}" aria-describedby="zoek-uitleg">
</div>
${select('halteplaats', 'Halteplaats', query.halteplaats, study.halteplaatsen.map((h) => ({label: h.name, value: h.id})))}
${select('groep', 'Groep of observatie', query.groep, subjects)}
${select('thema', 'Thema', query.thema, method.themes.map((t) => ({label: t.short, value: t.id})))}
${select('narratief', 'Narratief', query.narratief, method.narratives.map((n) => ({label: `${n.number}. ${n.short}`, value: n.id})))}
${select('interviewer', 'Interviewer', query.interviewer, study.team.map((m) => ({label: m.name, value: m.id})))}
${dateField('van', 'Vanaf datum', query.van)}
${dateField('tot', 'Tot en met datum', query.tot)}
<div class="werkplek-knoppen"><button class="utrecht-button utrecht-button--primary-action" type="submit">Toon</button> <a class="utrecht-link" href="/notities">Alle filters weg</a></div>
</form>
${problem ? html`<div class="utrecht-alert utrecht-alert--error" role="alert"><p class="utrecht-paragraph">${problem}</p></div>` : ''}
<p class="utrecht-paragraph" role="status">${summary}</p>
${rows.length === 0 ? '' : html`<div class="werkplek-tabel"><table class="utrecht-table">
<caption class="utrecht-table__caption">Notities${search ? ' die de zoekwoorden bevatten, beste eerst' : ', nieuwste gesprek eerst'}</caption>
<thead class="utrecht-table__header"><tr class="utrecht-table__row">
<th class="utrecht-table__header-cell" scope="col">Notitie</th><th class="utrecht-table__header-cell" scope="col">Datum</th><th class="utrecht-table__header-cell" scope="col">Halteplaats</th><th class="utrecht-table__header-cell" scope="col">Groep</th><th class="utrecht-table__header-cell" scope="col">Door</th><th class="utrecht-table__header-cell" scope="col">Narratieven</th><th class="utrecht-table__header-cell" scope="col">${search ? 'Gevonden' : 'Begin van de tekst'}</th>
</tr></thead>
<tbody class="utrecht-table__body">${rows.map(({note, snippet}) => html`<tr class="utrecht-table__row">
<td class="utrecht-table__cell"><a class="utrecht-link" href="/notities/${note.id}">${shortId(note.id)}</a></td>
<td class="utrecht-table__cell">${formatDate(note.date)}</td>
<td class="utrecht-table__cell">${place(note.halteplaats)}</td>
<td class="utrecht-table__cell">${subjectOf(study, note)}</td>
<td class="utrecht-table__cell">${note.interviewer}</td>
<td class="utrecht-table__cell">${note.narratives.map(number).sort().join(', ')}</td>
<td class="utrecht-table__cell">${snippet ? highlighted(snippet) : start(note.text)}</td>
</tr>`)}</tbody></table></div>`}
${!search && pages > 1 ? html`<nav class="werkplek-paginas" aria-label="Pagina's">
${pageNumber > 1 ? html`<a class="utrecht-link" rel="prev" href="${link(query, {pagina: String(pageNumber - 1)})}">Vorige pagina</a>` : ''}
${pageNumber < pages ? html`<a class="utrecht-link" rel="next" href="${link(query, {pagina: String(pageNumber + 1)})}">Volgende pagina</a>` : ''}
</nav>` : ''}`)
}

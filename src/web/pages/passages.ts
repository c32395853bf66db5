import {html} from 'hono/html'

import type {SourcedQuote} from '../../analysis/quotes.js'
import {UserError} from '../../errors.js'
import type {TagKind} from '../../model/tag.js'
import {plural} from '../../model/plural.js'
import {attribution} from '../../privacy/attribution.js'
import {shortId} from '../../records/ids.js'
import type {CodedNote} from '../../store/tags.js'
import type {Study} from '../../study/load.js'
import {halteplaatsName, requireGroup, requireHalteplaats, requireNarrative, requireTheme} from '../../study/lookup.js'
import {alerts, csrfField, type Html, page, type PageContext} from '../layout.js'
import {analyseNav} from './analyse.js'

/** A page of passages stays quick to render and to read, also for a cell of a large study. */
export const PASSAGES_PER_PAGE = 50

export interface PassagesQuery {
  groep?: string
  halteplaats?: string
  interviewer?: string
  narratief?: string
  pagina?: string
  thema?: string
}

export interface PassagesFilter {
  code: string
  group?: string
  halteplaats?: string
  interviewer?: string
  kind: TagKind
  page: number
}

/** The cell asked for, checked as analyse quotes checks its flags; a UserError says what is wrong. */
export function parsePassagesQuery(study: Study, query: PassagesQuery): PassagesFilter {
  const narrative = query.narratief?.trim()
  const theme = query.thema?.trim()
  if (narrative && theme) throw new UserError('Kies een narratief of een thema, niet allebei.', {hint: 'Open de passages vanuit de matrix: een getal in de tabel geeft het goede adres.'})
  if (!narrative && !theme) throw new UserError('Er is geen narratief of thema gekozen.', {hint: 'Open de passages vanuit de matrix: een getal in de tabel geeft het goede adres.'})
  const interviewer = query.interviewer?.trim() || undefined
  if (interviewer && !study.team.some((m) => m.id === interviewer)) {
    throw new UserError(`"${interviewer}" staat niet in het team van study.yaml (interviewer).`, {hint: 'Open de passages vanuit de matrix per interviewer.'})
  }

  const number = Number.parseInt(query.pagina ?? '1', 10)
  return {
    code: narrative ? requireNarrative(study, narrative, 'narratief') : requireTheme(study, theme!, 'thema'),
    group: query.groep ? requireGroup(study, query.groep, 'groep') : undefined,
    halteplaats: query.halteplaats ? requireHalteplaats(study, query.halteplaats, 'halteplaats') : undefined,
    interviewer,
    kind: narrative ? 'narrative' : 'theme',
    page: Number.isInteger(number) && number > 0 ? number : 1,
  }
}

export type PassageItem = {kind: 'note'; note: CodedNote} | {kind: 'passage'; quote: SourcedQuote}

export interface PassagesView {
  filter: PassagesFilter
  /** What adding a quote to a finding said, shown once. */
  flash: null | string
  /** Existing findings, as finding list gives them: the ones a quote can be added to. */
  findings: Array<{id: string; title: string}>
  /** This page's path and query, to come back to. */
  here: string
  items: PassageItem[]
  notice: null | string
  pageNumber: number
  pages: number
  /** How many passages the cell has (analyse quotes), on every page together. */
  passages: number
  query: PassagesQuery
  /** How many notes of the cell have the code on the whole note only. */
  wholeNotes: number
}

function codeName(study: Study, filter: PassagesFilter): string {
  const method = study.methodDefinition
  if (filter.kind === 'narrative') {
    const n = method.narratives.find((x) => x.id === filter.code)!
    return `narratief ${n.number}. ${n.name}`
  }

  return `thema ${method.themes.find((t) => t.id === filter.code)!.name}`
}

/** What the page shows, in words. Never who interviewed: a row by interviewer is "één interviewer". */
function describe(study: Study, filter: PassagesFilter): string {
  const parts = [codeName(study, filter)]
  if (filter.halteplaats) parts.push(`halteplaats ${halteplaatsName(study, filter.halteplaats)}`)
  if (filter.group) parts.push(`groep ${study.methodDefinition.groups.find((g) => g.id === filter.group)!.short}`)
  if (filter.interviewer) parts.push('uit de notities van de interviewer die je in de matrix koos')
  const line = parts.join(' · ')
  return `${line[0].toUpperCase()}${line.slice(1)}`
}

/**
 * The control another page answers: add this quote to an existing finding, or start a new one
 * with it. The passage goes by its tag id; a whole note by its note id.
 */
function addToFinding(context: PageContext, view: PassagesView, source: {notitie: string} | {tag: string}, index: number): Html {
  const [field, value] = 'tag' in source ? ['tag', source.tag] : ['notitie', source.notitie]
  const fresh = `/bevindingen/nieuw?${new URLSearchParams({[field]: value}).toString()}`
  return html`<div class="werkplek-bij-bevinding">
${view.findings.length === 0 ? '' : html`<form class="werkplek-velden" method="post" action="/bevindingen/onderbouwing">${csrfField(context)}
<input type="hidden" name="${field}" value="${value}">
<input type="hidden" name="terug" value="${view.here}">
<div class="utrecht-form-field utrecht-form-field--select">
<label class="utrecht-form-label" for="bevinding-${index}">Bevinding</label>
<select class="utrecht-select utrecht-select--html-select" id="bevinding-${index}" name="bevinding">${view.findings.map((f) => html`<option value="${f.id}">${f.title}</option>`)}</select>
</div>
<button class="utrecht-button utrecht-button--secondary-action" type="submit">Voeg toe aan bevinding</button>
</form>`}
<p class="utrecht-paragraph"><a class="utrecht-link" href="${fresh}">Nieuwe bevinding met dit citaat</a></p>
</div>`
}

function item(context: PageContext, view: PassagesView, entry: PassageItem, index: number): Html {
  const {study} = context
  if (entry.kind === 'passage') {
    const q = entry.quote
    return html`<li class="werkplek-citaat">
<figure class="utrecht-blockquote__figure">
<blockquote class="utrecht-blockquote utrecht-blockquote--html-blockquote"><p class="utrecht-blockquote__content">“${q.quote}”</p></blockquote>
<figcaption class="utrecht-blockquote__attribution">— ${q.attribution}</figcaption>
</figure>
<p class="utrecht-paragraph"><a class="utrecht-link" href="/notities/${q.noteId}">Notitie ${shortId(q.noteId)}</a></p>
${addToFinding(context, view, {tag: q.tagId}, index)}
</li>`
  }

  // No words of a note tagged as a whole: like analyse quotes, the page quotes only tagged passages.
  const note = entry.note
  return html`<li class="werkplek-hele-notitie">
<p class="utrecht-paragraph"><strong>Hele notitie</strong> — ${attribution(study, note)}</p>
<p class="utrecht-paragraph"><a class="utrecht-link" href="/notities/${note.noteId}">Notitie ${shortId(note.noteId)}</a></p>
${addToFinding(context, view, {notitie: note.noteId}, index)}
</li>`
}

function link(query: PassagesQuery, pagina: number): string {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries({...query, pagina: String(pagina)})) if (value) params.set(key, value)
  return `/analyse/passages?${params.toString()}`
}

/**
 * Passages: the quotes of `analyse quotes` for one cell of the matrix, attributed by group and
 * halteplaats only, each with its note and a way to add it to a finding. After them the notes of
 * the cell whose code is on the whole note, so the cell's count can be read back.
 */
export function passagesPage(context: PageContext, view: PassagesView | {problem: string}): Html {
  if ('problem' in view) {
    return page(context, 'Passages', html`${analyseNav('passages')}
<div class="utrecht-alert utrecht-alert--error" role="alert"><p class="utrecht-paragraph">${view.problem}</p></div>
<p class="utrecht-paragraph"><a class="utrecht-link" href="/analyse">Naar de matrix</a></p>`)
  }

  const {study} = context
  const {filter, items, pageNumber, pages} = view
  const total = view.passages + view.wholeNotes
  const first = (pageNumber - 1) * PASSAGES_PER_PAGE
  const passagesHere = items.filter((i) => i.kind === 'passage')
  const notesHere = items.filter((i) => i.kind === 'note')
  const summary = `${plural(view.passages, 'getagde passage', 'getagde passages')}${view.wholeNotes > 0 ? `, en ${plural(view.wholeNotes, 'notitie', 'notities')} met dit ${filter.kind === 'narrative' ? 'narratief' : 'thema'} op de hele notitie` : ''}${pages > 1 ? `; pagina ${pageNumber} van ${pages}` : ''}.`
  const back = filter.interviewer ? 'interviewer' : filter.group ? 'groep' : 'halteplaats'
  const matrixHref = `/analyse?${new URLSearchParams({kolommen: filter.kind === 'narrative' ? 'narratieven' : 'themas', rijen: back}).toString()}`
  return page(context, 'Passages', html`${analyseNav('passages')}
${alerts(view.flash, view.notice)}
<p class="utrecht-paragraph utrecht-paragraph--lead">${describe(study, filter)}</p>
<p class="utrecht-paragraph" role="status">${summary}</p>
<p class="utrecht-paragraph">Zoals <code>karavaan analyse quotes</code>: elk citaat staat alleen bij de groep en de halteplaats, zonder iets dat naar een persoon leidt. <a class="utrecht-link" href="${matrixHref}">Terug naar de matrix</a></p>
${total === 0 ? html`<p class="utrecht-paragraph">Hier zijn nog geen getagde passages. Tag woorden in een notitie, of met <code>karavaan tag add NOTITIE ${filter.code} --quote "…"</code>.</p>` : ''}
${passagesHere.length === 0 ? '' : html`<section aria-labelledby="citaten">
<h2 class="utrecht-heading-2" id="citaten">Getagde passages</h2>
<ol class="werkplek-citaten" start="${first + 1}">${passagesHere.map((entry, i) => item(context, view, entry, first + i + 1))}</ol>
</section>`}
${notesHere.length === 0 ? '' : html`<section aria-labelledby="hele-notities">
<h2 class="utrecht-heading-2" id="hele-notities">Notities met dit ${filter.kind === 'narrative' ? 'narratief' : 'thema'} op de hele notitie</h2>
<p class="utrecht-paragraph">Deze notities tellen in de matrix mee, maar hebben hier geen getagde passage.</p>
<ol class="werkplek-citaten" start="${first + passagesHere.length + 1}">${notesHere.map((entry, i) => item(context, view, entry, first + passagesHere.length + i + 1))}</ol>
</section>`}
${pages > 1 ? html`<nav class="werkplek-paginas" aria-label="Pagina's">
${pageNumber > 1 ? html`<a class="utrecht-link" rel="prev" href="${link(view.query, pageNumber - 1)}">Vorige pagina</a>` : ''}
${pageNumber < pages ? html`<a class="utrecht-link" rel="next" href="${link(view.query, pageNumber + 1)}">Volgende pagina</a>` : ''}
</nav>` : ''}`)
}

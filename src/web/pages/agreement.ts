import {html} from 'hono/html'

import {agreementVerdict, type AgreementReport, type Disagreement, mainMeasure} from '../../analysis/agreement.js'
import type {Note} from '../../model/note.js'
import {plural} from '../../model/plural.js'
import {formatDate} from '../../parse/date.js'
import {shortId} from '../../records/ids.js'
import {type CoderMark, INTERVIEWER, KIT} from '../../tagging/agreement.js'
import {DEFAULT_THRESHOLD} from '../../tagging/suggest.js'
import {subjectOf} from '../../ui/note-view.js'
import {csrfField, type Html, page, type PageContext} from '../layout.js'
import {codeLabel, segments} from './note.js'

/** "anna en joost", "anna, joost en kit". */
const codersText = (coders: readonly string[]) => (coders.length < 2 ? coders.join('') : `${coders.slice(0, -1).join(', ')} en ${coders.at(-1)}`)

/** A note with what its coders disagree on, and what each of them gave it. */
export interface NoteToDiscuss {
  disagreements: Disagreement[]
  marks: Map<string, CoderMark[]>
  note: Note
}

export interface AgreementView {
  /** Coders with coding decisions (and the kit): the choices of the form. */
  available: string[]
  /** The coders as the form sent them, also when they are wrong (to show the form again). */
  chosen: string[]
  /** What is wrong with the choice, in Dutch; then there is no report. */
  error: null | string
  flash: null | string
  /** The notes to discuss on this page. */
  notes: NoteToDiscuss[]
  /** How many notes have a difference, over all pages. */
  noteTotal: number
  page: number
  pages: number
  report?: AgreementReport
}

/** Three coders fit side by side; the CLI takes more, but a page of four columns reads badly. */
export const CODER_FIELDS = 3

const value = (n: null | number) => (n === null ? '–' : n.toFixed(2).replace('.', ','))
const percent = (n: number) => `${Math.round(n * 100)}%`

/** How a coder is called on the page: the team member's name, or what "interviewer" and "kit" stand for. */
export function coderName(context: PageContext, coder: string): string {
  if (coder === INTERVIEWER) return 'interviewer (de narratieven in de notities zelf)'
  if (coder === KIT) return `kit (de voorstellen van tag suggest, drempel ${DEFAULT_THRESHOLD.toFixed(2).replace('.', ',')})`
  const member = context.study.team.find((m) => m.id === coder)
  return member ? `${coder} (${member.name})` : coder
}

/** Each compared coder's colour and line, named in words in the legend: colour is never the only sign. */
const STYLES = [
  {line: 'doorgetrokken lijn', name: 'blauw'},
  {line: 'gestreepte lijn', name: 'oranje'},
  {line: 'gestippelde lijn', name: 'groen'},
]

function choiceForm(context: PageContext, view: AgreementView): Html {
  const options = [...new Set([...view.available, ...view.chosen.filter((c) => context.study.team.some((m) => m.id === c))])]
  const field = (i: number) => {
    const chosen = view.chosen[i] ?? ''
    return html`<div class="utrecht-form-field">
<label class="utrecht-form-label" for="codeur-${i + 1}">${i < 2 ? `Codeur ${i + 1}` : `Codeur ${i + 1} (mag leeg)`}</label>
<select class="utrecht-select utrecht-select--html-select" id="codeur-${i + 1}" name="codeur"${view.error ? html` aria-describedby="keuzefout"` : ''}>
${i >= 2 ? html`<option value=""${chosen === '' ? html` selected` : ''}>geen</option>` : ''}${options.map((c) => html`<option value="${c}"${c === chosen ? html` selected` : ''}>${coderName(context, c)}</option>`)}
</select></div>`
  }

  return html`<form class="utrecht-form" method="get" action="/overeenstemming" id="codeurkeuze">
${view.error ? html`<div class="utrecht-alert utrecht-alert--error" role="alert" id="keuzefout"><p class="utrecht-paragraph">${view.error}</p></div>` : ''}
<fieldset class="werkplek-keuzes"><legend>Welke codeurs vergelijk je?</legend>
<div class="werkplek-velden">${Array.from({length: CODER_FIELDS}, (_, i) => field(i))}</div>
</fieldset>
<button class="utrecht-button utrecht-button--primary-action" type="submit">Vergelijk</button>
</form>`
}

function figures(context: PageContext, report: AgreementReport): Html {
  const two = report.coders.length === 2
  const row = (label: string, r: {alpha: null | number; kappa: null | number; observed: number}, units: number, header = false) => {
    const main = mainMeasure(report, r)
    return html`<tr class="utrecht-table__row">
<th class="utrecht-table__header-cell" scope="row">${header ? html`<strong>${label}</strong>` : label}</th>
<td class="utrecht-table__cell utrecht-table__cell--numeric">${percent(r.observed)}</td>
<td class="utrecht-table__cell utrecht-table__cell--numeric">${value(r.kappa)}</td>
<td class="utrecht-table__cell utrecht-table__cell--numeric">${value(r.alpha)}</td>
<td class="utrecht-table__cell">${agreementVerdict(main) || 'niet te bepalen'}</td>
<td class="utrecht-table__cell utrecht-table__cell--numeric">${units}</td>
</tr>`
  }

  const method = context.study.methodDefinition
  return html`<div class="werkplek-tabel"><table class="utrecht-table" id="overeenstemming">
<caption class="utrecht-table__caption">Overeenstemming per narratief tussen ${codersText(report.coders)}. Het oordeel gaat over ${two ? 'kappa' : 'alpha'} (Landis en Koch: boven 0,80 uitstekend, 0,61–0,80 goed, 0,41–0,60 matig, daaronder zwak).${two ? '' : ' Kappa bestaat alleen voor precies twee codeurs.'}</caption>
<thead class="utrecht-table__header"><tr class="utrecht-table__row">
<th class="utrecht-table__header-cell" scope="col">Narratief</th>
<th class="utrecht-table__header-cell" scope="col">Eens</th>
<th class="utrecht-table__header-cell" scope="col">Kappa</th>
<th class="utrecht-table__header-cell" scope="col">Alpha</th>
<th class="utrecht-table__header-cell" scope="col">Oordeel</th>
<th class="utrecht-table__header-cell" scope="col">Notities vergeleken</th>
</tr></thead>
<tbody class="utrecht-table__body">
${report.perNarrative.map((r) => {
    const n = method.narratives.find((x) => x.id === r.narrative)
    return row(n ? `${n.number}. ${n.short}` : r.narrative, r, r.units)
  })}
${row('Alles samen', report.overall, report.units, true)}
</tbody></table></div>`
}

function legend(context: PageContext, coders: string[]): Html {
  return html`<div class="werkplek-legenda" id="legenda">
<p class="utrecht-paragraph"><strong>Legenda.</strong> Elke codeur heeft een eigen kleur en lijn; achter elke gemarkeerde passage staan de codeur en het narratief in woorden.</p>
<ul class="werkplek-legenda-lijst">${coders.map((c, i) => html`<li><span class="werkplek-codeur werkplek-codeur--${i + 1}">${c}</span> ${coderName(context, c)}: ${STYLES[i].name}, ${STYLES[i].line}</li>`)}</ul>
</div>`
}

/** One coder's reading of the note: the text with their passages marked, and their tags on the whole note. */
function coderColumn(context: PageContext, note: Note, coder: string, index: number, marks: CoderMark[]): Html {
  const label = (m: CoderMark) => `${coder}: ${codeLabel(context, 'narrative', m.narrative).label}`
  const whole = marks.filter((m) => m.start === null)
  const passages = marks.filter((m) => m.start !== null)
  const pieces = segments(note.text, passages)
  return html`<section class="werkplek-kolom" aria-label="De notitie zoals ${coder} haar codeerde">
<h4 class="utrecht-heading-4"><span class="werkplek-codeur werkplek-codeur--${index + 1}">${coder}</span></h4>
<p class="utrecht-paragraph werkplek-klein">Op de hele notitie: ${whole.length > 0 ? html`${whole.map((m, i) => html`${i > 0 ? '; ' : ''}<span class="werkplek-codeur werkplek-codeur--${index + 1}">[${label(m)}]</span>`)}` : 'niets'}.</p>
<div class="werkplek-notitietekst werkplek-naast-tekst">${pieces.map((piece) => {
    if (piece.tags.length === 0) return html`${piece.text}`
    const ending = piece.tags.filter((t) => t.end === piece.end)
    return html`<mark class="werkplek-codeur werkplek-codeur--${index + 1}">${piece.text}</mark>${ending.length > 0 ? html`<span class="werkplek-taglabel">[${ending.map(label).join('; ')}]</span>` : ''}`
  })}</div>
</section>`
}

function given(marks: CoderMark[], narrative: string): string {
  const own = marks.filter((m) => m.narrative === narrative)
  const passages = own.filter((m) => m.start !== null).length
  const whole = own.some((m) => m.start === null)
  return [whole ? 'op de hele notitie' : '', passages > 0 ? plural(passages, 'passage', 'passages') : ''].filter(Boolean).join(' en ')
}

const shortQuote = (quote: null | string) => {
  if (quote === null) return 'de hele notitie'
  const words = quote.trim().split(/\s+/u)
  return words.length > 12 ? `“${words.slice(0, 12).join(' ')} …”` : `“${quote.trim()}”`
}

/** What the person working here can do about one difference: take the other's tag over, or take their own off. */
function settle(context: PageContext, item: NoteToDiscuss, d: Disagreement, back: string): Html {
  const who = context.who!
  const {label} = codeLabel(context, 'narrative', d.narrative)
  const fields = html`${csrfField(context)}<input type="hidden" name="terug" value="${back}">`
  if (d.notTagged.includes(who)) {
    const seen = new Set<string>()
    const offers = d.tagged.flatMap((coder) => (item.marks.get(coder) ?? []).filter((m) => m.narrative === d.narrative).map((m) => ({coder, m})))
      .filter(({m}) => {
        const key = `${m.start}-${m.end}`
        return seen.has(key) ? false : (seen.add(key), true)
      })
    return html`${offers.map(({coder, m}) => html`<form method="post" action="/notities/${item.note.id}/tags">${fields}<input type="hidden" name="code" value="${d.narrative}"><input type="hidden" name="start" value="${m.start ?? ''}"><input type="hidden" name="end" value="${m.end ?? ''}">
<button class="utrecht-button utrecht-button--secondary-action" type="submit">Neem over van ${coder}<span class="werkplek-verborgen">: narratief ${label}</span></button> <span class="werkplek-klein">${shortQuote(m.quote)}</span></form>`)}`
  }

  if (d.tagged.includes(who)) {
    const own = (item.marks.get(who) ?? []).filter((m) => m.narrative === d.narrative && m.tag)
    return html`${own.map((m) => html`<form method="post" action="/notities/${item.note.id}/tags/${m.tag!.id}/verwijderen">${fields}
<button class="utrecht-button utrecht-button--secondary-action" type="submit">Haal jouw tag weg<span class="werkplek-verborgen">: narratief ${label}</span></button> <span class="werkplek-klein">${shortQuote(m.quote)}</span></form>`)}`
  }

  return html``
}

function noteToDiscuss(context: PageContext, report: AgreementReport, item: NoteToDiscuss, back: string, canSettle: boolean): Html {
  const {note} = item
  const place = context.study.halteplaatsen.find((h) => h.id === note.halteplaats)?.name ?? note.halteplaats
  const headingId = `verschil-${note.id}`
  return html`<article class="werkplek-verschilnotitie" aria-labelledby="${headingId}">
<h3 class="utrecht-heading-3" id="${headingId}"><a class="utrecht-link" href="/notities/${note.id}">Notitie ${shortId(note.id)}</a>: ${place}, ${subjectOf(context.study, note)}, ${formatDate(note.date)}</h3>
<div class="werkplek-tabel"><table class="utrecht-table werkplek-verschiltabel">
<caption class="utrecht-table__caption">Waarover ${report.coders.join(', ')} het oneens zijn op deze notitie</caption>
<thead class="utrecht-table__header"><tr class="utrecht-table__row"><th class="utrecht-table__header-cell" scope="col">Narratief</th>${report.coders.map((c, i) => html`<th class="utrecht-table__header-cell" scope="col"><span class="werkplek-codeur werkplek-codeur--${i + 1}">${c}</span></th>`)}${canSettle ? html`<th class="utrecht-table__header-cell" scope="col">Oplossen</th>` : ''}</tr></thead>
<tbody class="utrecht-table__body">${item.disagreements.map((d) => html`<tr class="utrecht-table__row">
<th class="utrecht-table__header-cell" scope="row">${codeLabel(context, 'narrative', d.narrative).label}</th>
${report.coders.map((c) => html`<td class="utrecht-table__cell">${d.tagged.includes(c) ? html`<strong>wel</strong>: ${given(item.marks.get(c) ?? [], d.narrative) || 'gegeven'}` : d.notTagged.includes(c) ? 'niet' : 'niet gecodeerd'}</td>`)}
${canSettle ? html`<td class="utrecht-table__cell"><div class="werkplek-oplossen">${settle(context, item, d, back)}</div></td>` : ''}
</tr>`)}</tbody></table></div>
<div class="werkplek-naastelkaar">${report.coders.map((c, i) => coderColumn(context, note, c, i, item.marks.get(c) ?? []))}</div>
</article>`
}

function who(context: PageContext, coders: string[]): {canSettle: boolean; text: string} {
  if (!context.who) return {canSettle: false, text: 'Kies eerst wie je bent (bovenaan de pagina): dan kun je hier een verschil oplossen.'}
  if (!coders.includes(context.who)) return {canSettle: false, text: `Je werkt als ${context.who}, en dat is geen van de vergeleken codeurs. Alleen een van hen kan hier een verschil oplossen; kies jezelf hierboven als codeur om dat te doen.`}
  return {canSettle: true, text: 'Los een verschil op met één klik: neem de tag van de ander over als jouw tag (net als karavaan tag add), of haal je eigen tag weg (net als karavaan tag rm; hij blijft in de geschiedenis bewaard). De interviewer verandert zijn narratieven in de notitie zelf, met "Deze notitie bewerken".'}
}

function pager(view: AgreementView, query: (page: number) => string): Html {
  if (view.pages <= 1) return html``
  return html`<nav class="werkplek-paginas" aria-label="Pagina's met verschillen">
${view.page > 1 ? html`<a class="utrecht-link" rel="prev" href="${query(view.page - 1)}">Vorige pagina</a>` : ''}
<span>Pagina ${view.page} van ${view.pages}</span>
${view.page < view.pages ? html`<a class="utrecht-link" rel="next" href="${query(view.page + 1)}">Volgende pagina</a>` : ''}
</nav>`
}

/** Overeenstemming: tag agreement between the chosen coders, and the notes they differ on, side by side. */
export function agreementPage(context: PageContext, view: AgreementView): Html {
  const {report} = view
  const intro = html`<p class="utrecht-paragraph">Hoe goed zijn codeurs het eens over de narratieven? Dezelfde cijfers als <code>karavaan tag agreement --coders …</code>: alleen notities die door minstens twee van de gekozen codeurs zijn gecodeerd tellen mee. "interviewer" zijn de narratieven die in de notities zelf staan; "kit" de voorstellen van de kit.</p>`
  const flash = view.flash ? html`<div class="utrecht-alert utrecht-alert--error" role="alert"><p class="utrecht-paragraph">${view.flash}</p></div>` : ''
  const alone = view.error ? '' : html`<p class="utrecht-paragraph" role="status">Er is nog maar één codeur: de interviewers. Laat een tweede codeur taggen, in de werkplek of met karavaan tag add, tag import of tag review, of vergelijk de interviewers met de kit.</p>`
  if (!report) return page(context, 'Overeenstemming', html`${flash}${intro}${alone}${choiceForm(context, view)}`)

  const query = (n: number) => `/overeenstemming?${[...report.coders.map((c) => `codeur=${encodeURIComponent(c)}`), ...(n > 1 ? [`pagina=${n}`] : [])].join('&')}`
  const back = query(view.page)
  const settling = who(context, report.coders)
  const discuss = report.disagreements.length === 0
    ? html`<p class="utrecht-paragraph" role="status" id="geen-verschillen">${report.units === 0 ? 'Er is nog niets te bespreken.' : 'Geen verschillen: deze codeurs zijn het over elke vergeleken notitie eens.'}</p>`
    : html`<p class="utrecht-paragraph" id="aantal-verschillen">${plural(report.disagreements.length, 'verschil', 'verschillen')} in ${plural(view.noteTotal, 'notitie', 'notities')}.</p>
<p class="utrecht-paragraph werkplek-klein" id="oplossen-uitleg">${settling.text}</p>
${legend(context, report.coders)}
${pager(view, query)}
${view.notes.map((item) => noteToDiscuss(context, report, item, back, settling.canSettle))}
${pager(view, query)}`

  return page(context, 'Overeenstemming', html`${flash}${intro}${choiceForm(context, view)}
<section aria-labelledby="cijferkop">
<h2 class="utrecht-heading-2" id="cijferkop">Per narratief</h2>
${report.units === 0
    ? html`<p class="utrecht-paragraph" role="status">Er zijn nog geen notities die door twee of meer van deze codeurs (${report.coders.join(', ')}) zijn gecodeerd. Laat een tweede codeur taggen, in de werkplek of met karavaan tag add, tag import of tag review.</p>`
    : html`<p class="utrecht-paragraph">${plural(report.units, 'notitie', 'notities')} gecodeerd door ${report.coders.length === 2 ? 'beide codeurs' : 'minstens twee van de drie codeurs'} (${codersText(report.coders)}).</p>${figures(context, report)}`}
</section>
<section aria-labelledby="bespreekkop">
<h2 class="utrecht-heading-2" id="bespreekkop">Om te bespreken</h2>
${discuss}
</section>`)
}

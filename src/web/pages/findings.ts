import {html, raw} from 'hono/html'

import {verdictLabel} from '../../material/figures.js'
import {HISTORY_CONTENT} from '../../material/kinds.js'
import type {FindingWithEvidence, Finding, MaterialVersion, ResolvedEvidence} from '../../model/material.js'
import {formatTimestamp} from '../../parse/date.js'
import {shortId} from '../../records/ids.js'
import {diffWords} from '../../records/word-diff.js'
import type {Study} from '../../study/load.js'
import {baseVersion, describeFieldChanges, versionName} from '../../ui/diff-view.js'
import {CHANGE_LABELS, DRAFT_MARK} from '../../ui/material-view.js'
import {formatNumber} from '../../ui/table.js'
import {alerts, csrfField, type Html, page, type PageContext} from '../layout.js'
import {evidenceToken, type FindingFormPage, hitLabel, hitToken, pickerFilters, pickerResults} from './finding-form.js'

/** The list's query in the address bar, in Dutch words; every key is optional. */
export interface FindingsQuery {
  halteplaats?: string
  narratief?: string
  onderbouwing?: string
  prullenbak?: string
  thema?: string
}

const place = (study: Study, id: string) => study.halteplaatsen.find((h) => h.id === id)?.name ?? id

function places(study: Study, ids: string[]): string {
  return ids.length === 0 || ids.length === study.halteplaatsen.length ? 'alle' : ids.map((id) => place(study, id)).join(', ')
}

function select(name: keyof FindingsQuery, label: string, current: string | undefined, options: Array<{label: string; value: string}>, empty = 'alle'): Html {
  return html`<div class="utrecht-form-field utrecht-form-field--select">
<label class="utrecht-form-label" for="filter-${name}">${label}</label>
<select class="utrecht-select utrecht-select--html-select" id="filter-${name}" name="${name}">
<option value="">${empty}</option>
${options.map((o) => html`<option value="${o.value}"${o.value === current ? raw(' selected') : ''}>${o.label}</option>`)}
</select></div>`
}

/**
 * Bevindingen: the list of `finding list` with its filters, or the trash as `finding list
 * --deleted`, each finding with what backs it or the draft mark.
 */
export function findingsPage(context: PageContext, view: {findings: FindingWithEvidence[]; flash: null | string; notice: null | string; problem: null | string; query: FindingsQuery}): Html {
  const {study} = context
  const method = study.methodDefinition
  const {findings, query} = view
  const trash = query.prullenbak === 'ja'
  const number = (id: string) => String(method.narratives.find((n) => n.id === id)?.number ?? id)
  const drafts = findings.filter((f) => f.draft).length
  const summary = trash
    ? findings.length === 0 ? 'De prullenbak is leeg.' : `${findings.length === 1 ? '1 bevinding' : `${findings.length} bevindingen`} in de prullenbak.`
    : `${findings.length === 1 ? '1 bevinding' : `${findings.length} bevindingen`}${drafts > 0 ? `, waarvan ${drafts} concept (nog zonder onderbouwing)` : ''}.`
  return page(context, trash ? 'Bevindingen in de prullenbak' : 'Bevindingen', html`
${alerts(view.flash, view.notice)}
<p class="utrecht-paragraph"><a class="utrecht-link" href="/bevindingen/nieuw">Nieuwe bevinding</a> · ${trash ? html`<a class="utrecht-link" href="/bevindingen">Terug naar de bevindingen</a>` : html`<a class="utrecht-link" href="/bevindingen?prullenbak=ja">Prullenbak</a>`}</p>
${trash ? '' : html`<form class="utrecht-form werkplek-filters" method="get" action="/bevindingen" role="search" aria-label="Bevindingen filteren">
${select('halteplaats', 'Halteplaats', query.halteplaats, study.halteplaatsen.map((h) => ({label: h.name, value: h.id})))}
${select('thema', 'Thema', query.thema, method.themes.map((t) => ({label: t.short, value: t.id})))}
${select('narratief', 'Narratief', query.narratief, method.narratives.map((n) => ({label: `${n.number}. ${n.short}`, value: n.id})))}
${select('onderbouwing', 'Onderbouwing', query.onderbouwing, [{label: 'alleen concepten (zonder onderbouwing)', value: 'geen'}, {label: 'alleen met onderbouwing', value: 'wel'}])}
<div class="werkplek-knoppen"><button class="utrecht-button utrecht-button--primary-action" type="submit">Toon</button> <a class="utrecht-link" href="/bevindingen">Alle filters weg</a></div>
</form>`}
${view.problem ? html`<div class="utrecht-alert utrecht-alert--error" role="alert"><p class="utrecht-paragraph">${view.problem}</p></div>` : ''}
<p class="utrecht-paragraph" role="status">${summary}</p>
${findings.length === 0 ? '' : html`<div class="werkplek-tabel"><table class="utrecht-table" id="bevindingen">
<caption class="utrecht-table__caption">${trash ? 'Bevindingen in de prullenbak; terugzetten kan altijd' : 'Bevindingen, in de volgorde waarin ze zijn gemaakt'}</caption>
<thead class="utrecht-table__header"><tr class="utrecht-table__row">
<th class="utrecht-table__header-cell" scope="col">Bevinding</th><th class="utrecht-table__header-cell" scope="col">Halteplaatsen</th><th class="utrecht-table__header-cell" scope="col">Narratieven</th><th class="utrecht-table__header-cell" scope="col">Onderbouwing</th>${trash ? html`<th class="utrecht-table__header-cell" scope="col"><span class="werkplek-verborgen">Actie</span></th>` : ''}
</tr></thead>
<tbody class="utrecht-table__body">${findings.map((f) => html`<tr class="utrecht-table__row">
<td class="utrecht-table__cell"><a class="utrecht-link" href="/bevindingen/${f.id}">${f.title}</a> <span class="werkplek-klein">(${shortId(f.id)})</span></td>
<td class="utrecht-table__cell">${places(study, f.halteplaatsen)}</td>
<td class="utrecht-table__cell">${f.narratives.map(number).sort().join(', ')}</td>
<td class="utrecht-table__cell">${f.draft ? DRAFT_MARK : `${f.evidence.length} ${f.evidence.length === 1 ? 'bron' : 'bronnen'}`}</td>
${trash ? html`<td class="utrecht-table__cell"><form method="post" action="/bevindingen/${f.id}/terugzetten">${csrfField(context)}<input type="hidden" name="terug" value="/bevindingen?prullenbak=ja"><button class="utrecht-button utrecht-button--secondary-action" type="submit">Zet terug<span class="werkplek-verborgen">: ${f.title}</span></button></form></td>` : ''}
</tr>`)}</tbody></table></div>`}`)
}

/** A piece of evidence as a quote: the words, attributed by group type and halteplaats only, and the way to the note. */
function evidenceItem(context: PageContext, finding: FindingWithEvidence, e: ResolvedEvidence, noteStart: (id: string) => string, editable: boolean): Html {
  const label = e.kind === 'tag' ? hitLabel(context, {code: e.code, kind: 'tag', tagKind: e.tagKind}) : e.kind === 'passage' ? 'passage' : 'hele notitie'
  const words = e.quote ?? noteStart(e.noteId)
  return html`<li class="werkplek-bron-citaat">
<figure class="werkplek-citaat">
<blockquote class="utrecht-blockquote"><p class="utrecht-paragraph">${e.quote === null ? html`${words}` : html`“${words}”`}</p></blockquote>
<figcaption class="utrecht-paragraph werkplek-klein">— ${e.attribution} · ${label}${e.kind === 'tag' && e.quote === null ? ' (op de hele notitie)' : ''} · <a class="utrecht-link" href="/notities/${e.noteId}">notitie ${shortId(e.noteId)} lezen</a></figcaption>
</figure>
${editable ? html`<form method="post" action="/bevindingen/${finding.id}/onderbouwing/weg">${csrfField(context)}<input type="hidden" name="bron" value="${evidenceToken(e)}"><button class="utrecht-button utrecht-button--secondary-action" type="submit">Haal weg uit de onderbouwing<span class="werkplek-verborgen">: ${label}, ${e.attribution}</span></button></form>` : ''}
</li>`
}

export interface FindingView {
  finding: FindingWithEvidence
  flash: null | string
  notice: null | string
  /** The start of a note's text, for evidence that is a whole note. */
  noteStart: (id: string) => string
  picker?: FindingFormPage['picker']
  /** An earlier version is shown (finding show --version): read only. */
  version?: number
}

/** Eén bevinding: as `finding show`, with its evidence as quotes, its figures, and the evidence picker. */
export function findingPage(context: PageContext, view: FindingView): Html {
  const {study} = context
  const method = study.methodDefinition
  const {finding} = view
  const names = (all: Array<{id: string; name: string}>, ids: string[]) => ids.map((id) => all.find((x) => x.id === id)?.name ?? id).join(', ')
  const editable = !finding.deletedAt && view.version === undefined
  const back = `/bevindingen/${finding.id}`
  const picker = view.picker
  const pickerUrl = (page: number) => `${back}?${new URLSearchParams([...Object.entries(picker!.query).filter(([, v]) => v).map(([k, v]) => [k === 'zoek' ? 'zoek' : `zoek-${k}`, v]), ...(page > 1 ? [['zoek-pagina', String(page)]] : [])]).toString()}#kiezerkop`
  // Adding a hit comes back to the same page of hits.
  const pickerBack = picker?.searched ? pickerUrl(picker.page) : back
  return page(context, finding.title, html`
${alerts(view.flash, view.notice)}
${view.version !== undefined ? html`<div class="utrecht-alert" role="status"><p class="utrecht-paragraph">Je ziet versie ${view.version}. <a class="utrecht-link" href="${back}">Naar de nieuwste versie</a></p></div>` : ''}
${finding.deletedAt ? html`<div class="utrecht-alert utrecht-alert--warning" role="status"><p class="utrecht-paragraph">Deze bevinding staat in de prullenbak: ze telt niet mee in lijsten, de status en het rapport.</p>
<form method="post" action="/bevindingen/${finding.id}/terugzetten">${csrfField(context)}<button class="utrecht-button utrecht-button--primary-action" type="submit">Zet terug uit de prullenbak</button></form></div>` : ''}
${finding.draft ? html`<p class="utrecht-paragraph"><strong>${DRAFT_MARK}</strong>: voeg hieronder een notitie of passage toe.</p>` : ''}
${editable ? html`<div class="werkplek-knoppen">
<a class="utrecht-link" href="/bevindingen/${finding.id}/bewerken">Bewerken</a> (een nieuwe versie; de vorige blijven bewaard)
<a class="utrecht-link" href="/bevindingen/${finding.id}/geschiedenis">Geschiedenis</a>
<form method="post" action="/bevindingen/${finding.id}/verwijderen">${csrfField(context)}<button class="utrecht-button utrecht-button--secondary-action" type="submit">Naar de prullenbak</button></form>
</div>` : html`<p class="utrecht-paragraph"><a class="utrecht-link" href="/bevindingen/${finding.id}/geschiedenis">Geschiedenis</a></p>`}
<dl class="werkplek-kenmerken">
<div><dt>Id</dt><dd>${shortId(finding.id)}</dd></div>
<div><dt>Halteplaatsen</dt><dd>${finding.halteplaatsen.length === 0 ? 'alle' : finding.halteplaatsen.map((h) => place(study, h)).join(', ')}</dd></div>
<div><dt>Thema's</dt><dd>${names(method.themes, finding.themes) || 'geen'}</dd></div>
<div><dt>Narratieven</dt><dd>${names(method.narratives, finding.narratives) || 'geen'}</dd></div>
<div><dt>Versie</dt><dd>${finding.version}, ${formatTimestamp(finding.updatedAt)}${finding.updatedBy ? ` door ${finding.updatedBy}` : ''}</dd></div>
</dl>
${finding.personalData ? html`<p class="utrecht-paragraph">Let op: opgeslagen mét persoonsgegevens (${finding.personalData.kinds.join(', ')}).</p>` : ''}
<section aria-labelledby="tekstkop">
<h2 class="utrecht-heading-2" id="tekstkop">Tekst</h2>
${finding.text ? finding.text.split(/\n{2,}/).map((p) => html`<p class="utrecht-paragraph werkplek-alinea">${p}</p>`) : html`<p class="utrecht-paragraph">Nog geen tekst.</p>`}
</section>
<section aria-labelledby="onderbouwingkop">
<h2 class="utrecht-heading-2" id="onderbouwingkop">Onderbouwing (${finding.evidence.length})</h2>
${finding.evidence.length === 0 ? html`<p class="utrecht-paragraph">Nog geen onderbouwing.</p>`
    : html`<p class="utrecht-paragraph werkplek-klein">Citaten worden alleen toegeschreven aan de groep en de halteplaats, zoals de respondenten is beloofd.</p>
<ul class="werkplek-citaten" id="onderbouwing">${finding.evidence.map((e) => evidenceItem(context, finding, e, view.noteStart, editable))}</ul>`}
</section>
<section aria-labelledby="cijferkop">
<h2 class="utrecht-heading-2" id="cijferkop">Contextcijfers (${finding.figures.length})</h2>
${finding.figures.length === 0 ? html`<p class="utrecht-paragraph">Nog niet getoetst aan een contextcijfer.${editable ? html` Kies er een bij <a class="utrecht-link" href="/bevindingen/${finding.id}/bewerken">Bewerken</a>.` : ''}</p>`
    : html`<div class="werkplek-tabel"><table class="utrecht-table" id="cijfers">
<caption class="utrecht-table__caption">De cijfers waaraan de bevinding is getoetst, met het oordeel</caption>
<thead class="utrecht-table__header"><tr class="utrecht-table__row"><th class="utrecht-table__header-cell" scope="col">Cijfer</th><th class="utrecht-table__header-cell" scope="col">Halteplaats</th><th class="utrecht-table__header-cell" scope="col">Waarde</th><th class="utrecht-table__header-cell" scope="col">Bron</th><th class="utrecht-table__header-cell" scope="col">Oordeel</th></tr></thead>
<tbody class="utrecht-table__body">${finding.figures.map((f) => html`<tr class="utrecht-table__row">
<td class="utrecht-table__cell">${f.indicator} (${f.year})</td><td class="utrecht-table__cell">${place(study, f.halteplaats)}</td><td class="utrecht-table__cell">${`${formatNumber(f.value)} ${f.unit}`.trimEnd()}</td><td class="utrecht-table__cell">${f.source}</td><td class="utrecht-table__cell"><strong>${verdictLabel(f.verdict)}</strong></td>
</tr>`)}</tbody></table></div>`}
</section>
${editable && picker ? html`<section aria-labelledby="kiezerkop">
<h2 class="utrecht-heading-2" id="kiezerkop">Onderbouwing zoeken en toevoegen</h2>
<form class="utrecht-form werkplek-filters" method="get" action="${back}#kiezerkop" role="search" aria-label="Onderbouwing zoeken">
${pickerFilters(context, picker.query)}
<div class="werkplek-knoppen"><button class="utrecht-button utrecht-button--primary-action" type="submit">Zoek</button></div>
</form>
${pickerResults(context, picker, (hit, label) => html`<form method="post" action="/bevindingen/onderbouwing">${csrfField(context)}<input type="hidden" name="bevinding" value="${finding.id}"><input type="hidden" name="${hit.tagId ? 'tag' : 'notitie'}" value="${hit.tagId ?? hit.noteId}"><input type="hidden" name="terug" value="${pickerBack}"><button class="utrecht-button utrecht-button--secondary-action" type="submit" data-token="${hitToken(hit)}">Voeg toe<span class="werkplek-verborgen">: ${label}, ${hit.attribution}</span></button></form>`, (page) => html`<p class="utrecht-paragraph"><a class="utrecht-link" href="${pickerUrl(page)}" data-meer>Meer resultaten</a></p>`)}
</section>` : ''}`)
}

/** What a text change looks like in the browser: the changed runs and a few words around them. */
function textChange(before: string, after: string): Html {
  const parts = diffWords(before, after)
  if (parts.every((p) => p.kind === 'same')) return html``
  const shown = parts.map((part, i) => {
    if (part.kind === 'removed') return html`<del>${part.text}</del>`
    if (part.kind === 'added') return html`<ins>${part.text}</ins>`
    const words = part.text.split(/(?<=\s)/u)
    if (words.length <= 12) return html`${part.text}`
    return html`${i === 0 ? '' : words.slice(0, 6).join('')}${i === 0 ? '…' : ' … '}${i === parts.length - 1 ? '' : words.slice(-6).join('')}`
  })
  return html`<blockquote class="utrecht-blockquote werkplek-verschil"><p class="utrecht-paragraph">${shown}</p></blockquote>`
}

/** Geschiedenis: every version, as `finding history`: when, by whom, what happened and what changed. */
export function findingHistoryPage(context: PageContext, finding: Finding, versions: Array<MaterialVersion<Finding>>): Html {
  const {study} = context
  const content = (v: MaterialVersion<Finding>) => HISTORY_CONTENT.finding(v.data, study)
  return page(context, `Geschiedenis van bevinding ${shortId(finding.id)}`, html`
<p class="utrecht-paragraph"><a class="utrecht-link" href="/bevindingen/${finding.id}">Terug naar de bevinding</a>: ${finding.title}</p>
<p class="utrecht-paragraph werkplek-klein">Per versie zie je wat er veranderde: <del>weggehaald</del> en <ins>toegevoegd</ins>. Geen versie gaat verloren.</p>
<ol class="werkplek-versies" id="versies">${versions.map((v) => {
    const name = versionName(v, versions)
    const head = html`<h2 class="utrecht-heading-3">${name[0].toUpperCase()}${name.slice(1)}: ${CHANGE_LABELS[v.change]} op ${formatTimestamp(v.changedAt)}${v.changedBy ? ` door ${v.changedBy}` : ''}</h2>
<p class="utrecht-paragraph"><a class="utrecht-link" href="/bevindingen/${finding.id}?versie=${v.version}">${v.data.title}</a></p>`
    if (v.change === 'verwijderd' || v.change === 'teruggezet') return html`<li class="werkplek-versie">${head}</li>`
    const previous = baseVersion(v, versions, content)
    if (!previous) {
      return html`<li class="werkplek-versie">${head}${v.data.text ? html`<blockquote class="utrecht-blockquote"><p class="utrecht-paragraph werkplek-alinea">${v.data.text}</p></blockquote>` : ''}</li>`
    }

    const before = content(previous)
    const after = content(v)
    const fields = describeFieldChanges(before.fields, after.fields)
    const texts = Object.keys(after.texts).filter((k) => before.texts[k] !== after.texts[k])
    const changed = [...texts, ...fields]
    return html`<li class="werkplek-versie">${head}
<p class="utrecht-paragraph">${changed.length === 0 ? 'Niets gewijzigd: dezelfde inhoud opnieuw opgeslagen.' : `Gewijzigd: ${changed.join(', ')}.`}</p>
${texts.map((k) => html`<p class="utrecht-paragraph werkplek-klein">${k[0].toUpperCase()}${k.slice(1)}:</p>${textChange(before.texts[k], after.texts[k])}`)}
</li>`
  })}</ol>`)
}

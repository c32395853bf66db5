import {html, raw} from 'hono/html'

import type {GateHit, GateSummary} from '../../privacy/gate.js'
import {KIND_LABELS} from '../../privacy/index.js'
import {shortId} from '../../records/ids.js'
import type {HitSource} from '../../report/hit-sources.js'
import type {ReportJob} from '../report-jobs.js'
import {csrfField, type Html, page, type PageContext} from '../layout.js'

/** What the Rapport form asks, as the address carries it: the options of `karavaan report`. */
export interface ReportChoice {
  /** --draft */
  concept: boolean
  /** --halteplaats; '' for the whole study. */
  halteplaats: string
  /** '' (refuse, as without a flag), or the choice of --pseudonymise / --allow-personal-data. */
  privacy: '' | 'allow' | 'pseudonymise'
  /** A built-in name, or the path of the study's own template relative to the study folder. */
  sjabloon: string
}

export interface TemplateOption {
  label: string
  value: string
}

/** The address of the report page, the preview and the build for a choice, always in the same order. */
export function reportQuery(choice: ReportChoice): string {
  const query = new URLSearchParams({sjabloon: choice.sjabloon})
  if (choice.halteplaats) query.set('halteplaats', choice.halteplaats)
  if (choice.concept) query.set('concept', '1')
  if (choice.privacy) query.set('privacy', choice.privacy)
  return query.toString()
}

export interface Refusal {
  /** Per blocking hit, the records that hold its words. */
  sources: HitSource[][]
  summary: GateSummary
}

export interface ReportView {
  choice: ReportChoice
  /** Bad input: what is wrong and what to do; nothing is shown or built. */
  error?: string
  preview?: {draftFindingsLeftOut: number; privacy?: GateSummary}
  refusal?: Refusal
  /** The folder the PDF goes to, as `report` without --out writes it. */
  reportsDir: string
  templates: {kit: TemplateOption[]; own: TemplateOption[]}
}

function hidden(choice: ReportChoice, leave: Array<keyof ReportChoice> = []): Html {
  const fields: Array<[string, string]> = [['sjabloon', choice.sjabloon]]
  if (choice.halteplaats) fields.push(['halteplaats', choice.halteplaats])
  if (choice.concept) fields.push(['concept', '1'])
  if (choice.privacy) fields.push(['privacy', choice.privacy])
  const names: Record<string, keyof ReportChoice> = {concept: 'concept', halteplaats: 'halteplaats', privacy: 'privacy', sjabloon: 'sjabloon'}
  return html`${fields.filter(([name]) => !leave.includes(names[name])).map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`)}`
}

function option(value: string, label: string, current: string): Html {
  return html`<option value="${value}"${value === current ? raw(' selected') : ''}>${label}</option>`
}

function chooser(context: PageContext, view: ReportView): Html {
  const {choice} = view
  return html`<form class="utrecht-form" method="get" action="/rapport" id="rapportkeuze">
<div class="werkplek-velden">
<div class="utrecht-form-field">
<label class="utrecht-form-label" for="veld-sjabloon">Sjabloon</label>
<select class="utrecht-select utrecht-select--html-select" id="veld-sjabloon" name="sjabloon">
<optgroup label="Sjablonen van de kit">${view.templates.kit.map((t) => option(t.value, t.label, choice.sjabloon))}</optgroup>
${view.templates.own.length > 0 ? html`<optgroup label="Eigen sjablonen van de studie">${view.templates.own.map((t) => option(t.value, t.label, choice.sjabloon))}</optgroup>` : ''}
</select>
</div>
<div class="utrecht-form-field">
<label class="utrecht-form-label" for="veld-halteplaats">Halteplaats</label>
<p class="utrecht-form-field-description" id="halteplaats-uitleg">Nodig bij halteplaats en spiegel.</p>
<select class="utrecht-select utrecht-select--html-select" id="veld-halteplaats" name="halteplaats" aria-describedby="halteplaats-uitleg">
${option('', 'Geen: de hele studie', choice.halteplaats)}${context.study.halteplaatsen.map((h) => option(h.id, h.name, choice.halteplaats))}
</select>
</div>
<div class="utrecht-form-field utrecht-form-field--checkbox">
<input class="utrecht-checkbox utrecht-checkbox--html-input" type="checkbox" id="veld-concept" name="concept" value="1"${choice.concept ? raw(' checked') : ''}>
<label class="utrecht-form-label utrecht-form-label--checkbox" for="veld-concept">Concept: CONCEPT op elke pagina, ook bevindingen zonder onderbouwing</label>
</div>
</div>
<p class="utrecht-paragraph werkplek-klein">Zoals <code>karavaan report --template …</code>${view.templates.own.length > 0 ? '' : '; een eigen sjabloon (karavaan template copy eindrapport mijn-sjablonen, in de map van de studie) staat hier ook zodra het er is'}.</p>
<button class="utrecht-button utrecht-button--primary-action" type="submit">Toon het voorbeeld</button>
</form>`
}

const RECORD_WORDS: Record<HitSource['kind'], string> = {advice: 'advies', finding: 'bevinding', note: 'notitie', reflection: 'reflectiegesprek'}
const FIX_COMMANDS: Record<Exclude<HitSource['kind'], 'note'>, string> = {advice: 'advice edit', finding: 'finding edit', reflection: 'reflect edit'}

/** The words around the hit, the hit marked; the gate made the context from the report's line. */
function context(hit: GateHit): Html {
  const text = hit.context ?? hit.text
  const at = text.indexOf(hit.text)
  if (at === -1) return html`<mark>${hit.text}</mark> in: ${text}`
  return html`${text.slice(0, at)}<mark>${hit.text}</mark>${text.slice(at + hit.text.length)}`
}

function sourceList(sources: HitSource[]): Html {
  if (sources.length === 0) return html`<p class="utrecht-paragraph werkplek-klein">Niet teruggevonden in een notitie, bevinding of advies: dan staat het in het sjabloon zelf.</p>`
  return html`<p class="utrecht-paragraph werkplek-klein">Staat in: ${sources.map((source, i) => html`${i > 0 ? ', ' : ''}${source.kind === 'note'
    ? html`<a class="utrecht-link" href="/notities/${source.id}">notitie ${shortId(source.id)}</a>`
    : html`${RECORD_WORDS[source.kind]} ${shortId(source.id)} (aanpassen met karavaan ${FIX_COMMANDS[source.kind]} ${shortId(source.id)})`}`)}</p>`
}

/**
 * The refusal of `report`, as the CLI gives it but readable: each hit with the words around it,
 * marked, where it comes from, and the two choices of the CLI as buttons. `choices` is the form
 * they go into: the preview (GET) or a new build (POST).
 */
export function refusalView(pageContext: PageContext, refusal: Refusal, choice: ReportChoice, choices: 'build' | 'preview'): Html {
  const hits = refusal.summary.hits.filter((hit) => !hit.kept)
  const form = (privacy: 'allow' | 'pseudonymise', label: string, kind: 'primary' | 'secondary') => choices === 'preview'
    ? html`<form method="get" action="/rapport">${hidden(choice, ['privacy'])}<button class="utrecht-button utrecht-button--${kind}-action" type="submit" name="privacy" value="${privacy}">${label}</button></form>`
    : html`<form method="post" action="/rapport/pdf">${csrfField(pageContext)}${hidden(choice, ['privacy'])}<button class="utrecht-button utrecht-button--${kind}-action" type="submit" name="privacy" value="${privacy}">${label}</button></form>`
  return html`<div class="utrecht-alert utrecht-alert--error" role="alert" id="persoonsgegevens">
<h2 class="utrecht-heading-2">Het rapport bevat mogelijk persoonsgegevens (${hits.length}); er is niets gemaakt</h2>
<p class="utrecht-paragraph">De privacycontrole van karavaan report vond dit in het ingevulde sjabloon. Pas de notitie, bevinding of het advies aan en laad deze pagina opnieuw, of kies hieronder.</p>
<ol class="utrecht-ordered-list">${hits.map((hit, i) => html`<li class="utrecht-ordered-list__item">Regel ${hit.line} van het rapport: ${KIND_LABELS[hit.kind]} (${hit.reason}):
<blockquote class="utrecht-blockquote werkplek-vondst"><p class="utrecht-paragraph">${context(hit)}</p></blockquote>
${sourceList(refusal.sources[i] ?? [])}</li>`)}</ol>
<div class="werkplek-knoppen werkplek-privacykeuzes">
${form('pseudonymise', choices === 'preview' ? 'Toon met plaatshouders (--pseudonymise)' : 'Maak de PDF met plaatshouders (--pseudonymise)', 'primary')}
${form('allow', choices === 'preview' ? 'Toon met de persoonsgegevens (--allow-personal-data)' : 'Maak de PDF met de persoonsgegevens (--allow-personal-data)', 'secondary')}
</div>
<p class="utrecht-paragraph werkplek-klein">Plaatshouders als [naam-3f7a] staan alleen in het rapport; de studie zelf verandert niet. Met de persoonsgegevens wordt de keuze vastgelegd zodra er een PDF is geschreven (karavaan status en doctor tonen haar); deel hem dan alleen met wie ze mag lezen.</p>
</div>`
}

function choiceNotice(choice: ReportChoice, privacy: GateSummary | undefined): Html {
  if (!choice.privacy || !privacy) return html``
  const n = privacy.hits.length
  const count = `${n} ${n === 1 ? 'mogelijk persoonsgegeven' : 'mogelijke persoonsgegevens'}`
  const text = choice.privacy === 'pseudonymise'
    ? `${count} in het rapport vervangen door een plaatshouder; de studie zelf is niet veranderd.`
    : `Let op: het rapport staat hier mét ${count}; maak je de PDF, dan wordt die keuze vastgelegd.`
  return html`<div class="utrecht-alert" role="status"><p class="utrecht-paragraph">${text} <a class="utrecht-link" href="/rapport?${reportQuery({...choice, privacy: ''})}">Zonder deze keuze</a></p></div>`
}

/** Rapport: choose a template, see the report as its HTML file shows it, build the PDF. */
export function reportPage(context: PageContext, view: ReportView): Html {
  const {choice} = view
  const query = reportQuery(choice)
  const body = view.error
    ? html`<div class="utrecht-alert utrecht-alert--error" role="alert" id="rapportfout"><p class="utrecht-paragraph">${view.error}</p></div>`
    : view.refusal
      ? refusalView(context, view.refusal, choice, 'preview')
      : html`${choiceNotice(choice, view.preview?.privacy)}
${view.preview && view.preview.draftFindingsLeftOut > 0 ? html`<p class="utrecht-paragraph" role="status">${view.preview.draftFindingsLeftOut} ${view.preview.draftFindingsLeftOut === 1 ? 'bevinding zonder onderbouwing is' : 'bevindingen zonder onderbouwing zijn'} weggelaten; als concept staan ze er gemarkeerd in.</p>` : ''}
<section aria-labelledby="pdfkop">
<h2 class="utrecht-heading-2" id="pdfkop">PDF maken</h2>
<p class="utrecht-paragraph">Dezelfde PDF als <code>karavaan report</code> met deze keuzes. Hij komt, zoals bij karavaan report zonder --out, in de map rapporten/ van de studie (${view.reportsDir}), met het sjabloon en de datum in de naam; een bestaand rapport wordt niet overschreven. Daarna kun je hem hier downloaden.</p>
<form method="post" action="/rapport/pdf">${csrfField(context)}${hidden(choice)}<button class="utrecht-button utrecht-button--primary-action" type="submit">Maak de PDF</button></form>
</section>
<section aria-labelledby="voorbeeldkop">
<h2 class="utrecht-heading-2" id="voorbeeldkop">Voorbeeld</h2>
<p class="utrecht-paragraph werkplek-klein">Het rapport zoals <code>karavaan report --format html</code> het maakt. <a class="utrecht-link" href="/rapport/voorbeeld?${query}">Open het voorbeeld als eigen pagina</a> (om te printen of te bewaren met je browser).</p>
<iframe class="werkplek-voorbeeld" id="voorbeeld" title="Voorbeeld van het rapport" src="/rapport/voorbeeld?${query}" sandbox></iframe>
</section>`
  return page(context, 'Rapport', html`<p class="utrecht-paragraph">Kies een sjabloon en bekijk het rapport hier, precies zoals <code>karavaan report</code> het maakt, met dezelfde privacycontrole.</p>
${chooser(context, view)}
${body}`)
}

/** The state of a PDF build in words, for the page and for the live region the script updates. */
export function jobStatus(job: ReportJob): string {
  switch (job.state) {
    case 'bezig': {
      const percent = job.total > 0 ? Math.floor((job.done / job.total) * 100) : 0
      return `De PDF wordt gemaakt: ${percent}% klaar.`
    }

    case 'fout': {
      return 'De PDF is niet gemaakt.'
    }

    case 'geweigerd': {
      return 'De PDF is niet gemaakt: de privacycontrole vond mogelijk persoonsgegevens.'
    }

    case 'klaar': {
      return `De PDF is klaar${job.outcome?.pages === undefined ? '' : `: ${job.outcome.pages} pagina's`}.`
    }
  }
}

/** One PDF build: how far it is (updated by rapport.js without reloading), then the download. */
export function jobPage(context: PageContext, job: ReportJob, view: {choice: ReportChoice; file?: string; refusal?: Refusal}): Html {
  const percent = job.total > 0 ? Math.floor((job.done / job.total) * 100) : 0
  const back = html`<p class="utrecht-paragraph"><a class="utrecht-link" href="/rapport?${reportQuery(view.choice)}">Terug naar het rapport</a></p>`
  switch (job.state) {
    case 'bezig': {
      return page(context, 'PDF maken', html`<p class="utrecht-paragraph" role="status" aria-live="polite" id="pdfstand" data-stand="/rapport/pdf/${job.id}/stand">${jobStatus(job)}</p>
<progress class="werkplek-voortgang" id="pdfvoortgang" max="100" value="${percent}" aria-labelledby="pdfstand">${percent}%</progress>
<p class="utrecht-paragraph werkplek-klein">Je kunt intussen verder werken; deze pagina laat zien wanneer de PDF klaar is. <a class="utrecht-link" id="pdfopnieuw" href="/rapport/pdf/${job.id}">Bekijk de stand opnieuw</a></p>
${back}
<script type="module" src="/static/rapport.js"></script>`)
    }

    case 'klaar': {
      const name = job.outcome!.file.split(/[/\\]/).pop()!
      return page(context, 'PDF maken', html`<div class="utrecht-alert" role="status" id="pdfstand"><p class="utrecht-paragraph">${jobStatus(job)} Hij staat in de studie: <code>${view.file}</code>.</p></div>
<p class="utrecht-paragraph"><a class="utrecht-link utrecht-button-link utrecht-button-link--primary-action" id="pdfdownload" href="/rapport/pdf/${job.id}/bestand">Download ${name}</a></p>
${back}`)
    }

    case 'geweigerd': {
      return page(context, 'PDF maken', html`<p class="utrecht-paragraph" role="status" id="pdfstand">${jobStatus(job)}</p>
${view.refusal ? refusalView(context, view.refusal, view.choice, 'build') : ''}
${back}`)
    }

    case 'fout': {
      return page(context, 'PDF maken', html`<div class="utrecht-alert utrecht-alert--error" role="alert" id="pdfstand"><p class="utrecht-paragraph">${jobStatus(job)} ${job.message ?? ''} ${job.hint ?? ''}</p></div>
${back}`)
    }
  }
}

import {existsSync, mkdirSync, readFileSync} from 'node:fs'
import {dirname, extname, join, resolve} from 'node:path'

import {UserError} from '../errors.js'
import type {GateRequest, GateSummary, PrivacyGate} from '../privacy/gate.js'
import type {Store} from '../store/store.js'
import type {Study} from '../study/load.js'
import {REPORTS_DIR} from '../study/locate.js'
import {buildReportData, type ReportData} from './data.js'
import type {Chart, Progress, ReportDocument, WriteResult} from './document.js'
import {renderTemplate} from './engine.js'
import {reportCharts} from './figures.js'
import {today} from './format.js'
import {perHalteplaats, resolveTemplate, SHOWS_DRAFT_FINDINGS, type TemplateSource} from './templates.js'

export const REPORT_FORMATS = ['pdf', 'html', 'md'] as const
export type ReportFormat = (typeof REPORT_FORMATS)[number]

export interface ReportRequest {
  cwd?: string
  date?: string
  draft?: boolean
  format: ReportFormat
  halteplaats?: string
  onProgress?: Progress
  out?: string
  /** What to do when the privacy gate finds personal data (src/privacy/gate.ts); without it: refuse. */
  privacy?: GateRequest
  template: string
  title?: string
}

export interface ReportOutcome extends WriteResult {
  charts: string[]
  /** Findings left out because they have no evidence yet (only outside draft mode). */
  draftFindingsLeftOut: number
  file: string
  format: ReportFormat
  personalData: Array<{kind: string; line: number; text: string}>
  /** What the privacy gate found and what was chosen; only when it found something. */
  privacy?: GateSummary
  template: string
}

/**
 * Builds a report: the template filled with the study's data, checked by the privacy guard, and
 * written as PDF, HTML or Markdown. The file appears whole or not at all: each writer writes a
 * temporary file beside it and renames it when it is complete.
 */
export async function buildReport(store: Store, study: Study, request: ReportRequest): Promise<ReportOutcome> {
  const prepared = await prepareReport(store, study, request, (source) => outputFile(study, source, request))
  const {document, gate, out} = prepared
  const written = await write(request.format, document, out, request.onProgress)

  const outcome: ReportOutcome = {
    ...written,
    charts: prepared.charts,
    draftFindingsLeftOut: prepared.draftFindingsLeftOut,
    file: out,
    format: request.format,
    personalData: gate.hits.map((h) => ({kind: h.kind, line: h.line, text: h.text})),
    template: prepared.source.name,
  }
  const {finishOutput} = await import('../privacy/gate.js')
  return finishOutput(outcome, store, gate, 'report', request.privacy?.by ?? null)
}

export interface ReportPreview {
  draftFindingsLeftOut: number
  /** The report exactly as `report --format html` writes it. */
  html: string
  /** What the privacy gate found and what was chosen; only when it found something. */
  privacy?: GateSummary
  template: string
}

/**
 * The report as `report --format html` would write it, as a string: the same template, data and
 * privacy gate (a refusal throws the same error), but nothing is written, so nothing is recorded
 * either; a choice to let personal data out is recorded when a file is written (buildReport).
 */
export async function previewReport(store: Store, study: Study, request: Omit<ReportRequest, 'format' | 'out'>): Promise<ReportPreview> {
  const prepared = await prepareReport(store, study, {...request, format: 'html'}, () => '')
  const [{renderHtml}, {layoutChart}, {TEXT_WIDTH}] = await Promise.all([import('./html/write.js'), import('./charts/layout.js'), import('./pdf/style.js')])
  const html = await renderHtml(prepared.document, (chart, options) => layoutChart(chart, TEXT_WIDTH, options), request.onProgress)
  const {gate} = prepared
  return {draftFindingsLeftOut: prepared.draftFindingsLeftOut, html, template: prepared.source.name, ...(gate.hits.length > 0 ? {privacy: gate.summary()} : {})}
}

interface PreparedReport {
  charts: string[]
  document: ReportDocument
  draftFindingsLeftOut: number
  gate: PrivacyGate
  out: string
  source: TemplateSource
}

/** Everything before a writer: the template filled in and through the privacy gate. `where` names the file (after the template checks, before the data). */
async function prepareReport(store: Store, study: Study, request: ReportRequest, where: (source: TemplateSource) => string): Promise<PreparedReport> {
  const source = resolveTemplate(request.template, request.cwd)
  if (perHalteplaats(source.name) && !request.halteplaats) {
    throw new UserError(`Het sjabloon ${source.name} is voor één gebied: geef --halteplaats, of --all voor elke halteplaats een eigen document.`, {
      hint: `Kies uit: ${study.halteplaatsen.map((h) => h.id).join(', ')}.`,
    })
  }

  const out = where(source)
  const draft = request.draft ?? false
  const data = buildReportData(store, study, {date: request.date ?? today(), draft, halteplaats: request.halteplaats, template: source.name, title: request.title})
  const keepDrafts = draft || (SHOWS_DRAFT_FINDINGS as readonly string[]).includes(source.name)
  const draftFindingsLeftOut = keepDrafts ? 0 : data.bevindingen.filter((f) => f.concept).length
  if (!keepDrafts) data.bevindingen = data.bevindingen.filter((f) => !f.concept)

  const markdown = await renderTemplate(source, data)
  const charts = reportCharts(data, study)
  checkCharts(markdown, charts, source)
  const gated = await gateReport(markdown, study, request.privacy)
  return {
    charts: Object.keys(charts).filter((id) => markdown.includes(id)),
    document: {charts, markdown: gated.markdown, meta: documentMeta(data, study, draft)},
    draftFindingsLeftOut,
    gate: gated.gate,
    out,
    source,
  }
}

async function write(format: ReportFormat, document: ReportDocument, file: string, onProgress?: Progress): Promise<WriteResult> {
  switch (format) {
    case 'html': {
      const [{writeHtml}, {layoutChart}, {TEXT_WIDTH}] = await Promise.all([import('./html/write.js'), import('./charts/layout.js'), import('./pdf/style.js')])
      // The same width as the PDF's text column, so both formats show the same picture.
      return writeHtml(document, file, {drawChart: (chart, options) => layoutChart(chart, TEXT_WIDTH, options), progress: onProgress})
    }

    case 'md': {
      const {writeMarkdown} = await import('./markdown/write.js')
      return writeMarkdown(document, file)
    }

    case 'pdf': {
      const {writePdf} = await import('./pdf/index.js')
      return writePdf(document, file, {onProgress})
    }
  }
}

const EXTENSIONS: Record<ReportFormat, string> = {html: '.html', md: '.md', pdf: '.pdf'}

/**
 * Where the report goes: --out, or rapporten/<sjabloon>[-<halteplaats>]-<datum>.<ext> in the study,
 * numbered when that name is taken. An existing --out file is replaced only when it has the
 * report's own extension, so a slip of the keyboard cannot overwrite a note or study.yaml.
 */
function outputFile(study: Study, source: TemplateSource, request: ReportRequest): string {
  const extension = EXTENSIONS[request.format]
  if (request.out) {
    const target = resolve(request.cwd ?? process.cwd(), request.out)
    if (extname(target).toLowerCase() !== extension) {
      throw new UserError(`--out ${request.out} past niet bij --format ${request.format}: het bestand moet op ${extension} eindigen.`, {hint: `Bijvoorbeeld: --out rapport${extension}`})
    }

    if (!existsSync(dirname(target))) {
      throw new UserError(`De map van --out bestaat niet: ${dirname(target)}.`, {hint: 'Maak de map eerst, of kies een andere plek.'})
    }

    return target
  }

  const dir = join(study.dir, REPORTS_DIR)
  mkdirSync(dir, {recursive: true})
  const stem = [source.name, request.halteplaats, request.date ?? today()].filter(Boolean).join('-')
  let file = join(dir, `${stem}${extension}`)
  for (let n = 2; existsSync(file); n++) file = join(dir, `${stem}-${n}${extension}`)
  return file
}

/** A ```grafiek block must name a chart the kit can draw; the error names the template line. */
function checkCharts(markdown: string, charts: Record<string, Chart>, source: TemplateSource): void {
  for (const match of markdown.matchAll(/^```grafiek[^\S\n]*\n([^\n]*)\n```/gm)) {
    const id = match[1].trim()
    if (charts[id]) continue
    const lines = readFileSync(source.file, 'utf8').split('\n')
    const line = lines.findIndex((l) => l.includes(id)) + 1
    throw new UserError(`Fout in sjabloon ${source.file}${line > 0 ? `:${line}` : ''}: grafiek "${id}" bestaat niet.`, {
      hint: `Kies uit: ${Object.keys(charts).join(', ')} (zie templates/README.md).`,
    })
  }
}

const REPORT_FIX = 'Zoek de notitie, bevinding of het advies met die woorden op (bijvoorbeeld karavaan note search "…") en pas het aan met note edit, finding edit of advice edit.'

/**
 * The privacy gate over the filled-in template, line by line, as over every output: without a
 * choice a report with personal data is refused; 'pseudonymise' puts placeholders in the report's
 * Markdown (escaped, so that "[naam]" stays text). Besides the study's own names (team, places)
 * the client and the title pass (the cover prints them), and the names of the instruments and
 * examples an advice cites.
 */
async function gateReport(markdown: string, study: Study, request: GateRequest | undefined): Promise<{gate: PrivacyGate; markdown: string}> {
  const [{allowedNames}, {PersonalDataOutputError, placeholderText, PrivacyGate, settle}, {escapeInline}] = await Promise.all([
    import('../privacy/allowed.js'),
    import('../privacy/gate.js'),
    import('./markdown-escape.js'),
  ])
  const escaped = markdown.split('\n')
  // Read past the Markdown escapes, so that jan\@voorbeeld.nl is still an e-mail address to the guard.
  const lines = escaped.map(unescapeLine)
  // The instruments and examples of the method file and study.yaml are named organisations and
  // projects ("Citizens Project", "Stichting Spiegelbijeenkomsten"), never respondents.
  const examples = (study.methodDefinition.examples ?? []).flatMap((e) => [e.name, e.where])
  const gate = new PrivacyGate({allowed: allowedNames(study, [study.client, study.title, ...examples]), guard: request?.guard})
  const item = {fields: {rapport: lines.map((l) => l.text)}, id: '', key: 'report', record: 'report' as const}
  gate.scan(item)
  for (const hit of gate.hits) {
    // The words around the hit, so the user can find the note, finding or advice it came from.
    const line = lines[hit.item!].text
    const from = Math.max(0, hit.start - 40)
    hit.context = `${from > 0 ? '…' : ''}${line.slice(from, hit.end + 40).replace(/^[>\s|#*-]+/, '')}${hit.end + 40 < line.length ? '…' : ''}`
    hit.line = hit.item! + 1
  }

  const choice = await settle(gate, request, () => new PersonalDataOutputError('report', gate, REPORT_FIX))
  if (choice !== 'pseudonymise') return {gate, markdown}
  const replaced = gate.pass(item).rapport
  const result = escaped.map((line, i) => {
    const {at, text} = lines[i]
    if (replaced[i] === text) return line
    const mine = gate.hits.filter((hit) => hit.item === i)
    let out = ''
    let from = 0
    for (const shift of placeholderText(text, replaced[i], mine).shifts) {
      out += line.slice(from, at[shift.start]) + escapeInline(replaced[i].slice(shift.newStart, shift.newEnd))
      from = at[shift.end]
    }

    return out + line.slice(from)
  })
  return {gate, markdown: result.join('\n')}
}

/** A line without its Markdown escapes, and where each of its characters starts in the escaped line (its backslash, if any). */
function unescapeLine(line: string): {at: number[]; text: string} {
  const at: number[] = []
  let text = ''
  for (let i = 0; i < line.length; i++) {
    at.push(i)
    if (line[i] === '\\' && i + 1 < line.length && ESCAPED.has(line[i + 1])) i++
    text += line[i]
  }

  at.push(line.length)
  return {at, text}
}

const ESCAPED = new Set('\\`*_[]<>|~&#+-=.!):@')

function documentMeta(data: ReportData, study: Study, draft: boolean): ReportDocument['meta'] {
  return {
    author: data.rapport.auteur,
    client: study.client,
    date: data.rapport.datum,
    dateLabel: data.rapport.datum_tekst,
    draft,
    header: data.rapport.titel,
    keywords: ['Karavaan', 'vertrouwen', 'wantrouwen', ...data.halteplaatsen.map((h) => h.naam)],
    language: 'nl-NL',
    subtitle: subtitleOf(data),
    title: data.rapport.titel,
  }
}

function subtitleOf(data: ReportData): string {
  switch (data.rapport.sjabloon) {
    case 'halteplaats':
      return `Adviesrapport voor halteplaats ${data.rapport.halteplaats?.naam ?? ''}`
    case 'spiegel':
      return `Spiegeldocument: het voorlopige beeld van ${data.rapport.halteplaats?.naam ?? ''}, voor het reflectiegesprek`
    case 'veldwerk':
      return 'Werkoverzicht van het veldwerk'
    default:
      return 'Adviesrapport'
  }
}

import {existsSync, mkdirSync, readFileSync} from 'node:fs'
import {dirname, extname, join, resolve} from 'node:path'

import {UserError} from '../errors.js'
import type {FieldHit} from '../privacy/guard.js'
import type {PersonalDataHit} from '../privacy/index.js'
import type {Store} from '../store/store.js'
import type {Study} from '../study/load.js'
import {REPORTS_DIR} from '../study/locate.js'
import {buildReportData, type ReportData} from './data.js'
import type {Chart, Progress, ReportDocument, WriteResult} from './document.js'
import {renderTemplate} from './engine.js'
import {reportCharts} from './figures.js'
import {today} from './format.js'
import {resolveTemplate, type TemplateSource} from './templates.js'

export const REPORT_FORMATS = ['pdf', 'html', 'md'] as const
export type ReportFormat = (typeof REPORT_FORMATS)[number]

export interface ReportRequest {
  /** Build the report even though the privacy guard found personal data in it. */
  allowPersonalData?: boolean
  cwd?: string
  date?: string
  draft?: boolean
  format: ReportFormat
  halteplaats?: string
  onProgress?: Progress
  out?: string
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
  template: string
}

/**
 * Builds a report: the template filled with the study's data, checked by the privacy guard, and
 * written as PDF, HTML or Markdown. The file appears whole or not at all: each writer writes a
 * temporary file beside it and renames it when it is complete.
 */
export async function buildReport(store: Store, study: Study, request: ReportRequest): Promise<ReportOutcome> {
  const source = resolveTemplate(request.template, request.cwd)
  if (source.name === 'halteplaats' && !request.halteplaats) {
    throw new UserError('Het sjabloon halteplaats is voor één gebied: geef --halteplaats.', {hint: `Kies uit: ${study.halteplaatsen.map((h) => h.id).join(', ')}.`})
  }

  const out = outputFile(study, source, request)
  const draft = request.draft ?? false
  const data = buildReportData(store, study, {date: request.date ?? today(), draft, halteplaats: request.halteplaats, template: source.name, title: request.title})
  const draftFindingsLeftOut = draft ? 0 : data.bevindingen.filter((f) => f.concept).length
  if (!draft) data.bevindingen = data.bevindingen.filter((f) => !f.concept)

  const markdown = await renderTemplate(source, data)
  const charts = reportCharts(data, study)
  checkCharts(markdown, charts, source)
  const hits = await guardReport(markdown, study, request.allowPersonalData ?? false)

  const document: ReportDocument = {charts, markdown, meta: documentMeta(data, study, draft)}
  const written = await write(request.format, document, out, request.onProgress)

  return {
    ...written,
    charts: Object.keys(charts).filter((id) => markdown.includes(id)),
    draftFindingsLeftOut,
    file: out,
    format: request.format,
    personalData: hits.map((h) => ({kind: h.kind, line: h.line, text: h.text})),
    template: source.name,
  }
}

async function write(format: ReportFormat, document: ReportDocument, file: string, onProgress?: Progress): Promise<WriteResult> {
  switch (format) {
    case 'html': {
      const [{writeHtml}, {layoutChart}, {TEXT_WIDTH}] = await Promise.all([import('./html/write.js'), import('./charts/layout.js'), import('./pdf/style.js')])
      // The same width as the PDF's text column, so both formats show the same picture.
      return writeHtml(document, file, {drawChart: (chart) => layoutChart(chart, TEXT_WIDTH), progress: onProgress})
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

interface ReportHit extends PersonalDataHit {
  /** The words around the hit, so the user can find the note, finding or advice it came from. */
  context: string
  line: number
}

/**
 * The privacy guard over the filled-in template, line by line; it refuses a report with personal
 * data unless `allow`. Besides the study's own names (team, places) the client and the title
 * pass: the cover prints them.
 */
async function guardReport(markdown: string, study: Study, allow: boolean): Promise<ReportHit[]> {
  const [{allowedNames}, {guardFields}] = await Promise.all([import('../privacy/allowed.js'), import('../privacy/guard.js')])
  // Read past the Markdown escapes, so that jan\@voorbeeld.nl is still an e-mail address to the guard.
  const lines = markdown.replaceAll(/\\([\\`*_[\]<>|~&#+\-=.!):@])/g, '$1').split('\n')
  const withContext = (hits: Array<FieldHit<'rapport'>>): ReportHit[] =>
    hits.map(({field: _field, item, ...hit}) => {
      const line = lines[item!]
      const from = Math.max(0, hit.start - 40)
      const context = `${from > 0 ? '…' : ''}${line.slice(from, hit.end + 40).replace(/^[>\s|#*-]+/, '')}${hit.end + 40 < line.length ? '…' : ''}`
      return {...hit, context, line: item! + 1}
    })
  const guarded = guardFields({rapport: lines}, {
    allowed: allowedNames(study, [study.client, study.title]),
    by: null,
    policy: allow ? 'allow' : 'refuse',
    refuse(found) {
      const hits = withContext(found)
      return new UserError(`Het rapport bevat mogelijk persoonsgegevens (${hits.length}); er is geen rapport gemaakt.`, {
        details: hits.slice(0, 20).map((h) => `${h.kind} "${h.text}" in: ${h.context}`),
        hint: 'Zoek de notitie, bevinding of het advies met die woorden op (bijvoorbeeld karavaan note search "…") en pas het aan met note edit, finding edit of advice edit. Alleen als het echt moet: --allow-personal-data maakt het rapport toch.',
      })
    },
  })
  return withContext(guarded.hits)
}

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
    case 'veldwerk':
      return 'Werkoverzicht van het veldwerk'
    default:
      return 'Adviesrapport'
  }
}

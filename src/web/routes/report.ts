import {readFile, stat} from 'node:fs/promises'
import {basename, join, relative} from 'node:path'

import type {Context, Hono} from 'hono'

import {UserError} from '../../errors.js'
import type {Store} from '../../store/store.js'
import type {Study} from '../../study/load.js'
import {REPORTS_DIR} from '../../study/locate.js'
import type {PageContext} from '../layout.js'
import {jobPage, jobStatus, type Refusal, type ReportChoice, reportPage, reportQuery, type TemplateOption} from '../pages/report.js'
import {type ReportJob, ReportJobs} from '../report-jobs.js'
import type {Session} from '../security.js'

type Env = {Variables: {session: Session}}

/** How the page names the kit's templates; `template list` describes them at length. */
const KIT_LABELS: Record<string, string> = {
  eindrapport: 'Eindrapport: het adviesrapport',
  halteplaats: 'Halteplaats: het rapport van één gebied',
  spiegel: 'Spiegel: het spiegeldocument vóór het reflectiegesprek',
  veldwerk: 'Veldwerk: het werkoverzicht voor het team',
}

/** The choice of the form, checked as `report` checks its flags; a UserError is the page's 400. */
interface Checked {
  choice: ReportChoice
  /** What --template gets: the name, or the absolute path of an own template. */
  template: string
}


export function registerReportRoutes(app: Hono<Env>, options: {store: Store; study: Study}, context: (c: Context<Env>) => PageContext): void {
  const {store, study} = options
  const jobs = new WeakMap<Session, ReportJobs>()
  /**
   * The last preview of each session, made again only when the choice, the database or an own
   * template changed: the page and its frame ask for the same report, and on a large study each
   * new preview costs a second and a hundred megabytes of short-lived memory.
   */
  const previews = new WeakMap<Session, {key: string; made: Awaited<ReturnType<typeof makePreview>>}>()

  const templates = async (): Promise<{kit: TemplateOption[]; own: TemplateOption[]}> => {
    const {BUILT_IN_TEMPLATES, studyTemplates} = await import('../../report/templates.js')
    return {
      kit: BUILT_IN_TEMPLATES.map((name) => ({label: KIT_LABELS[name] ?? name, value: name})),
      own: studyTemplates(study.dir).map((t) => ({label: `Eigen sjabloon: ${t.path}`, value: t.path})),
    }
  }

  const check = async (values: Record<string, unknown>): Promise<{checked?: Checked; choice: ReportChoice; error?: string}> => {
    const text = (name: string) => (typeof values[name] === 'string' ? (values[name] as string).trim() : '')
    const privacy = text('privacy')
    const choice: ReportChoice = {
      concept: text('concept') === '1',
      halteplaats: text('halteplaats'),
      privacy: privacy === 'allow' || privacy === 'pseudonymise' ? privacy : '',
      sjabloon: text('sjabloon') || 'eindrapport',
    }
    const {kit, own} = await templates()
    const {perHalteplaats} = await import('../../report/templates.js')
    if (privacy !== '' && choice.privacy === '') return {choice, error: `"${privacy}" is geen keuze voor persoonsgegevens. Kies plaatshouders of met de persoonsgegevens, of laat de keuze weg.`}
    const builtIn = kit.some((t) => t.value === choice.sjabloon)
    if (!builtIn && !own.some((t) => t.value === choice.sjabloon)) {
      const names = [...kit, ...own].map((t) => t.value).join(', ')
      return {choice: {...choice, sjabloon: 'eindrapport'}, error: `Het sjabloon "${choice.sjabloon}" bestaat niet. Kies uit: ${names}.`}
    }

    if (choice.halteplaats && !study.halteplaatsen.some((h) => h.id === choice.halteplaats)) {
      return {choice: {...choice, halteplaats: ''}, error: `De halteplaats "${choice.halteplaats}" bestaat niet in deze studie. Kies uit: ${study.halteplaatsen.map((h) => h.name).join(', ')}.`}
    }

    const template = builtIn ? choice.sjabloon : join(study.dir, choice.sjabloon)
    const name = builtIn ? choice.sjabloon : basename(choice.sjabloon, '.md')
    if (perHalteplaats(name) && !choice.halteplaats) {
      return {choice, error: `Het sjabloon ${name} gaat over één gebied: kies een halteplaats en toon het voorbeeld opnieuw.`}
    }

    return {checked: {choice, template}, choice}
  }

  const refusalOf = async (summary: Refusal['summary']): Promise<Refusal> => {
    const {reportHitSources} = await import('../../report/hit-sources.js')
    return {sources: reportHitSources(store, summary.hits.filter((hit) => !hit.kept)), summary}
  }

  /** The same request `report --format html` makes of the core, with the page's choice for the gate. */
  const makePreview = async (checked: Checked, session: Session) => {
    const [{previewReport}, {outputGateRequest}] = await Promise.all([import('../../report/build.js'), import('../../privacy/output-request.js')])
    return previewReport(store, study, {
      draft: checked.choice.concept,
      halteplaats: checked.choice.halteplaats || undefined,
      privacy: outputGateRequest(study, {by: session.who, choice: checked.choice.privacy || undefined}),
      template: checked.template,
    })
  }

  const preview = async (checked: Checked, session: Session) => {
    const own = checked.template.endsWith('.md') ? `:${(await stat(checked.template)).mtimeMs}` : ''
    const key = `${reportQuery(checked.choice)}|${session.who ?? ''}|${store.meta.changeMark()}${own}`
    const kept = previews.get(session)
    if (kept?.key === key) return kept.made
    const made = await makePreview(checked, session)
    previews.set(session, {key, made})
    return made
  }

  const reportsDir = join(study.dir, REPORTS_DIR)

  app.get('/rapport', async (c) => {
    const session = c.var.session
    const {checked, choice, error} = await check(c.req.query())
    const view = {choice, reportsDir, templates: await templates()}
    if (!checked) return c.html(reportPage(context(c), {...view, error}), 400)
    try {
      const made = await preview(checked, session)
      return c.html(reportPage(context(c), {...view, preview: made}))
    } catch (caught) {
      const {PersonalDataOutputError} = await import('../../privacy/gate.js')
      if (caught instanceof PersonalDataOutputError) return c.html(reportPage(context(c), {...view, refusal: await refusalOf(caught.data!.privacy as Refusal['summary'])}))
      if (caught instanceof UserError) return c.html(reportPage(context(c), {...view, error: [caught.message, caught.hint].filter(Boolean).join(' ')}), 400)
      throw caught
    }
  })

  // The report's own HTML, shown in the frame of /rapport (security.ts lets only this page be framed).
  app.get('/rapport/voorbeeld', async (c) => {
    const session = c.var.session
    const {checked, error} = await check(c.req.query())
    const refuse = (text: string, status: 200 | 400) => c.html(`<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Geen voorbeeld</title></head><body><p>${text}</p></body></html>`, status)
    if (!checked) return refuse(`${escape(error!)} Kies op de pagina Rapport een ander sjabloon.`, 400)
    try {
      const made = await preview(checked, session)
      return c.html(made.html)
    } catch (caught) {
      const {PersonalDataOutputError} = await import('../../privacy/gate.js')
      if (caught instanceof PersonalDataOutputError) return refuse('Het rapport bevat mogelijk persoonsgegevens; de pagina Rapport laat zien waar, en wat je kunt kiezen.', 200)
      if (caught instanceof UserError) return refuse(escape(caught.message), 400)
      throw caught
    }
  })

  app.post('/rapport/pdf', async (c) => {
    const session = c.var.session
    const {checked, choice, error} = await check(await c.req.parseBody())
    if (!checked) return c.html(reportPage(context(c), {choice, error, reportsDir, templates: await templates()}), 400)
    let sessionJobs = jobs.get(session)
    if (!sessionJobs) {
      sessionJobs = new ReportJobs()
      jobs.set(session, sessionJobs)
    }

    const job = sessionJobs.start({
      by: session.who,
      choice: checked.choice.privacy || undefined,
      draft: checked.choice.concept,
      halteplaats: checked.choice.halteplaats || undefined,
      study,
      template: checked.template,
    })
    return c.redirect(`/rapport/pdf/${job.id}?${reportQuery(checked.choice)}`, 303)
  })

  const jobOf = (c: Context<Env>): ReportJob => {
    const job = jobs.get(c.var.session)?.get(c.req.param('job') ?? '')
    if (!job) throw new UserError('Deze PDF is niet (meer) bekend: hij hoort bij een andere sessie, of karavaan serve is opnieuw gestart. Maak hem opnieuw op de pagina Rapport.')
    return job
  }

  app.get('/rapport/pdf/:job', async (c) => {
    const job = jobOf(c)
    const {choice} = await check(c.req.query())
    const file = job.outcome ? relative(study.dir, job.outcome.file) || job.outcome.file : undefined
    return c.html(jobPage(context(c), job, {choice, file, refusal: job.privacy ? await refusalOf(job.privacy) : undefined}))
  })

  app.get('/rapport/pdf/:job/stand', (c) => {
    const job = jobOf(c)
    return c.json({done: job.done, state: job.state, text: jobStatus(job), total: job.total})
  })

  app.get('/rapport/pdf/:job/bestand', async (c) => {
    const job = jobOf(c)
    if (job.state !== 'klaar' || !job.outcome) throw new UserError('Deze PDF is nog niet klaar.')
    let body: Buffer
    try {
      body = await readFile(job.outcome.file)
    } catch {
      throw new UserError(`De PDF staat niet meer op ${job.outcome.file}. Maak hem opnieuw op de pagina Rapport.`)
    }

    const name = basename(job.outcome.file)
    const ascii = name.replaceAll(/[^\w.-]/g, '_')
    return c.body(new Uint8Array(body), 200, {
      'Content-Disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`,
      'Content-Type': 'application/pdf',
    })
  })
}

function escape(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;')
}

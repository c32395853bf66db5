import type {AddressInfo} from 'node:net'

import {serve, type ServerType} from '@hono/node-server'
import {Hono} from 'hono'
import {html} from 'hono/html'

import {UserError} from '../errors.js'
import type {Store} from '../store/store.js'
import type {Study} from '../study/load.js'
import {asset} from './assets.js'
import type {PageContext} from './layout.js'
import {notesPage, type NotesQuery} from './pages/notes.js'
import {notePage} from './pages/note.js'
import {overviewPage} from './pages/overview.js'
import {registerAnalyseRoutes} from './routes/analyse.js'
import {registerAgreementRoutes} from './routes/agreement.js'
import {registerFindingRoutes} from './routes/findings.js'
import {registerAdviceRoutes} from './routes/advice.js'
import {registerContextRoutes} from './routes/context.js'
import {registerNoteRoutes} from './routes/notes.js'
import {registerReflectionRoutes} from './routes/reflections.js'
import {registerReportRoutes} from './routes/report.js'
import {registerReviewRoutes} from './routes/review.js'
import {localPath, registerTagRoutes} from './routes/tags.js'
import {registerTeamworkRoutes, uploadLimit} from './routes/teamwork.js'
import {createGate, type Session} from './security.js'

export const DEFAULT_PORT = 4873
/** The workspace listens here and nowhere else: it holds respondents' notes. */
export const LOOPBACK = '127.0.0.1'

export interface WorkspaceOptions {
  port: number
  store: Store
  study: Study
  /** Keeps the team member chosen in the browser as this laptop's interviewer id (karavaan config), so it is asked once. */
  remember?: (who: string) => void
  /** The coder or interviewer id from config, if set. */
  who: null | string
}

export interface Workspace {
  close(): Promise<void>
  /** The address with the one-time token: the first line `karavaan serve` prints. */
  url: string
}

type Env = {Variables: {session: Session}}

/** The routes of the workspace: thin, each calls the core and renders one page. */
export function workspaceApp(options: WorkspaceOptions, port: () => number, token?: string): {app: Hono<Env>; entryPath: string} {
  const gate = createGate(port, token, options.who)
  const app = new Hono<Env>()
  // Before the gate, which reads a form's body for its CSRF token: an upload too large is never read.
  app.use('/samenwerken/inlezen', uploadLimit)
  app.use('*', gate.middleware)
  const context = (c: {req: {path: string}; var: {session: Session}}): PageContext => ({csrf: c.var.session.csrf, path: c.req.path, study: options.study, who: c.var.session.who})

  app.get('/static/*', (c) => {
    const found = asset(c.req.path)
    if (!found) return c.notFound()
    c.header('Cache-Control', 'private, max-age=3600')
    return c.body(typeof found.body === 'string' ? found.body : new Uint8Array(found.body), 200, {'Content-Type': found.type})
  })
  // Browsers ask for an icon; an empty answer keeps the console clean.
  app.get('/favicon.ico', (c) => c.body(null, 204))
  app.get('/', (c) => c.html(overviewPage(options.store, context(c))))
  app.get('/notities', (c) => c.html(notesPage(options.store, context(c), c.req.query() as NotesQuery)))
  // Before /notities/:id: "nieuw" is a page, not a note's id.
  registerNoteRoutes(app, options, context)
  registerReviewRoutes(app, options, context)
  registerAnalyseRoutes(app, options, context)
  registerAgreementRoutes(app, options, context)
  app.get('/notities/:id', (c) => {
    const {flash, notice} = c.var.session
    c.var.session.flash = null
    c.var.session.notice = null
    return c.html(notePage(options.store, context(c), c.req.param('id'), flash, notice))
  })
  app.post('/wie', async (c) => {
    const form = await c.req.parseBody()
    const who = String(form.wie ?? '')
    if (!options.study.team.some((m) => m.id === who)) throw new UserError(`"${who}" staat niet in het team van study.yaml.`)
    c.var.session.who = who
    options.remember?.(who)
    return c.redirect(localPath(form.terug), 303)
  })
  registerTagRoutes(app, options)
  registerFindingRoutes(app, options, context)
  registerReflectionRoutes(app, options, context)
  registerAdviceRoutes(app, options, context)
  registerReportRoutes(app, options, context)
  registerContextRoutes(app, options, context)
  registerTeamworkRoutes(app, options, context)
  app.notFound((c) => c.html('<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Niet gevonden</title></head><body><h1>Niet gevonden</h1><p>Deze pagina bestaat niet. <a href="/">Naar het overzicht</a></p></body></html>', 404))
  app.onError((error, c) => {
    // Never echo the request or a note's text back: a Dutch line, and the error on the terminal.
    if (error instanceof UserError) {
      return c.html(html`<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Dat lukte niet</title></head><body><h1>Dat lukte niet</h1><p>${error.message}</p><p><a href="/">Naar het overzicht</a></p></body></html>`, 400)
    }

    process.stderr.write(`Fout in de werkplek: ${error.stack ?? error.message}\n`)
    return c.html('<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Er ging iets mis</title></head><body><h1>Er ging iets mis</h1><p>Er is niets opgeslagen. In de terminal van karavaan serve staat wat er misging.</p></body></html>', 500)
  })
  return {app, entryPath: gate.entryPath}
}

/** Starts the workspace on 127.0.0.1; resolves once it listens, with the address to open. */
export async function startWorkspace(options: WorkspaceOptions): Promise<Workspace> {
  let listening = options.port
  const {app, entryPath} = workspaceApp(options, () => listening)
  const server: ServerType = await new Promise((resolve, reject) => {
    const started = serve({fetch: app.fetch, hostname: LOOPBACK, port: options.port}, () => resolve(started))
    started.once('error', (error: NodeJS.ErrnoException) => {
      reject(error.code === 'EADDRINUSE'
        ? new UserError(`poort ${options.port} is al in gebruik`, {hint: `Kies een andere poort met --port, bijvoorbeeld --port ${options.port + 1}, of stop het programma dat deze poort gebruikt.`})
        : error)
    })
  })
  listening = (server.address() as AddressInfo).port
  return {
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve())
      // Keep-alive connections of an open browser tab would otherwise hold the close up.
      ;(server as {closeAllConnections?: () => void}).closeAllConnections?.()
    }),
    url: `http://${LOOPBACK}:${listening}${entryPath}`,
  }
}

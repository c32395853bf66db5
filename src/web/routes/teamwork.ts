import {mkdtempSync, readFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {basename, join} from 'node:path'

import type {Context, Hono, MiddlewareHandler} from 'hono'
import {bodyLimit} from 'hono/body-limit'

import {UserError} from '../../errors.js'
import {kitVersion, readBundle} from '../../exchange/bundle/bundle.js'
import {findConflictTarget, listConflicts, resolveConflict} from '../../exchange/bundle/conflicts.js'
import {isEncrypted} from '../../exchange/bundle/container.js'
import {bundleFileName, bundleSince} from '../../exchange/bundle/export.js'
import {mergeBundles, type MergeReport} from '../../exchange/bundle/merge.js'
import {confirmNewPassphrase} from '../../exchange/bundle/passphrase.js'
import {exportStudy} from '../../exchange/export.js'
import type {GateChoice} from '../../privacy/gate.js'
import {studyPseudonyms} from '../../privacy/pseudonym-key.js'
import {shortId} from '../../records/ids.js'
import type {Store} from '../../store/store.js'
import type {Study} from '../../study/load.js'
import {renderMergeReport} from '../../ui/bundle-view.js'
import type {PageContext} from '../layout.js'
import {type ExportFormValues, mergeResultPage, teamworkPage, type TeamworkProblem} from '../pages/teamwork.js'
import {type Session, SECURITY_HEADERS} from '../security.js'

type Env = {Variables: {session: Session}}

/**
 * The largest bundle the browser may send. A bundle of 100,000 notes with their versions is some
 * tens of megabytes; the upload is held in memory while it is read, so a limit well below the
 * CLI's 1 GB keeps a mistaken file from filling the laptop's memory. Larger: karavaan merge.
 */
export const MAX_UPLOAD_BYTES = 256 * 1024 * 1024

const text = (value: unknown) => (typeof value === 'string' ? value : '')

/** Refuses an upload above the limit before anything reads it, the gate's CSRF check included. */
export const uploadLimit: MiddlewareHandler = bodyLimit({
  maxSize: MAX_UPLOAD_BYTES,
  onError: (c) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) c.header(name, value)
    c.header('Cache-Control', 'no-store')
    return c.html(`<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Bestand te groot</title></head><body><h1>Bestand te groot</h1><p>De werkplek leest bundels tot ${MAX_UPLOAD_BYTES / 1024 / 1024} MB in. Lees een grotere bundel in de terminal in, met karavaan merge BESTAND. Er is niets veranderd.</p><p><a href="/samenwerken">Terug naar Samenwerken</a></p></body></html>`, 413)
  },
})

function problemOf(at: TeamworkProblem['at'], error: UserError): TeamworkProblem {
  return {at, details: error.details.slice(0, 20), message: [error.message, error.hint].filter(Boolean).join(' ')}
}

const CHOICES: Record<string, GateChoice | undefined> = {allow: 'allow', pseudonymise: 'pseudonymise', weigeren: undefined}

/**
 * Samenwerken: the same core as `conflicts`, `conflicts resolve`, `export --format bundle` and
 * `merge`. A passphrase is read from the form, used, and never written back into a page or a log.
 */
export function registerTeamworkRoutes(app: Hono<Env>, options: {store: Store; study: Study}, context: (c: Context<Env>) => PageContext): void {
  const {store, study} = options
  const reports = new WeakMap<Session, MergeReport>()
  const show = (c: Context<Env>, problem?: TeamworkProblem, exportValues?: ExportFormValues) =>
    c.html(teamworkPage(context(c), {conflicts: listConflicts(store), exportValues, notice: null, problem}), problem ? 400 : 200)

  app.get('/samenwerken', (c) => {
    const {notice} = c.var.session
    c.var.session.notice = null
    return c.html(teamworkPage(context(c), {conflicts: listConflicts(store), notice}))
  })

  app.post('/samenwerken/conflicten/:id', async (c) => {
    const form = await c.req.parseBody()
    const id = c.req.param('id')
    const choose = typeof form.kies === 'string' ? form.kies : undefined
    const written = typeof form.tekst === 'string' ? form.tekst.replaceAll('\r\n', '\n') : undefined
    try {
      const target = findConflictTarget(store, id)
      const resolved = resolveConflict(store, study, target.id, {by: c.var.session.who, choose, text: choose === undefined ? written : undefined})
      const how = choose === undefined ? ' met de samengevoegde tekst' : ` met versie ${shortId(resolved.from)}`
      c.var.session.notice = `Conflict in ${resolved.kind} ${shortId(resolved.id)} opgelost${how}; bewaard als versie ${resolved.version}.`
      return c.redirect('/samenwerken#conflicten', 303)
    } catch (error) {
      if (!(error instanceof UserError)) throw error
      return show(c, problemOf({conflict: id}, error))
    }
  })

  app.post('/samenwerken/bundel', async (c) => {
    const form = await c.req.parseBody()
    const values: ExportFormValues = {privacy: text(form.privacy) in CHOICES ? text(form.privacy) : 'weigeren', sinds: text(form.sinds).trim(), versleutelen: form.versleutelen === 'ja'}
    const first = text(form.wachtwoordzin)
    const second = text(form.wachtwoordzin2)
    let dir: string | undefined
    try {
      if (!values.versleutelen && (first !== '' || second !== '')) {
        throw new UserError('Je vulde een wachtwoordzin in, maar vinkte "Versleutel de bundel" niet aan; er is geen bundel gemaakt.', {hint: 'Vink versleutelen aan, of laat de wachtwoordzin leeg voor een bundel zonder versleuteling.'})
      }

      const passphrase = values.versleutelen ? confirmNewPassphrase(first, second) : undefined
      const since = bundleSince(values.sinds === '' ? undefined : values.sinds)
      const who = c.var.session.who
      const name = bundleFileName(who, undefined, since)
      // A folder only this user may read: the bundle lives there only until it is sent.
      dir = mkdtempSync(join(tmpdir(), 'karavaan-bundel-'))
      const out = join(dir, name)
      await exportStudy(store, study, {bundle: {passphrase, since}, format: 'bundle', out, privacy: {by: who, choice: CHOICES[values.privacy], guard: {pseudonyms: studyPseudonyms(study)}}}, kitVersion())
      const bytes = readFileSync(out)
      return c.body(new Uint8Array(bytes), 200, {'Content-Disposition': `attachment; filename="${name}"`, 'Content-Type': 'application/octet-stream'})
    } catch (error) {
      if (!(error instanceof UserError)) throw error
      return show(c, problemOf('export', error), values)
    } finally {
      if (dir) rmSync(dir, {force: true, recursive: true})
    }
  })

  app.post('/samenwerken/inlezen', async (c) => {
    const form = await c.req.parseBody()
    const upload = form.bundel
    const passphrase = text(form.wachtwoordzin)
    try {
      if (!(upload instanceof File) || upload.size === 0) throw new UserError('Kies eerst een bundel (een bestand .karavaan) om in te lezen. Er is niets veranderd.')
      // Only the name, never a path of the sender's machine, goes into the report.
      const name = basename(upload.name.replaceAll('\\', '/')).slice(0, 120) || 'bundel.karavaan'
      const bytes = Buffer.from(await upload.arrayBuffer())
      const encrypted = isEncrypted(bytes, name)
      if (encrypted && passphrase === '') throw new UserError(`${name} is versleuteld; vul de wachtwoordzin in en kies het bestand opnieuw. Er is niets veranderd.`)
      const bundle = readBundle(bytes, name, encrypted ? passphrase : undefined)
      reports.set(c.var.session, mergeBundles(store, study.id, [bundle]))
      return c.redirect('/samenwerken/ingelezen', 303)
    } catch (error) {
      if (!(error instanceof UserError)) throw error
      return show(c, problemOf('merge', error))
    }
  })

  app.get('/samenwerken/ingelezen', (c) => {
    const report = reports.get(c.var.session)
    if (!report) return c.redirect('/samenwerken', 303)
    return c.html(mergeResultPage(context(c), renderMergeReport(report).split('\n'), report.conflicts))
  })
}

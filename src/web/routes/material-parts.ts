import type {Context, Hono} from 'hono'

import {UserError} from '../../errors.js'
import {MaterialPersonalDataError} from '../../material/guard.js'
import type {WriteOptions, WriteOutcome} from '../../material/writes.js'
import {KINDS, type MaterialKindId} from '../../model/kinds.js'
import {plural} from '../../model/plural.js'
import type {RecordMeta} from '../../model/record.js'
import {removeRecord, restoreRecord} from '../../records/trash.js'
import type {Store} from '../../store/store.js'
import {type FormProblems, problemsOf} from '../pages/material-parts.js'
import type {Session} from '../security.js'

/*
 * What the routes of reflection meetings and advice share: reading a form, who writes and what
 * the guard may do, a refused save as the form's problems, the message after a save, and the
 * trash and restore buttons.
 */

type Env = {Variables: {session: Session}}

export const formText = (value: unknown) => (typeof value === 'string' ? value.replaceAll('\r\n', '\n') : '')
export const formList = (value: unknown) => (Array.isArray(value) ? value.map(String) : typeof value === 'string' ? [value] : [])

/** Who writes (the person working in this browser) and the personal-data policy one of the form's buttons asked for. */
export function writeOptions(c: Context<Env>, form: Record<string, unknown>): WriteOptions {
  const policy = form.privacy === 'pseudonymise' || form.privacy === 'allow' ? form.privacy : 'refuse'
  return {by: c.var.session.who, policy}
}

/** A save the core refused, as the form shows it again; anything else (a bug, a record in the trash) goes on to the error page. */
export function refusal(error: unknown, fieldOf: Readonly<Record<string, string>>): FormProblems {
  if (error instanceof MaterialPersonalDataError) return {fields: {}, message: error.message, other: [], personalData: error.hits}
  if (error instanceof UserError && error.details.length > 0) return problemsOf(error, fieldOf)
  throw error
}

/** What the record's page says after a save, as the CLI says it. */
export function savedNotice(kind: MaterialKindId, outcome: WriteOutcome<RecordMeta>): string {
  const {article, capital, singular, subject} = KINDS[kind].labels
  const replaced = outcome.replaced.length > 0 ? ` ${plural(outcome.replaced.length, 'persoonsgegeven is', 'persoonsgegevens zijn')} vervangen door een plaatshouder.` : ''
  if (outcome.change === 'ongewijzigd') return `Niets veranderd: ${article} ${singular} bleef zoals ${subject} was.`
  const kept = outcome.record.personalData && outcome.replaced.length === 0 ? ' Opgeslagen mét persoonsgegevens; die keuze staat erbij.' : ''
  return `${outcome.change === 'nieuw' ? `${capital} opgeslagen.` : `Opgeslagen als versie ${outcome.record.version}.`}${replaced}${kept}`
}

/** Naar de prullenbak and terugzetten from a record's page, as `rm` and `restore`; back to the page with what happened. */
export function registerTrashRoutes(app: Hono<Env>, store: Store, kind: MaterialKindId, base: string): void {
  const {capital, object} = KINDS[kind].labels
  app.post(`${base}/:id/verwijderen`, (c) => {
    const record = removeRecord(store, kind, c.req.param('id'), c.var.session.who)
    c.var.session.notice = `${capital} staat in de prullenbak. Je kunt ${object} hieronder terugzetten.`
    return c.redirect(`${base}/${record.id}`, 303)
  })
  app.post(`${base}/:id/terugzetten`, (c) => {
    const record = restoreRecord(store, kind, c.req.param('id'), c.var.session.who)
    c.var.session.notice = `${capital} is teruggezet uit de prullenbak.`
    return c.redirect(`${base}/${record.id}`, 303)
  })
}

/** ?versie=N as a version number, or a UserError in Dutch. */
export function versionParam(value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined
  const number = Number(value)
  if (!Number.isInteger(number) || number < 1) throw new UserError(`"${value}" is geen versienummer; een versie is 1, 2, 3 …`)
  return number
}

/** The flash and notice for this page view, once. */
export function takeMessages(c: Context<Env>): {flash: null | string; notice: null | string} {
  const {flash, notice} = c.var.session
  c.var.session.flash = null
  c.var.session.notice = null
  return {flash, notice}
}

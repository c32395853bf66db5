import Database from 'better-sqlite3'
import {closeSync, openSync, readSync} from 'node:fs'

import {latestMigration} from './migrate.js'
import {APPLICATION_ID} from './open.js'
import type {Store} from './store.js'

const SQLITE_HEADER = 'SQLite format 3\0'

/** What a copy of a study database holds, as far as a backup or a restore needs to know. */
export interface DatabaseFacts {
  notes: number
  studyId?: string
  version: number
}

/**
 * Copies the open study database into file (which must exist, empty, with the rights it should
 * keep) with SQLite's online backup: other processes may go on reading and writing meanwhile,
 * and the copy is one consistent moment of the study. The copy is made self-contained (no -wal
 * file beside it) and checked before it counts.
 */
export async function backupDatabase(store: Store, file: string): Promise<DatabaseFacts> {
  // Copy every remaining page in one step: a step that is interrupted by a write of another
  // process starts again, and many small steps would be interrupted again and again.
  await store.db.backup(file, {progress: () => 0x7f_ff_ff_ff})
  const copy = new Database(file, {fileMustExist: true})
  try {
    copy.pragma('journal_mode = DELETE')
    const check = copy.pragma('quick_check', {simple: true})
    if (check !== 'ok') throw new Error(`The backup copy fails quick_check: ${String(check)}`)
    return factsOf(copy)
  } finally {
    copy.close()
  }
}

export type CopyProblem =
  | {kind: 'corrupt'; details: string[]}
  | {kind: 'foreign'}
  | {kind: 'newer'; latest: number; version: number}
  | {kind: 'not-sqlite'}

/**
 * Checks a private copy of a database file before it may replace a study's database, and
 * makes the copy self-contained (a -wal file beside it is taken in). Only ever given a copy:
 * opening a database can change it.
 */
export function inspectDatabaseCopy(file: string): DatabaseFacts | {problem: CopyProblem} {
  if (!hasSqliteHeader(file)) return {problem: {kind: 'not-sqlite'}}
  let db: Database.Database
  try {
    db = new Database(file, {fileMustExist: true})
  } catch {
    return {problem: {kind: 'not-sqlite'}}
  }

  try {
    const appId = db.pragma('application_id', {simple: true}) as number
    if (appId !== APPLICATION_ID) return {problem: {kind: 'foreign'}}
    const version = db.pragma('user_version', {simple: true}) as number
    if (version > latestMigration()) return {problem: {kind: 'newer', latest: latestMigration(), version}}
    const integrity = db.pragma('integrity_check', {simple: false}) as Array<{integrity_check: string}>
    if (integrity.length !== 1 || integrity[0].integrity_check !== 'ok') {
      return {problem: {details: integrity.slice(0, 10).map((row) => row.integrity_check), kind: 'corrupt'}}
    }

    db.pragma('journal_mode = DELETE')
    return factsOf(db)
  } catch (error) {
    const code = String((error as {code?: unknown}).code ?? '')
    if (code.startsWith('SQLITE_CORRUPT') || code.startsWith('SQLITE_NOTADB')) return {problem: {details: [], kind: 'corrupt'}}
    throw error
  } finally {
    db.close()
  }
}

/** Whether a file starts as every SQLite database does (an empty file counts as none). */
export function hasSqliteHeader(file: string): boolean {
  const fd = openSync(file, 'r')
  try {
    const header = Buffer.alloc(16)
    return readSync(fd, header, 0, 16, 0) === 16 && header.toString('latin1') === SQLITE_HEADER
  } finally {
    closeSync(fd)
  }
}

export type ExclusiveHold = {kind: 'broken'} | {kind: 'busy'} | {kind: 'held'; release: () => void}

/**
 * Takes the study database for this process alone, for a restore: it is folded back into one
 * file (WAL off, so no -wal file holds part of it) and locked until release. Refused while any
 * other connection has it open. A database SQLite cannot read is reported as broken.
 */
export function holdExclusively(file: string): ExclusiveHold {
  let db: Database.Database
  try {
    db = new Database(file, {fileMustExist: true, timeout: 2000})
  } catch (error) {
    return isBroken(error) ? {kind: 'broken'} : rethrow(error)
  }

  try {
    // Leaving WAL needs every other connection closed; it also writes the WAL into the file.
    db.pragma('journal_mode = DELETE')
    db.pragma('locking_mode = EXCLUSIVE')
    db.exec('BEGIN EXCLUSIVE')
  } catch (error) {
    db.close()
    const code = String((error as {code?: unknown}).code ?? '')
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return {kind: 'busy'}
    return isBroken(error) ? {kind: 'broken'} : rethrow(error)
  }

  return {
    kind: 'held',
    release() {
      if (db.inTransaction) db.exec('ROLLBACK')
      db.close()
    },
  }
}

function isBroken(error: unknown): boolean {
  const code = String((error as {code?: unknown}).code ?? '')
  return code.startsWith('SQLITE_CORRUPT') || code.startsWith('SQLITE_NOTADB')
}

function rethrow(error: unknown): never {
  throw error
}

function factsOf(db: Database.Database): DatabaseFacts {
  const tables = new Set(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[])
  const studyId = tables.has('meta') ? (db.prepare("SELECT value FROM meta WHERE key = 'study_id'").pluck().get() as string | undefined) : undefined
  const notes = tables.has('notes') ? (db.prepare('SELECT count(*) FROM notes').pluck().get() as number) : 0
  return {notes, studyId, version: db.pragma('user_version', {simple: true}) as number}
}

import Database from 'better-sqlite3'
import {closeSync, existsSync, openSync, readSync} from 'node:fs'
import {join} from 'node:path'

import {UserError} from '../errors.js'
import {databaseProblem, waitSeconds} from './errors.js'
import {newId, nowIso} from './ids.js'
import {latestMigration, migrate} from './migrate.js'
import {Store} from './store.js'

/** The database file in a study folder. */
export const DATABASE_FILE = 'karavaan.db'

/** 'KRVA': marks a SQLite file as a karavaan study database. */
export const APPLICATION_ID = 0x4b_52_56_41
const SQLITE_HEADER = 'SQLite format 3\0'

/**
 * Opens (and on first use creates) the study database: owner-only file mode, WAL so a reader
 * never blocks a writer, a busy timeout for a second process, foreign keys on, full syncs so a
 * laptop that dies right after a command keeps what the command reported as stored.
 */
export function openStore(studyDir: string, studyId: string, options: {onUpgrade?: () => void; waitSeconds?: number} = {}): Store {
  const file = join(studyDir, DATABASE_FILE)
  const wait = options.waitSeconds ?? waitSeconds()
  const isNew = !existsSync(file)
  if (isNew) {
    // Create the file ourselves so it is never readable by others, not even for a moment.
    closeSync(openSync(file, 'wx', 0o600))
  } else {
    refuseForeignFile(file)
  }

  let db: Database.Database
  try {
    db = new Database(file)
    db.pragma(`busy_timeout = ${Math.round(wait * 1000)}`)
  } catch (error) {
    throw databaseError(file, error, wait)
  }

  try {
    // Everything that may refuse the file is checked before the first write, so a refused
    // database is left exactly as it was (setting WAL alone would change its header).
    refuseUnknownDatabase(db, file)
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = FULL')
    db.pragma('foreign_keys = ON')
    // An existing study made by an older kit: say so first, since rebuilding the version tables of
    // a large study takes a while (about a minute for 100,000 notes).
    const version = db.pragma('user_version', {simple: true}) as number
    if (version > 0 && version < latestMigration()) options.onUpgrade?.()
    migrate(db, file)
    if ((db.pragma('application_id', {simple: true}) as number) === 0) db.pragma(`application_id = ${APPLICATION_ID}`)
    const store = new Store(db, file, wait)
    claimForStudy(store, studyId)
    return store
  } catch (error) {
    db.close()
    throw error instanceof UserError ? error : databaseError(file, error, wait)
  }
}

/**
 * Refuses, without writing, a database karavaan must not touch: one of another program, or one
 * made by a newer version of the kit.
 */
function refuseUnknownDatabase(db: Database.Database, file: string): void {
  const appId = db.pragma('application_id', {simple: true}) as number
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]
  const foreign = appId === 0 ? tables.length > 0 && !tables.includes('meta') : appId !== APPLICATION_ID
  if (foreign) {
    throw new UserError(`${file} is een SQLite-database van een ander programma, niet van karavaan.`, {
      hint: 'Verplaats of hernoem dit bestand; karavaan heeft het niet aangeraakt.',
    })
  }

  const version = db.pragma('user_version', {simple: true}) as number
  const latest = latestMigration()
  if (version > latest) {
    throw new UserError(
      `${file} is gemaakt met een nieuwere versie van karavaan (databaseversie ${version}; deze versie kent tot en met ${latest}). De database is niet aangeraakt.`,
      {hint: 'Werk karavaan bij naar de nieuwste versie en probeer het opnieuw.'},
    )
  }
}

function claimForStudy(store: Store, studyId: string): void {
  const owner = store.meta.get('study_id')
  if (owner === undefined) {
    store.transaction(() => {
      store.meta.set('study_id', studyId)
      store.meta.set('device_id', newId())
      store.meta.set('created_at', nowIso())
    })
    return
  }

  if (owner !== studyId) {
    throw new UserError(`${store.file} hoort bij een andere studie (id ${owner}) dan study.yaml ernaast (id ${studyId}).`, {
      hint: 'Zet de id in study.yaml terug, of zet de database naast de study.yaml waar hij bij hoort.',
    })
  }
}

function refuseForeignFile(file: string): void {
  const fd = openSync(file, 'r')
  try {
    const header = Buffer.alloc(16)
    const read = readSync(fd, header, 0, 16, 0)
    if (read > 0 && header.toString('latin1', 0, read) !== SQLITE_HEADER.slice(0, read)) {
      throw new UserError(`${file} is geen SQLite-database; karavaan kan hem niet openen.`, {
        hint: 'Zet een backup van karavaan.db terug, of verplaats dit bestand zodat karavaan een nieuwe database kan maken.',
      })
    }
  } finally {
    closeSync(fd)
  }
}

function databaseError(file: string, error: unknown, wait?: number): Error {
  return databaseProblem(error, file, wait) ?? (error as Error)
}

/** The study a database belongs to, read and checked without changing the file (for init --force). */
export function studyIdOfDatabase(file: string): string | undefined {
  refuseForeignFile(file)
  try {
    // Read-write but without writing: a read-only connection would leave -wal and -shm files behind.
    const db = new Database(file, {fileMustExist: true})
    try {
      refuseUnknownDatabase(db, file)
      const hasMeta = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'").get()
      const row = hasMeta ? (db.prepare("SELECT value FROM meta WHERE key = 'study_id'").get() as undefined | {value: string}) : undefined
      return row?.value
    } finally {
      db.close()
    }
  } catch (error) {
    throw error instanceof UserError ? error : databaseError(file, error)
  }
}

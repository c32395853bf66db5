import Database from 'better-sqlite3'
import {closeSync, existsSync, openSync, readSync} from 'node:fs'
import {join} from 'node:path'

import {UserError} from '../errors.js'
import {DATABASE_FILE} from '../study/locate.js'
import {newId, nowIso} from './ids.js'
import {migrate} from './migrate.js'
import {Store} from './store.js'

/** 'KRVA': marks a SQLite file as a karavaan study database. */
export const APPLICATION_ID = 0x4b_52_56_41
const SQLITE_HEADER = 'SQLite format 3\0'

/**
 * Opens (and on first use creates) the study database: owner-only file mode, WAL so a reader
 * never blocks a writer, a busy timeout for a second process, foreign keys on, full syncs so a
 * laptop that dies right after a command keeps what the command reported as stored.
 */
export function openStore(studyDir: string, studyId: string): Store {
  const file = join(studyDir, DATABASE_FILE)
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
    db.pragma('busy_timeout = 5000')
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = FULL')
    db.pragma('foreign_keys = ON')
  } catch (error) {
    throw databaseError(file, error)
  }

  try {
    const appId = db.pragma('application_id', {simple: true}) as number
    if (appId !== 0 && appId !== APPLICATION_ID) {
      throw new UserError(`${file} is een SQLite-database van een ander programma, niet van karavaan.`, {
        hint: 'Verplaats of hernoem dit bestand; karavaan heeft het niet aangeraakt.',
      })
    }

    migrate(db, file)
    if (appId === 0) db.pragma(`application_id = ${APPLICATION_ID}`)
    const store = new Store(db, file)
    claimForStudy(store, studyId)
    return store
  } catch (error) {
    db.close()
    throw error instanceof UserError ? error : databaseError(file, error)
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

function databaseError(file: string, error: unknown): Error {
  const code = (error as {code?: string}).code ?? ''
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
    return new UserError(`${file} is beschadigd of geen karavaan-database.`, {hint: 'Zet een backup terug; karavaan heeft het bestand niet veranderd.'})
  }

  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
    return new UserError(`${file} is bezet door een ander karavaan-proces.`, {hint: 'Wacht tot dat klaar is en probeer het opnieuw.'})
  }

  if (code === 'SQLITE_READONLY' || code === 'SQLITE_CANTOPEN' || code === 'SQLITE_PERM' || code === 'EACCES') {
    return new UserError(`${file} kan niet worden geopend om te schrijven.`, {hint: 'Controleer of je schrijfrechten hebt op de studiemap.'})
  }

  return error as Error
}

/** The study a database belongs to, read without changing the file (for init --force). */
export function studyIdOfDatabase(file: string): string | undefined {
  refuseForeignFile(file)
  try {
    const db = new Database(file, {fileMustExist: true, readonly: true})
    try {
      const row = db.prepare("SELECT value FROM meta WHERE key = 'study_id'").get() as undefined | {value: string}
      return row?.value
    } finally {
      db.close()
    }
  } catch (error) {
    throw databaseError(file, error)
  }
}

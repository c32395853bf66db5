import {chmodSync, closeSync, existsSync, linkSync, readdirSync, renameSync, statSync, unlinkSync} from 'node:fs'
import {basename, dirname, join, resolve} from 'node:path'

import {UserError} from '../errors.js'
import {copyPrivately, createPrivateFile, HAS_POSIX_MODES, makePrivateDir, PRIVATE_FILE_MODE, removeQuietly, replaceWith, syncDir, temporaryPathFor} from '../fs/private.js'
import {backupDatabase, type CopyProblem, type DatabaseFacts, hasSqliteHeader, holdExclusively, inspectDatabaseCopy} from '../store/backup.js'
import {databaseProblem} from '../store/errors.js'
import {DATABASE_FILE} from '../store/open.js'
import type {Store} from '../store/store.js'
import type {Study} from '../study/load.js'

export const BACKUPS_DIR = 'backups'
export const DEFAULT_KEEP = 10

/**
 * The names the kit gives its own backups and the copies it keeps before a restore. Rotation
 * only ever removes files named like BACKUP_NAME: never a file a user put in backups/, never a
 * copy kept before a restore, never a backup written elsewhere with --out.
 */
const BACKUP_NAME = /^karavaan-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z\.sqlite$/
const stamp = (at: Date) => at.toISOString().replaceAll(':', '-').replace('.', '-')

export interface BackupResult extends DatabaseFacts {
  bytes: number
  file: string
  /** Older backups of the kit removed by rotation. */
  removed: string[]
}

/**
 * Writes a backup of the study database while it may be in use: by default into the study's
 * backups/ folder with the time in its name, keeping the newest `keep` backups the kit made
 * there (0 keeps all). The backup is private (0600) and appears whole or not at all.
 */
export async function backupStudy(store: Store, study: Study, options: {keep?: number; now?: Date; out?: string} = {}): Promise<BackupResult> {
  const keep = options.keep ?? DEFAULT_KEEP
  const backupsDir = join(study.dir, BACKUPS_DIR)
  const file = options.out ? outFile(options.out, options.now) : join(makePrivateDir(backupsDir), freeName(backupsDir, options.now ?? new Date()))
  if (resolve(file) === resolve(store.file)) throw new UserError('Een backup kan niet over de database zelf heen worden geschreven.', {hint: 'Kies met --out een andere plek.'})
  const temporary = temporaryPathFor(file)
  let facts: DatabaseFacts
  try {
    closeSync(createPrivateFile(temporary))
    facts = await backupDatabase(store, temporary)
    replaceWith(temporary, file)
  } catch (error) {
    removeQuietly(temporary)
    removeQuietly(`${temporary}-journal`)
    throw databaseProblem(error, file, store.waitSeconds) ?? error
  }

  const removed = dirname(resolve(file)) === resolve(backupsDir) && keep > 0 ? rotate(backupsDir, keep) : []
  return {...facts, bytes: statSync(file).size, file, removed}
}

/** The kit's own backups in a backups folder, newest first. */
export function listBackups(dir: string): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir)
    .filter((name) => BACKUP_NAME.test(name))
    .sort()
    .reverse()
    .map((name) => join(dir, name))
}

function rotate(dir: string, keep: number): string[] {
  const old = listBackups(dir).slice(keep)
  for (const file of old) unlinkSync(file)
  return old
}

function freeName(dir: string, at: Date): string {
  let time = at.getTime()
  while (existsSync(join(dir, `karavaan-${stamp(new Date(time))}.sqlite`))) time++
  return `karavaan-${stamp(new Date(time))}.sqlite`
}

function outFile(out: string, now?: Date): string {
  const file = resolve(out)
  if (existsSync(file) && statSync(file).isDirectory()) return join(file, freeName(file, now ?? new Date()))
  if (existsSync(file)) throw new UserError(`${out} bestaat al; een backup overschrijft geen bestaand bestand.`, {hint: 'Kies een nieuwe bestandsnaam of een map.'})
  if (!existsSync(dirname(file))) throw new UserError(`De map ${dirname(out)} bestaat niet.`, {hint: 'Maak de map eerst, of kies een andere plek voor --out.'})
  return file
}

export interface RestoreResult extends DatabaseFacts {
  /** Where the database that was replaced is kept; undefined when the study had none. */
  kept?: string
  source: string
}

/**
 * Puts a backup in place of the study database. The backup is checked first, on a private
 * copy (is it a karavaan database of this study, sound, not from a newer kit?); the current
 * database is kept in backups/ as voor-herstel-<time>.sqlite, with its -wal file if it was
 * broken; the swap is one rename. Refused while another karavaan process has the study open.
 */
export function restoreStudy(study: Study, source: string, options: {now?: Date; otherStudy?: boolean} = {}): RestoreResult {
  const from = resolve(source)
  const database = join(study.dir, DATABASE_FILE)
  if (!existsSync(from) || !statSync(from).isFile()) throw new UserError(`${source} bestaat niet of is geen bestand.`, {hint: `Backups staan in ${join(study.dir, BACKUPS_DIR)}.`})
  if (from === resolve(database)) throw new UserError(`${source} is de database van de studie zelf, geen backup.`, {hint: `Kies een backup uit ${join(study.dir, BACKUPS_DIR)}.`})

  const candidate = temporaryPathFor(database)
  let facts: DatabaseFacts
  try {
    copyPrivately(from, candidate)
    // A copy of a database in WAL mode that was not closed keeps part of its content in -wal.
    if (existsSync(`${from}-wal`) && statSync(`${from}-wal`).size > 0) copyPrivately(`${from}-wal`, `${candidate}-wal`)
    const inspected = inspectDatabaseCopy(candidate)
    if ('problem' in inspected) throw refusal(source, inspected.problem)
    facts = inspected
    if (facts.studyId !== study.id && !options.otherStudy) {
      throw new UserError(`${source} is een backup van een andere studie (id ${facts.studyId ?? 'onbekend'}) dan deze (id ${study.id}). Er is niets veranderd.`, {
        hint: 'Kies een backup van deze studie. Weet je zeker dat je deze wilt terugzetten, geef dan --other-study mee (de id in study.yaml moet je dan zelf aanpassen).',
      })
    }
  } catch (error) {
    for (const suffix of ['', '-wal', '-shm', '-journal']) removeQuietly(`${candidate}${suffix}`)
    throw databaseProblem(error, source) ?? error
  }

  let kept: string | undefined
  try {
    if (existsSync(database)) kept = keepCurrentAndSwap(study, database, candidate, options.now ?? new Date())
    else replaceWith(candidate, database)
  } catch (error) {
    removeQuietly(candidate)
    throw error
  }

  return {...facts, kept, source: from}
}

/**
 * Keeps the current database in backups/ under a new name (a second name for the same file,
 * or a copy where links are not possible) and renames the restored copy over it, holding it
 * exclusively all the while so no process writes to it in between. A database SQLite cannot
 * read is moved with its -wal and -shm, which belong to it.
 */
function keepCurrentAndSwap(study: Study, database: string, candidate: string, now: Date): string {
  const dir = makePrivateDir(join(study.dir, BACKUPS_DIR))
  let kept = join(dir, `voor-herstel-${stamp(now)}.sqlite`)
  for (let n = 2; existsSync(kept); n++) kept = join(dir, `voor-herstel-${stamp(now)}-${n}.sqlite`)
  // A file that does not even start like a database is not opened: SQLite could take it for an
  // empty one and throw away the -wal beside it, which may be all that is left.
  const hold: ReturnType<typeof holdExclusively> = hasSqliteHeader(database) ? holdExclusively(database) : {kind: 'broken'}
  if (hold.kind === 'busy') {
    throw new UserError(`De studie is in gebruik door een ander karavaan-proces; er is niets veranderd.`, {
      hint: 'Sluit eerst de andere opdrachten voor deze studie (zoals tag review of een import) en probeer het opnieuw.',
    })
  }

  try {
    try {
      linkSync(database, kept)
    } catch {
      copyPrivately(database, kept)
    }

    if (hold.kind === 'broken') {
      for (const suffix of ['-wal', '-shm']) {
        if (existsSync(`${database}${suffix}`)) renameSync(`${database}${suffix}`, `${kept}${suffix}`)
      }
    } else if (existsSync(`${database}-wal`)) {
      // Leaving WAL mode folded the -wal into the file; one still there would belong to nobody.
      throw new Error(`${basename(database)}-wal is still present after leaving WAL mode`)
    }

    // It holds the same words as a backup, so it is as private as one, whatever it was before.
    for (const file of [kept, `${kept}-wal`, `${kept}-shm`]) if (HAS_POSIX_MODES && existsSync(file)) chmodSync(file, PRIVATE_FILE_MODE)
    syncDir(dir)
    replaceWith(candidate, database)
    return kept
  } finally {
    if (hold.kind === 'held') hold.release()
  }
}

function refusal(source: string, problem: CopyProblem): UserError {
  const nothing = 'Er is niets veranderd.'
  switch (problem.kind) {
    case 'not-sqlite': {
      return new UserError(`${source} is geen SQLite-database en dus geen backup van karavaan. ${nothing}`, {hint: 'Kies een bestand uit de map backups/ van de studie.'})
    }

    case 'foreign': {
      return new UserError(`${source} is een SQLite-database, maar niet van karavaan. ${nothing}`, {hint: 'Kies een bestand uit de map backups/ van de studie.'})
    }

    case 'newer': {
      return new UserError(`${source} is gemaakt met een nieuwere versie van karavaan (databaseversie ${problem.version}; deze versie kent tot en met ${problem.latest}). ${nothing}`, {
        hint: 'Werk karavaan bij en probeer het opnieuw.',
      })
    }

    case 'corrupt': {
      return new UserError(`${source} is beschadigd (de controle van SQLite faalt). ${nothing}`, {details: problem.details, hint: 'Kies een andere, eerdere backup.'})
    }
  }
}

import type Database from 'better-sqlite3'
import {readdirSync, readFileSync} from 'node:fs'
import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'

import {UserError} from '../errors.js'
import {keyId} from './ids.js'

export interface Migration {
  name: string
  sql: () => string
  version: number
}

const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'migrations')

/** The numbered SQL files beside this module; their text is read only when one must be applied. */
export function bundledMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((file) => /^\d{3}-[\w-]+\.sql$/.test(file))
    .sort()
    .map((file) => ({name: file, sql: () => readFileSync(join(dir, file), 'utf8'), version: Number(file.slice(0, 3))}))
}

export function latestMigration(): number {
  return bundledMigrations().at(-1)?.version ?? 0
}

/**
 * Brings the schema up to date, each migration in its own transaction with its version number,
 * so a crash leaves the database at a whole version. A database from a newer kit is never touched.
 */
export function migrate(db: Database.Database, file: string, migrations: Migration[] = bundledMigrations()): {from: number; to: number} {
  const latest = migrations.at(-1)?.version ?? 0
  const current = db.pragma('user_version', {simple: true}) as number
  if (current > latest) {
    throw new UserError(
      `${file} is gemaakt met een nieuwere versie van karavaan (databaseversie ${current}; deze versie kent tot en met ${latest}). De database is niet aangeraakt.`,
      {hint: 'Werk karavaan bij naar de nieuwste versie en probeer het opnieuw.'},
    )
  }

  // Migration 009 derives ids from keys with the same function the kit uses afterwards.
  db.function('karavaan_key', {deterministic: true, varargs: true}, (...parts: unknown[]) => keyId(...(parts as Array<null | number | string>)))
  for (const migration of migrations) {
    if (migration.version <= current) continue
    db.transaction(() => {
      db.exec(migration.sql())
      db.pragma(`user_version = ${migration.version}`)
    }).immediate()
  }

  return {from: current, to: latest}
}

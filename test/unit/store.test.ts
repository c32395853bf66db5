import Database from 'better-sqlite3'
import {mkdirSync, readFileSync, statSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'

import {UserError} from '../../src/errors.js'
import {newId} from '../../src/store/ids.js'
import {bundledMigrations, migrate} from '../../src/store/migrate.js'
import {APPLICATION_ID, openStore} from '../../src/store/open.js'
import {tempDir} from '../helpers/cli.js'

const STUDY = '019a0000-0000-7000-8000-000000000001'

describe('migrations', () => {
  it('are numbered from 001 without gaps', () => {
    const versions = bundledMigrations(join(__dirname, '..', '..', 'src', 'store', 'migrations')).map((m) => m.version)
    expect(versions).toEqual(versions.map((_, i) => i + 1))
  })

  it('bring a new database to the latest version and mark it as karavaan', () => {
    const dir = tempDir()
    const store = openStore(dir, STUDY)
    const latest = bundledMigrations(join(__dirname, '..', '..', 'src', 'store', 'migrations')).at(-1)!.version
    expect(store.db.pragma('user_version', {simple: true})).toBe(latest)
    expect(store.db.pragma('application_id', {simple: true})).toBe(APPLICATION_ID)
    expect(store.db.pragma('journal_mode', {simple: true})).toBe('wal')
    expect(store.db.pragma('foreign_keys', {simple: true})).toBe(1)
    expect(store.meta.get('study_id')).toBe(STUDY)
    store.close()
    expect(statSync(join(dir, 'karavaan.db')).mode & 0o777).toBe(0o600)
  })

  it('apply each step in a transaction: a failing migration leaves the previous version whole', () => {
    const dir = tempDir()
    mkdirSync(join(dir, 'm'))
    writeFileSync(join(dir, 'm', '001-a.sql'), 'CREATE TABLE a (x INTEGER);')
    writeFileSync(join(dir, 'm', '002-b.sql'), 'CREATE TABLE b (x INTEGER); INSERT INTO nowhere VALUES (1);')
    const db = new Database(join(dir, 'x.db'))
    expect(() => migrate(db, 'x.db', bundledMigrations(join(dir, 'm')))).toThrow(/nowhere/)
    expect(db.pragma('user_version', {simple: true})).toBe(1)
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'b'").get()).toBeUndefined()
    db.close()
  })

  it('refuse a database made by a newer version of the kit, and leave it untouched', () => {
    const dir = tempDir()
    openStore(dir, STUDY).close()
    const file = join(dir, 'karavaan.db')
    const db = new Database(file)
    db.pragma('user_version = 99')
    db.close()
    const before = readFileSync(file)
    expect(() => openStore(dir, STUDY)).toThrow(UserError)
    expect(() => openStore(dir, STUDY)).toThrow(/nieuwere versie van karavaan \(databaseversie 99/)
    expect(readFileSync(file).equals(before)).toBe(true)
  })

  it('refuse a file that is not SQLite, or the database of another study', () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'karavaan.db'), 'dit is geen database')
    expect(() => openStore(dir, STUDY)).toThrow(/is geen SQLite-database/)
    expect(readFileSync(join(dir, 'karavaan.db'), 'utf8')).toBe('dit is geen database')

    const other = tempDir()
    openStore(other, STUDY).close()
    expect(() => openStore(other, '019a0000-0000-7000-8000-000000000002')).toThrow(/hoort bij een andere studie/)
  })

  it('refuse the SQLite database of another program', () => {
    const dir = tempDir()
    const db = new Database(join(dir, 'karavaan.db'))
    db.pragma('application_id = 1234')
    db.exec('CREATE TABLE t (x)')
    db.close()
    expect(() => openStore(dir, STUDY)).toThrow(/van een ander programma/)
  })
})

describe('record ids', () => {
  it('are UUIDv7: unique and ordered by time', () => {
    const ids = Array.from({length: 2000}, () => newId())
    expect(new Set(ids).size).toBe(ids.length)
    expect(ids.every((id) => /^[\da-f]{8}-[\da-f]{4}-7[\da-f]{3}-[89ab][\da-f]{3}-[\da-f]{12}$/.test(id))).toBe(true)
    expect([...ids].sort()).toEqual(ids)
  })
})

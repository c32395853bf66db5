import Database from 'better-sqlite3'
import {rmSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'

import {bundledMigrations, migrate} from '../../src/store/migrate.js'
import {karavaan, makeStudy, ROOT} from '../helpers/cli.js'

const MIGRATIONS = join(ROOT, 'src', 'store', 'migrations')

describe('a study made by an older kit', () => {
  it('is brought up to date on the first command, which says so first, and only once', () => {
    const study = makeStudy()
    const file = join(study, 'karavaan.db')
    rmSync(file)
    for (const suffix of ['-wal', '-shm']) rmSync(`${file}${suffix}`, {force: true})
    const db = new Database(file)
    migrate(db, file, bundledMigrations(MIGRATIONS).filter((m) => m.version <= 3))
    db.close()

    const first = karavaan(['status', '--study', study])
    expect(first.code, first.stderr).toBe(0)
    expect(first.stderr).toContain('Let op: de database van deze studie wordt bijgewerkt')
    const version = new Database(file, {readonly: true})
    expect(version.pragma('user_version', {simple: true})).toBe(bundledMigrations(MIGRATIONS).length)
    version.close()

    const second = karavaan(['status', '--study', study])
    expect(second.code).toBe(0)
    expect(second.stderr).not.toContain('bijgewerkt')
  })
})

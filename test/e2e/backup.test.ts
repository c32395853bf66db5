import Database from 'better-sqlite3'
import {copyFileSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'

import {expectRefusal, json, karavaan, makeStudy, snapshot, tempDir} from '../helpers/cli.js'

const add = (study: string, text: string) =>
  karavaan(['note', 'add', '--study', study, '--halteplaats', 'noord', '--group', 'moeders', '--interviewer', 'anna', '--date', '2026-03-11', '--text', text])

/** Reads a value from a database file, read-write so no -wal or -shm is left behind. */
function scalar(file: string, sql: string): unknown {
  const db = new Database(file, {fileMustExist: true})
  try {
    return db.prepare(sql).pluck().get()
  } finally {
    db.close()
  }
}

const notesIn = (file: string) => scalar(file, 'SELECT count(*) FROM notes') as number
const mode = (path: string) => (statSync(path).mode & 0o777).toString(8)

interface BackupJson {
  file: string
  notes: number
  removed: string[]
}

describe('karavaan backup', () => {
  it('copies the study while another process holds a write transaction, without its uncommitted rows, private', () => {
    const study = makeStudy()
    expect(add(study, 'Eerste notitie over het buurthuis.').code).toBe(0)
    const other = new Database(join(study, 'karavaan.db'))
    try {
      other.exec('BEGIN IMMEDIATE')
      other.prepare("INSERT INTO meta (key, value) VALUES ('niet-vastgelegd', 'x')").run()
      const result = json<BackupJson>(karavaan(['backup', '--study', study, '--json']))
      expect(result.notes).toBe(1)
      expect(result.file).toMatch(/backups[/\\]karavaan-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z\.sqlite$/)
      expect(mode(result.file)).toBe('600')
      expect(mode(join(study, 'backups'))).toBe('700')
      expect(existsSync(`${result.file}-wal`)).toBe(false)
      expect(notesIn(result.file)).toBe(1)
      expect(scalar(result.file, "SELECT count(*) FROM meta WHERE key = 'niet-vastgelegd'")).toBe(0)
      expect(scalar(result.file, 'PRAGMA integrity_check')).toBe('ok')
    } finally {
      other.exec('ROLLBACK')
      other.close()
    }
  })

  it('keeps the newest --keep backups and removes only older ones it made itself', () => {
    const study = makeStudy()
    const made = [1, 2, 3].map(() => json<BackupJson>(karavaan(['backup', '--study', study, '--json'])).file)
    writeFileSync(join(study, 'backups', 'mijn-eigen-kopie.sqlite'), 'van de gebruiker')
    writeFileSync(join(study, 'backups', 'voor-herstel-2020-01-01T00-00-00-000Z.sqlite'), 'bewaard')
    const result = karavaan(['backup', '--study', study, '--keep', '2'])
    expect(result.code, result.stderr).toBe(0)
    expect(result.stdout).toContain('Opgeruimd: 2 oudere backups')
    const left = readdirSync(join(study, 'backups')).sort()
    expect(left).toContain('mijn-eigen-kopie.sqlite')
    expect(left).toContain('voor-herstel-2020-01-01T00-00-00-000Z.sqlite')
    expect(left.filter((name) => name.startsWith('karavaan-'))).toHaveLength(2)
    expect(existsSync(made[0])).toBe(false)
    expect(existsSync(made[2])).toBe(true)
  })

  it('writes to --out (a file or a folder) and never overwrites an existing file', () => {
    const study = makeStudy()
    const out = tempDir()
    const inFolder = json<BackupJson>(karavaan(['backup', '--study', study, '--out', out, '--json']))
    expect(inFolder.file.startsWith(out)).toBe(true)
    expect(mode(inFolder.file)).toBe('600')
    const named = join(out, 'veldwerk.sqlite')
    expect(karavaan(['backup', '--study', study, '--out', named]).code).toBe(0)
    const before = snapshot(out)
    expectRefusal(karavaan(['backup', '--study', study, '--out', named]), 1, 'bestaat al')
    expect(snapshot(out)).toEqual(before)
    expect(existsSync(join(study, 'backups'))).toBe(false)
  })
})

describe('karavaan restore', () => {
  it('puts a backup back and keeps the replaced database, whose notes stay readable', () => {
    const study = makeStudy()
    expect(add(study, 'Notitie van voor de backup.').code).toBe(0)
    const backup = json<BackupJson>(karavaan(['backup', '--study', study, '--json'])).file
    expect(add(study, 'Notitie van na de backup.').code).toBe(0)
    const result = karavaan(['restore', backup, '--study', study])
    expect(result.code, result.stderr).toBe(0)
    expect(result.stdout).toContain('Backup teruggezet: 1 notitie.')
    const kept = /staat in (.+voor-herstel-[^\s]+\.sqlite)\./.exec(result.stdout)?.[1]
    expect(kept).toBeDefined()
    expect(mode(kept!)).toBe('600')
    expect(notesIn(kept!)).toBe(2)
    expect(json<unknown[]>(karavaan(['note', 'list', '--study', study, '--json']))).toHaveLength(1)
    expect(karavaan(['doctor', '--study', study]).code).toBe(0)
    // The restore itself can be undone with the copy it kept.
    expect(karavaan(['restore', kept!, '--study', study]).code).toBe(0)
    expect(json<unknown[]>(karavaan(['note', 'list', '--study', study, '--json']))).toHaveLength(2)
  })

  it('takes in the -wal file beside a copy of a database that was still open', () => {
    const study = makeStudy()
    const holder = new Database(join(study, 'karavaan.db'))
    const copy = join(tempDir(), 'kopie.sqlite')
    try {
      // With a connection reading, the note stays in karavaan.db-wal after the command ends.
      holder.prepare('SELECT count(*) FROM notes').get()
      expect(add(study, 'Alleen in het WAL-bestand.').code).toBe(0)
      expect(statSync(join(study, 'karavaan.db-wal')).size).toBeGreaterThan(0)
      copyFileSync(join(study, 'karavaan.db'), copy)
      copyFileSync(join(study, 'karavaan.db-wal'), `${copy}-wal`)
    } finally {
      holder.close()
    }

    expect(karavaan(['note', 'rm', '--study', study, json<Array<{id: string}>>(karavaan(['note', 'list', '--study', study, '--json']))[0].id]).code).toBe(0)
    const result = karavaan(['restore', copy, '--study', study])
    expect(result.code, result.stderr).toBe(0)
    expect(result.stdout).toContain('1 notitie.')
    const notes = json<Array<{text: string}>>(karavaan(['note', 'list', '--study', study, '--json']))
    expect(notes).toHaveLength(1)
  })

  it('replaces a broken database and keeps it together with its -wal file', () => {
    const study = makeStudy()
    const backup = json<BackupJson>(karavaan(['backup', '--study', study, '--json'])).file
    writeFileSync(join(study, 'karavaan.db'), 'dit is geen database meer')
    writeFileSync(join(study, 'karavaan.db-wal'), 'los wal-bestand')
    const result = karavaan(['restore', backup, '--study', study])
    expect(result.code, result.stderr).toBe(0)
    const kept = /staat in (.+\.sqlite)\./.exec(result.stdout)![1]
    expect(existsSync(`${kept}-wal`)).toBe(true)
    expect(existsSync(join(study, 'karavaan.db-wal'))).toBe(false)
    expect(karavaan(['doctor', '--study', study]).code).toBe(0)
  })

  describe('checks the backup first and changes nothing when it is wrong', () => {
    const cases: Array<[string, (study: string, file: string) => void, RegExp]> = [
      ['a text file', (_, file) => writeFileSync(file, 'Gespreksnotitie, geen database.\n'), /geen SQLite-database/],
      [
        'a SQLite database of another program',
        (_, file) => {
          const db = new Database(file)
          db.exec('CREATE TABLE adressen (naam TEXT)')
          db.close()
        },
        /niet van karavaan/,
      ],
      [
        'a damaged backup',
        (study, file) => {
          copyFileSync(json<BackupJson>(karavaan(['backup', '--study', study, '--json'])).file, file)
          const db = new Database(file)
          const pages = db.pragma('page_count', {simple: true}) as number
          db.close()
          // Scribble over the pages after the first: the header stays, the tables do not.
          const bytes = Buffer.alloc((pages - 2) * 4096, 0x5a)
          writeFileSync(file, Buffer.concat([readFirstPage(file), bytes]))
        },
        /beschadigd/,
      ],
      [
        'a backup of a newer karavaan',
        (study, file) => {
          copyFileSync(json<BackupJson>(karavaan(['backup', '--study', study, '--json'])).file, file)
          const db = new Database(file)
          db.pragma('user_version = 999')
          db.close()
        },
        /nieuwere versie/,
      ],
      [
        'a backup of another study',
        (_, file) => {
          const other = makeStudy()
          copyFileSync(json<BackupJson>(karavaan(['backup', '--study', other, '--json'])).file, file)
        },
        /andere studie.*--other-study/s,
      ],
    ]

    for (const [name, make, message] of cases) {
      it(`refuses ${name}`, () => {
        const study = makeStudy()
        expect(add(study, 'Deze notitie moet blijven.').code).toBe(0)
        const file = join(tempDir(), 'backup.sqlite')
        make(study, file)
        const before = snapshot(study)
        expectRefusal(karavaan(['restore', file, '--study', study]), 1, message, 'Er is niets veranderd')
        expect(snapshot(study)).toEqual(before)
      })
    }
  })

  it('restores a backup of another study only with --other-study, and says the id must follow', () => {
    const study = makeStudy()
    const other = makeStudy()
    const backup = json<BackupJson>(karavaan(['backup', '--study', other, '--json'])).file
    const result = karavaan(['restore', backup, '--study', study, '--other-study'])
    expect(result.code, result.stderr).toBe(0)
    expect(result.stderr).toMatch(/Let op: de backup hoort bij studie .*study\.yaml/)
  })

  it('refuses while another process has the study open', () => {
    const study = makeStudy()
    const backup = json<BackupJson>(karavaan(['backup', '--study', study, '--json'])).file
    expect(add(study, 'Nieuwer dan de backup.').code).toBe(0)
    const other = new Database(join(study, 'karavaan.db'))
    try {
      other.prepare('SELECT count(*) FROM notes').get()
      expectRefusal(karavaan(['restore', backup, '--study', study]), 1, 'in gebruik', 'niets veranderd')
    } finally {
      other.close()
    }

    expect(json<unknown[]>(karavaan(['note', 'list', '--study', study, '--json']))).toHaveLength(1)
    expect(existsSync(join(study, 'backups')) && readdirSync(join(study, 'backups')).some((n) => n.startsWith('voor-herstel'))).toBe(false)
  })
})

describe('karavaan backup restore', () => {
  it('puts a backup back under its new name, without a notice', () => {
    const study = makeStudy()
    expect(add(study, 'Notitie van voor de backup.').code).toBe(0)
    const backup = json<BackupJson>(karavaan(['backup', '--study', study, '--json'])).file
    expect(add(study, 'Notitie van na de backup.').code).toBe(0)
    const result = karavaan(['backup', 'restore', backup, '--study', study])
    expect(result.code, result.stderr).toBe(0)
    expect(result.stdout).toContain('Backup teruggezet: 1 notitie.')
    expect(result.stderr).toBe('')
    expect(json<unknown[]>(karavaan(['note', 'list', '--study', study, '--json']))).toHaveLength(1)
  })

  it('still takes the old name, saying on stderr what the command is called now', () => {
    const study = makeStudy()
    const backup = json<BackupJson>(karavaan(['backup', '--study', study, '--json'])).file
    const result = karavaan(['restore', backup, '--study', study, '--json'])
    expect(result.code, result.stderr).toBe(0)
    expect(result.stderr).toContain('Let op: deze opdracht heet nu karavaan backup restore.')
    expect(json<{notes: number}>(result).notes).toBe(0)
  })

  it('hides the old name from the list of commands, and lists the new one under backup', () => {
    const root = karavaan(['--help']).stdout
    expect(root).not.toMatch(/^ {2}restore /m)
    expect(root).toMatch(/^ {2}backup +Backups van de studiedatabase/m)
    expect(karavaan(['backup', '--help']).stdout).toMatch(/backup restore +Zet een backup van de studie terug\./)
    const old = karavaan(['restore', '--help'])
    expect(old.code).toBe(0)
    expect(old.stdout).toContain('$ karavaan restore BESTAND')
    expect(old.stdout).toContain('Deze opdracht heet nu karavaan backup restore.')
  })
})

function readFirstPage(file: string): Buffer {
  return readFileSync(file).subarray(0, 4096)
}

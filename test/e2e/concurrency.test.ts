import Database from 'better-sqlite3'
import {spawnSync} from 'node:child_process'
import {cpSync, existsSync, rmSync, statfsSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'

import {expectRefusal, karavaan, makeStudy, snapshot, tempDir} from '../helpers/cli.js'
import {run, writeNoteFiles} from '../helpers/processes.js'

const countNotes = (study: string) => {
  const db = new Database(join(study, 'karavaan.db'), {fileMustExist: true})
  try {
    return db.prepare('SELECT count(*) FROM notes').pluck().get() as number
  } finally {
    db.close()
  }
}

const figures = {concurrentLost: 0, concurrentWrites: 0}

afterAll(() => {
  if (figures.concurrentWrites > 0) console.log(`Gelijktijdig geschreven: ${figures.concurrentWrites} notities, verloren: ${figures.concurrentLost}.`)
})

describe('two karavaan processes writing to one study', () => {
  it('a note add loop beside an import: both succeed and nothing is lost', async () => {
    const study = makeStudy()
    const imported = 300
    const added = 12
    const notes = writeNoteFiles(imported, 120, 7)
    const adds = async () => {
      const results = []
      for (let i = 0; i < added; i++) {
        results.push(
          await run(['note', 'add', '--study', study, '--halteplaats', 'noord', '--group', 'ouderen', '--interviewer', 'bram', '--date', '2026-04-02', '--text', `losse notitie ${i} over de bushalte`]),
        )
      }

      return results
    }

    const [importResult, addResults] = await Promise.all([run(['import', notes, '--study', study]), adds()])
    expect(importResult.code, importResult.stderr).toBe(0)
    for (const result of addResults) expect(result.code, result.stderr).toBe(0)
    const total = countNotes(study)
    figures.concurrentWrites += imported + added
    figures.concurrentLost += imported + added - total
    expect(total).toBe(imported + added)
    expect(karavaan(['doctor', '--study', study]).code).toBe(0)
  })

  it('a lock held longer than KARAVAAN_WACHTTIJD gives a clear Dutch message, exit 1, nothing stored', () => {
    const study = makeStudy()
    const holder = new Database(join(study, 'karavaan.db'))
    try {
      holder.exec('BEGIN IMMEDIATE')
      const env = {KARAVAAN_WACHTTIJD: '0.5'}
      const add = karavaan(['note', 'add', '--study', study, '--halteplaats', 'noord', '--group', 'moeders', '--interviewer', 'anna', '--date', '2026-03-11', '--text', 'wacht op de ander'], {env})
      expectRefusal(add, 1, 'De studie is bezet', 'langer dan 0,5 seconden', 'KARAVAAN_WACHTTIJD', 'niets opgeslagen')
      expect(add.stderr).not.toMatch(/SQLITE_BUSY|database is locked/)
      const notes = writeNoteFiles(3, 20, 3)
      expectRefusal(karavaan(['import', notes, '--study', study], {env}), 1, 'De studie is bezet')
    } finally {
      holder.exec('ROLLBACK')
      holder.close()
    }

    expect(countNotes(study)).toBe(0)
  })

  it('refuses a KARAVAAN_WACHTTIJD that is not a number of seconds', () => {
    const study = makeStudy()
    expectRefusal(karavaan(['status', '--study', study], {env: {KARAVAAN_WACHTTIJD: 'lang'}}), 1, 'KARAVAAN_WACHTTIJD', 'seconden')
  })
})

/** A small RAM disk of its own, when this runs as root on Linux; otherwise the reason it cannot. */
function smallDisk(): {dir: string; unmount: () => void} | string {
  if (process.platform !== 'linux') return 'alleen op Linux'
  if (process.getuid?.() !== 0) return 'alleen als root (mount -t tmpfs)'
  const dir = tempDir('karavaan-vol-')
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=3m,mode=0700', 'tmpfs', dir], {encoding: 'utf8'})
  if (mounted.status !== 0) return `mount lukt hier niet: ${mounted.stderr.trim() || mounted.error?.message}`
  return {dir, unmount: () => spawnSync('umount', [dir])}
}

const disk = smallDisk()

describe('a full disk', () => {
  afterAll(() => {
    if (typeof disk !== 'string') disk.unmount()
  })

  it.skipIf(typeof disk === 'string')(`an import that does not fit fails with a Dutch message and leaves the study as it was${typeof disk === 'string' ? ` (overgeslagen: ${disk})` : ''}`, () => {
    const {dir} = disk as {dir: string}
    const study = join(dir, 'studie')
    cpSync(makeStudy(), study, {recursive: true})
    expect(karavaan(['note', 'add', '--study', study, '--halteplaats', 'noord', '--group', 'moeders', '--interviewer', 'anna', '--date', '2026-03-11', '--text', 'staat er al']).code).toBe(0)
    // Fill the disk up to about 150 kB, too little for the notes below.
    const free = statfsSync(dir).bavail * statfsSync(dir).bsize
    writeFileSync(join(dir, 'vulling'), Buffer.alloc(Math.max(0, free - 150 * 1024)))
    const notes = writeNoteFiles(300, 120, 11)
    const before = snapshot(study)
    const result = karavaan(['import', notes, '--study', study])
    expectRefusal(result, 1, 'De schijf is vol', 'niets opgeslagen')
    expect(snapshot(study)).toEqual(before)
    expect(existsSync(join(study, 'karavaan.db-wal'))).toBe(false)
    // With room again, the same import goes through and the study is sound.
    rmSync(join(dir, 'vulling'))
    expect(karavaan(['import', notes, '--study', study]).code).toBe(0)
    expect(countNotes(study)).toBe(301)
    expect(karavaan(['doctor', '--study', study]).code).toBe(0)
  })
})

import Database from 'better-sqlite3'
import {createHash} from 'node:crypto'
import {cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {exampleStudy, json, karavaan, makeStudy, tempDir} from '../helpers/cli.js'
import {run, start, writeNoteFiles} from '../helpers/processes.js'

// Laptops die mid-command. These tests kill karavaan with SIGKILL (no chance to clean up) while it
// writes, dozens of times, and check after every kill that the database is sound and that each
// batch is there completely or not at all.

const NOTES = 250
const IMPORT_KILLS = 24
const EDIT_KILLS = 16
const MERGE_NOTES = 300
const MERGE_KILLS = 20
const REPORT_KILLS = 16
const LANES = 2

interface DatabaseState {
  ftsInStep: boolean
  integrity: string
  notes: number
  versions: number
}

/** Opens the database as the next command would (SQLite rolls back what was not committed). */
function inspect(study: string): DatabaseState {
  const db = new Database(join(study, 'karavaan.db'), {fileMustExist: true})
  try {
    let ftsInStep = true
    try {
      db.prepare("INSERT INTO notes_fts (notes_fts, rank) VALUES ('integrity-check', 1)").run()
    } catch {
      ftsInStep = false
    }

    return {
      ftsInStep,
      integrity: db.pragma('integrity_check', {simple: true}) as string,
      notes: db.prepare('SELECT count(*) FROM notes').pluck().get() as number,
      versions: db.prepare('SELECT count(*) FROM note_versions').pluck().get() as number,
    }
  } finally {
    db.close()
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Resolves when the command holds the write lock of the study: its write transaction has begun.
 * A second connection tries to begin one itself, without waiting, every millisecond or so.
 */
async function writing(study: string, exited: () => boolean): Promise<boolean> {
  const probe = new Database(join(study, 'karavaan.db'), {fileMustExist: true, timeout: 0})
  try {
    while (!exited()) {
      try {
        probe.exec('BEGIN IMMEDIATE')
        probe.exec('ROLLBACK')
      } catch (error) {
        if (String((error as {code?: string}).code).startsWith('SQLITE_BUSY')) return true
        throw error
      }

      await sleep(1)
    }

    return false
  } finally {
    probe.close()
  }
}

/** Starts a command, waits until it writes, and measures how long it goes on from there. */
async function writeWindowOf(args: string[], study: string): Promise<number> {
  const {child, done} = start(args)
  let exited = false
  child.on('exit', () => (exited = true))
  const seen = await writing(study, () => exited)
  const from = performance.now()
  const result = await done
  expect(result.code, result.stderr).toBe(0)
  expect(seen).toBe(true)
  return Math.max(20, performance.now() - from)
}

/** Starts a command and kills it at a random moment after its write transaction began. */
async function killWhileWriting(args: string[], study: string, window: number): Promise<boolean> {
  const {child, done} = start(args)
  let exited = false
  child.on('exit', () => (exited = true))
  if (await writing(study, () => exited)) await sleep(Math.random() * window)
  child.kill('SIGKILL')
  return (await done).signal === 'SIGKILL'
}

const figures = {
  editAfter: 0,
  editBefore: 0,
  editKills: 0,
  editPartial: 0,
  importAfter: 0,
  importBefore: 0,
  importKills: 0,
  importPartial: 0,
  mergeAfter: 0,
  mergeBefore: 0,
  mergeKills: 0,
  mergePartial: 0,
  reportComplete: 0,
  reportKills: 0,
  reportLeftovers: 0,
  reportNone: 0,
  reportTorn: 0,
}

afterAll(() => {
  console.log(
    `Kills: ${figures.importKills} tijdens import (${figures.importBefore} vóór de commit, ${figures.importAfter} erna, ${figures.importPartial} half), ` +
      `${figures.editKills} tijdens note edit (${figures.editBefore} vóór de commit, ${figures.editAfter} erna, ${figures.editPartial} half), ` +
      `${figures.mergeKills} tijdens merge (${figures.mergeBefore} vóór de commit, ${figures.mergeAfter} erna, ${figures.mergePartial} half), ` +
      `${figures.reportKills} tijdens report (${figures.reportNone} zonder bestand, ${figures.reportLeftovers} met een tijdelijk bestand, ${figures.reportComplete} met een hele PDF, ${figures.reportTorn} half).`,
  )
})

describe('SIGKILL at random moments', () => {
  let base: string
  let notes: string
  let writeWindow: number
  beforeAll(async () => {
    base = makeStudy()
    notes = writeNoteFiles(NOTES)
    // One run to the end: how long the command goes on once its write transaction began.
    const study = join(tempDir(), 'studie')
    cpSync(base, study, {recursive: true})
    writeWindow = await writeWindowOf(['import', notes, '--study', study], study)
    expect(inspect(study)).toMatchObject({integrity: 'ok', notes: NOTES, versions: NOTES})
  }, 60_000)

  it(`leaves an import of ${NOTES} notes whole or absent after ${IMPORT_KILLS} kills, the database sound`, async () => {
    // Only a kill of a running process counts; one that came too late is tried again.
    let attempts = 0
    const lane = async (from: number) => {
      for (let i = from; i < IMPORT_KILLS && attempts < IMPORT_KILLS * 3; attempts++) {
        const study = join(tempDir(), 'studie')
        cpSync(base, study, {recursive: true})
        const killed = await killWhileWriting(['import', notes, '--study', study], study, writeWindow)
        if (!killed) continue
        figures.importKills++
        const state = inspect(study)
        expect(state.integrity).toBe('ok')
        expect(state.ftsInStep).toBe(true)
        expect([0, NOTES]).toContain(state.notes)
        expect(state.versions).toBe(state.notes)
        if (state.notes === 0) figures.importBefore++
        else figures.importAfter++
        if (state.notes !== 0 && state.notes !== NOTES) figures.importPartial++
        if (i === from) {
          // The study goes on as if nothing happened: importing again completes the batch.
          const again = await run(['import', notes, '--study', study])
          expect(again.code, again.stderr).toBe(0)
          expect(inspect(study)).toMatchObject({integrity: 'ok', notes: NOTES, versions: NOTES})
        }

        i += LANES
      }
    }

    await Promise.all(Array.from({length: LANES}, (_, lane_) => lane(lane_)))
    expect(figures.importKills).toBe(IMPORT_KILLS)
    expect(figures.importPartial).toBe(0)
  }, 180_000)

  it(`keeps every note edit whole (note and its versions agree) after ${EDIT_KILLS} kills`, async () => {
    const study = makeStudy()
    const added = karavaan(['note', 'add', '--study', study, '--halteplaats', 'noord', '--group', 'moeders', '--interviewer', 'anna', '--date', '2026-03-11', '--text', 'versie 0', '--json'])
    const id = json<{id: string}>(added).id
    // A long text makes the write long enough to be hit: the index and the history both take it in.
    const textFile = (n: number) => {
      const file = join(tempDir(), 'tekst.txt')
      writeFileSync(file, `versie ${n}\n` + 'de bewoners voelen zich niet gehoord door de gemeente want het loket is weg\n'.repeat(2500))
      return file
    }

    const window = await writeWindowOf(['note', 'edit', id, '--study', study, '--file', textFile(0)], study)
    let version = 2
    for (let i = 1, attempts = 0; i <= EDIT_KILLS && attempts < EDIT_KILLS * 3; attempts++) {
      const file = textFile(attempts + 1)
      const killed = await killWhileWriting(['note', 'edit', id, '--study', study, '--file', file], study, window)
      if (killed) {
        figures.editKills++
        i++
      }

      const db = new Database(join(study, 'karavaan.db'), {fileMustExist: true})
      try {
        expect(db.pragma('integrity_check', {simple: true})).toBe('ok')
        const note = db.prepare('SELECT version, text FROM notes WHERE id = ?').get(id) as {text: string; version: number}
        const latest = db.prepare('SELECT version, text FROM note_versions WHERE note_id = ? ORDER BY version DESC LIMIT 1').get(id) as {text: string; version: number}
        const count = db.prepare('SELECT count(*) FROM note_versions WHERE note_id = ?').pluck().get(id) as number
        const whole = JSON.stringify(latest) === JSON.stringify(note) && count === note.version && [version, version + 1].includes(note.version)
        if (!whole) figures.editPartial++
        expect(latest).toEqual(note)
        expect(count).toBe(note.version)
        expect([version, version + 1]).toContain(note.version)
        if (note.version === version + 1) expect(note.text.split('\n')[0]).toBe(`versie ${attempts + 1}`)
        if (killed) figures[note.version === version ? 'editBefore' : 'editAfter']++
        version = note.version
      } finally {
        db.close()
      }
    }

    expect(figures.editPartial).toBe(0)
    expect(karavaan(['doctor', '--study', study]).code).toBe(0)
  }, 120_000)
})

/** Every row a merge brings, in a fixed order, without the moment of the merge itself. */
function mergedRows(study: string): string {
  const db = new Database(join(study, 'karavaan.db'), {fileMustExist: true})
  try {
    const rows = (sql: string) => db.prepare(sql).all()
    return JSON.stringify({
      bundles: rows('SELECT bundle_id, device, created_at, added FROM bundles_merged ORDER BY bundle_id'),
      codings: rows('SELECT * FROM codings ORDER BY note_id, coder'),
      notes: rows('SELECT * FROM notes ORDER BY id'),
      // The search index must find what the notes say.
      search: rows("SELECT n.id FROM notes n JOIN notes_fts f ON f.rowid = n.rowid WHERE notes_fts MATCH 'buurthuis OR loket' ORDER BY n.id"),
      tags: rows('SELECT * FROM tags ORDER BY id'),
      versions: rows('SELECT * FROM note_versions ORDER BY id'),
    })
  } finally {
    db.close()
  }
}

describe('SIGKILL at random moments during merge', () => {
  let lead: string
  let bundle: string
  let merged: string
  let tags: number
  let writeWindow: number
  beforeAll(async () => {
    // A lead starts the study; a laptop joins, imports a few hundred tagged notes and sends them back.
    const out = tempDir('karavaan-crash-')
    lead = makeStudy()
    const started = karavaan(['export', '--format', 'bundle', '--out', join(out, 'start.karavaan'), '--study', lead])
    expect(started.code, started.stderr).toBe(0)
    const laptop = join(tempDir(), 'laptop')
    const joined = karavaan(['join', join(out, 'start.karavaan'), laptop])
    expect(joined.code, joined.stderr).toBe(0)
    const notes = writeNoteFiles(MERGE_NOTES, 60, 2)
    for (const name of readdirSync(notes)) {
      const file = join(notes, name)
      writeFileSync(file, readFileSync(file, 'utf8').replace('interviewer: anna\n', 'interviewer: anna\nnarratives: [ongelijke-behandeling]\nthemes: [voorzieningen]\n'))
    }

    const imported = await run(['import', notes, '--study', laptop])
    expect(imported.code, imported.stderr).toBe(0)
    bundle = join(out, 'laptop.karavaan')
    const exported = await run(['export', '--format', 'bundle', '--out', bundle, '--study', laptop])
    expect(exported.code, exported.stderr).toBe(0)

    // The merge as it goes when nothing interrupts it: what every interrupted one must end as.
    const study = join(tempDir(), 'studie')
    cpSync(lead, study, {recursive: true})
    writeWindow = await writeWindowOf(['merge', bundle, '--study', study], study)
    expect(inspect(study)).toMatchObject({ftsInStep: true, integrity: 'ok', notes: MERGE_NOTES, versions: MERGE_NOTES})
    merged = mergedRows(study)
    tags = JSON.parse(merged).tags.length
    expect(tags).toBe(MERGE_NOTES)
  }, 120_000)

  it(`leaves a merge of ${MERGE_NOTES} notes whole or absent after ${MERGE_KILLS} kills, and a merge afterwards gives the same study`, async () => {
    const fresh = () => {
      const study = join(tempDir(), 'studie')
      cpSync(lead, study, {recursive: true})
      return study
    }

    let attempts = 0
    const lane = async (from: number) => {
      // Kills pile up on one study until one lands after the commit; then a fresh copy.
      let study = fresh()
      for (let i = from; i < MERGE_KILLS && attempts < MERGE_KILLS * 3; attempts++) {
        const killed = await killWhileWriting(['merge', bundle, '--study', study], study, writeWindow)
        const state = inspect(study)
        expect(state.integrity).toBe('ok')
        expect(state.ftsInStep).toBe(true)
        const db = new Database(join(study, 'karavaan.db'), {fileMustExist: true})
        const [tagCount, bundles] = ['tags', 'bundles_merged'].map((table) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number)
        db.close()
        const whole = state.notes === 0 ? state.versions === 0 && tagCount === 0 && bundles === 0 : state.notes === MERGE_NOTES && state.versions === MERGE_NOTES && tagCount === tags && bundles === 1
        if (killed) {
          figures.mergeKills++
          if (!whole) figures.mergePartial++
          figures[state.notes === 0 ? 'mergeBefore' : 'mergeAfter']++
          i += LANES
        }

        expect(whole, JSON.stringify({bundles, state, tagCount})).toBe(true)
        if (state.notes === MERGE_NOTES) {
          expect(mergedRows(study)).toBe(merged)
          study = fresh()
        }
      }

      // After the kills the merge simply succeeds, with the same result as an uninterrupted one.
      const again = await run(['merge', bundle, '--study', study])
      expect(again.code, again.stderr).toBe(0)
      expect(inspect(study)).toMatchObject({ftsInStep: true, integrity: 'ok'})
      expect(mergedRows(study)).toBe(merged)
    }

    await Promise.all(Array.from({length: LANES}, (_, lane_) => lane(lane_)))
    expect(figures.mergeKills).toBe(MERGE_KILLS)
    expect(figures.mergePartial).toBe(0)
  }, 240_000)
})

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex')

/** A PDF that was written to the end: the header at the start, the end-of-file marker at the end. */
function completePdf(file: string): boolean {
  const bytes = readFileSync(file)
  return bytes.subarray(0, 5).toString('latin1') === '%PDF-' && /%%EOF\s*$/.test(bytes.subarray(-32).toString('latin1'))
}

describe('SIGKILL at random moments during report', () => {
  let base: string
  let runTime: number
  let writeWindow: number
  let database: string
  beforeAll(async () => {
    base = exampleStudy()
    mkdirSync(join(base, 'rapporten'), {mode: 0o700})
    database = sha256(join(base, 'karavaan.db'))
    // One run to the end: how long it takes, and how long its temporary PDF is there.
    const study = join(tempDir(), 'studie')
    cpSync(base, study, {recursive: true})
    const from = performance.now()
    const {child, done} = start(['report', '--date', '2026-12-18', '--study', study])
    let exited = false
    child.on('exit', () => (exited = true))
    const seen = await partialWritten(study, () => exited)
    const writing = performance.now()
    const result = await done
    expect(result.code, result.stderr).toBe(0)
    expect(seen).toBe(true)
    runTime = performance.now() - from
    writeWindow = Math.max(20, performance.now() - writing)
    expect(completePdf(join(study, 'rapporten', 'eindrapport-2026-12-18.pdf'))).toBe(true)
  }, 120_000)

  /** Resolves when the report's temporary PDF appears in rapporten/. */
  async function partialWritten(study: string, exited: () => boolean): Promise<boolean> {
    while (!exited()) {
      if (readdirSync(join(study, 'rapporten')).some((name) => name.endsWith('.deel'))) return true
      await sleep(1)
    }

    return false
  }

  it(`never leaves half a report under its name and never touches the database, after ${REPORT_KILLS} kills; doctor --fix cleans up`, async () => {
    let attempts = 0
    const lane = async (from: number) => {
      const study = join(tempDir(), 'studie')
      cpSync(base, study, {recursive: true})
      const reports = join(study, 'rapporten')
      for (let i = from; i < REPORT_KILLS && attempts < REPORT_KILLS * 3; attempts++) {
        const before = new Set(readdirSync(reports))
        const {child, done} = start(['report', '--date', '2026-12-18', '--study', study])
        let exited = false
        child.on('exit', () => (exited = true))
        // Every other kill falls anywhere in the run; the rest while the PDF is being written.
        if (Math.floor(i / LANES) % 2 === 0) await sleep(Math.random() * runTime)
        else if (await partialWritten(study, () => exited)) await sleep(Math.random() * writeWindow)
        child.kill('SIGKILL')
        const killed = (await done).signal === 'SIGKILL'

        expect(sha256(join(study, 'karavaan.db'))).toBe(database)
        const names = readdirSync(reports)
        const finished = names.filter((name) => name.endsWith('.pdf'))
        const partial = names.filter((name) => /\.pdf\.\d+\.deel$/.test(name))
        expect(names.length).toBe(finished.length + partial.length)
        const torn = finished.filter((name) => !completePdf(join(reports, name)))
        if (killed) {
          const left = names.filter((name) => !before.has(name))
          figures.reportKills++
          figures.reportTorn += torn.length
          if (left.length === 0) figures.reportNone++
          else if (left[0].endsWith('.deel')) figures.reportLeftovers++
          else figures.reportComplete++
          i += LANES
        }

        expect(torn).toEqual([])
      }

      // What the kills left behind, doctor names and --fix removes; the whole reports stay.
      const names = readdirSync(reports)
      const partial = names.filter((name) => name.endsWith('.deel'))
      const found = karavaan(['doctor', '--json', '--study', study])
      const leftovers = (JSON.parse(found.stdout) as {checks: Array<{detail: string; id: string; ok: boolean}>}).checks.find((check) => check.id === 'leftovers')!
      expect(leftovers.ok).toBe(partial.length === 0)
      if (partial.length > 0) expect(leftovers.detail).toContain(`${partial.length} tijdelijk`)
      const fixed = await run(['doctor', '--fix', '--study', study])
      expect(fixed.code, fixed.stdout).toBe(0)
      expect(readdirSync(reports).sort()).toEqual(names.filter((name) => name.endsWith('.pdf')).sort())
      const after = await run(['report', '--date', '2026-12-18', '--out', join(reports, 'na-de-kills.pdf'), '--study', study])
      expect(after.code, after.stderr).toBe(0)
      expect(completePdf(join(reports, 'na-de-kills.pdf'))).toBe(true)
      const db = new Database(join(study, 'karavaan.db'), {fileMustExist: true, readonly: true})
      expect(db.pragma('integrity_check', {simple: true})).toBe('ok')
      db.close()
      expect(sha256(join(study, 'karavaan.db'))).toBe(database)
    }

    await Promise.all(Array.from({length: LANES}, (_, lane_) => lane(lane_)))
    expect(figures.reportKills).toBe(REPORT_KILLS)
    expect(figures.reportTorn).toBe(0)
  }, 240_000)
})

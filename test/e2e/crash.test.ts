import Database from 'better-sqlite3'
import {cpSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {json, karavaan, makeStudy, tempDir} from '../helpers/cli.js'
import {run, start, writeNoteFiles} from '../helpers/processes.js'

// Laptops die mid-command. These tests kill karavaan with SIGKILL (no chance to clean up) while it
// writes, dozens of times, and check after every kill that the database is sound and that each
// batch is there completely or not at all.

const NOTES = 250
const IMPORT_KILLS = 24
const EDIT_KILLS = 16
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

const figures = {editAfter: 0, editBefore: 0, editKills: 0, editPartial: 0, importAfter: 0, importBefore: 0, importKills: 0, importPartial: 0}

afterAll(() => {
  console.log(
    `Kills: ${figures.importKills} tijdens import (${figures.importBefore} vóór de commit, ${figures.importAfter} erna, ${figures.importPartial} half), ` +
      `${figures.editKills} tijdens note edit (${figures.editBefore} vóór de commit, ${figures.editAfter} erna, ${figures.editPartial} half).`,
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

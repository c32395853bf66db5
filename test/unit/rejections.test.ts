import Database from 'better-sqlite3'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'

import {addNote, editNote} from '../../src/notes/service.js'
import {bundledMigrations, migrate} from '../../src/store/migrate.js'
import {openStore} from '../../src/store/open.js'
import {loadStudy} from '../../src/study/load.js'
import {studyAgreement} from '../../src/tagging/agreement.js'
import {type ReviewAction, type ReviewItem, reviewSuggestions, suggestionsToReview} from '../../src/tagging/review.js'
import {makeStudy, tempDir} from '../helpers/cli.js'

const MIGRATIONS = join(__dirname, '..', '..', 'src', 'store', 'migrations')

async function fixture() {
  const dir = makeStudy()
  const study = await loadStudy(dir)
  // Cues of our own and no patterns, so the test does not depend on the method file's lists.
  const narratives = study.methodDefinition.narratives.map((n) => ({...n, cues: [] as Array<string | {cue: string; weight: number}>, patterns: []}))
  narratives[0].cues = ['loket']
  narratives[1].cues = ['nummer', {cue: 'klant', weight: 0.55}]
  study.methodDefinition = {...study.methodDefinition, narratives}
  const store = openStore(dir, study.id)
  const base = {date: '2026-04-01', group: 'ouderen', halteplaats: 'noord', interviewer: 'anna'}
  const a = addNote(store, study, {...base, text: 'Het loket is dicht. Ik ben een nummer voor ze.'}).note
  const b = addNote(store, study, {...base, text: 'Het loket in het dorp is sinds mei dicht.'}).note
  return {a, b, dir, store, study}
}

function scripted(actions: ReviewAction[]) {
  const seen: ReviewItem[] = []
  return {
    decide: async (item: ReviewItem) => {
      seen.push(item)
      return actions.shift() ?? 'stop'
    },
    seen,
  }
}

const what = (item: ReviewItem) => `${item.suggestion.note.slice(-4)}:${item.suggestion.narrative}`

describe('rejections in the store', () => {
  it('keep coder, time, note, the judged version and the sentence; a withdrawal keeps the row', async () => {
    const {a, store} = await fixture()
    const rejection = store.rejections.insert({coder: 'bram', end: 19, narrative: 'onzichtbare-overheid', note: a.id, start: 0})
    expect(rejection).toMatchObject({coder: 'bram', end: 19, narrative: 'onzichtbare-overheid', note: a.id, sentence: 'Het loket is dicht.', start: 0, version: 1, withdrawnAt: null})
    expect(rejection.versionId).toBe(store.exchange.heads(a.id)[0].id)
    expect(Date.parse(rejection.at)).toBeGreaterThan(Date.now() - 60_000)
    expect(store.rejections.list()).toEqual([rejection])
    expect(store.rejections.list({coder: 'anna'})).toEqual([])

    const withdrawn = store.rejections.withdraw(rejection.id)
    expect(withdrawn.withdrawnAt).not.toBeNull()
    expect(store.rejections.list()).toEqual([])
    expect(store.rejections.list({withdrawn: true})).toEqual([withdrawn])
    // Taking it back twice keeps the first time.
    expect(store.rejections.withdraw(rejection.id).withdrawnAt).toBe(withdrawn.withdrawnAt)
  })

  it('read the sentence in code points from the version that was judged, not from the current text', async () => {
    const {store, study} = await fixture()
    const text = '😀 Een moeder zegt: ik ben een nummer.'
    const note = addNote(store, study, {date: '2026-04-02', group: 'moeders', halteplaats: 'noord', interviewer: 'anna', text}).note
    // The emoji is two UTF-16 units but one code point.
    const end = [...text].length
    expect(end).toBe(text.length - 1)
    const rejection = store.rejections.insert({coder: 'bram', end, narrative: 'onzichtbare-burger', note: note.id, start: end - 18})
    expect(rejection.sentence).toBe('ik ben een nummer.')
    editNote(store, study, note.id, {text: 'Iets heel anders nu.'}, {by: 'anna'})
    expect(store.rejections.get(rejection.id)).toMatchObject({sentence: 'ik ben een nummer.', version: 1})
  })

  it('are refused on positions outside a sentence (the schema checks start < end)', async () => {
    const {a, store} = await fixture()
    expect(() => store.rejections.insert({coder: 'bram', end: 3, narrative: 'onzichtbare-overheid', note: a.id, start: 3})).toThrow(/CHECK/)
  })

  it('come with migration 008 to a database of the kit before it, whose notes keep their versions', async () => {
    const dir = tempDir()
    const db = new Database(join(dir, 'oud.db'))
    const all = bundledMigrations(MIGRATIONS)
    migrate(db, 'oud.db', all.filter((m) => m.version <= 7))
    db.prepare("INSERT INTO notes (id, halteplaats, group_id, date, interviewer, text, created_at, updated_at, version_id) VALUES ('n1', 'noord', 'ouderen', '2026-04-01', 'anna', 'Het loket is dicht.', 'x', 'x', 'v1')").run()
    db.prepare(
      "INSERT INTO note_versions (id, note_id, version, device, change, halteplaats, group_id, date, interviewer, roles, themes, narratives, text, changed_at) VALUES ('v1', 'n1', 1, 'd', 'nieuw', 'noord', 'ouderen', '2026-04-01', 'anna', '[]', '[]', '[]', 'Het loket is dicht.', 'x')",
    ).run()
    expect(migrate(db, 'oud.db', all.filter((m) => m.version <= 8))).toEqual({from: 7, to: 8})
    db.prepare("INSERT INTO rejections (id, note_id, version_id, narrative, coder, start_pos, end_pos, created_at) VALUES ('r1', 'n1', 'v1', 'onzichtbare-overheid', 'bram', 0, 19, 'x')").run()
    // A rejection refers to a version that exists.
    expect(() => db.prepare("INSERT INTO rejections (id, note_id, version_id, narrative, coder, start_pos, end_pos, created_at) VALUES ('r2', 'n1', 'v9', 'onzichtbare-overheid', 'bram', 0, 19, 'x')").run()).toThrow(/FOREIGN KEY/)
    db.close()
  })
})

describe('tag review remembers what a coder rejected', () => {
  it('does not offer a rejected suggestion to that coder again, but does to another coder', async () => {
    const {store, study} = await fixture()
    const first = scripted(['reject', 'stop'])
    await reviewSuggestions(store, study, store.notes.list(), 'bram', first.decide)
    const rejected = what(first.seen[0])

    const again = scripted([])
    await reviewSuggestions(store, study, store.notes.list(), 'bram', again.decide)
    expect(what(again.seen[0])).not.toBe(rejected)
    expect(again.seen[0]).toMatchObject({hidden: 1, total: 2})

    const other = scripted([])
    await reviewSuggestions(store, study, store.notes.list(), 'anna', other.decide)
    expect(what(other.seen[0])).toBe(rejected)
    expect(other.seen[0]).toMatchObject({hidden: 0, total: 3})
  })

  it('asks again once the sentence was edited, not when another sentence of the note was', async () => {
    const {a, store, study} = await fixture()
    await reviewSuggestions(store, study, [store.notes.get(a.id)!], 'bram', scripted(['reject', 'reject']).decide)
    expect(suggestionsToReview(store, study.methodDefinition, [store.notes.get(a.id)!], 'bram').items).toEqual([])

    // A sentence added before both: every position moves, but the judged sentences read the same.
    editNote(store, study, a.id, {text: 'Koffieochtend. Het loket is dicht. Ik ben een nummer voor ze.'}, {by: 'anna'})
    expect(suggestionsToReview(store, study.methodDefinition, [store.notes.get(a.id)!], 'bram')).toEqual({hidden: 2, items: []})

    editNote(store, study, a.id, {text: 'Koffieochtend. Het loket is al maanden dicht. Ik ben een nummer voor ze.'}, {by: 'anna'})
    const {hidden, items} = suggestionsToReview(store, study.methodDefinition, [store.notes.get(a.id)!], 'bram')
    expect(hidden).toBe(1)
    expect(items.map((s) => s.sentence)).toEqual(['Het loket is al maanden dicht.'])
  })

  it('counts a note with a rejection as judged by that coder, for agreement too, until the rejection is undone', async () => {
    const {b, store, study} = await fixture()
    const outcome = await reviewSuggestions(store, study, [store.notes.get(b.id)!], 'bram', scripted(['reject']).decide)
    expect(outcome).toMatchObject({codedNotes: 1, rejected: 1})
    expect(store.tags.decisions()).toContainEqual({coder: 'bram', narratives: [], note: b.id})
    // The interviewer tagged nothing on b and bram rejected the kit's narrative: they agree.
    expect(studyAgreement(store, study, ['interviewer', 'bram'])).toMatchObject({units: 1, overall: {observed: 1}})

    // Undone in the same walk, the rejection is withdrawn and no longer counts.
    const {a: otherA, store: other, study: otherStudy} = await fixture()
    await reviewSuggestions(other, otherStudy, [other.notes.get(otherA.id)!], 'bram', scripted(['reject', 'undo', 'stop']).decide)
    expect(other.rejections.list()).toEqual([])
    expect(other.rejections.list({withdrawn: true})).toHaveLength(1)
    expect(other.tags.decisions().filter((d) => d.coder === 'bram')).toEqual([])
  })

  it('says what an undo took back', async () => {
    const {a, store, study} = await fixture()
    const {decide, seen} = scripted(['undo', 'accept', 'undo', 'reject', 'undo', 'skip', 'undo', {add: '4'}, 'undo', 'stop'])
    await reviewSuggestions(store, study, [store.notes.get(a.id)!], 'bram', decide)
    const narrative = seen[0].suggestion.narrative
    expect(seen.map((item) => item.undone)).toEqual([
      undefined,
      null,
      undefined,
      {action: 'accept', narrative, note: a.id, tagRemoved: true},
      undefined,
      {action: 'reject', narrative, note: a.id, tagRemoved: false},
      undefined,
      {action: 'skip', narrative, note: a.id, tagRemoved: false},
      undefined,
      {action: 'add', narrative: 'ongehoorde-burger', note: a.id, tagRemoved: true},
    ])
    expect(store.tags.list({coder: 'bram'})).toEqual([])
  })

  it('brings the suggestions closest to the threshold first with order onzeker, and keeps note order by default', async () => {
    const {store, study} = await fixture()
    addNote(store, study, {date: '2026-04-03', group: 'moeders', halteplaats: 'noord', interviewer: 'anna', text: 'Je bent daar gewoon klant.'})
    const scores = (order?: 'onzeker') => suggestionsToReview(store, study.methodDefinition, store.notes.list(), 'bram', {order}).items.map((s) => s.score)
    expect(scores()).toEqual([0.8, 0.8, 0.8, 0.55])
    expect(scores('onzeker')).toEqual([0.55, 0.8, 0.8, 0.8])
  })
})

import {join} from 'node:path'
import {describe, expect, it} from 'vitest'

import {addNote} from '../../src/notes/service.js'
import {openStore} from '../../src/store/open.js'
import {loadStudy} from '../../src/study/load.js'
import {type ReviewAction, reviewSuggestions} from '../../src/tagging/review.js'
import {makeStudy} from '../helpers/cli.js'

async function fixture() {
  const dir = makeStudy()
  const study = await loadStudy(dir)
  // Cues of our own and no patterns, so the test does not depend on the method file's lists.
  const narratives = study.methodDefinition.narratives.map((n) => ({...n, cues: [] as string[], patterns: []}))
  narratives[0].cues = ['loket']
  narratives[1].cues = ['nummer']
  study.methodDefinition = {...study.methodDefinition, narratives}
  const store = openStore(dir, study.id)
  const base = {date: '2026-04-01', group: 'ouderen', halteplaats: 'noord', interviewer: 'anna'}
  const a = addNote(store, study, {...base, text: 'Het loket is dicht. Ik ben een nummer voor ze.'}).note
  const b = addNote(store, study, {...base, text: 'Het loket in het dorp is sinds mei dicht.'}).note
  return {a, b, store, study}
}

function scripted(actions: ReviewAction[]) {
  const seen: string[] = []
  return {
    decide: async (item: {suggestion: {narrative: string; note: string}}) => {
      seen.push(`${item.suggestion.note.slice(-4)}:${item.suggestion.narrative}`)
      return actions.shift() ?? 'stop'
    },
    seen,
  }
}

describe('tag review', () => {
  it('turns accepted suggestions into tags on their sentence, with the reviewer as coder', async () => {
    const {a, b, store, study} = await fixture()
    const {decide, seen} = scripted(['reject', 'accept', 'accept'])
    const outcome = await reviewSuggestions(store, study, store.notes.list(), 'bram', decide)
    expect(seen).toHaveLength(3)
    expect(outcome).toMatchObject({accepted: 2, codedNotes: 2, rejected: 1})
    const tags = store.tags.list({coder: 'bram'})
    const quoteOf = (code: string) => (code === 'onzichtbare-overheid' ? ['Het loket is dicht.', 'Het loket in het dorp is sinds mei dicht.'] : ['Ik ben een nummer voor ze.'])
    expect(tags).toHaveLength(2)
    for (const tag of tags) {
      expect(tag).toMatchObject({coder: 'bram', origin: 'suggestion'})
      expect(quoteOf(tag.code)).toContain(tag.quote)
    }

    expect(tags.map((t) => t.noteId)).toContain(b.id)
    expect(store.tags.decisions().filter((d) => d.coder === 'bram').map((d) => d.note).sort()).toEqual([a.id, b.id].sort())
  })

  it('undoes the last decision, also an accepted tag, and asks again', async () => {
    const {store, study} = await fixture()
    const {decide, seen} = scripted(['accept', 'undo', 'reject', 'stop'])
    const outcome = await reviewSuggestions(store, study, store.notes.list(), 'bram', decide)
    expect(seen[2]).toBe(seen[0])
    expect(store.tags.list({coder: 'bram'})).toHaveLength(0)
    expect(outcome).toMatchObject({accepted: 0, codedNotes: 0, rejected: 1})
  })

  it('adds another narrative to the whole note and keeps a skipped note uncoded', async () => {
    const {a, store, study} = await fixture()
    const {decide} = scripted([{add: 'ongehoorde-burger'}, 'skip', 'accept', 'accept'])
    const outcome = await reviewSuggestions(store, study, [store.notes.get(a.id)!], 'bram', decide)
    expect(outcome).toMatchObject({accepted: 1, added: 1, codedNotes: 0, skipped: 1})
    expect(store.tags.list({coder: 'bram'}).map((t) => [t.code, t.quote])).toEqual([
      ['ongehoorde-burger', null],
      ['onzichtbare-burger', 'Ik ben een nummer voor ze.'],
    ])
    store.close()
    expect(join(study.dir, 'karavaan.db')).toContain('studie')
  })
})

describe('search on a word in very many notes', () => {
  it('shows the newest matches unranked above the ranking limit, and says so', async () => {
    const {searchNotes} = await import('../../src/notes/search.js')
    const {a, b, store} = await fixture()
    const ranked = searchNotes(store, 'loket', {}, 50)
    expect(ranked).toMatchObject({matches: 2, ranked: true})
    const unranked = searchNotes(store, 'loket', {}, 50, 1)
    expect(unranked).toMatchObject({matches: 2, ranked: false})
    expect(unranked.hits.map((h) => h.note.id)).toEqual([b.id, a.id])
    expect(unranked.hits[0].snippet).toContain('\u0001loket\u0002')
  })
})

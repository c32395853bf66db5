import {describe, expect, it} from 'vitest'

import type {NoteFields} from '../../src/model/note.js'
import {openStore} from '../../src/store/open.js'
import {tempDir} from '../helpers/cli.js'

const STUDY = '019a0000-0000-7000-8000-000000000001'

function fields(date: string, narratives: string[] = [], halteplaats = 'noord'): NoteFields {
  return {activity: null, date, group: 'ouderen', halteplaats, interviewer: 'anna', narratives, participants: null, roles: [], text: `Notitie van ${date}.`, themes: []}
}

describe('the workspace queries of the note store', () => {
  it('counts and lists untagged notes as a note-by-note check would, leaving the trash and removed tags aside', () => {
    const store = openStore(tempDir(), STUDY)
    const dates = ['2026-03-05', '2026-03-01', '2026-03-09', '2026-03-02', '2026-03-07', '2026-03-03']
    const notes = dates.map((date, i) => store.notes.insert(fields(date, i % 2 === 0 ? ['onzichtbare-overheid'] : [])))
    // A note whose only tag was removed is untagged again; a note in the trash does not count.
    const extra = store.tags.insert({code: 'voorzieningen', coder: 'bram', kind: 'theme', noteId: notes[1].id, end: null, origin: 'coder', quote: null, start: null})
    store.tags.remove(extra.id)
    store.tags.insert({code: 'voorzieningen', coder: 'bram', kind: 'theme', noteId: notes[3].id, end: null, origin: 'coder', quote: null, start: null})
    store.notes.setDeleted(store.notes.get(notes[5].id)!, true)
    store.notes.setDeleted(store.notes.get(notes[4].id)!, true)

    const naive = store.notes.list().filter((n) => store.tags.list({noteId: n.id}).length === 0)
    const untagged = store.notes.untagged(10)
    expect(untagged.count).toBe(naive.length)
    expect(untagged.count).toBe(1)
    expect(untagged.notes.map((n) => n.id)).toEqual([notes[1].id])
    expect(store.notes.untagged(0).notes).toEqual([])
  })

  it('pages newest conversation first without gaps or repeats, with the filters of the list', () => {
    const store = openStore(tempDir(), STUDY)
    const made = Array.from({length: 23}, (_, i) => store.notes.insert(fields(`2026-04-${String((i % 9) + 1).padStart(2, '0')}`, [], i % 3 === 0 ? 'dorp' : 'noord')))
    store.notes.setDeleted(made[4], true)
    const pages = [0, 5, 10, 15, 20].flatMap((offset) => store.notes.page({}, 5, offset))
    expect(pages.map((n) => n.id).sort()).toEqual(store.notes.list().map((n) => n.id).sort())
    expect(new Set(pages.map((n) => n.id)).size).toBe(22)
    expect(pages.map((n) => n.date)).toEqual(pages.map((n) => n.date).sort().reverse())
    const dorp = [0, 4].flatMap((offset) => store.notes.page({halteplaats: 'dorp'}, 4, offset))
    expect(dorp.map((n) => n.id).sort()).toEqual(store.notes.list({halteplaats: 'dorp'}).map((n) => n.id).sort())
    expect(store.notes.latest(3).map((n) => n.id)).toEqual([made[22].id, made[21].id, made[20].id])
  })
})

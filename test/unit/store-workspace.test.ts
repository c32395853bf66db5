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
    // Remembered, but not past a change: a tag on the last untagged note empties the list.
    store.tags.insert({code: 'voorzieningen', coder: 'bram', end: null, kind: 'theme', noteId: notes[1].id, origin: 'coder', quote: null, start: null})
    expect(store.notes.untagged(10)).toEqual({count: 0, notes: []})
  })

  it('pages newest conversation first without gaps or repeats, near the start and deep in the list alike', () => {
    const store = openStore(tempDir(), STUDY)
    const made = store.transaction(() => Array.from({length: 1090}, (_, i) => store.notes.insert(fields(`2026-04-${String((i % 9) + 1).padStart(2, '0')}`, [], i % 3 === 0 ? 'dorp' : 'noord'))))
    store.notes.setDeleted(made[4], true)
    // Newest conversation first, and of one date the note stored last first.
    const expected = made.map((n, i) => ({date: n.date, i, id: n.id})).filter((n) => n.i !== 4).sort((a, b) => b.date.localeCompare(a.date) || b.i - a.i).map((n) => n.id)
    const pages = Array.from({length: 22}, (_, p) => store.notes.page({}, 50, p * 50)).flat()
    expect(pages.map((n) => n.id)).toEqual(expected)
    const dorp = Array.from({length: 8}, (_, p) => store.notes.page({halteplaats: 'dorp'}, 50, p * 50)).flat()
    expect(dorp.map((n) => n.id)).toEqual(expected.filter((id) => made.findIndex((n) => n.id === id) % 3 === 0))
    expect(store.notes.latest(3).map((n) => n.id)).toEqual([made[1089].id, made[1088].id, made[1087].id])
  }, 30_000)

  it('remembers a count until this or another process changes the database', () => {
    const dir = tempDir()
    const store = openStore(dir, STUDY)
    store.notes.insert(fields('2026-04-01'))
    expect(store.notes.countRemembered({halteplaats: 'noord'})).toBe(1)
    store.notes.insert(fields('2026-04-02'))
    expect(store.notes.countRemembered({halteplaats: 'noord'})).toBe(2)
    const other = openStore(dir, STUDY)
    other.notes.insert(fields('2026-04-03'))
    other.close()
    expect(store.notes.countRemembered({halteplaats: 'noord'})).toBe(3)
    expect(store.notes.countRemembered({halteplaats: 'dorp'})).toBe(0)
  })
})

import {beforeAll, describe, expect, it} from 'vitest'

import {findingChoices, noteChoices} from '../../src/material/pickers.js'
import {addFinding} from '../../src/material/findings.js'
import {addNote} from '../../src/notes/service.js'
import {openStore} from '../../src/store/open.js'
import type {Store} from '../../src/store/store.js'
import {loadStudy, type Study} from '../../src/study/load.js'
import {filterChoices} from '../../src/ui/prompts.js'
import {makeStudy} from '../helpers/cli.js'

const LONG = 'De bus komt nog maar twee keer per dag en het loket in het dorp is dicht. '.repeat(70).slice(0, 5000)

describe('pickers', () => {
  let store: Store
  let study: Study
  const ids: Record<string, string> = {}

  beforeAll(async () => {
    const dir = makeStudy()
    study = await loadStudy(dir)
    store = openStore(dir, study.id)
    const add = (key: string, fields: Record<string, unknown>) => {
      ids[key] = addNote(store, study, {interviewer: 'anna', ...fields}).note.id
    }

    add('long', {date: '2026-03-01', group: 'ouderen', halteplaats: 'dorp', text: LONG})
    add('plain', {date: '2026-03-02', activity: 'wijkwandeling', halteplaats: 'dorp', text: 'Langs de\n\nspeeltuin   gelopen.'})
    add('themed', {date: '2026-03-03', group: 'moeders', halteplaats: 'dorp', text: 'Het consultatiebureau is weg.', themes: ['voorzieningen']})
    add('elsewhere', {date: '2026-03-04', group: 'ouderen', halteplaats: 'kust', text: 'De haven ligt stil.'})
    const trashed = addNote(store, study, {date: '2026-03-05', group: 'ouderen', halteplaats: 'dorp', interviewer: 'anna', text: 'Weg.'}).note
    store.notes.setDeleted(trashed, true)
  })

  it('gives rows with only the start of each text, never the whole of it', () => {
    const rows = store.notes.pickerRows({}, 120)
    const long = rows.find((row) => row.id === ids.long)!
    expect(LONG).toHaveLength(5000)
    expect(long.start.length).toBeLessThanOrEqual(120)
    expect(LONG.startsWith(long.start)).toBe(true)
    expect(Object.keys(long).sort()).toEqual(['activity', 'date', 'group', 'halteplaats', 'id', 'narratives', 'start', 'themes'])
    expect(JSON.stringify(rows).length).toBeLessThan(4 * 400)
  })

  it('leaves out the trash and notes of other halteplaatsen', () => {
    expect(store.notes.pickerRows().map((row) => row.id)).toEqual([ids.long, ids.plain, ids.themed, ids.elsewhere])
    expect(store.notes.pickerRows({halteplaatsen: ['kust']}).map((row) => row.id)).toEqual([ids.elsewhere])
    expect(store.notes.pickerRows({halteplaatsen: []})).toHaveLength(4)
  })

  it('labels notes with short id, date, place, group or activity and the first words, the fitting ones first', () => {
    const choices = noteChoices(store, study, {halteplaatsen: ['dorp'], themes: ['voorzieningen']})
    expect(choices.map((c) => c.value)).toEqual([ids.themed, ids.long, ids.plain])
    expect(choices[0]).toEqual({name: `${ids.themed.slice(-8)}  3 maart 2026  Het Dorp, moeders  Het consultatiebureau is weg.`, short: ids.themed.slice(-8), value: ids.themed})
    expect(choices[1].name).toBe(`${ids.long.slice(-8)}  1 maart 2026  Het Dorp, ouderen  ${LONG.slice(0, 50)}`)
    expect(choices[2].name).toBe(`${ids.plain.slice(-8)}  2 maart 2026  Het Dorp, wijkwandeling  Langs de speeltuin gelopen.`)
  })

  it('narrows the choices to those holding every word typed, ignoring case and accents', () => {
    const choices = noteChoices(store, study, {})
    expect(filterChoices(choices, undefined)).toHaveLength(4)
    expect(filterChoices(choices, 'HAVEN').map((c) => c.value)).toEqual([ids.elsewhere])
    expect(filterChoices(choices, 'ouderen dorp').map((c) => c.value)).toEqual([ids.long])
    expect(filterChoices(choices, ids.plain.slice(-8)).map((c) => c.value)).toEqual([ids.plain])
    expect(filterChoices([{name: 'Het café', value: 1}], 'cafe')).toHaveLength(1)
    expect(filterChoices(choices, 'niets hiervan')).toEqual([])
  })

  it('lists findings by short id and title, long titles cut', () => {
    const short = addFinding(store, study, {title: 'Loket gemist'}).record
    const long = addFinding(store, study, {text: LONG, title: `Voorzieningen ${'en nog meer '.repeat(10)}`}).record
    const choices = findingChoices(store)
    expect(choices.map((c) => c.value)).toEqual([short.id, long.id])
    expect(choices[0].name).toBe(`${short.id.slice(-8)}  Loket gemist`)
    expect(choices[1].name).toHaveLength(8 + 2 + 70)
    expect(choices[1].name.endsWith('…')).toBe(true)
    expect(store.findings.pickerRows()[1]).toEqual({id: long.id, title: long.title.slice(0, 80)})
  })
})

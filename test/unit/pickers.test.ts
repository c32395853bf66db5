import {beforeAll, describe, expect, it} from 'vitest'

import {evidenceChoices, findingChoices, noteChoices, passageChoices} from '../../src/material/pickers.js'
import {addFinding} from '../../src/material/findings.js'
import {addNote} from '../../src/notes/service.js'
import {addTag} from '../../src/tagging/tags.js'
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

  it('labels notes with group, date, place and the first line, the fitting ones first, the short id in the preview', () => {
    const choices = noteChoices(store, study, {halteplaatsen: ['dorp'], themes: ['voorzieningen']})
    expect(choices.map((c) => c.value)).toEqual([ids.themed, ids.long, ids.plain])
    expect(choices[0]).toMatchObject({name: 'moeders · 3 maart 2026 · Het Dorp · Het consultatiebureau is weg.', short: ids.themed.slice(-8), value: ids.themed})
    expect(choices[0].description).toBe(`notitie ${ids.themed.slice(-8)} · voorzieningen\nHet consultatiebureau is weg.`)
    expect(choices[1].name).toBe(`ouderen · 1 maart 2026 · Het Dorp · ${LONG.slice(0, 89).trimEnd()}…`)
    // The first line only: a note that opens with a short line shows that line.
    expect(choices[2].name).toBe('wijkwandeling · 2 maart 2026 · Het Dorp · Langs de')
    expect(choices[2].description).toContain('Langs de speeltuin gelopen.')
  })

  it('offers the tagged passages of the chosen codes in the chosen halteplaatsen, once per passage, before the notes', () => {
    const quote = 'het loket in het dorp is dicht'
    const tag = addTag(store, study, {code: 'onzichtbare-overheid', coder: 'anna', note: ids.long, occurrence: 1, quote}).tag
    addTag(store, study, {code: '1', coder: 'bram', note: ids.long, occurrence: 1, quote})
    addTag(store, study, {code: 'voorzieningen', coder: 'anna', note: ids.elsewhere, quote: 'De haven'})
    const passages = passageChoices(store, study, {halteplaatsen: ['dorp'], narratives: ['onzichtbare-overheid']})
    expect(passages).toEqual([
      {
        description: `passage ${tag.id.slice(-8)} in notitie ${ids.long.slice(-8)} · 1. onzichtbare overheid · getagd door anna\n“${quote}”`,
        name: `ouderen · 1 maart 2026 · Het Dorp · 1. onzichtbare overheid: “${quote}”`,
        short: tag.id.slice(-8),
        value: {tag: tag.id},
      },
    ])
    // No code chosen: every passage, after the notes; another halteplaats: not its passages.
    expect(passageChoices(store, study, {}).map((c) => c.value)).toHaveLength(2)
    expect(passageChoices(store, study, {halteplaatsen: ['kust'], themes: ['voorzieningen']}).map((c) => c.name)).toEqual(['ouderen · 4 maart 2026 · De Kust · voorzieningen: “De haven”'])
    const all = evidenceChoices(store, study, {halteplaatsen: ['dorp']})
    expect(all.map((c) => c.name.slice(0, 9))).toEqual(['notitie  ', 'notitie  ', 'notitie  ', 'passage  '])
    const scoped = evidenceChoices(store, study, {halteplaatsen: ['dorp'], narratives: ['onzichtbare-overheid']})
    expect(scoped[0].value).toEqual({tag: tag.id})
    expect(scoped.slice(1).map((c) => c.value)).toEqual([{note: ids.long}, {note: ids.plain}, {note: ids.themed}])
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

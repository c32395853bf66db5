import {beforeAll, describe, expect, it} from 'vitest'

import {UserError} from '../../src/errors.js'
import {markMatches, queryPatterns, searchEvidence} from '../../src/material/evidence-search.js'
import {addFinding, editFinding} from '../../src/material/findings.js'
import {addNote} from '../../src/notes/service.js'
import {openStore} from '../../src/store/open.js'
import type {Store} from '../../src/store/store.js'
import {loadStudy, type Study} from '../../src/study/load.js'
import {addTag} from '../../src/tagging/tags.js'
import {makeStudy} from '../helpers/cli.js'

const mark = (text: string, query: string) => markMatches(text, queryPatterns(query))

describe('searching for a finding\'s evidence', () => {
  let store: Store
  let study: Study
  const ids: Record<string, string> = {}
  const tags: Record<string, string> = {}

  beforeAll(async () => {
    const dir = makeStudy()
    study = await loadStudy(dir)
    store = openStore(dir, study.id)
    ids.dorp = addNote(store, study, {date: '2026-03-01', group: 'ouderen', halteplaats: 'dorp', interviewer: 'anna', text: 'Het loket in het dorp is dicht. De bus komt twee keer per dag. Het café is nog open.'}).note.id
    ids.kust = addNote(store, study, {date: '2026-03-02', group: 'moeders', halteplaats: 'kust', interviewer: 'anna', text: 'Bij het loket van de gemeente word je van het kastje naar de muur gestuurd.'}).note.id
    tags.loket = addTag(store, study, {code: '1', coder: 'anna', note: ids.dorp, quote: 'Het loket in het dorp is dicht.'}).tag.id
    tags.bus = addTag(store, study, {code: 'voorzieningen', coder: 'anna', note: ids.dorp, quote: 'De bus komt twee keer per dag.'}).tag.id
    // The same words and code by a second coder: one hit.
    addTag(store, study, {code: '1', coder: 'bram', note: ids.dorp, quote: 'Het loket in het dorp is dicht.'})
  })

  it('marks what a note search query finds, ignoring case and accents, and never what follows NOT', () => {
    expect(mark('Het Café is open', 'cafe')).toBe('Het \u0001Café\u0002 is open')
    expect(mark('vertrouwen en vertrouwd', 'vertrouw*')).toBe('\u0001vertrouwen\u0002 en \u0001vertrouwd\u0002')
    expect(mark('van het kastje naar de muur', '"kastje naar"')).toBe('van het \u0001kastje naar\u0002 de muur')
    expect(mark('het loket', 'loketten')).toBeNull()
    expect(mark('het loket en de gemeente', 'loket NOT gemeente')).toBe('het \u0001loket\u0002 en de gemeente')
  })

  it('finds notes as note search does, each after the passages in it that hold the words', () => {
    const {hits} = searchEvidence(store, study, {filter: {}, query: 'loket'})
    const dorp = hits.filter((h) => h.noteId === ids.dorp)
    expect(dorp.map((h) => [h.kind, h.tagId])).toEqual([['tag', tags.loket], ['notitie', null]])
    expect(dorp[0]).toMatchObject({attribution: 'oudere inwoner, halteplaats Het Dorp', code: 'onzichtbare-overheid', words: 'Het \u0001loket\u0002 in het dorp is dicht.'})
    expect(hits.some((h) => h.noteId === ids.kust && h.kind === 'notitie')).toBe(true)
  })

  it('applies the filters to notes and passages alike, and says what is in the finding already', () => {
    const {hits} = searchEvidence(store, study, {filter: {halteplaats: 'dorp', theme: 'voorzieningen'}, present: [{end: null, noteId: ids.dorp, quote: null, start: null, tagId: tags.bus}]})
    expect(hits.filter((h) => h.kind === 'tag').map((h) => [h.tagId, h.present])).toEqual([[tags.bus, true]])
    expect(hits.every((h) => h.halteplaats === 'dorp')).toBe(true)
    expect(searchEvidence(store, study, {filter: {halteplaats: 'kust'}, query: 'bus'}).hits).toEqual([])
  })

  it('stops at the limit and says there is more', () => {
    const result = searchEvidence(store, study, {filter: {}}, 1)
    expect(result.hits).toHaveLength(1)
    expect(result.more).toBe(true)
  })

  it('pages on: each page holds the hits after the ones before, a passage and its note split over two pages too', () => {
    const all = searchEvidence(store, study, {filter: {}, query: 'loket'}).hits
    expect(all.length).toBeGreaterThanOrEqual(3)
    const pages = [1, 2, 3, 4].map((page) => searchEvidence(store, study, {filter: {}, page, query: 'loket'}, 1))
    expect(pages.flatMap((p) => p.hits)).toEqual(all)
    expect(pages.map((p) => p.more)).toEqual([...all.map((_, i) => i < all.length - 1), ...Array.from({length: 4 - all.length}, () => false)])
    expect(pages.map((p) => p.page)).toEqual([1, 2, 3, 4])
    const twos = [1, 2].map((page) => searchEvidence(store, study, {filter: {}, page}, 2).hits)
    expect(twos.flat()).toEqual(searchEvidence(store, study, {filter: {}}, 4).hits)
  })

  it('refuses a query note search cannot read, in Dutch', () => {
    expect(() => searchEvidence(store, study, {filter: {}, query: '"loket'})).toThrow(UserError)
  })

  it('takes exactly one piece of evidence off, keeping the rest of the same note', () => {
    const finding = addFinding(store, study, {evidence: [{note: ids.dorp}, {tag: tags.loket}], title: 'Het loket is weg'}).record
    const edited = editFinding(store, study, finding.id, {dropEvidenceRefs: [{end: null, noteId: ids.dorp, start: null, tagId: null}]})
    expect(edited.record.evidence).toEqual([expect.objectContaining({noteId: ids.dorp, tagId: tags.loket})])
    expect(edited.record.version).toBe(2)
    const refused = (() => {
      try {
        editFinding(store, study, finding.id, {dropEvidenceRefs: [{end: null, noteId: ids.kust, start: null, tagId: null}]})
      } catch (error) {
        return error as UserError
      }
    })()
    expect(refused?.details.join('\n')).toMatch(/onderbouwing: notitie \w+ staat niet \(meer\) in de onderbouwing/)
  })
})

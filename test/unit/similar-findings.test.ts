import {beforeAll, describe, expect, it} from 'vitest'

import {addFinding} from '../../src/material/findings.js'
import {similarFindings, titleSimilarity} from '../../src/material/similar.js'
import {removeRecord} from '../../src/records/trash.js'
import {openStore} from '../../src/store/open.js'
import type {Store} from '../../src/store/store.js'
import {loadStudy, type Study} from '../../src/study/load.js'
import {makeStudy} from '../helpers/cli.js'

const TEXT = 'In drie van de vier halteplaatsen vertellen ouderen dat de bus nog maar twee keer per dag rijdt en dat het loket dicht is.'

// A second finding about the same thing splits its evidence; finding add warns before it is made.
describe('near-identical findings', () => {
  let store: Store
  let study: Study
  const ids: Record<string, string> = {}

  beforeAll(async () => {
    const dir = makeStudy()
    study = await loadStudy(dir)
    store = openStore(dir, study.id)
    ids.loket = addFinding(store, study, {text: TEXT, title: 'Het loket in het dorp wordt gemist'}).record.id
    ids.jongeren = addFinding(store, study, {text: 'Jongeren weten niet bij wie ze terechtkunnen.', title: 'Jongeren voelen zich niet gehoord'}).record.id
    ids.weg = addFinding(store, study, {title: 'Voorzieningen staan onder druk'}).record.id
    removeRecord(store, 'finding', ids.weg)
  })

  it('finds a title that differs in case, accents, punctuation, spacing or word order', () => {
    for (const title of ['het loket in het Dorp wordt gemist!', 'Het  lóket in het dorp wordt gemist.', 'In het dorp wordt het loket gemist', 'Het loket in het dorp word gemist']) {
      expect(similarFindings(store, {title}).map((f) => [f.id, f.in])).toEqual([[ids.loket, 'titel']])
    }
  })

  it('does not find a finding that only shares a few words, nor one in the trash', () => {
    expect(similarFindings(store, {title: 'Het loket in de stad is nog open'})).toEqual([])
    expect(similarFindings(store, {title: 'Jongeren voelen zich gehoord in de raad'})).toEqual([])
    expect(similarFindings(store, {title: 'Voorzieningen staan onder druk'})).toEqual([])
    expect(titleSimilarity('', 'Loket')).toBe(0)
  })

  it('finds a text that is nearly the same under another title, but not a short one', () => {
    const found = similarFindings(store, {text: `${TEXT} Dat zeggen ze vaak.`, title: 'Ouderen en het openbaar vervoer'})
    expect(found.map((f) => [f.id, f.in, f.title])).toEqual([[ids.loket, 'tekst', 'Het loket in het dorp wordt gemist']])
    expect(similarFindings(store, {text: 'Jongeren weten niet bij wie ze terechtkunnen.', title: 'Iets anders'})).toEqual([])
  })

  it('leaves out the finding being edited', () => {
    expect(similarFindings(store, {title: 'Het loket in het dorp wordt gemist'}, {except: ids.loket})).toEqual([])
  })
})

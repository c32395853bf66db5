import {beforeAll, describe, expect, it} from 'vitest'

import {addAdvice, editAdvice} from '../../src/material/advice.js'
import {recordAtVersion} from '../../src/material/kinds.js'
import {openStore} from '../../src/store/open.js'
import type {Store} from '../../src/store/store.js'
import {loadStudy, type Study} from '../../src/study/load.js'
import {makeStudy} from '../helpers/cli.js'

describe('recordAtVersion: a record as it was, for show --version and the workspace', () => {
  let store: Store
  let study: Study

  beforeAll(async () => {
    const dir = makeStudy()
    study = await loadStudy(dir)
    store = openStore(dir, study.id)
  })

  it('gives the current record for its own version and an earlier one as it was', () => {
    const first = addAdvice(store, study, {audience: 'gemeenten', title: 'Houd vaste gezichten in de wijk'}).record
    const second = editAdvice(store, study, first.id, {title: 'Houd vaste gezichten in elke wijk'}).record
    expect(recordAtVersion(store, 'advice', second, 2)).toBe(second)
    expect(recordAtVersion(store, 'advice', second, 1)).toMatchObject({id: first.id, title: 'Houd vaste gezichten in de wijk', version: 1})
  })

  it('says in Dutch which versions there are when the one asked for does not exist', () => {
    const record = addAdvice(store, study, {audience: 'professionals', title: 'Geef wijkprofessionals ruimte'}).record
    expect(() => recordAtVersion(store, 'advice', record, 4)).toThrow(/^Advies [\da-f]{8} heeft geen versie 4; de nieuwste is versie 1\.$/)
  })
})

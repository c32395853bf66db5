import Database from 'better-sqlite3'
import {beforeAll, describe, expect, it} from 'vitest'

import {analyseContext} from '../../src/analysis/context.js'
import {saveFigures} from '../../src/context/figures.js'
import {addFinding, editFinding} from '../../src/material/findings.js'
import {parseContextFlag, parseVerdict, requireFigure} from '../../src/material/figures.js'
import {listFindings} from '../../src/material/read-model.js'
import {reportMaterial} from '../../src/report/material.js'
import {figureId} from '../../src/store/fieldwork.js'
import {keyId} from '../../src/store/ids.js'
import {migrate} from '../../src/store/migrate.js'
import {openStore} from '../../src/store/open.js'
import type {Store} from '../../src/store/store.js'
import {loadStudy, type Study} from '../../src/study/load.js'
import {makeStudy} from '../helpers/cli.js'

describe('verdicts and figure references as a user types them', () => {
  it('reads the Dutch forms of each verdict, and nothing else', () => {
    for (const typed of ['bevestigt', 'Bevestigd', 'bevestigen']) expect(parseVerdict(typed)).toBe('bevestigt')
    for (const typed of ['nuanceert', 'genuanceerd', 'Nuance']) expect(parseVerdict(typed)).toBe('nuanceert')
    for (const typed of ['spreekt-tegen', 'spreekt tegen', 'Spreekt Tegen', 'tegen', 'tegenspraak']) expect(parseVerdict(typed)).toBe('spreekt-tegen')
    for (const typed of ['klopt', 'ja', '', 'bevestigt niet']) expect(parseVerdict(typed)).toBeUndefined()
  })

  it('splits --context at the last colon, unless what follows names a figure', () => {
    expect(parseContextFlag('3f9a21c7:bevestigt')).toEqual({ref: '3f9a21c7', verdict: 'bevestigt'})
    expect(parseContextFlag('3f9a21c7')).toEqual({ref: '3f9a21c7'})
    expect(parseContextFlag('Score: leefbaarheid@dorp')).toEqual({ref: 'Score: leefbaarheid@dorp'})
    expect(parseContextFlag('Score: leefbaarheid@dorp:spreekt tegen')).toEqual({ref: 'Score: leefbaarheid@dorp', verdict: 'spreekt tegen'})
  })
})

describe('key-derived ids', () => {
  it('are the same for the same parts in TypeScript and in SQL, and differ for a missing part and an empty one', () => {
    const db = new Database(':memory:')
    migrate(db, ':memory:', [])
    const sql = db.prepare("SELECT karavaan_key('context', 'dorp', 'Opkomst', 2024, 21.4, NULL)").pluck().get()
    expect(sql).toBe(keyId('context', 'dorp', 'Opkomst', 2024, 21.4, null))
    expect(keyId('a', null)).not.toBe(keyId('a', ''))
    expect(keyId('a', 'b')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    db.close()
  })
})

describe('findings, figures and the merge rule for figure versions', () => {
  let store: Store
  let study: Study

  beforeAll(async () => {
    const dir = makeStudy()
    study = await loadStudy(dir)
    store = openStore(dir, study.id)
    saveFigures(store, [
      {halteplaats: 'dorp', indicator: 'Opkomst', source: 'Kiesraad', unit: '%', value: 41.5, year: 2022},
      {halteplaats: 'noord', indicator: 'Opkomst', source: 'Kiesraad', unit: '%', value: 30, year: 2022},
    ])
  })

  it('finds a figure by indicator in any case and accents, and names the figures there when it is not', () => {
    expect(requireFigure(store, study, {halteplaats: 'Het Dorp', indicator: 'opkomst'}).id).toBe(figureId('dorp', 'Opkomst', 2022))
    expect(() => requireFigure(store, study, {ref: 'Opkomst@kust'})).toThrow('er is geen contextcijfer "Opkomst" in De Kust; daar zijn nog geen cijfers')
  })

  it('keeps cited figures in order, one verdict per figure, and resolves them for the report in a halteplaats report only there', () => {
    const {record} = addFinding(store, study, {figures: [{ref: 'Opkomst@dorp', verdict: 'bevestigt'}, {ref: 'Opkomst@noord', verdict: 'tegen'}, {ref: 'opkomst@dorp', verdict: 'nuanceert'}], title: 'Stemmen'})
    expect(record.figures).toEqual([
      {figureId: figureId('dorp', 'Opkomst', 2022), verdict: 'nuanceert'},
      {figureId: figureId('noord', 'Opkomst', 2022), verdict: 'spreekt-tegen'},
    ])
    const [finding] = listFindings(store, study)
    expect(finding.figures.map((f) => [f.halteplaats, f.value])).toEqual([['dorp', 41.5], ['noord', 30]])
    const all = reportMaterial(store, study, {draft: true}).bevindingen[0].cijfers
    expect(all.map((c) => [c.halteplaats.naam, c.waarde_tekst, c.oordeel])).toEqual([['Het Dorp', '41,5', 'nuanceert'], ['Noord', '30', 'spreekt tegen']])
    const dorp = reportMaterial(store, study, {draft: true, halteplaats: 'dorp'}).bevindingen
    expect(dorp[0]?.cijfers.map((c) => c.halteplaats.id) ?? []).toEqual([])
    // A finding about the whole study is in no halteplaats report unless its notes are; name one to check.
    const edited = editFinding(store, study, record.id, {halteplaatsen: ['dorp']})
    expect(edited.record.figures).toHaveLength(2)
    expect(reportMaterial(store, study, {draft: true, halteplaats: 'dorp'}).bevindingen[0].cijfers.map((c) => c.halteplaats.id)).toEqual(['dorp'])
  })

  it('analyses per halteplaats which findings cite each figure, and lists the findings that cite none', () => {
    addFinding(store, study, {halteplaatsen: ['noord'], title: 'Zonder cijfers'})
    const analysis = analyseContext(store, study)
    const noord = analysis.halteplaatsen.find((h) => h.id === 'noord')!
    expect(noord.figures[0].findings).toEqual([expect.objectContaining({title: 'Stemmen', verdict: 'spreekt-tegen', verdictLabel: 'spreekt tegen'})])
    expect(noord.narratives).toHaveLength(study.methodDefinition.narratives.length)
    expect(analysis.withoutFigures.map((f) => f.title)).toEqual(['Zonder cijfers'])
    expect(analyseContext(store, study, 'dorp').withoutFigures).toEqual([])
    expect(store.findings.countWithoutFigures()).toEqual({total: 2, without: 1})
  })

  it('merges a version two laptops both made as one, keeping the earlier stamp whichever arrives first', () => {
    const id = figureId('dorp', 'Opkomst', 2022)
    const [mine] = store.context.history(id)
    const earlier = {...mine, changedAt: '2020-01-01T00:00:00.000Z', device: 'zzz'}
    expect(store.context.mergeVersion(earlier)).toBe(true)
    expect(store.context.mergeVersion({...mine, changedAt: '2021-01-01T00:00:00.000Z'})).toBe(false)
    store.context.refresh(id)
    expect(store.context.history(id)).toEqual([earlier])
    expect(store.context.get(id)!.createdAt).toBe('2020-01-01T00:00:00.000Z')
    expect(store.context.conflicted()).toEqual([])
  })
})


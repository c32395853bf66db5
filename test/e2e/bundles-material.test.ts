import Database from 'better-sqlite3'
import {cpSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'

import {readBundle} from '../../src/exchange/bundle/bundle.js'
import {mergeBundles} from '../../src/exchange/bundle/merge.js'
import {openStore} from '../../src/store/open.js'
import {expectRefusal, json, karavaan, makeStudy, snapshot, tempDir} from '../helpers/cli.js'

/*
 * Findings, reflection meetings and advice travel like notes. One team, as in bundles.test.ts: the
 * lead makes a study with a finding, a second finding and an advice, and sends a bundle; three
 * interviewers join, each works on the material, and send their bundles back.
 */

interface FindingJson {
  deletedAt: null | string
  draft: boolean
  evidence: Array<{attribution: string; noteId: string; tagId: null | string}>
  id: string
  text: string
  title: string
  version: number
}

interface ConflictJson {
  id: string
  kind: string
  title: string
  versions: Array<{current: boolean; id: string; text: string; title: string; version: number}>
}

/** Every row a merge may touch, notes and material alike, without what is local to a laptop. */
function dump(studyDir: string): string {
  const db = new Database(join(studyDir, 'karavaan.db'), {fileMustExist: true})
  try {
    const rows = (sql: string) => db.prepare(sql).all()
    return JSON.stringify({
      advice: rows('SELECT id, audience, title, text, frame, personal_data, version, version_id, created_at, created_by, updated_at, updated_by, deleted_at FROM advice ORDER BY id'),
      adviceFindings: rows('SELECT * FROM advice_findings ORDER BY advice_id, position'),
      codings: rows('SELECT note_id, coder, coded_at FROM codings ORDER BY note_id, coder'),
      evidence: rows('SELECT * FROM finding_evidence ORDER BY finding_id, position'),
      findings: rows(
        `SELECT id, title, text, themes, narratives, halteplaatsen, personal_data, version, version_id, created_at, created_by, updated_at, updated_by, deleted_at
         FROM findings ORDER BY id`,
      ),
      material: rows('SELECT * FROM material_versions ORDER BY id'),
      notes: rows('SELECT id, text, version, version_id, deleted_at FROM notes ORDER BY id'),
      reflectionFindings: rows('SELECT reflection_id, finding_id, verdict FROM reflection_findings ORDER BY reflection_id, finding_id, verdict'),
      reflections: rows(
        `SELECT id, halteplaats, date, participants, confirmed, nuanced, added, personal_data, version, version_id, created_at, created_by, updated_at, updated_by, deleted_at
         FROM reflections ORDER BY id`,
      ),
      tags: rows('SELECT * FROM tags ORDER BY id'),
      versions: rows('SELECT * FROM note_versions ORDER BY id'),
    })
  } finally {
    db.close()
  }
}

function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items]
  return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]))
}

function copyStudy(dir: string): string {
  const copy = join(tempDir(), 'studie')
  cpSync(dir, copy, {recursive: true})
  return copy
}

function studyId(dir: string): string {
  return /^id: *['"]?([^'"\s]+)/m.exec(readFileSync(join(dir, 'study.yaml'), 'utf8'))![1]
}

describe('findings, reflections and advice in bundles', () => {
  const out = tempDir('karavaan-mbundles-')
  const file = (name: string) => join(out, name)
  let lead: string
  let leadAfterStart: string
  const laptops: Record<string, string> = {}
  let shared: string
  let removed: string
  let advice: string
  let annaNote: string
  let annaFinding: string
  let reflection: string

  const k = (study: string, ...args: string[]) => karavaan([...args, '--study', study])
  const ok = (result: ReturnType<typeof karavaan>) => {
    expect(result.code, result.stderr).toBe(0)
    return result
  }

  beforeAll(() => {
    lead = makeStudy()
    const note = json<{id: string}>(
      k(lead, 'note', 'add', '--halteplaats', 'noord', '--group', 'moeders', '--date', '2026-03-11', '--interviewer', 'anna', '--text', 'Het loket is dicht; het buurthuis is de enige plek.', '--json'),
    ).id
    const tag = json<{id: string}>(k(lead, 'tag', 'add', note, '1', '--coder', 'bram', '--quote', 'Het loket is dicht', '--json')).id
    shared = json<FindingJson>(k(lead, 'finding', 'add', '--title', 'Het loket wordt gemist', '--text', 'Eerste tekst.', '--note', note, '--tag', tag, '--json')).id
    removed = json<FindingJson>(k(lead, 'finding', 'add', '--title', 'Een bevinding die weg kan', '--json')).id
    advice = json<{id: string}>(k(lead, 'advice', 'add', '--audience', 'gemeenten', '--title', 'Open het loket weer', '--finding', shared, '--json')).id
    ok(k(lead, 'export', '--format', 'bundle', '--out', file('start.karavaan')))
    leadAfterStart = copyStudy(lead)

    for (const name of ['anna', 'bram', 'fatima']) {
      laptops[name] = join(tempDir(), name)
      ok(karavaan(['join', file('start.karavaan'), laptops[name]]))
    }

    // Anna writes a note and a finding backed by it, and puts the lead's second finding in the trash.
    annaNote = json<{id: string}>(
      k(laptops.anna, 'note', 'add', '--halteplaats', 'noord', '--group', 'ouderen', '--date', '2026-03-12', '--interviewer', 'anna', '--text', 'De bus rijdt niet meer naar de markt.', '--json'),
    ).id
    annaFinding = json<FindingJson>(k(laptops.anna, 'finding', 'add', '--title', 'Ouderen missen de bus', '--note', annaNote, '--json')).id
    ok(k(laptops.anna, 'finding', 'rm', removed))
    // Bram and Fatima each edit the same finding; Bram adds a reflection meeting, Fatima edits the advice.
    ok(k(laptops.bram, 'finding', 'edit', shared, '--title', 'Het loket wordt erg gemist', '--text', 'Tekst van de tweede laptop.'))
    reflection = json<{id: string}>(
      k(laptops.bram, 'reflect', 'add', '--halteplaats', 'noord', '--date', '2026-10-06', '--participant', 'bewoners:4', '--confirmed', 'Klopt.', '--confirms', shared, '--json'),
    ).id
    ok(k(laptops.fatima, 'finding', 'edit', shared, '--text', 'Tekst van de derde laptop.'))
    ok(k(laptops.fatima, 'advice', 'edit', advice, '--text', 'Een loket twee ochtenden per week.'))
    for (const name of Object.keys(laptops)) ok(k(laptops[name], 'export', '--format', 'bundle', '--out', file(`${name}.karavaan`)))
  }, 180_000)

  it('gives the same study for the three bundles merged in any order, one by one', () => {
    const id = studyId(lead)
    const bundles = Object.fromEntries(['anna', 'bram', 'fatima'].map((name) => [name, readBundle(readFileSync(file(`${name}.karavaan`)), `${name}.karavaan`)]))
    const dumps = permutations(['anna', 'bram', 'fatima']).map((order) => {
      const study = copyStudy(leadAfterStart)
      const store = openStore(study, id)
      try {
        // Each bundle in a merge of its own, as a lead who reads them as they come in.
        for (const name of order) mergeBundles(store, id, [bundles[name]])
      } finally {
        store.close()
      }

      return dump(study)
    })
    for (const other of dumps.slice(1)) expect(other).toBe(dumps[0])
    expect(dumps[0]).toContain('Tekst van de derde laptop.')
    expect(dumps[0]).toContain('Tekst van de tweede laptop.')

    // An interviewer who merges the others' bundles (by the command) ends up with the same rows.
    const anna = copyStudy(laptops.anna)
    ok(k(anna, 'merge', file('fatima.karavaan'), file('bram.karavaan')))
    expect(dump(anna)).toBe(dumps[0])
  })

  it('merges into the lead: the material arrives with its links, and the same bundle twice changes nothing', () => {
    const merged = ok(k(lead, 'merge', file('anna.karavaan'), file('bram.karavaan'), file('fatima.karavaan')))
    expect(merged.stdout).toMatch(/anna\.karavaan .*2 bevindingsversies/)
    expect(merged.stdout).toMatch(/bram\.karavaan .*1 bevindingsversie, 1 versie van een reflectiegesprek/)
    expect(merged.stdout).toMatch(/fatima\.karavaan .*1 adviesversie/)
    expect(merged.stdout).toContain('Eén notitie, bevinding, reflectiegesprek of advies is op twee laptops verschillend bewerkt')

    // Anna's finding rests on a note made on her laptop: both arrived, and the evidence resolves.
    const finding = json<FindingJson>(k(lead, 'finding', 'show', annaFinding, '--json'))
    expect(finding).toMatchObject({draft: false, title: 'Ouderen missen de bus'})
    expect(finding.evidence).toEqual([expect.objectContaining({attribution: 'oudere inwoner, halteplaats Noord', noteId: annaNote})])
    const reflections = json<Array<{confirmed: {findings: string[]}; id: string}>>(k(lead, 'reflect', 'list', '--json'))
    expect(reflections).toEqual([expect.objectContaining({confirmed: {findings: [shared], text: 'Klopt.'}, id: reflection})])
    expect(json<{findings: string[]; text: string}>(k(lead, 'advice', 'show', advice, '--json'))).toMatchObject({findings: [shared], text: 'Een loket twee ochtenden per week.'})

    const before = dump(lead)
    const again = ok(k(lead, 'merge', file('fatima.karavaan'), file('anna.karavaan')))
    expect(again.stdout).toMatch(/fatima\.karavaan .*niets nieuws; al ingelezen op/)
    expect(dump(lead)).toBe(before)
  })

  it('keeps both versions of a finding edited on two laptops, lists it, and its resolution travels with a restore', () => {
    const conflicts = json<ConflictJson[]>(k(lead, 'conflicts', '--json'))
    expect(conflicts).toHaveLength(1)
    expect(conflicts[0]).toMatchObject({id: shared, kind: 'bevinding'})
    expect(conflicts[0].versions.map((v) => [v.version, v.title, v.text]).sort()).toEqual([
      [2, 'Het loket wordt erg gemist', 'Tekst van de tweede laptop.'],
      [2, 'Het loket wordt gemist', 'Tekst van de derde laptop.'],
    ])
    expect(k(lead, 'conflicts').stdout).toMatch(/Bevinding .{8}: 2 versies\n.*\n {6}Het loket wordt/)
    // The history keeps both.
    const history = k(lead, 'finding', 'history', shared).stdout
    expect(history).toContain('Het loket wordt erg gemist')

    expectRefusal(k(lead, 'conflicts', 'resolve', shared), 1, 'Kies welke versie van bevinding')
    const bram = conflicts[0].versions.find((v) => v.text === 'Tekst van de tweede laptop.')!
    const resolved = ok(k(lead, 'conflicts', 'resolve', shared.slice(-8), '--kies', bram.id.slice(-8)))
    expect(resolved.stdout).toMatch(/Conflict in bevinding .{8} opgelost met versie .{8}; bewaard als versie 3\./)
    expect(json<ConflictJson[]>(k(lead, 'conflicts', '--json'))).toEqual([])
    expect(json<FindingJson>(k(lead, 'finding', 'show', shared, '--json'))).toMatchObject({text: 'Tekst van de tweede laptop.', title: 'Het loket wordt erg gemist', version: 3})
    expectRefusal(k(lead, 'conflicts', 'resolve', shared, '--kies', bram.id), 1, 'Bevinding', 'heeft geen conflict')

    // Anna's removal is a tombstone here; the lead restores the finding.
    expect(json<FindingJson[]>(k(lead, 'finding', 'list', '--deleted', '--json')).map((f) => f.id)).toEqual([removed])
    ok(k(lead, 'finding', 'restore', removed))

    // Fatima and Anna take in the lead's bundle: the conflict is settled and the finding back on their laptops too.
    ok(k(lead, 'export', '--format', 'bundle', '--out', file('lead-2.karavaan')))
    ok(k(laptops.fatima, 'merge', file('lead-2.karavaan')))
    expect(json<ConflictJson[]>(k(laptops.fatima, 'conflicts', '--json'))).toEqual([])
    expect(json<FindingJson>(k(laptops.fatima, 'finding', 'show', shared, '--json')).text).toBe('Tekst van de tweede laptop.')
    ok(k(laptops.anna, 'merge', file('lead-2.karavaan')))
    expect(json<FindingJson[]>(k(laptops.anna, 'finding', 'list', '--deleted', '--json'))).toEqual([])
    expect(dump(laptops.anna)).toBe(dump(lead))
  })

  it('settles a finding with a merged text, and says so when there is nothing to settle', () => {
    const study = copyStudy(leadAfterStart)
    ok(k(study, 'merge', file('bram.karavaan'), file('fatima.karavaan')))
    writeFileSync(file('samen.txt'), 'Beide laptops samen: het loket wordt gemist.\n')
    ok(k(study, 'conflicts', 'resolve', shared, '--tekst', file('samen.txt')))
    const finding = json<FindingJson>(k(study, 'finding', 'show', shared, '--json'))
    expect(finding.text).toBe('Beide laptops samen: het loket wordt gemist.')
    expect(json<Array<{change: string}>>(k(study, 'finding', 'history', shared, '--json')).map((v) => v.change)).toEqual(['nieuw', 'bewerkt', 'bewerkt', 'samengevoegd'])
    expectRefusal(k(study, 'conflicts', 'resolve', reflection, '--tekst', file('samen.txt')), 1, 'geen conflict')
  })

  it('exports only the material changed since a moment, and refuses such a bundle where its note is missing', () => {
    const since = new Date().toISOString()
    ok(k(laptops.anna, 'finding', 'edit', annaFinding, '--text', 'Na het moment.'))
    const result = ok(k(laptops.anna, 'export', '--format', 'bundle', '--out', file('anna-since.karavaan'), '--since', since))
    expect(result.stdout).toMatch(/0 notitieversies, 0 tags, 0 coderingen, 1 bevindingsversie, 0 versies van reflectiegesprekken, 0 adviesversies/)

    // The lead has Anna's note: the edit arrives.
    ok(k(lead, 'merge', file('anna-since.karavaan')))
    expect(json<FindingJson>(k(lead, 'finding', 'show', annaFinding, '--json')).text).toBe('Na het moment.')
    // A copy from before Anna's work has not: refused, nothing changed.
    const study = copyStudy(leadAfterStart)
    const before = snapshot(study)
    expectRefusal(k(study, 'merge', file('anna-since.karavaan')), 1, 'er ontbreekt iets', `een bevinding verwijst naar notitie ${annaNote}`)
    expect(snapshot(study)).toEqual(before)
  })
})

import {readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {parse, stringify} from 'yaml'

import {expectRefusal, json, karavaan, makeStudy, ROOT} from '../helpers/cli.js'

interface Suggestion {
  cues: string[]
  end: number
  narrative: string
  note: string
  score: number
  sentence: string
  start: number
}

describe('karavaan tag suggest', () => {
  let study: string
  const ids: Record<string, string> = {}
  // Bram writes no narratives in his notes, so they are not coded and the study's model suggests for them as
  // the cues do; anna gives narratives, so a note of hers without any is coded as voicing none.
  const add = (key: string, text: string, ...flags: string[]) => {
    const interviewer = flags.includes('--narrative') ? 'anna' : 'bram'
    ids[key] = json<{id: string}>(karavaan(['note', 'add', '--study', study, '--halteplaats', 'noord', '--group', 'ouderen', '--date', '2026-03-11', '--interviewer', interviewer, '--text', text, ...flags, '--json'])).id
  }

  beforeAll(() => {
    study = makeStudy()
    // The study's own copy of the method with cues of its own: suggestions follow the method file.
    const method = parse(readFileSync(join(ROOT, 'methods', 'karavaan.yaml'), 'utf8')) as {narratives: Array<{cues?: unknown[]; id: string; patterns?: unknown[]}>}
    for (const narrative of method.narratives) {
      narrative.cues = []
      narrative.patterns = []
    }

    method.narratives[0].cues = ['loket*']
    method.narratives[1].cues = ['ik ben (gewoon) een nummer']
    writeFileSync(join(study, 'methode.yaml'), stringify(method))
    writeFileSync(join(study, 'study.yaml'), readFileSync(join(study, 'study.yaml'), 'utf8').replace('method: karavaan', 'method: ./methode.yaml'))
    add('loket', 'Koffieochtend in het buurthuis.\nDe loketten in het dorp zijn allemaal dicht, zeggen ze.')
    add('nummer', 'Een vader: “Ik ben gewoon een nummer bij de gemeente.” De anderen knikten.')
    add('open', 'Het loket is gelukkig nog gewoon open, zei een oudere bewoner.')
    add('al', 'Het loket is dicht.', '--narrative', '1')
    add('citaat', '“Ik ben gewoon een nummer voor de gemeente,” zei een moeder.')
  })

  // The cues by themselves (--no-model): this study's method has two cues only, too few for the
  // corpus's model to read them by (test/e2e/study-model.test.ts has the model).
  it('proposes narratives with the cues and the sentence that triggered them', () => {
    const suggestions = json<Suggestion[]>(karavaan(['tag', 'suggest', '--study', study, '--json', '--no-model']))
    const byNote = (key: string) => suggestions.filter((s) => s.note === ids[key])
    expect(byNote('loket')).toEqual([expect.objectContaining({cues: ['loket*'], narrative: 'onzichtbare-overheid', sentence: 'De loketten in het dorp zijn allemaal dicht, zeggen ze.'})])
    expect(byNote('nummer')).toEqual([expect.objectContaining({cues: ['ik ben (gewoon) een nummer'], narrative: 'onzichtbare-burger'})])
    const [hit] = byNote('nummer')
    expect([...'Een vader: “Ik ben gewoon een nummer bij de gemeente.” De anderen knikten.'].slice(hit.start, hit.end).join('')).toContain('Ik ben gewoon een nummer')
    expect(hit.score).toBeGreaterThan(0)
    expect(hit.score).toBeLessThanOrEqual(1)
  })

  it('does not count a negated cue, nor propose what the note already carries', () => {
    const suggestions = json<Suggestion[]>(karavaan(['tag', 'suggest', '--study', study, '--json', '--no-model']))
    expect(suggestions.filter((s) => s.note === ids.open)).toEqual([])
    expect(suggestions.filter((s) => s.note === ids.al)).toEqual([])
    const all = json<Suggestion[]>(karavaan(['tag', 'suggest', '--study', study, '--all', '--note', ids.al, '--json', '--no-model']))
    expect(all.map((s) => s.narrative)).toEqual(['onzichtbare-overheid'])
  })

  it('never turns a suggestion into a tag by itself', () => {
    const before = json<unknown[]>(karavaan(['tag', 'list', '--study', study, '--json']))
    karavaan(['tag', 'suggest', '--study', study])
    expect(json<unknown[]>(karavaan(['tag', 'list', '--study', study, '--json']))).toEqual(before)
  })

  it('shows the suggestions readably, and refuses tag review without a terminal', () => {
    const result = karavaan(['tag', 'suggest', '--study', study, '--no-model'])
    expect(result.stdout).toMatch(/1\. onzichtbare overheid \(0,\d+\) — door: «loketten»/)
    expect(result.stdout).toMatch(/Neem ze over met: karavaan tag review/)
    // A sentence that opens with a quote mark of its own is shown as it stands, not as ““…”.
    expect(result.stdout).toContain('     “Ik ben gewoon een nummer voor de gemeente,” zei een moeder.\n')
    expect(result.stdout).not.toContain('““')
    expectRefusal(karavaan(['tag', 'review', '--study', study, '--coder', 'bram']), 1, /tag review werkt alleen in een terminal/)
  })

  it('refuses a method copy with a cue it cannot read', () => {
    const text = readFileSync(join(study, 'methode.yaml'), 'utf8').replace("- loket*", '- "(onafgesloten"')
    writeFileSync(join(study, 'kapot.yaml'), text)
    const result = karavaan(['method', 'show', '--file', join(study, 'kapot.yaml')])
    expect(result.code).toBe(1)
  })
})

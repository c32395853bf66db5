import {execFileSync} from 'node:child_process'
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'

import {corpusExamples, corpusTexts, STUDY_WEIGHT, withCorpus} from '../../src/tagging/corpus.js'
import {NarrativeModel, trainModel} from '../../src/tagging/model.js'
import {ROOT, tempDir} from '../helpers/cli.js'

const NARRATIVES = ['onzichtbare-overheid', 'onzichtbare-burger', 'ongelijke-behandeling', 'ongehoorde-burger', 'ervaren-incompetentie']

describe('the kit’s corpus', () => {
  it('holds the coded texts of every writer but the held-out one, each with the method’s narratives', () => {
    const texts = corpusTexts()
    expect(texts.length).toBeGreaterThan(1500)
    expect(new Set(texts.map((t) => t.set))).toEqual(new Set(['eerste', 'ongezien', 'tweede', 'derde', 'vierde', 'vijfde', 'zesde']))
    for (const text of texts) for (const narrative of text.narratives) expect(NARRATIVES).toContain(narrative)
    // About a third of the texts voice no narrative: the model learns what is not one too.
    const none = texts.filter((t) => t.narratives.length === 0).length
    expect(none / texts.length).toBeGreaterThan(0.25)
  })

  it('is what the fixtures give (scripts/build-corpus.mjs --check)', () => {
    expect(() => execFileSync(process.execPath, [join(ROOT, 'scripts', 'build-corpus.mjs'), '--check'], {stdio: 'pipe'})).not.toThrow()
  })

  it('leaves a set out on request, and lets a study’s own notes weigh more', () => {
    const all = corpusExamples(NARRATIVES)
    const without = corpusExamples(NARRATIVES, {except: ['vijfde']})
    expect(all.length - without.length).toBe(corpusTexts().filter((t) => t.set === 'vijfde').length * NARRATIVES.length)
    const mine = {group: 'n1', label: 1 as const, narrative: NARRATIVES[0], text: 'Het loket is dicht.', whole: true}
    const examples = withCorpus([mine], NARRATIVES)
    expect(examples.at(-1)).toEqual({...mine, weight: STUDY_WEIGHT})
    expect(examples.length).toBe(all.length + 1)
  })

  it('reads a file of its own shape, and none without one', () => {
    const file = join(tempDir(), 'korpus.tsv')
    writeFileSync(file, 'set\tid\tnarratives\ttext\ntest\t1\tonzichtbare-overheid,ongehoorde-burger\tHet loket is dicht.\ntest\t2\t\tKoffie.\n')
    expect(corpusTexts(file)).toEqual([
      {id: '1', narratives: ['onzichtbare-overheid', 'ongehoorde-burger'], set: 'test', text: 'Het loket is dicht.'},
      {id: '2', narratives: [], set: 'test', text: 'Koffie.'},
    ])
    expect(corpusTexts(join(tempDir(), 'geen.tsv'))).toEqual([])
  })

  it('a text that counts more pulls the model further toward its label', () => {
    const text = 'De wachtrij bij de balie van het stadskantoor was weer eindeloos.'
    const base = [...corpusExamples(NARRATIVES).slice(0, 2000)]
    const chance = (weight: number) => {
      const examples = [...base, ...NARRATIVES.map((narrative) => ({group: 'eigen', label: (narrative === NARRATIVES[3] ? 1 : 0) as 0 | 1, narrative, text, weight, whole: true}))]
      const model = new NarrativeModel(trainModel(examples, NARRATIVES, {keepWeights: true}))
      return model.predict(text).find((p) => p.narrative === NARRATIVES[3])?.probability ?? 0
    }
    expect(chance(8)).toBeGreaterThan(chance(1))
  })
})

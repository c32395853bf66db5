import {readdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'

import {isAsserted, mayHoldBack, RULES} from '../../src/tagging/assertion.js'
import {splitSentences} from '../../src/tagging/sentences.js'
import {ROOT} from '../helpers/cli.js'

/** A held-out set that only its bench may read, once (bench/learning-curve.mjs --final-seventh). */
const HELD_OUT = new Set(['seventh-hand-study.tsv'])

/** Every sentence of the tagging fixtures (but the held-out one) and of the example study's notes: texts by five hands. */
function sentences(): string[] {
  const texts: string[] = []
  const fixtures = join(ROOT, 'test', 'fixtures', 'tagging')
  for (const file of readdirSync(fixtures).filter((f) => f.endsWith('.tsv') && !HELD_OUT.has(f))) {
    for (const line of readFileSync(join(fixtures, file), 'utf8').split('\n').slice(1)) texts.push(line.split('\t').at(-1) ?? '')
  }
  const notes = join(ROOT, 'examples', 'voorbeeldstudie', 'inbox')
  for (const dir of readdirSync(notes, {recursive: true, withFileTypes: true})) {
    if (dir.isFile() && dir.name.endsWith('.md')) texts.push(readFileSync(join(dir.parentPath, dir.name), 'utf8'))
  }
  return texts.flatMap((text) => splitSentences(text).map((r) => text.slice(r.start, r.end)))
}

describe('the words a rule of assertion.ts needs (TRIGGERS)', () => {
  const all = sentences()

  it('stand in every sentence that a rule matches, so that reading only those sentences changes nothing', () => {
    let matched = 0
    const missing: string[] = []
    for (const sentence of all) {
      for (const [name, rule] of Object.entries(RULES)) {
        if (!rule.test(sentence)) continue
        matched++
        if (!mayHoldBack(sentence)) missing.push(`${name}: ${sentence}`)
      }
    }
    expect(missing).toEqual([])
    // The fixtures hold hard negatives of every kind: many sentences are held back.
    expect(matched).toBeGreaterThan(150)
  })

  it('are absent from most sentences, which every rule then lets through', () => {
    const marked = all.filter((s) => mayHoldBack(s)).length
    expect(marked / all.length).toBeLessThan(0.5)
    expect(isAsserted('Het loket in de wijk is dicht en niemand neemt de telefoon op.')).toBe(true)
  })

  it('catch each rule by its own word', () => {
    for (const sentence of [
      'We vroegen of de gemeente luistert.',
      'Ik vraag of ze de gemeente bereikbaar vinden.',
      'Als de gemeente ooit het loket zou sluiten, dan weet ik het niet meer.',
      'Daar zijn we het niet mee eens.',
      'De voorzitter spreekt dat stellig tegen.',
      'In Duitsland ging dat heel anders.',
    ]) {
      expect(mayHoldBack(sentence)).toBe(true)
      expect(isAsserted(sentence)).toBe(false)
    }
  })
})

import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'

import {ROOT} from '../helpers/cli.js'

// The workers load compiled JavaScript, so this test uses the build (npm test builds first).
const dist = (path: string) => import(join(ROOT, 'dist', path))

describe('suggestInParallel', () => {
  it('gives exactly the suggestions of suggestForNotes, in the same order, when it uses workers', async () => {
    const {parseMethodText} = await dist('method/load.js')
    const {suggestForNotes} = await dist('tagging/suggest-notes.js')
    const {suggestInParallel, suggestionsAsJson} = await dist('tagging/suggest-parallel.js')
    const file = join(ROOT, 'methods', 'karavaan.yaml')
    const method = parseMethodText(readFileSync(file, 'utf8'), file)
    const sentences = [
      'Het loket is dicht en je krijgt alleen nog een bandje als je belt.',
      'Ik ben voor hen gewoon een nummer.',
      'Waarom krijgen zij wel een huis en wij niet?',
      'We mochten meepraten, maar er is niets mee gedaan.',
      'Ze bakken er niets van op het gemeentehuis.',
      'Het loket is gelukkig nog gewoon open.',
      'We hadden een gezellige buurtbarbecue.',
    ]
    const notes = Array.from({length: 2600}, (_, i) => ({
      id: `note-${i}`,
      narratives: i % 3 === 0 ? ['ongehoorde-burger'] : [],
      text: `${sentences[i % sentences.length]} ${sentences[(i * 5 + 2) % sentences.length]}`,
    }))
    const expected = [...suggestForNotes(notes, method)]
    const got = []
    for await (const suggestion of suggestInParallel(notes, method, {expected: notes.length})) got.push(suggestion)
    expect(expected.length).toBeGreaterThan(2000)
    expect(got).toEqual(expected)

    // What tag suggest --json prints: the workers write each suggestion's JSON themselves.
    const json = []
    for await (const line of suggestionsAsJson(notes, method, {expected: notes.length})) json.push(line)
    expect(json).toEqual(expected.map((suggestion) => JSON.stringify(suggestion)))
  }, 60_000)
})

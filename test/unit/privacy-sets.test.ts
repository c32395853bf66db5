import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'

import {KIND_LABELS} from '../../src/privacy/kinds.js'

const ROOT = join(import.meta.dirname, '..', '..')

// The sets of other hands are read by bench/privacy.mjs for its figures; this only checks that the
// file stays usable (a broken line would silently drop out of the figures), never what the guard finds.
describe.each(['second-hand.tsv', 'third-hand.tsv'])('the privacy set %s', (file) => {
  const [header, ...lines] = readFileSync(join(ROOT, 'test', 'fixtures', 'privacy', file), 'utf8').trimEnd().split('\n')

  it('has the columns id, expected and sentence, and ids 1, 2, 3 … without gaps', () => {
    expect(header).toBe('id\texpected\tsentence')
    expect(lines.length).toBeGreaterThanOrEqual(300)
    lines.forEach((line, i) => {
      const fields = line.split('\t')
      expect(fields, `regel ${i + 2}`).toHaveLength(3)
      expect(Number(fields[0])).toBe(i + 1)
    })
  })

  it('labels only kinds the kit knows, each with text that stands in its sentence', () => {
    for (const line of lines) {
      const [id, expected, sentence] = line.split('\t')
      if (expected === '-') continue
      for (const item of expected.split(' | ')) {
        const at = item.indexOf('=')
        expect(Object.keys(KIND_LABELS), `zin ${id}`).toContain(item.slice(0, at))
        expect(sentence, `zin ${id}`).toContain(item.slice(at + 1))
      }
    }
  })
})

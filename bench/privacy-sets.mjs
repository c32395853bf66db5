// The labelled sentences of test/fixtures/privacy, as bench/privacy.mjs and bench/frog.mjs read them.
import {readFileSync} from 'node:fs'
import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')

/** A labelled set; a set without a split column is split by line number, as labelled.tsv is: 2 and 4 modulo 5 are held out. */
export function readLabelled(name = 'labelled.tsv') {
  const [header, ...lines] = readFileSync(join(root, 'test', 'fixtures', 'privacy', name), 'utf8').trimEnd().split('\n')
  const columns = header.split('\t')
  return lines.map((line) => {
    const row = Object.fromEntries(line.split('\t').map((value, i) => [columns[i], value]))
    const expected = row.expected === '-' ? [] : row.expected.split(' | ').map((item) => {
      const at = item.indexOf('=')
      const text = item.slice(at + 1)
      const start = row.sentence.indexOf(text)
      if (start < 0) throw new Error(`Regel ${row.id}: "${text}" staat niet in de zin.`)
      return {end: start + text.length, kind: item.slice(0, at), start, text}
    })
    const id = Number(row.id)
    return {expected, id, sentence: row.sentence, split: row.split ?? ([2, 4].includes(id % 5) ? 'test' : 'tune')}
  })
}

// Measures what the Dutch NLP suite Frog (Debian: frog frogdata uctodata) would add to the guard's names:
// its named-entity tagger's persons (B-PER/I-PER) alone, and joined to the guard's hits. Frog is not
// used by the kit; this script is how we decided that (see BENCHMARKS.md, "Frog").
//
//   npm run build && node bench/frog.mjs           the tuning parts only
//   node bench/frog.mjs --held-out                 also the held-out part of the second-hand set (read once)
import {execFileSync, spawnSync} from 'node:child_process'
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {dirname, join} from 'node:path'
import {performance} from 'node:perf_hooks'
import {fileURLToPath, pathToFileURL} from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
if (spawnSync('frog', ['--version']).error) {
  console.error('Frog is niet geïnstalleerd (apt-get install frog frogdata uctodata); er valt niets te meten.')
  process.exit(1)
}

const {findPersonalData} = await import(pathToFileURL(join(root, 'dist', 'privacy', 'index.js')).href)
const {readLabelled} = await import('./privacy-sets.mjs')

// Names only: Frog knows no other kind.
const read = (name) => readLabelled(name).map((row) => ({...row, expected: row.expected.filter((e) => e.kind === 'naam')}))

/** Frog's persons in each sentence, as character spans; one Frog process for the whole batch. */
function frogPersons(sentences) {
  const dir = mkdtempSync(join(tmpdir(), 'frog-'))
  const input = join(dir, 'in.txt')
  writeFileSync(input, sentences.join('\n') + '\n')
  const started = performance.now()
  // Only the tokenizer, the tagger and the named-entity tagger: no morphology, chunker, lemmas, parser.
  const output = execFileSync('frog', ['-t', input, '-n', '--skip=mpacl'], {cwd: dir, encoding: 'utf8', maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'ignore']})
  const seconds = (performance.now() - started) / 1000
  rmSync(dir, {force: true, recursive: true})
  const blocks = output.trim().split(/\n\s*\n/)
  const persons = sentences.map((sentence, i) => {
    const spans = []
    let at = 0
    let open
    for (const line of (blocks[i] ?? '').split('\n')) {
      const columns = line.split('\t')
      const token = columns[1]
      if (!token) continue
      const start = sentence.indexOf(token, at)
      if (start < 0) continue
      at = start + token.length
      const tag = columns.find((c) => /^[BI]-[A-Z]+$|^O$/.test(c)) ?? 'O'
      if (tag === 'B-PER' || (tag === 'I-PER' && !open)) spans.push((open = {end: at, kind: 'naam', start}))
      else if (tag === 'I-PER') open.end = at
      else open = undefined
    }

    return spans
  })
  return {persons, seconds}
}

const overlaps = (a, b) => a.start < b.end && b.start < a.end

function score(rows, hitsOf) {
  let hits = 0
  let right = 0
  let expected = 0
  let found = 0
  for (const row of rows) {
    const mine = hitsOf(row)
    hits += mine.length
    right += mine.filter((h) => row.expected.some((e) => overlaps(e, h))).length
    expected += row.expected.length
    found += row.expected.filter((e) => mine.some((h) => overlaps(e, h))).length
  }

  const r = (a, b) => (b === 0 ? '–' : (a / b).toFixed(2))
  return `${r(right, hits)} (${right}/${hits}) | ${r(found, expected)} (${found}/${expected})`
}

const parts = [
  ['second hand, tune', read('second-hand.tsv').filter((r) => r.split === 'tune')],
  ['own author, tune', read('labelled.tsv').filter((r) => r.split === 'tune')],
]
if (process.argv.includes('--held-out')) parts.unshift(['second hand, held-out', read('second-hand.tsv').filter((r) => r.split === 'test')])

console.log('| set | names by | precision | recall |\n|---|---|---:|---:|')
for (const [name, rows] of parts) {
  const {persons, seconds} = frogPersons(rows.map((r) => r.sentence))
  const frogOf = new Map(rows.map((r, i) => [r, persons[i]]))
  const guardOf = (row) => findPersonalData(row.sentence).filter((h) => h.kind === 'naam')
  const both = (row) => {
    const guard = guardOf(row)
    return [...guard, ...frogOf.get(row).filter((p) => !guard.some((g) => overlaps(g, p)))]
  }

  console.log(`| ${name} | the guard | ${score(rows, guardOf)} |`)
  console.log(`| ${name} | Frog alone | ${score(rows, (row) => frogOf.get(row))} |`)
  console.log(`| ${name} | the guard + Frog | ${score(rows, both)} |`)
  console.error(`${name}: Frog took ${seconds.toFixed(1)} s for ${rows.length} sentences (start-up included)`)
}

// Measures `karavaan export` to tables and REFI-QDA, and `karavaan import` of the project, on a
// study of 10,000 notes: each a whole process, timed from outside, median of several runs, with
// the peak memory and the size of the file. Prints Markdown for BENCHMARKS.md.
//
//   npm run build && node bench/exchange.mjs              5 runs of each (about 2 minutes, plus
//                                                         the 10,000-note study the first time)
//   node bench/exchange.mjs --runs 3 --count 2000
//
// The study is made by bench/generate-notes.mjs under bench/out/notes/ (never committed) and
// reused while it holds the notes of the current generator.
import {mkdirSync, rmSync, statSync} from 'node:fs'
import {join, relative} from 'node:path'

import {ensureStudy} from './generate-notes.mjs'
import {fail, gitDescription, KARAVAAN, machineDescription, median, out, parseOptions, root, spawnTimed, timedMemoryProbe, writeSection} from './harness.mjs'

const GOAL_SECONDS = 10
const USAGE = `Gebruik: node bench/exchange.mjs [--runs N] [--count N]

  --runs N    getimede runs per commando (standaard 5)
  --count N   aantal notities in de studie (standaard 10000)`

const {count, parsed} = parseOptions({count: {default: '10000', type: 'string'}}, USAGE)
const runs = parsed.runs === '15' ? 5 : count('runs', 1)
const notes = count('count', 1)
const log = (message) => process.stderr.write(`bench: ${message}\n`)

const study = ensureStudy(notes, {log})
const scratch = join(out, 'exchange')
rmSync(scratch, {force: true, recursive: true})
mkdirSync(scratch, {recursive: true})
const probe = timedMemoryProbe()

const cases = [
  {args: (file) => ['export', '--format', 'csv', '--out', file, '--force'], file: 'notities.csv', name: 'export --format csv (notities)'},
  {args: (file) => ['export', '--format', 'csv', '--what', 'tags', '--out', file, '--force'], file: 'tags.csv', name: 'export --format csv --what tags'},
  {args: (file) => ['export', '--format', 'xlsx', '--out', file, '--force'], file: 'karavaan.xlsx', name: 'export --format xlsx (4 tabbladen)'},
  {args: (file) => ['export', '--format', 'qdpx', '--out', file, '--force'], file: 'karavaan.qdpx', name: 'export --format qdpx'},
  {args: () => ['import', join(scratch, 'karavaan.qdpx')], file: undefined, name: 'import karavaan.qdpx (alles bekend)'},
]

const rows = []
for (const c of cases) {
  const file = c.file && join(scratch, c.file)
  const args = [...c.args(file), '--study', study]
  const times = []
  let rss
  for (let i = 0; i < runs; i++) {
    if (probe && i === 0) {
      const result = probe(KARAVAAN, args, scratch)
      times.push(result.ms)
      rss = result.rss
    } else {
      times.push(spawnTimed(KARAVAAN, args, scratch).ms)
    }
  }

  const seconds = median(times) / 1000
  const size = file ? statSync(file).size : undefined
  log(`${c.name}: ${seconds.toFixed(2)} s`)
  rows.push(`| karavaan ${c.name} | ${notes.toLocaleString('en')} | ${seconds.toFixed(1)} | ${rss ? (rss / 1024).toFixed(0) : '–'} | ${size ? (size / 1024 / 1024).toFixed(1) : '–'} | ${seconds < GOAL_SECONDS ? '[x]' : '[ ]'} |`)
}

if (rows.length === 0) fail('niets gemeten')
const text = `Measured ${new Date().toISOString().slice(0, 10)} on ${machineDescription()}; ${gitDescription() ?? ''}. Export and import of a study with ${notes.toLocaleString('en')} notes (${relative(root, study)}), median of ${runs} whole processes; peak RSS of the first run under GNU time.

| commando | notities | s | piekgeheugen (MiB) | bestand (MiB) | < ${GOAL_SECONDS} s |
|---|---:|---:|---:|---:|:-:|
${rows.join('\n')}`
console.log(text)
if (parsed.write) writeSection('exchange', text, {heading: 'Export to tables and REFI-QDA'})

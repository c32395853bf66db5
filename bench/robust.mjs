// Measures the maintenance commands on a study of 10,000 notes: `karavaan backup` (SQLite's online
// backup into backups/, checked and made self-contained) and `karavaan doctor` (integrity check,
// foreign keys, full-text index against the notes, histories, file rights), each as a whole
// process, interleaved with the minimal oclif CLI of bench/baseline. Prints Markdown; with --write
// it also updates the block between <!-- bench:robust:start --> and <!-- bench:robust:end -->.
//
//   npm run build && node bench/robust.mjs            about a minute once the study exists
//   node bench/robust.mjs --runs 5 --write            and update BENCHMARKS.md
//
// The 10,000-note study is the one bench/generate-notes.mjs builds under bench/out/notes/.
import {readFileSync, rmSync, statSync} from 'node:fs'
import {join} from 'node:path'

import {ensureStudy} from './generate-notes.mjs'
import {checkPrerequisites, ENV, gitDescription, KARAVAAN, machineDescription, measure, memoryProbe, parseOptions, root, run, table, writeSection} from './harness.mjs'

const COUNT = 10_000
const USAGE = `Gebruik: node bench/robust.mjs [--runs N] [--warmup N] [--write]

  --runs N     getimede runs per commando, afwisselend met de baseline (standaard 15)
  --warmup N   ongetimede runs vooraf, van elk (standaard 2)
  --write      werk BENCHMARKS.md bij tussen <!-- bench:robust:start --> en <!-- bench:robust:end -->`

const {count, parsed} = parseOptions({}, USAGE)
const runs = count('runs', 1)
const warmup = count('warmup', 0)
checkPrerequisites()
const log = (message) => process.stderr.write(`bench: ${message}\n`)
const study = ensureStudy(COUNT, {env: ENV, log})
// The benchmark study starts from a copied study.yaml; make its rights private once, so doctor passes.
run(KARAVAAN, ['doctor', '--fix', '--study', study], root)
const megabytes = (statSync(join(study, 'karavaan.db')).size / 1024 / 1024).toFixed(0)

const cases = [
  {
    args: ({scratch, index}) => ['backup', '--study', study, '--out', join(scratch, `backup-${index}.sqlite`)],
    eachRun: ({scratch, index}) => rmSync(join(scratch, `backup-${index - 1}.sqlite`), {force: true}),
    name: 'karavaan backup',
    note: `${COUNT.toLocaleString('en')} notes, ${megabytes} MB database`,
  },
  {args: ['doctor', '--study', study], name: 'karavaan doctor', note: `${COUNT.toLocaleString('en')} notes`},
]

const memory = memoryProbe()
const results = cases.map((c) => {
  log(`${c.name} …`)
  return measure(c, {cwd: root, memory, runs, warmup})
})

const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version
const text = [
  `Measured ${new Date().toISOString().slice(0, 10)} on ${machineDescription()}; karavaan ${version}${gitDescription() ? ` (${gitDescription()})` : ''}.`,
  `${runs} timed runs of each command after ${warmup} warm-up run(s), interleaved with the baseline; wall time of the whole process. The study: ${COUNT.toLocaleString('en')} notes made by bench/generate-notes.mjs.`,
  '',
  table(results, {memory}),
].join('\n')
console.log(text)
if (parsed.write) writeSection('robust', text, {heading: 'Backup and doctor'})

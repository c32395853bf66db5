// Times whole karavaan processes against a minimal oclif CLI (bench/baseline) measured in the
// same run, and prints a Markdown table; with --write it also updates BENCHMARKS.md.
//
//   npm run bench                       all cases, 15 runs each
//   npm run bench -- --runs 30 --write  more runs, and update BENCHMARKS.md
//   npm run bench -- --case status      only the cases whose name contains "status"
//
// Each run is a fresh `node <bin> <args>` started with spawnSync and timed with process.hrtime
// from the outside, so module loading, oclif start-up, the command and exit all count. Runs of
// the case and of the baseline take turns (A B A B …) after warm-up runs of each, so that noise
// on this machine hits both alike; the ratio is median(case) / median(baseline).
// Peak memory (max RSS) comes from a few extra runs under /usr/bin/time -f %M, when that exists.
//
// To add a case, add an entry to CASES below: a name, the argv after `karavaan`, and where
// needed a `setup` (once per case, before the warm-up) or an `eachRun` (before every run, untimed).
// The machinery (running, timing, tables, BENCHMARKS.md) is in bench/harness.mjs, shared with
// bench/notes.mjs.
import {cpSync, existsSync, mkdirSync, readdirSync, rmSync} from 'node:fs'
import {dirname, join, relative, resolve} from 'node:path'

import {
  BENCHMARKS,
  checkPrerequisites,
  fail,
  gitDescription,
  KARAVAAN,
  KARAVAAN_CACHE,
  machineDescription,
  measure,
  memoryProbe,
  out,
  parseOptions,
  report,
  root,
  run,
  writeSection,
} from './harness.mjs'

const example = join(root, 'examples', 'voorbeeldstudie')
const study = join(out, 'voorbeeldstudie')

/** @typedef {import('./harness.mjs').Case} Case */

const INIT_FLAGS = [
  '--yes',
  '--title', 'Karavaan Benchmark',
  '--client', 'Gemeente Benchstad',
  '--halteplaats', 'kanaalzone:Kanaalzone:Veenstad:stadswijk',
  '--halteplaats', 'wendelo:Wendelo:Oost-Veenland:dorp in krimpregio',
  '--halteplaats', 'vlonders:De Vlonders:Almerwaard:vinex-wijk',
  '--halteplaats', 'havenkwartier:Havenkwartier:Westerduin:kustplaats',
  '--interviewer', 'anna:Anna Visser',
  '--start', '2026-02-02', '--end', '2026-12-18',
]

/** @type {Case[]} */
const CASES = [
  {name: 'karavaan status', args: ['status'], goal: 1.3},
  {
    args: ['status'],
    eachRun: () => rmSync(KARAVAAN_CACHE, {force: true, recursive: true}),
    name: 'karavaan status',
    note: 'empty cache each run, as after an upgrade or an edit of study.yaml',
  },
  {name: 'karavaan status --json', args: ['status', '--json']},
  {name: 'karavaan method show --json', args: ['method', 'show', '--json']},
  {name: 'karavaan plan --json', args: ['plan', '--json']},
  {name: 'karavaan --version', args: ['--version']},
  {
    args: (run) => ['init', join(run.scratch, `studie-${run.index}`), ...INIT_FLAGS],
    eachRun: (run) => rmSync(join(run.scratch, `studie-${run.index - 1}`), {force: true, recursive: true}),
    name: 'karavaan init',
    note: 'a new study in a fresh folder each run',
  },
]

const USAGE = `Gebruik: npm run bench -- [--runs N] [--warmup N] [--case TEKST] [--write]

  --runs N     getimede runs per commando, afwisselend met de baseline (standaard 15)
  --warmup N   ongetimede runs vooraf, van elk (standaard 2)
  --case TEKST alleen de cases waarvan de naam TEKST bevat (mag vaker)
  --write      werk BENCHMARKS.md bij tussen de markeringen <!-- bench:SECTIE:start/end -->
  --before MAP meet ook een andere gebouwde checkout van karavaan (bijvoorbeeld van vóór een
               verbouwing) om en om in dezelfde run; met --write komt dat in het blok startup-vs-before`

function options() {
  const {count, parsed} = parseOptions({before: {type: 'string'}, case: {multiple: true, type: 'string'}}, USAGE)
  const filters = parsed.case ?? []
  if (filters.length > 0 && parsed.write) fail('--write schrijft hele tabellen; gebruik het niet samen met --case.')
  const before = parsed.before === undefined ? undefined : join(resolve(parsed.before), 'bin', 'run.js')
  if (before && !existsSync(join(dirname(dirname(before)), 'oclif.manifest.json'))) fail(`${parsed.before} is geen gebouwde checkout van karavaan (bin/run.js en oclif.manifest.json ontbreken); bouw hem met npm run build.`)
  return {before, filters, runs: count('runs', 1), warmup: count('warmup', 0), write: Boolean(parsed.write)}
}

/** Builds the example study the way scripts/demo.mjs does, with the CLI itself. */
function prepareStudy() {
  // Everything under bench/out/ but the large note studies of bench/notes.mjs, which take minutes to build.
  mkdirSync(out, {recursive: true})
  for (const entry of readdirSync(out)) if (entry !== 'notes') rmSync(join(out, entry), {force: true, recursive: true})
  mkdirSync(study, {recursive: true})
  for (const part of ['study.yaml', 'inbox']) cpSync(join(example, part), join(study, part), {recursive: true})
  run(KARAVAAN, ['context', 'import', join(example, 'context.csv'), '--study', study], root)
  run(KARAVAAN, ['plan', 'import', join(example, 'plan.csv'), '--study', study], root)
}

function main() {
  const opts = options()
  const {core, version} = checkPrerequisites()
  const cases = CASES.filter((c) => opts.filters.length === 0 || opts.filters.some((f) => c.name.includes(f)))
  if (cases.length === 0) fail(`geen case past bij ${opts.filters.map((f) => `"${f}"`).join(', ')}.`)
  if (opts.runs < 10) console.error(`bench: let op, ${opts.runs} runs; de eis in BENCHMARKS.md gaat uit van ten minste 10.`)

  prepareStudy()
  const memory = memoryProbe()
  const context = {
    core,
    date: new Date().toISOString().slice(0, 10),
    git: gitDescription(),
    machine: machineDescription(),
    memory: Boolean(memory),
    before: opts.before && relative(root, dirname(dirname(opts.before))),
    runs: opts.runs,
    version,
    warmup: opts.warmup,
  }

  const sections = new Map()
  for (const c of cases) {
    process.stderr.write(`bench: ${c.name} …\n`)
    const section = `${c.section ?? 'startup'}${opts.before ? '-vs-before' : ''}`
    if (!sections.has(section)) sections.set(section, [])
    sections.get(section).push(measure(c, {before: opts.before, cwd: study, memory, runs: opts.runs, warmup: opts.warmup}))
  }

  for (const [section, results] of sections) {
    const text = report(section, results, context)
    console.log(`\n${text}\n`)
    if (opts.write) writeSection(section, text)
  }

  if (opts.write) console.error(`bench: ${relative(process.cwd(), BENCHMARKS) || BENCHMARKS} bijgewerkt.`)
}

main()

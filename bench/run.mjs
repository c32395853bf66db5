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
import {spawnSync} from 'node:child_process'
import {cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import {arch, cpus, platform} from 'node:os'
import {dirname, join, relative} from 'node:path'
import {fileURLToPath} from 'node:url'
import {parseArgs} from 'node:util'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const out = join(root, 'bench', 'out')
const example = join(root, 'examples', 'voorbeeldstudie')
const study = join(out, 'voorbeeldstudie')
const KARAVAAN = join(root, 'bin', 'run.js')
const BASELINE = join(root, 'bench', 'baseline', 'bin', 'run.js')
const BENCHMARKS = join(root, 'BENCHMARKS.md')
const MEMORY_RUNS = 3
const home = join(out, 'home')
const KARAVAAN_CACHE = join(home, 'cache', 'karavaan')

/**
 * @typedef {object} Run  What a case sees before and during one run.
 * @property {number} index  0, 1, 2 … over warm-up, timed and memory runs of this case.
 * @property {string} scratch  A folder of this case under bench/out/, made empty before setup.
 *
 * @typedef {object} Case
 * @property {string} name  How the row is labelled, e.g. "karavaan status".
 * @property {string[] | ((run: Run) => string[])} args  The argv after the bin.
 * @property {string} [cwd]  Working folder of the process (default: the example study).
 * @property {string} [note]  A short remark for the table.
 * @property {number} [goal]  The largest acceptable ratio to the baseline; reported as met or not.
 * @property {string} [section]  Which block of BENCHMARKS.md the row goes in (default "startup").
 * @property {(run: Run) => void} [setup]  Once, before the warm-up runs; not timed.
 * @property {(run: Run) => void} [eachRun]  Before every run; not timed.
 */

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
  --write      werk BENCHMARKS.md bij tussen de markeringen <!-- bench:SECTIE:start/end -->`

function fail(message) {
  console.error(`bench: ${message}`)
  process.exit(1)
}

function options() {
  let parsed
  try {
    parsed = parseArgs({
      options: {
        case: {multiple: true, type: 'string'},
        help: {short: 'h', type: 'boolean'},
        runs: {default: '15', type: 'string'},
        warmup: {default: '2', type: 'string'},
        write: {type: 'boolean'},
      },
    }).values
  } catch (error) {
    fail(`${error.message}\n\n${USAGE}`)
  }

  if (parsed.help) {
    console.log(USAGE)
    process.exit(0)
  }

  const count = (name, min) => {
    const n = Number(parsed[name])
    if (!Number.isInteger(n) || n < min) fail(`--${name} moet een geheel getal van ten minste ${min} zijn, niet "${parsed[name]}".`)
    return n
  }

  const filters = parsed.case ?? []
  if (filters.length > 0 && parsed.write) fail('--write schrijft hele tabellen; gebruik het niet samen met --case.')
  return {filters, runs: count('runs', 1), warmup: count('warmup', 0), write: Boolean(parsed.write)}
}

/** Stops early when the CLI is not built, or when the baseline would load another @oclif/core. */
function checkPrerequisites() {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
  const manifestFile = join(root, 'oclif.manifest.json')
  if (!existsSync(join(root, 'dist', 'commands')) || !existsSync(manifestFile)) {
    fail('dist/ of oclif.manifest.json ontbreekt. Bouw eerst: npm run build')
  }

  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'))
  if (manifest.version !== pkg.version) {
    fail(`oclif.manifest.json hoort bij versie ${manifest.version}, package.json zegt ${pkg.version}; oclif zou hem negeren. Bouw opnieuw: npm run build`)
  }

  const core = (from) => {
    const file = createRequire(from).resolve('@oclif/core/package.json')
    return {file, version: JSON.parse(readFileSync(file, 'utf8')).version}
  }

  const ours = core(KARAVAAN)
  const theirs = core(BASELINE)
  if (ours.file !== theirs.file) fail(`de baseline laadt ${theirs.file}, karavaan ${ours.file}; ze moeten dezelfde @oclif/core gebruiken.`)
  return {core: ours.version, version: pkg.version}
}

/**
 * The environment of every measured process: no study or debug settings from the caller's shell,
 * and cache, config and data folders of its own under bench/out/home/, so that neither the user's
 * settings or installed plugins nor a stale cache change the figures, and the benchmark never
 * writes into the real home folder. Both CLIs get the same.
 */
function childEnv() {
  const env = {...process.env}
  for (const key of ['KARAVAAN_STUDY', 'DEBUG', 'NODE_DEBUG', 'NODE_OPTIONS']) delete env[key]
  for (const kind of ['cache', 'config', 'data']) env[`XDG_${kind.toUpperCase()}_HOME`] = join(home, kind)
  // oclif ignores XDG_CACHE_HOME on macOS; <BIN>_CACHE_DIR works everywhere.
  env.KARAVAAN_CACHE_DIR = KARAVAAN_CACHE
  env.HELLO_CACHE_DIR = join(home, 'cache', 'hello')
  return env
}

const ENV = childEnv()

function run(bin, args, cwd, {stdout = 'ignore', wrap = []} = {}) {
  const command = [...wrap, process.execPath, bin, ...args]
  const start = process.hrtime.bigint()
  const result = spawnSync(command[0], command.slice(1), {cwd, env: ENV, maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', stdout, 'pipe']})
  const ms = Number(process.hrtime.bigint() - start) / 1e6
  if (result.error) fail(`${command.join(' ')} kon niet starten: ${result.error.message}`)
  if (result.status !== 0) {
    fail(`${relative(root, bin)} ${args.join(' ')} gaf exitcode ${result.status ?? result.signal} (in ${cwd}):\n${result.stderr}`)
  }

  return ms
}

/** Builds the example study the way scripts/demo.mjs does, with the CLI itself. */
function prepareStudy() {
  rmSync(out, {force: true, recursive: true})
  mkdirSync(study, {recursive: true})
  for (const part of ['study.yaml', 'inbox']) cpSync(join(example, part), join(study, part), {recursive: true})
  run(KARAVAAN, ['context', 'import', join(example, 'context.csv'), '--study', study], root)
  run(KARAVAAN, ['plan', 'import', join(example, 'plan.csv'), '--study', study], root)
}

/** Whether /usr/bin/time can report max RSS here (GNU time; busybox's has no -f). */
function memoryProbe() {
  const time = '/usr/bin/time'
  if (!existsSync(time)) return undefined
  const dir = mkdtempSync(join(out, 'rss-'))
  const file = join(dir, 'rss')
  const result = spawnSync(time, ['-f', '%M', '-o', file, process.execPath, '-e', '0'], {stdio: 'ignore'})
  const ok = result.status === 0 && existsSync(file) && /^\d+\s*$/.test(readFileSync(file, 'utf8'))
  if (!ok) return undefined
  return (bin, args, cwd) => {
    run(bin, args, cwd, {wrap: [time, '-f', '%M', '-o', file]})
    return Number(readFileSync(file, 'utf8').trim()) // KiB
  }
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

function stats(values) {
  return {max: Math.max(...values), median: median(values), min: Math.min(...values)}
}

/** Runs one case interleaved with the baseline; returns its timings, the baseline's, and memory. */
function measure(c, {memory, runs, warmup}) {
  const scratch = join(out, 'cases', `${c.name} ${c.note ?? ''}`.trim().replaceAll(/[^a-z0-9]+/gi, '-'))
  rmSync(scratch, {force: true, recursive: true})
  mkdirSync(scratch, {recursive: true})
  const cwd = c.cwd ?? study
  let index = 0
  const next = () => {
    const r = {index: index++, scratch}
    c.eachRun?.(r)
    return typeof c.args === 'function' ? c.args(r) : c.args
  }

  c.setup?.({index: -1, scratch})
  const baseline = []
  const times = []
  for (let i = 0; i < warmup + runs; i++) {
    const b = run(BASELINE, ['hello'], cwd)
    const a = run(KARAVAAN, next(), cwd)
    if (i >= warmup) {
      baseline.push(b)
      times.push(a)
    }
  }

  let rss
  let baselineRss
  if (memory) {
    const ours = []
    const theirs = []
    for (let i = 0; i < MEMORY_RUNS; i++) {
      theirs.push(memory(BASELINE, ['hello'], cwd))
      ours.push(memory(KARAVAAN, next(), cwd))
    }

    rss = median(ours)
    baselineRss = median(theirs)
  }

  rmSync(scratch, {force: true, recursive: true})
  return {baseline, baselineRss, case: c, rss, times}
}

function gitDescription() {
  const git = (...args) => spawnSync('git', args, {cwd: root, encoding: 'utf8'})
  const head = git('rev-parse', '--short', 'HEAD')
  if (head.status !== 0) return undefined
  const dirty = git('status', '--porcelain', '--untracked-files=no').stdout.trim() !== ''
  return `${head.stdout.trim()}${dirty ? ' + local changes' : ''}`
}

const ms = (n) => n.toFixed(0)
const mb = (kib) => (kib === undefined ? '–' : (kib / 1024).toFixed(0))

function table(results, {memory}) {
  const header = ['command', 'min ms', 'median ms', 'max ms', 'baseline median ms', 'ratio']
  if (memory) header.push('peak RSS MB')
  const rows = [header, header.map((h) => (h === 'command' ? '---' : '---:'))]
  const allBaseline = results.flatMap((r) => r.baseline)
  const b = stats(allBaseline)
  const baselineRow = ['`hello` (minimal oclif CLI, baseline)', ms(b.min), ms(b.median), ms(b.max), ms(b.median), '1.00']
  if (memory) baselineRow.push(mb(median(results.map((r) => r.baselineRss))))
  rows.push(baselineRow)
  for (const r of results) {
    const s = stats(r.times)
    const base = median(r.baseline)
    const name = `\`${r.case.name}\`${r.case.note ? ` (${r.case.note})` : ''}`
    const row = [name, ms(s.min), ms(s.median), ms(s.max), ms(base), (s.median / base).toFixed(2)]
    if (memory) row.push(mb(r.rss))
    rows.push(row)
  }

  return rows.map((cells) => `| ${cells.join(' | ')} |`).join('\n')
}

function goals(results) {
  return results
    .filter((r) => r.case.goal !== undefined)
    .map((r) => {
      const ratio = median(r.times) / median(r.baseline)
      const met = ratio <= r.case.goal
      return `- [${met ? 'x' : ' '}] \`${r.case.name}\` within ${r.case.goal}× of the baseline: ${ratio.toFixed(2)}× — ${met ? 'met' : 'not met'}`
    })
}

function report(section, results, context) {
  const lines = [
    `Measured ${context.date} on ${context.machine}; karavaan ${context.version}${context.git ? ` (${context.git})` : ''}, @oclif/core ${context.core}.`,
    `${context.runs} timed runs of each command after ${context.warmup} warm-up run${context.warmup === 1 ? '' : 's'} of each, interleaved with the baseline; wall time of the whole process.${context.memory ? ` Peak RSS: median of ${MEMORY_RUNS} runs under \`/usr/bin/time -f %M\`.` : ''}`,
    '',
    table(results, context),
  ]
  const goalLines = goals(results)
  if (goalLines.length > 0) lines.push('', 'Goals:', '', ...goalLines)
  return lines.join('\n')
}

function writeSection(section, text) {
  const start = `<!-- bench:${section}:start -->`
  const end = `<!-- bench:${section}:end -->`
  const block = `${start}\n${text}\n${end}`
  const current = existsSync(BENCHMARKS) ? readFileSync(BENCHMARKS, 'utf8') : '# Benchmarks\n'
  const from = current.indexOf(start)
  const to = current.indexOf(end)
  let next
  if (from === -1 && to === -1) {
    next = `${current.trimEnd()}\n\n## ${section}\n\n${block}\n`
  } else if (from === -1 || to < from) {
    fail(`BENCHMARKS.md heeft geen geldig paar markeringen ${start} … ${end}.`)
  } else {
    next = current.slice(0, from) + block + current.slice(to + end.length)
  }

  writeFileSync(BENCHMARKS, next)
}

function main() {
  const opts = options()
  const {core, version} = checkPrerequisites()
  const cases = CASES.filter((c) => opts.filters.length === 0 || opts.filters.some((f) => c.name.includes(f)))
  if (cases.length === 0) fail(`geen case past bij ${opts.filters.map((f) => `"${f}"`).join(', ')}.`)
  if (opts.runs < 10) console.error(`bench: let op, ${opts.runs} runs; de eis in BENCHMARKS.md gaat uit van ten minste 10.`)

  prepareStudy()
  const memory = memoryProbe()
  const cpu = cpus()
  const context = {
    core,
    date: new Date().toISOString().slice(0, 10),
    git: gitDescription(),
    machine: `${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${cpu.length} cores, Node ${process.version}, ${platform()} ${arch()}`,
    memory: Boolean(memory),
    runs: opts.runs,
    version,
    warmup: opts.warmup,
  }

  const sections = new Map()
  for (const c of cases) {
    process.stderr.write(`bench: ${c.name} …\n`)
    const section = c.section ?? 'startup'
    if (!sections.has(section)) sections.set(section, [])
    sections.get(section).push(measure(c, {memory, runs: opts.runs, warmup: opts.warmup}))
  }

  for (const [section, results] of sections) {
    const text = report(section, results, context)
    console.log(`\n${text}\n`)
    if (opts.write) writeSection(section, text)
  }

  if (opts.write) console.error(`bench: ${relative(process.cwd(), BENCHMARKS) || BENCHMARKS} bijgewerkt.`)
}

main()

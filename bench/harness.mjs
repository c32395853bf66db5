// What the benchmark scripts share: running whole karavaan processes against the minimal oclif CLI
// of bench/baseline in the same run, in a clean home, timed from outside; peak memory under GNU
// time; the Markdown tables; and writing one section of BENCHMARKS.md between its markers.
// bench/run.mjs (start-up) and bench/notes.mjs (import and search) use it.
import {spawnSync} from 'node:child_process'
import {existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import {arch, cpus, platform} from 'node:os'
import {dirname, join, relative} from 'node:path'
import {fileURLToPath} from 'node:url'
import {parseArgs} from 'node:util'

export const root = join(dirname(fileURLToPath(import.meta.url)), '..')
export const out = join(root, 'bench', 'out')
export const KARAVAAN = join(root, 'bin', 'run.js')
export const BASELINE = join(root, 'bench', 'baseline', 'bin', 'run.js')
export const BENCHMARKS = join(root, 'BENCHMARKS.md')
export const MEMORY_RUNS = 3
export const home = join(out, 'home')
export const KARAVAAN_CACHE = join(home, 'cache', 'karavaan')

/**
 * @typedef {object} Run  What a case sees before and during one run.
 * @property {number} index  0, 1, 2 … over warm-up, timed and memory runs of this case.
 * @property {string} scratch  A folder of this case under bench/out/, made empty before setup.
 *
 * @typedef {object} Case
 * @property {string} name  How the row is labelled, e.g. "karavaan status".
 * @property {string[] | ((run: Run) => string[])} args  The argv after the bin.
 * @property {string} [cwd]  Working folder of the process (default: the one given to measure).
 * @property {string} [note]  A short remark for the table.
 * @property {number} [goal]  The largest acceptable ratio to the baseline; reported as met or not.
 * @property {string} [section]  Which block of BENCHMARKS.md the row goes in (default "startup").
 * @property {(run: Run) => void} [setup]  Once, before the warm-up runs; not timed.
 * @property {(run: Run) => void} [eachRun]  Before every run; not timed.
 */

export function fail(message) {
  console.error(`bench: ${message}`)
  process.exit(1)
}

/** Stops early when the CLI is not built, or when the baseline would load another @oclif/core. */
/**
 * The options every benchmark script shares (--runs, --warmup, --write, --help) plus its own;
 * `count(name, min)` reads a whole number of at least min or stops with a Dutch message.
 */
export function parseOptions(own, usage) {
  let parsed
  try {
    parsed = parseArgs({
      options: {
        ...own,
        help: {short: 'h', type: 'boolean'},
        runs: {default: '15', type: 'string'},
        warmup: {default: '2', type: 'string'},
        write: {type: 'boolean'},
      },
    }).values
  } catch (error) {
    fail(`${error.message}\n\n${usage}`)
  }

  if (parsed.help) {
    console.log(usage)
    process.exit(0)
  }

  const count = (name, min) => {
    const n = Number(parsed[name])
    if (!Number.isInteger(n) || n < min) fail(`--${name} moet een geheel getal van ten minste ${min} zijn, niet "${parsed[name]}".`)
    return n
  }

  return {count, parsed}
}

export function checkPrerequisites() {
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

export const ENV = childEnv()

/**
 * Runs `node <bin> <args>` once and times it from outside; stops the benchmark when it fails.
 * Returns the wall time in ms and, with stdout 'pipe', what the process printed.
 */
export function spawnTimed(bin, args, cwd, {stdout = 'ignore', wrap = []} = {}) {
  const command = [...wrap, process.execPath, bin, ...args]
  const start = process.hrtime.bigint()
  const result = spawnSync(command[0], command.slice(1), {cwd, env: ENV, maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', stdout, 'pipe']})
  const ms = Number(process.hrtime.bigint() - start) / 1e6
  if (result.error) fail(`${command.join(' ')} kon niet starten: ${result.error.message}`)
  if (result.status !== 0) {
    fail(`${relative(root, bin)} ${args.join(' ')} gaf exitcode ${result.status ?? result.signal} (in ${cwd}):\n${result.stderr}`)
  }

  return {ms, stdout: result.stdout ? result.stdout.toString() : undefined}
}

export function run(bin, args, cwd, options = {}) {
  return spawnTimed(bin, args, cwd, options).ms
}

/**
 * Whether /usr/bin/time can report max RSS here (GNU time; busybox's has no -f). Returns a
 * function that runs a process under it and returns {ms, rss (KiB), stdout}, or undefined.
 */
export function timedMemoryProbe() {
  const time = '/usr/bin/time'
  if (!existsSync(time)) return undefined
  mkdirSync(out, {recursive: true})
  const dir = mkdtempSync(join(out, 'rss-'))
  const file = join(dir, 'rss')
  const result = spawnSync(time, ['-f', '%M', '-o', file, process.execPath, '-e', '0'], {stdio: 'ignore'})
  const ok = result.status === 0 && existsSync(file) && /^\d+\s*$/.test(readFileSync(file, 'utf8'))
  if (!ok) return undefined
  return (bin, args, cwd, options = {}) => {
    const timed = spawnTimed(bin, args, cwd, {...options, wrap: [time, '-f', '%M', '-o', file]})
    return {...timed, rss: Number(readFileSync(file, 'utf8').trim())}
  }
}

/** The same probe, for the tables: a function that runs a process and returns its peak RSS in KiB. */
export function memoryProbe() {
  const timed = timedMemoryProbe()
  return timed && ((bin, args, cwd) => timed(bin, args, cwd).rss)
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

/** The p-th percentile (0–100), nearest rank. */
export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]
}

export function stats(values) {
  return {max: Math.max(...values), median: median(values), min: Math.min(...values)}
}

/**
 * Runs one case interleaved with the baseline; returns its timings, the baseline's, and memory.
 * cwd is where the processes run unless the case says otherwise.
 */
export function measure(c, {before, cwd: defaultCwd, memory, runs, warmup}) {
  const scratch = join(out, 'cases', `${c.name} ${c.note ?? ''}`.trim().replaceAll(/[^a-z0-9]+/gi, '-'))
  rmSync(scratch, {force: true, recursive: true})
  mkdirSync(scratch, {recursive: true})
  const cwd = c.cwd ?? defaultCwd
  let index = 0
  const next = () => {
    const r = {index: index++, scratch}
    c.eachRun?.(r)
    return typeof c.args === 'function' ? c.args(r) : c.args
  }

  c.setup?.({index: -1, scratch})
  const baseline = []
  const times = []
  const beforeTimes = []
  for (let i = 0; i < warmup + runs; i++) {
    const b = run(BASELINE, ['hello'], cwd)
    const a = run(KARAVAAN, next(), cwd)
    // Another build of the kit (--before) takes its turn, with a run of its own (a fresh folder for
    // init), so a refactoring is compared with what it replaced on the same machine in the same minute.
    const p = before ? run(before, next(), cwd) : undefined
    if (i >= warmup) {
      baseline.push(b)
      times.push(a)
      if (p !== undefined) beforeTimes.push(p)
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
  return {baseline, baselineRss, before: before ? beforeTimes : undefined, case: c, rss, times}
}

export function gitDescription() {
  const git = (...args) => spawnSync('git', args, {cwd: root, encoding: 'utf8'})
  const head = git('rev-parse', '--short', 'HEAD')
  if (head.status !== 0) return undefined
  const dirty = git('status', '--porcelain', '--untracked-files=no').stdout.trim() !== ''
  return `${head.stdout.trim()}${dirty ? ' + local changes' : ''}`
}

/** "AMD EPYC, 2 cores, Node v20…, linux x64" */
export function machineDescription() {
  const cpu = cpus()
  return `${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${cpu.length} cores, Node ${process.version}, ${platform()} ${arch()}`
}

export const ms = (n) => n.toFixed(0)
export const mb = (kib) => (kib === undefined ? '–' : (kib / 1024).toFixed(0))

export function table(results, {memory}) {
  const compared = results.some((r) => r.before)
  const header = ['command', 'min ms', 'median ms', 'max ms', 'baseline median ms', 'ratio']
  if (compared) header.push('before median ms', 'before ratio', 'after / before')
  if (memory) header.push('peak RSS MB')
  const rows = [header, header.map((h) => (h === 'command' ? '---' : '---:'))]
  const allBaseline = results.flatMap((r) => r.baseline)
  const b = stats(allBaseline)
  const baselineRow = ['`hello` (minimal oclif CLI, baseline)', ms(b.min), ms(b.median), ms(b.max), ms(b.median), '1.00']
  if (compared) baselineRow.push('', '', '')
  if (memory) baselineRow.push(mb(median(results.map((r) => r.baselineRss))))
  rows.push(baselineRow)
  for (const r of results) {
    const s = stats(r.times)
    const base = median(r.baseline)
    const name = `\`${r.case.name}\`${r.case.note ? ` (${r.case.note})` : ''}`
    const row = [name, ms(s.min), ms(s.median), ms(s.max), ms(base), (s.median / base).toFixed(2)]
    if (compared) {
      const p = median(r.before)
      row.push(ms(p), (p / base).toFixed(2), (s.median / p).toFixed(2))
    }
    if (memory) row.push(mb(r.rss))
    rows.push(row)
  }

  return rows.map((cells) => `| ${cells.join(' | ')} |`).join('\n')
}

export function goals(results) {
  return results
    .filter((r) => r.case.goal !== undefined)
    .map((r) => {
      const ratio = median(r.times) / median(r.baseline)
      const met = ratio <= r.case.goal
      return `- [${met ? 'x' : ' '}] \`${r.case.name}\` within ${r.case.goal}× of the baseline: ${ratio.toFixed(2)}× — ${met ? 'met' : 'not met'}`
    })
}

export function report(section, results, context) {
  const lines = [
    `Measured ${context.date} on ${context.machine}; karavaan ${context.version}${context.git ? ` (${context.git})` : ''}, @oclif/core ${context.core}.`,
    `${context.runs} timed runs of each command after ${context.warmup} warm-up run${context.warmup === 1 ? '' : 's'} of each, interleaved with the baseline${context.before ? ` and with the build in ${context.before} ("before")` : ''}; wall time of the whole process.${context.memory ? ` Peak RSS: median of ${MEMORY_RUNS} runs under \`/usr/bin/time -f %M\`.` : ''}`,
    '',
    table(results, context),
  ]
  const goalLines = goals(results)
  if (goalLines.length > 0) lines.push('', 'Goals:', '', ...goalLines)
  return lines.join('\n')
}

/**
 * Replaces the block between <!-- bench:SECTION:start --> and <!-- bench:SECTION:end --> in
 * BENCHMARKS.md, read right before writing so nothing else in the file is lost. Without the
 * markers it adds them at the end under "## HEADING" (default: the section's name).
 */
export function writeSection(section, text, {heading = section} = {}) {
  const start = `<!-- bench:${section}:start -->`
  const end = `<!-- bench:${section}:end -->`
  const block = `${start}\n${text}\n${end}`
  const current = existsSync(BENCHMARKS) ? readFileSync(BENCHMARKS, 'utf8') : '# Benchmarks\n'
  const from = current.indexOf(start)
  const to = current.indexOf(end)
  let next
  if (from === -1 && to === -1) {
    next = `${current.trimEnd()}\n\n## ${heading}\n\n${block}\n`
  } else if (from === -1 || to < from) {
    fail(`BENCHMARKS.md heeft geen geldig paar markeringen ${start} … ${end}.`)
  } else {
    next = current.slice(0, from) + block + current.slice(to + end.length)
  }

  writeFileSync(BENCHMARKS, next)
}

// Measures `karavaan report` as a user runs it: whole processes, interleaved with the minimal oclif
// CLI of bench/baseline, median wall time and peak RSS under GNU time, on two studies:
//
//   example     the example study, built as `npm run demo` builds it (context, plan, import, tag
//               import, material import) into bench/out/report/example
//   study-10000 10,000 generated notes (bench/generate-notes.mjs) plus the example's notes, tags,
//               context, plan and material, so the report has findings, quotes and reflections;
//               bench/out/report/study-10000, reused while its marker matches
//
//   npm run build && npm run bench:report                 every case, 5 runs each: about 5 minutes
//   npm run bench:report -- --runs 3 --case pdf           fewer runs, only the cases whose name has "pdf"
//   npm run bench:report -- --write                       and update BENCHMARKS.md
//   npm run bench:report -- --case html --before ../old   also an older build, in turn, in the same run
//
// Prints Markdown; with --write it replaces the block between <!-- bench:report:start --> and
// <!-- bench:report:end --> in BENCHMARKS.md. Nothing under bench/out/ is committed.
import {spawnSync} from 'node:child_process'
import {cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs'
import {loadavg} from 'node:os'
import {dirname, join, relative, resolve} from 'node:path'
import {parse} from 'yaml'

import {ensureStudy, GENERATOR_VERSION} from './generate-notes.mjs'
import {
  BENCHMARKS,
  checkPrerequisites,
  ENV,
  fail,
  gitDescription,
  KARAVAAN,
  machineDescription,
  measure,
  median,
  MEMORY_RUNS,
  out,
  parseOptions,
  root,
  table,
  timedMemoryProbe,
  writeSection,
} from './harness.mjs'

const COUNT = 10_000
const REPORT_OUT = join(out, 'report')
const EXAMPLE = join(root, 'examples', 'voorbeeldstudie')
const MATERIAL = ['bevindingen.yaml', 'reflecties.yaml', 'adviezen.yaml']
/** Raise when the setup of the studies changes, so a study built by an older setup is built again. */
const SETUP_VERSION = 2
const MARKER = '.bench-report.json'
const GOALS = {mib: 500, seconds: 10}
const DATE = '2026-11-23'

const USAGE = `Gebruik: npm run bench:report -- [--case TEKST] [--runs N] [--warmup N] [--write]

  --case TEKST  alleen de gevallen met deze tekst in hun naam (mag vaker), bijvoorbeeld pdf of 10000
  --runs N      getimede runs per geval, afwisselend met de baseline (standaard 5)
  --warmup N    ongetimede runs vooraf, van elk (standaard 1)
  --write       werk BENCHMARKS.md bij tussen <!-- bench:report:start --> en <!-- bench:report:end -->
  --before MAP  meet ook een andere gebouwde checkout van karavaan om en om in dezelfde run, met de
                grootte van zijn rapporten ernaast (alleen afdrukken, niet samen met --write)`

function options() {
  // parseOptions defaults suit start-up timings; a report takes seconds, so fewer runs here.
  const argv = process.argv.slice(2)
  if (!argv.some((a) => a === '--runs' || a.startsWith('--runs='))) argv.push('--runs', '5')
  if (!argv.some((a) => a === '--warmup' || a.startsWith('--warmup='))) argv.push('--warmup', '1')
  process.argv.splice(2, Infinity, ...argv)
  const {count, parsed} = parseOptions({before: {type: 'string'}, case: {multiple: true, type: 'string'}}, USAGE)
  if (parsed.case && parsed.write) fail('--write schrijft de hele sectie; gebruik het niet samen met --case.')
  if (parsed.before && parsed.write) fail('--before drukt een vergelijking af; gebruik het niet samen met --write.')
  const before = parsed.before === undefined ? undefined : join(resolve(parsed.before), 'bin', 'run.js')
  if (before && !existsSync(join(dirname(dirname(before)), 'oclif.manifest.json'))) fail(`${parsed.before} is geen gebouwde checkout van karavaan (bin/run.js en oclif.manifest.json ontbreken); bouw hem met npm run build.`)
  return {before, cases: parsed.case, runs: count('runs', 1), warmup: count('warmup', 0), write: Boolean(parsed.write)}
}

const log = (message) => process.stderr.write(`bench: ${message}\n`)
const mib = (kib) => (kib / 1024).toFixed(0)
const seconds = (ms) => (ms / 1000).toFixed(1)
const check = (met) => `[${met ? 'x' : ' '}]`

/** Runs karavaan once for the setup; stops the benchmark when it fails. Returns what it printed. */
function karavaan(study, ...args) {
  const result = spawnSync(process.execPath, [KARAVAAN, ...args, '--study', study], {cwd: root, encoding: 'utf8', env: ENV, maxBuffer: 256 * 1024 * 1024})
  if (result.status !== 0) fail(`karavaan ${args.join(' ')} gaf exitcode ${result.status ?? result.signal} (studie ${relative(root, study)}):\n${result.stderr.slice(0, 4000)}`)
  return result.stdout
}

/**
 * The example's notes, tags, context, plan and material, added to a study that has the example's
 * study.yaml, in the order `npm run demo` uses. Evidence names notes by their path in inbox/, so
 * the example's inbox is copied in first and imported from there.
 */
function addExample(study) {
  cpSync(join(EXAMPLE, 'inbox'), join(study, 'inbox'), {recursive: true})
  karavaan(study, 'context', 'import', join(EXAMPLE, 'context.csv'))
  karavaan(study, 'plan', 'import', join(EXAMPLE, 'plan.csv'))
  karavaan(study, 'import')
  karavaan(study, 'tag', 'import', join(EXAMPLE, 'tags-tweede-codeur.csv'))
  karavaan(study, 'material', 'import', ...MATERIAL.map((file) => join(EXAMPLE, file)))
  checkMaterial(study)
}

/**
 * Every finding of the example came in with as much evidence as its file gives: the notes named
 * by their path in inbox/ were found, so the report has its quotes. The material import itself
 * refuses evidence it cannot resolve; this also catches a finding silently left without.
 */
function checkMaterial(study) {
  const expected = parse(readFileSync(join(EXAMPLE, 'bevindingen.yaml'), 'utf8')).findings
  const stored = new Map(JSON.parse(karavaan(study, 'finding', 'list', '--json')).map((f) => [f.source, f]))
  const wrong = expected.filter((f) => stored.get(`finding:${f.key}`)?.evidence.length !== (f.evidence ?? []).length)
  if (wrong.length > 0) fail(`in ${relative(root, study)} kwam de onderbouwing niet goed mee bij: ${wrong.map((f) => f.key).join(', ')}`)
  return expected.length
}

function readMarker(dir) {
  try {
    return JSON.parse(readFileSync(join(dir, MARKER), 'utf8'))
  } catch {
    return undefined
  }
}

function ensureExample() {
  const dir = join(REPORT_OUT, 'example')
  const marker = readMarker(dir)
  if (marker?.setup === SETUP_VERSION && existsSync(join(dir, 'karavaan.db'))) return dir
  log(`de voorbeeldstudie opbouwen in ${relative(root, dir)} …`)
  rmSync(dir, {force: true, recursive: true})
  mkdirSync(dir, {recursive: true})
  cpSync(join(EXAMPLE, 'study.yaml'), join(dir, 'study.yaml'))
  addExample(dir)
  writeFileSync(join(dir, MARKER), `${JSON.stringify({setup: SETUP_VERSION}, null, 2)}\n`)
  return dir
}

function ensureLarge() {
  const dir = join(REPORT_OUT, `study-${COUNT}`)
  const want = {count: COUNT, generator: GENERATOR_VERSION, setup: SETUP_VERSION}
  const marker = readMarker(dir)
  if (marker && Object.entries(want).every(([k, v]) => marker[k] === v) && existsSync(join(dir, 'karavaan.db'))) return dir
  const source = ensureStudy(COUNT, {env: ENV, log})
  log(`${relative(root, source)} kopiëren naar ${relative(root, dir)} en de voorbeeldstudie toevoegen …`)
  rmSync(dir, {force: true, recursive: true})
  cpSync(source, dir, {recursive: true})
  rmSync(join(dir, '.bench-notes.json'), {force: true})
  addExample(dir)
  writeFileSync(join(dir, MARKER), `${JSON.stringify(want, null, 2)}\n`)
  return dir
}

/** Facts about a study for the description: notes, findings, the size of its database. */
function describeStudy(dir) {
  const status = JSON.parse(karavaan(dir, 'status', '--json'))
  return {database: statSync(join(dir, 'karavaan.db')).size, findings: status.material.findings, notes: status.totals.notes}
}

function cases(example, large) {
  const reportCase = (study, label, template, format, extra = []) => ({
    args: (r) => ['report', '--template', template, '--format', format, '--date', DATE, ...extra, '--out', join(r.scratch, `rapport-${r.index}.${format}`), '--study', study],
    name: `karavaan report --template ${template} --format ${format}${extra.length > 0 ? ` ${extra.join(' ')}` : ''}`,
    note: label,
    study: label,
  })
  return [
    reportCase(example, 'example', 'eindrapport', 'pdf'),
    reportCase(example, 'example', 'eindrapport', 'html'),
    reportCase(example, 'example', 'eindrapport', 'md'),
    reportCase(example, 'example', 'spiegel', 'pdf', ['--halteplaats', 'wendelo']),
    reportCase(example, 'example', 'spiegel', 'md', ['--halteplaats', 'wendelo']),
    reportCase(large, `${COUNT.toLocaleString('en')} notes`, 'eindrapport', 'pdf'),
    reportCase(large, `${COUNT.toLocaleString('en')} notes`, 'eindrapport', 'html'),
    reportCase(large, `${COUNT.toLocaleString('en')} notes`, 'eindrapport', 'md'),
    reportCase(large, `${COUNT.toLocaleString('en')} notes`, 'veldwerk', 'pdf'),
    reportCase(large, `${COUNT.toLocaleString('en')} notes`, 'halteplaats', 'pdf', ['--halteplaats', 'wendelo']),
  ]
}

async function main() {
  const opts = options()
  const {core, version} = checkPrerequisites()
  const memory = timedMemoryProbe()
  if (!memory) fail('/usr/bin/time (GNU time) ontbreekt; het geheugengebruik van report is niet te meten.')
  mkdirSync(REPORT_OUT, {recursive: true})
  const started = Date.now()
  const loadStart = loadavg()

  const example = ensureExample()
  // The large study takes minutes to build the first time: only when a chosen case needs it.
  const largeDir = join(REPORT_OUT, `study-${COUNT}`)
  const all = cases(example, largeDir)
  const chosen = opts.cases ? all.filter((c) => opts.cases.some((text) => `${c.name} ${c.note}`.includes(text))) : all
  if (chosen.length === 0) fail(`geen geval past bij ${opts.cases.join(', ')}.`)
  const needsLarge = chosen.some((c) => c.study !== 'example')
  const large = needsLarge ? ensureLarge() : undefined

  const rssProbe = (bin, args, cwd) => memory(bin, args, cwd).rss
  const results = []
  for (const c of chosen) {
    log(`${c.name} (${c.note}), load ${loadavg()[0].toFixed(1)} …`)
    results.push(measure(c, {before: opts.before, cwd: root, memory: rssProbe, runs: opts.runs, warmup: opts.warmup}))
  }

  // The size of each report: one more run, outside the timings.
  const sizeWith = (bin, c) => {
    const dir = join(REPORT_OUT, 'sizes')
    mkdirSync(dir, {recursive: true})
    const args = c.args({index: 0, scratch: dir})
    const printed = spawnSync(process.execPath, [bin, ...args], {cwd: root, encoding: 'utf8', env: ENV}).stdout
    rmSync(dir, {force: true, recursive: true})
    return printed.match(/\(([^)]*)\)\.\s*$/m)?.[1]
  }

  const sizes = new Map(chosen.map((c) => [c, sizeWith(KARAVAAN, c)]))
  const beforeSizes = new Map(opts.before ? chosen.map((c) => [c, sizeWith(opts.before, c)]) : [])

  const loadEnd = loadavg()
  const exampleFacts = describeStudy(example)
  const largeFacts = large ? describeStudy(large) : {database: 0, findings: 0, notes: 0}
  const goalCases = results.filter((r) => r.case.study !== 'example' && r.case.name.includes('--format pdf'))
  const goalLines = goalCases.flatMap((r) => {
    const wall = median(r.times)
    const timeMet = wall < GOALS.seconds * 1000
    const memMet = r.rss < GOALS.mib * 1024
    const what = `\`${r.case.name}\` on ${COUNT.toLocaleString('en')} notes`
    return [
      `- ${check(timeMet)} ${what} in under ${GOALS.seconds} s: median ${seconds(wall)} s — ${timeMet ? 'met' : 'not met'}`,
      `- ${check(memMet)} ${what} under ${GOALS.mib} MiB peak RSS: ${mib(r.rss)} MiB — ${memMet ? 'met' : 'not met'}`,
    ]
  })

  const lines = [
    `Measured ${new Date().toISOString().slice(0, 10)} on ${machineDescription()}; karavaan ${version}${gitDescription() ? ` (${gitDescription()})` : ''}, @oclif/core ${core}. ` +
      `Load average (1, 5, 15 min) ${loadStart.map((l) => l.toFixed(1)).join(', ')} at the start and ${loadEnd.map((l) => l.toFixed(1)).join(', ')} at the end (the machine is shared); ${((Date.now() - started) / 60_000).toFixed(1)} minutes in all.`,
    '',
    `Studies: **example** is the example study built as \`npm run demo\` builds it (${exampleFacts.notes} notes, ${exampleFacts.findings} findings with their evidence, reflection meetings and advice; database ${(exampleFacts.database / 1024 / 1024).toFixed(1)} MB). ` +
      `**${COUNT.toLocaleString('en')} notes** is the ${COUNT.toLocaleString('en')}-note study of \`bench/generate-notes.mjs\` (generator version ${GENERATOR_VERSION}) with the example's notes, second-coder tags, context, plan and material imported on top (${largeFacts.notes} notes, ${largeFacts.findings} findings; database ${(largeFacts.database / 1024 / 1024).toFixed(0)} MB). ` +
      `Every run writes a fresh file with \`--out\` and \`--date ${DATE}\`; output to /dev/null (not a terminal: no progress bar). ` +
      `${opts.runs} timed runs of each case after ${opts.warmup} warm-up run${opts.warmup === 1 ? '' : 's'}, interleaved with the baseline${opts.before ? ` and with the build in ${relative(root, dirname(dirname(opts.before)))} ("before")` : ''}; peak RSS is the median of ${MEMORY_RUNS} more runs under \`/usr/bin/time -f %M\`.`,
    '',
    table(results, {memory: true}),
    '',
    'Report sizes: ' + chosen.map((c) => `${c.name.replace('karavaan report ', '')} (${c.note}): ${sizes.get(c) ?? '?'}`).join('; ') + '.',
  ]
  if (opts.before) lines.push('', 'Report sizes before: ' + chosen.map((c) => `${c.name.replace('karavaan report ', '')} (${c.note}): ${beforeSizes.get(c) ?? '?'}`).join('; ') + '.')
  if (goalLines.length > 0) lines.push('', 'Goals:', '', ...goalLines)
  const text = lines.join('\n')
  console.log(`\n${text}\n`)
  if (opts.write) {
    writeSection('report', text, {heading: 'Report'})
    log(`${relative(process.cwd(), BENCHMARKS) || BENCHMARKS} bijgewerkt.`)
  }
}

await main()

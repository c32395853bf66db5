// Measures bundles at scale: `karavaan export --format bundle` of a 10,000-note study (plain and
// encrypted), `karavaan merge` of that bundle into a laptop that has none of it, the same merge a
// second time (nothing new), and `karavaan join`. Whole processes, timed from outside; peak memory
// under GNU time where it exists. Prints Markdown for BENCHMARKS.md (goal: < 10 s for export and merge).
//
//   npm run build && node bench/bundle.mjs              about a minute, plus the 10,000-note study the first time
//   node bench/bundle.mjs --runs 5 --count 10000
//
// The study is bench/out/notes/study-N of bench/generate-notes.mjs (karavaan import of N generated
// notes); it is copied before every run, so the measured commands never change it. The lead's copy
// gets the example study's context figures (40) and plan (44 rows), each edited once so they have
// two versions, as a lead's study has them (issue 16: they travel in bundles since migration 009).
import {spawnSync} from 'node:child_process'
import {cpSync, mkdirSync, rmSync, statSync} from 'node:fs'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'

import {ensureStudy} from './generate-notes.mjs'
import {checkPrerequisites, ENV, fail, gitDescription, KARAVAAN, machineDescription, mb, median, out, parseOptions, spawnTimed, timedMemoryProbe, writeSection} from './harness.mjs'

const GOAL_SECONDS = 10
const PASSPHRASE = 'een wachtwoordzin voor de benchmark'

const USAGE = `Gebruik: node bench/bundle.mjs [--count N] [--runs N]

  --count N  notities in de studie (standaard 10000)
  --runs N   getimede runs per commando (standaard 5)`

const {count, parsed} = parseOptions({count: {default: '10000', type: 'string'}}, USAGE)
parsed.runs = parsed.runs === '15' ? '5' : parsed.runs
const notes = count('count', 1)
const runs = count('runs', 1)
checkPrerequisites()

const log = (message) => console.error(`bench/bundle: ${message}`)
const source = ensureStudy(notes, {log})
const scratch = join(out, 'bundle')
rmSync(scratch, {force: true, recursive: true})
mkdirSync(scratch, {recursive: true})
const probe = timedMemoryProbe()

/** Runs one command `runs` times after `prepare`, which is not timed; returns the medians. */
function time(name, args, prepare, options = {}) {
  const times = []
  let rss
  for (let i = 0; i < runs; i++) {
    prepare?.(i)
    const env = options.env
    if (probe && i === 0 && !env) {
      const result = probe(KARAVAAN, args, scratch)
      times.push(result.ms)
      rss = result.rss
    } else {
      times.push(env ? timedWithEnv(args, env) : spawnTimed(KARAVAAN, args, scratch).ms)
    }
  }

  const row = {medianMs: median(times), name, rss, times}
  log(`${name}: mediaan ${(row.medianMs / 1000).toFixed(2)} s (${times.map((t) => (t / 1000).toFixed(2)).join(', ')})`)
  return row
}

/** As spawnTimed, with more in the harness's environment (the passphrase). */
function timedWithEnv(args, extra) {
  const start = process.hrtime.bigint()
  const result = spawnSync(process.execPath, [KARAVAAN, ...args], {cwd: scratch, env: {...ENV, ...extra}, stdio: ['ignore', 'ignore', 'pipe']})
  if (result.status !== 0) fail(`karavaan ${args.join(' ')} gaf exitcode ${result.status}:\n${result.stderr}`)
  return Number(process.hrtime.bigint() - start) / 1e6
}

const lead = join(scratch, 'lead')
const copyLead = () => {
  rmSync(lead, {force: true, recursive: true})
  cpSync(source, lead, {recursive: true})
}

// The copy is migrated once (not timed), as a lead's study would be after the first command.
copyLead()
spawnTimed(KARAVAAN, ['status', '--study', lead], scratch)
const example = fileURLToPath(new URL('../examples/voorbeeldstudie/', import.meta.url))
spawnTimed(KARAVAAN, ['context', 'import', join(example, 'context.csv'), '--study', lead], scratch)
spawnTimed(KARAVAAN, ['plan', 'import', join(example, 'plan.csv'), '--study', lead], scratch)
// A second version of a few figures and conversations: the plan set to held, figures revised.
for (const [halteplaats, group] of [['kanaalzone', 'moeders'], ['wendelo', 'ouderen'], ['vlonders', 'schoolklas'], ['havenkwartier', 'gemeente']]) {
  spawnTimed(KARAVAAN, ['plan', 'set', '--halteplaats', halteplaats, '--group', group, '--state', 'vervallen', '--study', lead], scratch)
}
spawnTimed(KARAVAAN, ['context', 'add', '--halteplaats', 'wendelo', '--indicator', 'inwoners', '--value', '2320', '--unit', 'inwoners', '--source', 'CBS Kerncijfers wijken en buurten', '--year', '2024', '--study', lead], scratch)
const migrated = join(scratch, 'lead-migrated')
cpSync(lead, migrated, {recursive: true})
const bundle = join(scratch, 'lead.karavaan')
const rows = []
rows.push(time('export --format bundle', ['export', '--format', 'bundle', '--force', '--out', bundle, '--study', migrated]))
const bundleMiB = statSync(bundle).size / 1024 / 1024
rows.push(
  time('export --format bundle --encrypt', ['export', '--format', 'bundle', '--encrypt', '--force', '--out', join(scratch, 'geheim.karavaan'), '--study', migrated], undefined, {
    env: {KARAVAAN_PASSPHRASE: PASSPHRASE},
  }),
)

const laptop = join(scratch, 'laptop')
const joined = join(scratch, 'joined')
rows.push(time('join (new laptop)', ['join', bundle, joined], () => rmSync(joined, {force: true, recursive: true})))
// A laptop of the same study that has none of the notes: the whole bundle is new to it.
const emptyLaptop = () => {
  rmSync(laptop, {force: true, recursive: true})
  mkdirSync(laptop, {recursive: true})
  cpSync(join(source, 'study.yaml'), join(laptop, 'study.yaml'))
  spawnTimed(KARAVAAN, ['status', '--study', laptop], scratch)
}

rows.push(time('merge (all new)', ['merge', bundle, '--study', laptop], emptyLaptop))
rows.push(time('merge (same bundle again)', ['merge', bundle, '--study', laptop], (i) => i === 0 && emptyLaptop() === undefined && spawnTimed(KARAVAAN, ['merge', bundle, '--study', laptop], scratch)))

const goalRows = new Set(['export --format bundle', 'merge (all new)'])
const s = (ms) => (ms / 1000).toFixed(2)
const lines = [
  `Measured ${new Date().toISOString().slice(0, 10)} on ${machineDescription()}; ${gitDescription() ?? ''}. Bundles of a ${notes.toLocaleString('en')}-note study (${bundleMiB.toFixed(1)} MiB bundle); median of ${runs} whole-process runs; peak RSS of the first run under GNU time.`,
  '',
  '| command | median s | min s | max s | peak RSS MB | goal |',
  '| --- | ---: | ---: | ---: | ---: | --- |',
  ...rows.map((row) => {
    const goal = goalRows.has(row.name) ? (row.medianMs < GOAL_SECONDS * 1000 ? `< ${GOAL_SECONDS} s: met` : `< ${GOAL_SECONDS} s: NOT met`) : ''
    return `| \`karavaan ${row.name}\` | ${s(row.medianMs)} | ${s(Math.min(...row.times))} | ${s(Math.max(...row.times))} | ${mb(row.rss)} | ${goal} |`
  }),
]
console.log(lines.join('\n'))
if (parsed.write) writeSection('bundle', lines.join('\n'), {heading: 'Bundles: export, join and merge'})

if (rows.some((row) => goalRows.has(row.name) && row.medianMs >= GOAL_SECONDS * 1000)) fail('het doel van 10 s is niet gehaald.')

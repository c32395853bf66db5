// `karavaan tag import` of a second coder's tags on the generated studies (bench/generate-notes.mjs),
// as bench/serve.mjs reads them in for Overeenstemming: the coder joost codes every other note,
// named by the path it was imported from, with the interviewer's narratives, each dropped and each
// missing one added with a chance of 15% (a note he finds nothing in is one row without a code).
// Each run is a whole process (`node bin/run.js tag import …`) on a fresh copy of the study (the
// copy is not timed), under /usr/bin/time for its CPU time (user + sys) and peak RSS; with
// --before, the same runs of another built checkout take turns with these (A B A B …), so noise on
// the machine hits both alike. Medians; a run that exits non-zero stops the benchmark.
//
//   node bench/tag-import.mjs                                   5,000 and 20,000 notes, 3 runs each
//   node bench/tag-import.mjs --before /path/to/built/checkout  against another build, in the same run
//   node bench/tag-import.mjs --counts 50000 --runs 1
//   node bench/tag-import.mjs --before DIR --write              and update the block in BENCHMARKS.md
import {spawnSync} from 'node:child_process'
import {cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'

import {ensureStudy, secondCoderRows} from './generate-notes.mjs'
import {ENV, fail, gitDescription, KARAVAAN, machineDescription, median, out, parseOptions, writeSection} from './harness.mjs'

const USAGE = `node bench/tag-import.mjs [--counts 5000,20000] [--runs 3] [--before MAP] [--write]

  --counts     studies (aantallen notities), gescheiden door komma's
  --runs       keren dat elke versie de tags inleest (de mediaan telt)
  --before     een gebouwde checkout van de kit om mee te vergelijken (bin/run.js daarin)
  --write      werk BENCHMARKS.md bij tussen <!-- bench:tag-import:start --> en <!-- bench:tag-import:end -->`

const {count, parsed} = parseOptions({before: {type: 'string'}, counts: {default: '5000,20000', type: 'string'}}, USAGE)
const runs = parsed.runs === '15' ? 3 : count('runs', 1)
const counts = parsed.counts.split(',').map(Number)
if (counts.some((n) => !Number.isInteger(n) || n < 1)) fail(`--counts moet een lijst van aantallen zijn, niet "${parsed.counts}".`)
if (!existsSync('/usr/bin/time')) fail('deze benchmark meet de CPU-tijd met /usr/bin/time (GNU time), en die ontbreekt hier.')
const before = parsed.before ? join(parsed.before, 'bin', 'run.js') : undefined
if (before && !existsSync(before)) fail(`${before} bestaat niet; bouw die checkout eerst (node scripts/build.mjs).`)

/** The second coder's CSV for a study of `studyCount` notes, made as bench/serve.mjs makes it. */
function secondCoder(studyCount) {
  const rows = secondCoderRows(studyCount)
  const csv = join(out, 'tag-import', `tweede-codeur-${studyCount}.csv`)
  writeFileSync(csv, `${rows.join('\n')}\n`)
  return {csv, rows: rows.length - 1}
}

/** One import on a fresh copy of the study: wall ms, CPU ms (user + sys), peak RSS KiB and the line it printed. */
function importOnce(bin, study, csv) {
  const copy = join(out, 'tag-import', 'study')
  rmSync(copy, {force: true, recursive: true})
  cpSync(study, copy, {recursive: true})
  const times = join(out, 'tag-import', '.time')
  const command = ['/usr/bin/time', '-f', '%U %S %M', '-o', times, process.execPath, bin, 'tag', 'import', csv, '--study', copy]
  const started = process.hrtime.bigint()
  const result = spawnSync(command[0], command.slice(1), {encoding: 'utf8', env: ENV, maxBuffer: 64 * 1024 * 1024})
  const wall = Number(process.hrtime.bigint() - started) / 1e6
  if (result.status !== 0) fail(`${bin} tag import gaf exitcode ${result.status ?? result.signal}:\n${result.stderr.slice(0, 4000)}`)
  const [user, sys, rss] = readFileSync(times, 'utf8').trim().split('\n').at(-1).split(' ').map(Number)
  return {cpu: (user + sys) * 1000, line: result.stdout.trim().split('\n').at(-1).replace(csv, 'CSV'), rss, wall}
}

mkdirSync(join(out, 'tag-import'), {recursive: true})
const results = []
for (const studyCount of counts) {
  const study = ensureStudy(studyCount, {log: (line) => console.error(`tag-import: ${line}`)})
  const {csv, rows} = secondCoder(studyCount)
  const measured = {after: [], before: []}
  for (let run = 0; run < runs; run++) {
    if (before) measured.before.push(importOnce(before, study, csv))
    measured.after.push(importOnce(KARAVAAN, study, csv))
    console.error(`tag-import: ${studyCount} notities, run ${run + 1}/${runs}: ${before ? `voor ${(measured.before.at(-1).cpu / 1000).toFixed(1)} s CPU, ` : ''}na ${(measured.after.at(-1).cpu / 1000).toFixed(1)} s CPU`)
  }

  // Both builds must leave the same result behind, or the comparison means nothing.
  if (before && measured.before[0].line !== measured.after[0].line) fail(`de twee versies meldden iets anders:\n  voor: ${measured.before[0].line}\n  na:   ${measured.after[0].line}`)
  results.push({count: studyCount, line: measured.after[0].line, measured, rows})
}

const seconds = (ms) => (ms / 1000).toFixed(ms < 10_000 ? 2 : 1)
const summary = (list) => ({cpu: median(list.map((r) => r.cpu)), rss: median(list.map((r) => r.rss)), wall: median(list.map((r) => r.wall))})
const lines = [
  `Measured ${new Date().toISOString().slice(0, 10)} on ${machineDescription()}; ${gitDescription() ?? 'this checkout'}${before ? ` against ${parsed.before}` : ''}. ${runs} whole-process run${runs === 1 ? '' : 's'} of \`tag import\` per build and study, on a fresh copy of the study each time${before ? ', the two builds taking turns' : ''}; medians. CPU = user + sys of the process.`,
  '',
  `| notes | CSV rows |${before ? ' before CPU s | before wall s |' : ''} ${before ? 'after ' : ''}CPU s | ${before ? 'after ' : ''}wall s | ${before ? 'after ' : ''}peak RSS MiB |${before ? ' CPU before / after |' : ''}`,
  `| ---: | ---: |${before ? ' ---: | ---: |' : ''} ---: | ---: | ---: |${before ? ' ---: |' : ''}`,
  ...results.map(({count: n, measured, rows}) => {
    const after = summary(measured.after)
    const old = before ? summary(measured.before) : undefined
    return `| ${n.toLocaleString('en')} | ${rows.toLocaleString('en')} |${old ? ` ${seconds(old.cpu)} | ${seconds(old.wall)} |` : ''} ${seconds(after.cpu)} | ${seconds(after.wall)} | ${(after.rss / 1024).toFixed(0)} |${old ? ` ${(old.cpu / after.cpu).toFixed(0)}× |` : ''}`
  }),
  '',
  ...results.map(({count: n, line}) => `- ${n.toLocaleString('en')} notes: \`${line}\``),
]
console.log(lines.join('\n'))
if (parsed.write) writeSection('tag-import', lines.join('\n'), {heading: 'tag import at scale'})

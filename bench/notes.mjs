// Measures notes at scale: importing 10,000 note files, and searching a study of 100,000 notes,
// both the query itself (in this process) and `karavaan note search` as a whole process against
// the minimal oclif CLI of bench/baseline. Prints Markdown; with --write it also updates the block
// between <!-- bench:notes:start --> and <!-- bench:notes:end --> in BENCHMARKS.md.
//
//   npm run build && npm run bench:notes             everything: about 2 minutes, plus 2–3 to build the
//                                                    100,000-note study the first time
//   npm run bench:notes -- --write                   and update BENCHMARKS.md
//   npm run bench:notes -- --part query              only one part: import, query or process (may repeat)
//
// The note files and the 100,000-note study are made by bench/generate-notes.mjs under
// bench/out/notes/ (never committed). The study is built once, with `karavaan import` as a user
// would, and reused while its marker file says it holds the notes of the current generator.
import {existsSync, mkdirSync, statSync} from 'node:fs'
import {loadavg} from 'node:os'
import {join, relative} from 'node:path'
import {pathToFileURL} from 'node:url'

import {ensureNoteFiles, ensureStudy, freshStudy, GENERATOR_VERSION, noteFilesInfo, NOTES_OUT, studyInfo} from './generate-notes.mjs'
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
  memoryProbe,
  out,
  parseOptions,
  percentile,
  root,
  table,
  timedMemoryProbe,
  writeSection,
} from './harness.mjs'

const IMPORT_COUNT = 10_000
const IMPORT_RUNS = 3
const SEARCH_COUNT = 100_000
const QUERY_WARMUP = 5
const QUERY_RUNS = 50
const GOALS = {importMiB: 300, importSeconds: 15, processRatio: 1.5, queryMs: 20}
const PARTS = ['import', 'query', 'process']

const USAGE = `Gebruik: npm run bench:notes -- [--part import|query|process] [--runs N] [--warmup N] [--write]

  --part DEEL  alleen dit deel (mag vaker): import (10.000 notities inlezen), query (de zoekopdracht
               zelf op 100.000 notities) of process (karavaan note search als heel proces)
  --runs N     getimede runs per commando bij process, afwisselend met de baseline (standaard 15)
  --warmup N   ongetimede runs vooraf bij process, van elk (standaard 2)
  --write      werk BENCHMARKS.md bij tussen <!-- bench:notes:start --> en <!-- bench:notes:end -->`

function options() {
  const {count, parsed} = parseOptions({part: {multiple: true, type: 'string'}}, USAGE)
  const parts = parsed.part ?? PARTS
  for (const part of parts) if (!PARTS.includes(part)) fail(`onbekend deel "${part}"; kies uit ${PARTS.join(', ')}.`)
  if (parsed.part && parsed.write) fail('--write schrijft de hele sectie; gebruik het niet samen met --part.')
  return {parts: new Set(parts), runs: count('runs', 1), warmup: count('warmup', 0), write: Boolean(parsed.write)}
}

const log = (message) => process.stderr.write(`bench: ${message}\n`)
const seconds = (ms) => (ms / 1000).toFixed(1)
const mib = (kib) => (kib / 1024).toFixed(0)
const thousands = (n) => n.toLocaleString('en')
const check = (met) => `[${met ? 'x' : ' '}]`

// --- import -------------------------------------------------------------------------------------

/** The whole `karavaan import` of 10,000 files into a fresh study, a few times, and once more on the same files. */
function importPart() {
  const timed = timedMemoryProbe()
  if (!timed) fail('/usr/bin/time (GNU time) ontbreekt; het geheugengebruik van import is niet te meten.')
  const notes = ensureNoteFiles(IMPORT_COUNT, {log})
  const study = join(NOTES_OUT, `import-${IMPORT_COUNT}`)
  const args = ['import', notes, '--study', study]
  const expect = (result, text) => {
    const summary = result.stdout.trim().split('\n').at(-1)
    if (!summary.includes(text)) fail(`karavaan import meldde "${summary}", verwacht: ${text}`)
  }

  const first = []
  for (let i = 0; i < IMPORT_RUNS; i++) {
    freshStudy(study)
    log(`import ${thousands(IMPORT_COUNT)} notities, run ${i + 1} van ${IMPORT_RUNS} …`)
    const result = timed(KARAVAAN, args, root, {stdout: 'pipe'})
    expect(result, `${IMPORT_COUNT} nieuw`)
    first.push(result)
  }

  log('dezelfde bestanden nog eens …')
  const again = timed(KARAVAAN, args, root, {stdout: 'pipe'})
  expect(again, `${IMPORT_COUNT} ongewijzigd`)
  const database = statSync(join(study, 'karavaan.db')).size
  return {again, database, first, info: noteFilesInfo(notes)}
}

function importReport({again, database, first, info}) {
  const wall = first.map((r) => r.ms)
  const rss = first.map((r) => r.rss)
  const row = (label, runs, walls, rsss) => `| ${label} | ${runs} | ${seconds(median(walls))} | ${seconds(Math.max(...walls))} | ${mib(median(rsss))} | ${mib(Math.max(...rsss))} |`
  const timeMet = median(wall) < GOALS.importSeconds * 1000
  const memoryMet = Math.max(...rss) < GOALS.importMiB * 1024
  return {
    goals: [
      `- ${check(timeMet)} import ${thousands(IMPORT_COUNT)} notes in under ${GOALS.importSeconds} s: median ${seconds(median(wall))} s, max ${seconds(Math.max(...wall))} s — ${timeMet ? 'met' : 'not met'}`,
      `- ${check(memoryMet)} import peak RSS under ${GOALS.importMiB} MiB: max ${mib(Math.max(...rss))} MiB — ${memoryMet ? 'met' : 'not met'}`,
    ],
    text: [
      `### Import ${thousands(IMPORT_COUNT)} notes`,
      '',
      `\`karavaan import DIR --study STUDY\` as a whole process, ${thousands(IMPORT_COUNT)} Markdown files (${(info.bytes / 1024 / 1024).toFixed(1)} MB) into a fresh study each run; wall time from outside, peak RSS from \`/usr/bin/time -f %M\`. Every file is read, checked and run past the personal-data guard before one transaction stores them all. The database ends at ${(database / 1024 / 1024).toFixed(0)} MB.`,
      '',
      '| import | runs | median s | max s | median peak RSS MiB | max peak RSS MiB |',
      '| --- | ---: | ---: | ---: | ---: | ---: |',
      row(`${thousands(IMPORT_COUNT)} new notes into a fresh study`, IMPORT_RUNS, wall, rss),
      row('the same files again (all unchanged, nothing written)', 1, [again.ms], [again.rss]),
    ],
  }
}

// --- the query itself ---------------------------------------------------------------------------

async function dist(path) {
  const file = join(root, 'dist', path)
  if (!existsSync(file)) fail(`${relative(root, file)} ontbreekt. Bouw eerst: npm run build`)
  return import(pathToFileURL(file).href)
}

/** searchNotes on the 100,000-note study, opened once in this process, the way the command calls it. */
async function queryPart(studyDir) {
  const {openStore} = await dist('store/open.js')
  const {searchNotes, toFtsQuery} = await dist('notes/search.js')
  const {loadStudy} = await dist('study/load.js')
  const {checkFilter} = await dist('notes/filter.js')
  const study = await loadStudy(studyDir)
  const store = openStore(study.dir, study.id)
  try {
    const occurs = (word) => store.db.prepare('SELECT count(*) AS n FROM notes_fts WHERE notes_fts MATCH ?').get(toFtsQuery(word)).n > 0
    const unaccented = occurs('geemigreerd') ? 'geemigreerd' : 'coordinator'
    const queries = [
      {label: 'common word', query: 'gemeente'},
      {label: 'rare word', query: 'pendelbus'},
      {label: 'phrase', query: '"geen loket"'},
      {label: 'prefix', query: 'vertrouw*'},
      {flags: {halteplaats: 'wendelo'}, label: 'prefix, one halteplaats', query: 'vertrouw*'},
      {flags: {narrative: 'ongehoorde-burger'}, label: 'common word, one narrative', query: 'gemeente'},
      {label: `without diacritics (${unaccented === 'geemigreerd' ? 'geëmigreerd' : 'coördinator'})`, query: unaccented},
    ]
    const rows = queries.map((q) => {
      const filter = checkFilter(study, q.flags ?? {})
      return {...q, filter, matching: searchNotes(store, q.query, filter, 1_000_000).hits.length, times: []}
    })
    // Round by round, every query once per round, so that a busy moment on the machine hits all
    // queries alike instead of the one that happened to be running.
    for (let round = 0; round < QUERY_WARMUP + QUERY_RUNS; round++) {
      for (const row of rows) {
        const start = process.hrtime.bigint()
        const hits = searchNotes(store, row.query, row.filter).hits.length
        const ms = Number(process.hrtime.bigint() - start) / 1e6
        if (hits !== Math.min(50, row.matching)) fail(`${row.query} gaf ${hits} treffers, verwacht ${Math.min(50, row.matching)}.`)
        if (round >= QUERY_WARMUP) row.times.push(ms)
      }
    }

    for (const row of rows) {
      Object.assign(row, {median: median(row.times), min: Math.min(...row.times), p95: percentile(row.times, 95)})
      log(`zoekopdracht ${row.query}${row.flags ? ` ${JSON.stringify(row.flags)}` : ''}: mediaan ${row.median.toFixed(2)} ms`)
    }

    return {rows}
  } finally {
    store.close()
  }
}

function queryReport({rows}) {
  const typed = (r) => `\`${[r.query, ...Object.entries(r.flags ?? {}).map(([k, v]) => `--${k} ${v}`)].join(' ')}\``
  const over = rows.filter((r) => r.median >= GOALS.queryMs)
  const worst = rows.reduce((a, b) => (b.median > a.median ? b : a))
  return {
    goals: [
      `- ${check(over.length === 0)} the query under ${GOALS.queryMs} ms (median) on ${thousands(SEARCH_COUNT)} notes: ${over.length === 0 ? `every query; slowest ${typed(worst)} at ${worst.median.toFixed(1)} ms` : `${over.length} of ${rows.length} over: ${over.map((r) => `${typed(r)} ${r.median.toFixed(1)} ms`).join(', ')}`} — ${over.length === 0 ? 'met' : 'not met'}`,
    ],
    text: [
      `### Search query on ${thousands(SEARCH_COUNT)} notes`,
      '',
      `\`searchNotes(store, query, filter)\` from \`dist/notes/search.js\` with the default limit of 50, in one process with the study opened once: the full-text query, ranking, snippets and the notes' narratives, as \`note search\` runs it. ${QUERY_WARMUP} warm-up and ${QUERY_RUNS} timed rounds, each round running every query once. "Matching" counts every note the query finds; the command shows the best 50.`,
      '',
      '| query | typed as | matching notes | min ms | median ms | p95 ms |',
      '| --- | --- | ---: | ---: | ---: | ---: |',
      ...rows.map((r) => `| ${r.label} | ${typed(r)} | ${thousands(r.matching)} | ${r.min.toFixed(1)} | ${r.median.toFixed(1)} | ${r.p95.toFixed(1)} |`),
    ],
  }
}

// --- the whole process --------------------------------------------------------------------------

function processPart(studyDir, opts) {
  const memory = memoryProbe()
  const cases = [
    {args: ['note', 'search', 'gemeente'], goal: GOALS.processRatio, name: 'karavaan note search gemeente'},
    {args: ['note', 'search', '"geen loket"'], goal: GOALS.processRatio, name: 'karavaan note search \'"geen loket"\''},
    {args: ['note', 'search', 'vertrouw*', '--halteplaats', 'wendelo'], goal: GOALS.processRatio, name: 'karavaan note search vertrouw* --halteplaats wendelo'},
    {args: ['note', 'search', 'gemeente', '--json'], goal: GOALS.processRatio, name: 'karavaan note search gemeente --json'},
  ]
  const results = []
  for (const c of cases) {
    log(`${c.name} …`)
    results.push(measure(c, {cwd: studyDir, memory, runs: opts.runs, warmup: opts.warmup}))
  }

  return {memory: Boolean(memory), results}
}

function processReport({memory, results}, opts) {
  const goalLines = results.map((r) => {
    const ratio = median(r.times) / median(r.baseline)
    const met = ratio <= GOALS.processRatio
    return `- ${check(met)} \`${r.case.name}\` within ${GOALS.processRatio}× of the baseline: ${ratio.toFixed(2)}× — ${met ? 'met' : 'not met'}`
  })
  return {
    goals: goalLines,
    text: [
      `### \`karavaan note search\` on ${thousands(SEARCH_COUNT)} notes, whole process`,
      '',
      `Run in the study folder, output to /dev/null (not a terminal: no colours). ${opts.runs} timed runs of each command after ${opts.warmup} warm-up run${opts.warmup === 1 ? '' : 's'} of each, interleaved with the baseline, as in the start-up table.${memory ? ` Peak RSS: median of ${MEMORY_RUNS} runs under \`/usr/bin/time -f %M\`.` : ''}`,
      '',
      table(results, {memory}),
    ],
  }
}

// --- main ---------------------------------------------------------------------------------------

function describeData(studyDir) {
  const notes = noteFilesInfo(join(NOTES_OUT, `notes-${SEARCH_COUNT}`))
  const built = studyInfo(studyDir)
  const database = statSync(join(studyDir, 'karavaan.db')).size
  return (
    `Data: note files made by \`bench/generate-notes.mjs\` (generator version ${GENERATOR_VERSION}, seed ${notes?.seed ?? built?.seed}), ` +
    `recombined from the paragraphs of the 76 example notes: each note takes an example note of the same halteplaats as its model ` +
    `(group or activity, some of its roles, themes and narratives, about as many paragraphs) and draws its paragraphs at random from ` +
    `all example notes of that halteplaats (at most one "Opvolgen: …" paragraph, at the end), with a date in the study period and one of the example interviewers. ` +
    `${thousands(SEARCH_COUNT)} notes are ${notes ? `${(notes.bytes / 1024 / 1024).toFixed(0)} MB, ≈${(notes.bytes / SEARCH_COUNT / 1024).toFixed(1)} kB each` : 'generated'}; ` +
    `the ${thousands(SEARCH_COUNT)}-note study was built once with \`karavaan import\`${built?.importSeconds ? ` (${built.importSeconds.toFixed(0)} s${built.peakKiB ? `, peak RSS ${mib(built.peakKiB)} MiB` : ''})` : ''} ` +
    `and its database is ${(database / 1024 / 1024).toFixed(0)} MB. ` +
    `Whole paragraphs repeat, so even a word that occurs once in the examples is in hundreds of notes (see "matching notes" below).`
  )
}

async function main() {
  const opts = options()
  const {core, version} = checkPrerequisites()
  mkdirSync(out, {recursive: true})
  const started = Date.now()
  const load = loadavg()[0]
  const sections = []

  if (opts.parts.has('import')) sections.push(importReport(importPart()))

  let studyDir
  if (opts.parts.has('query') || opts.parts.has('process')) {
    studyDir = ensureStudy(SEARCH_COUNT, {env: ENV, log})
    if (opts.parts.has('query')) sections.push(queryReport(await queryPart(studyDir)))
    if (opts.parts.has('process')) sections.push(processReport(processPart(studyDir, opts), opts))
  }

  const lines = [
    `Measured ${new Date().toISOString().slice(0, 10)} on ${machineDescription()}; karavaan ${version}${gitDescription() ? ` (${gitDescription()})` : ''}, @oclif/core ${core}. ` +
      `Load average ${load.toFixed(1)} at the start and ${loadavg()[0].toFixed(1)} at the end (the machine is shared); ${((Date.now() - started) / 60_000).toFixed(1)} minutes in all.`,
  ]
  if (studyDir) lines.push('', describeData(studyDir))
  for (const section of sections) lines.push('', ...section.text)
  lines.push('', 'Goals:', '', ...sections.flatMap((s) => s.goals))
  const text = lines.join('\n')
  console.log(`\n${text}\n`)
  if (opts.write) {
    writeSection('notes', text, {heading: 'Notes: import and search'})
    log(`${relative(process.cwd(), BENCHMARKS) || BENCHMARKS} bijgewerkt.`)
  }
}

await main()

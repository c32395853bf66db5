// The browser workspace (karavaan serve) on the 10,000- and 100,000-note studies: the time each
// page takes to answer, p50 and p95, measured over loopback from a client in this process (so it
// is the server's time plus a local round trip, an upper bound); the peak RSS of the serve process
// (VmHWM from /proc, after every page was asked for); and the time from starting the process to
// the first line it prints, which it prints once it listens (median of several whole-process runs).
// Studies come from bench/generate-notes.mjs and are built the first time.
// Overeenstemming is timed last, on a copy of the study into which a second coder's tags are read
// with `tag import` (every other note), so that the shared study stays as the other pages saw it.
//
//   node bench/serve.mjs                     both studies
//   node bench/serve.mjs --counts 10000      one
//   node bench/serve.mjs --write             and update the block in BENCHMARKS.md
//   node bench/serve.mjs --build DIR         another build (DIR/bin/run.js with its dist/), e.g. the one
//                                            before a change, on the same studies
import {spawn, spawnSync} from 'node:child_process'
import {cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {request} from 'node:http'
import {join} from 'node:path'

import {ensureStudy, secondCoderRows} from './generate-notes.mjs'
import {ENV, fail, KARAVAAN, median, out, parseOptions, percentile, writeSection} from './harness.mjs'

const USAGE = `node bench/serve.mjs [--counts 10000,100000] [--runs 40] [--starts 9] [--build DIR] [--write]

  --counts     studies (aantallen notities), gescheiden door komma's
  --runs       verzoeken per pagina (na 3 om op te warmen)
  --starts     keren dat serve helemaal opnieuw start, voor de starttijd
  --build      een andere build van de kit meten (DIR/bin/run.js), bijvoorbeeld die van vóór een wijziging
  --write      werk BENCHMARKS.md bij tussen <!-- bench:serve:start --> en <!-- bench:serve:end -->`

const {count, parsed} = parseOptions({build: {type: 'string'}, counts: {default: '10000,100000', type: 'string'}, starts: {default: '9', type: 'string'}}, USAGE)
const runs = parsed.runs === '15' ? 40 : count('runs', 5)
const starts = count('starts', 3)
const counts = parsed.counts.split(',').map(Number)
if (counts.some((n) => !Number.isInteger(n) || n < 1)) fail(`--counts moet een lijst van aantallen zijn, niet "${parsed.counts}".`)
const kit = parsed.build ? join(parsed.build, 'bin', 'run.js') : KARAVAAN
if (!existsSync(join(kit, '..', '..', 'dist', 'commands', 'serve.js'))) fail(parsed.build ? `in ${parsed.build} staat geen gebouwde kit (bin/run.js en dist/)` : 'bouw eerst de kit: npm run build')

const GOALS = {10_000: 150, 100_000: 300}
const AGREEMENT_UP_TO = 10_000
const RSS_GOAL_MIB = 250
const START_GOAL_MS = 1000

// A fresh checkout has no bench/out yet.
mkdirSync(out, {recursive: true})
// The coder the pages are for: with one set, the note page also works out the kit's suggestions.
const config = mkdtempSync(join(out, 'serve-config-'))
const env = {...ENV, XDG_CONFIG_HOME: config}
{
  const set = spawnSync(process.execPath, [kit, 'config', 'set', 'interviewer', 'anna'], {encoding: 'utf8', env})
  if (set.status !== 0) fail(`config set interviewer: ${set.stderr}`)
}

// A benchmark that stops on a failure (fail() exits) must not leave a server running.
const running = new Set()
process.on('exit', () => {
  for (const child of running) child.kill('SIGINT')
})

function startServe(study) {
  const started = process.hrtime.bigint()
  const child = spawn(process.execPath, [kit, 'serve', '--no-open', '--port', '0', '--study', study], {env, stdio: ['ignore', 'pipe', 'pipe']})
  running.add(child)
  child.once('exit', () => running.delete(child))
  let stderr = ''
  child.stderr.on('data', (chunk) => (stderr += chunk))
  return new Promise((resolve, reject) => {
    let stdout = ''
    child.stdout.on('data', (chunk) => {
      stdout += chunk
      if (!stdout.includes('\n')) return
      resolve({child, ms: Number(process.hrtime.bigint() - started) / 1e6, url: new URL(stdout.split('\n')[0])})
    })
    child.on('exit', (code) => reject(new Error(`serve stopte (${code}): ${stderr}`)))
  })
}

function stop(child) {
  return new Promise((resolve) => {
    child.removeAllListeners('exit')
    child.once('exit', resolve)
    child.kill('SIGINT')
  })
}

function get(port, path, cookie) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint()
    const req = request({agent: false, headers: {cookie: cookie ?? '', host: `127.0.0.1:${port}`}, host: '127.0.0.1', path, port}, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk) => (body += chunk))
      res.on('end', () => resolve({body, headers: res.headers, ms: Number(process.hrtime.bigint() - started) / 1e6, status: res.statusCode}))
    })
    req.on('error', reject)
    req.end()
  })
}

/** VmHWM: the most resident memory the process has had, in KiB. */
function peakRss(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN)
}

/**
 * For Overeenstemming: a copy of the study (the shared one stays as the other benches expect it)
 * with a second coder, joost, read in with `tag import` as a user would: he codes every other
 * note, with the interviewer's narratives, each dropped and each missing one added with a chance
 * of 15%, so the page has thousands of notes to compare and hundreds of differences.
 */
function agreementStudy(studyCount, study) {
  const dir = join(out, `serve-agreement-${studyCount}`)
  rmSync(dir, {force: true, recursive: true})
  cpSync(study, dir, {recursive: true})
  const rows = secondCoderRows(studyCount)
  const csv = join(dir, '.tweede-codeur.csv')
  writeFileSync(csv, `${rows.join('\n')}\n`)
  const imported = spawnSync(process.execPath, [kit, 'tag', 'import', csv, '--study', dir], {encoding: 'utf8', env, maxBuffer: 64 * 1024 * 1024})
  if (imported.status !== 0) fail(`tag import: ${imported.stderr}`)
  return dir
}

/** Times each case: `runs` requests after 3 to warm up, round robin over its paths. */
async function measure(port, cookie, cases) {
  const rows = []
  for (const c of cases) {
    const times = []
    let first
    for (let i = 0; i < runs + 3; i++) {
      const path = c.paths[i % c.paths.length]
      const answer = await get(port, path, cookie)
      if (answer.status !== 200) fail(`${path} gaf ${answer.status}`)
      first ??= answer.ms
      if (i >= 3) times.push(answer.ms)
    }

    // The first request of a page is shown apart: nothing of it is in SQLite's or our caches yet.
    rows.push({first, name: c.name, p50: percentile(times, 50), p95: percentile(times, 95), report: Boolean(c.report)})
  }

  return rows
}

/** Overeenstemming on the copy with a second coder: the figures and a page of differences side by side. */
async function agreementPages(studyCount, study) {
  const served = await startServe(agreementStudy(studyCount, study))
  const port = Number(served.url.port)
  const entry = await get(port, served.url.pathname + served.url.search)
  const cookie = String(entry.headers['set-cookie']).split(';')[0]
  const path = '/overeenstemming?codeur=interviewer&codeur=joost'
  const check = await get(port, path, cookie)
  if (!/\d+ verschil/.test(check.body)) fail('Overeenstemming toonde geen verschillen; de tweede codeur is niet ingelezen')
  const last = Number(/Pagina 1 van (\d+)/.exec(check.body)?.[1] ?? 1)
  const rows = await measure(port, cookie, [
    {name: 'Overeenstemming, interviewer en tweede codeur (eerste pagina)', paths: [path]},
    {name: 'Overeenstemming, een middelste en de laatste pagina verschillen', paths: [`${path}&pagina=${Math.ceil(last / 2)}`, `${path}&pagina=${last}`]},
  ])
  await stop(served.child)
  return rows
}

async function pages(studyCount) {
  const study = ensureStudy(studyCount, {log: (line) => console.error(line)})
  const served = await startServe(study)
  const port = Number(served.url.port)
  const entry = await get(port, served.url.pathname + served.url.search)
  const cookie = String(entry.headers['set-cookie']).split(';')[0]
  // Notes to open: from the list, spread over the study (first page, a middle page, the last).
  const list = async (path) => [...(await get(port, path, cookie)).body.matchAll(/href="\/notities\/([\da-f-]{36})"/g)].map((m) => m[1])
  const middle = Math.ceil(studyCount / 50 / 2)
  const ids = [...(await list('/notities')), ...(await list(`/notities?pagina=${middle}`)), ...(await list(`/notities?pagina=${Math.ceil(studyCount / 50)}`))]
  if (ids.length === 0) fail('de lijst gaf geen notities')
  // Findings to open: the generated study has none, so a few are made once, backed by notes of the list.
  const cli = (...args) => spawnSync(process.execPath, [kit, ...args, '--study', study], {encoding: 'utf8', env})
  const listed = cli('finding', 'list', '--json')
  if (listed.status !== 0) fail(`finding list: ${listed.stderr}`)
  const findingIds = JSON.parse(listed.stdout).map((f) => f.id)
  if (findingIds.length === 0) {
    for (let i = 0; i < 3; i++) {
      const added = cli('finding', 'add', '--title', `Bevinding ${i + 1} voor de benchmark`, '--theme', 'voorzieningen', ...ids.slice(i * 5, i * 5 + 5).flatMap((id) => ['--note', id]), '--json')
      if (added.status !== 0) fail(`finding add: ${added.stderr}`)
      findingIds.push(JSON.parse(added.stdout).id)
    }
  }

  const cases = [
    {name: 'Overzicht', paths: ['/']},
    {name: 'Notities, eerste pagina', paths: ['/notities']},
    {name: 'Notities, middelste pagina', paths: [`/notities?pagina=${middle}`]},
    {name: 'Notities, gefilterd (halteplaats, thema)', paths: ['/notities?halteplaats=wendelo&thema=voorzieningen']},
    {name: 'Zoeken, veelvoorkomend woord', paths: ['/notities?zoek=gemeente']},
    {name: 'Zoeken, woordgroep en filter', paths: ['/notities?zoek=%22nooit+meer+iets%22&halteplaats=kanaalzone']},
    {name: 'Eén notitie (met suggesties)', paths: ids.map((id) => `/notities/${id}`)},
    {name: 'Bevindingen, de lijst', paths: ['/bevindingen']},
    {name: 'Eén bevinding (met onderbouwing)', paths: findingIds.map((id) => `/bevindingen/${id}`)},
    {name: 'Eén bevinding, onderbouwing zoeken', paths: findingIds.map((id) => `/bevindingen/${id}?zoek=gemeente`)},
    // The first visit makes the queue (every note's suggestions); it is timed apart below.
    {name: 'Taggen, een notitie uit de wachtrij', paths: ['/taggen?nr=2', '/taggen?nr=40', '/taggen?nr=1']},
    // Analyse counts every note once and keeps that until the database changes: "first" is the count.
    {name: 'Analyse, matrix (narratieven per halteplaats)', paths: ['/analyse']},
    {name: 'Analyse, matrix (thema\'s per interviewer)', paths: ['/analyse?rijen=interviewer&kolommen=themas']},
    {name: 'Analyse, passages van een cel', paths: ['/analyse/passages?narratief=onzichtbare-burger&halteplaats=wendelo', '/analyse/passages?thema=voorzieningen&groep=ouderen', '/analyse/passages?narratief=ongehoorde-burger&pagina=2']},
    {name: 'Analyse, verschillen', paths: ['/analyse/verschillen']},
    {name: 'Reflectiegesprekken, per halteplaats', paths: ['/reflectiegesprekken']},
    {name: 'Adviezen, per doelgroep', paths: ['/adviezen']},
    // The Rapport page fills in the whole template (the report of the whole study) once, then keeps it until the
    // choice or the data change: "first" is the report made, p50/p95 the page kept; its own line below.
    {name: 'Rapport, eindrapport met voorbeeld', paths: ['/rapport'], report: true},
    {name: 'Rapport, halteplaats met voorbeeld', paths: ['/rapport?sjabloon=halteplaats&halteplaats=wendelo'], report: true},
    {name: 'Context en planning: contextcijfers', paths: ['/context']},
    {name: 'Context en planning: planning', paths: ['/context/planning']},
    {name: 'Samenwerken (conflicten, bundel maken en inlezen)', paths: ['/samenwerken']},
  ]
  // Taggen: the first visit starts the queue, made between requests; wait until it is whole.
  const queueStart = process.hrtime.bigint()
  const first = await get(port, '/taggen', cookie)
  if (first.status !== 200) fail(`/taggen gaf ${first.status}`)
  const firstMs = first.ms
  for (;;) {
    const answer = await get(port, '/taggen', cookie)
    if (!answer.body.includes('De kit zoekt nog')) break
    await new Promise((resolve) => setTimeout(resolve, 250))
  }

  const queueMs = Number(process.hrtime.bigint() - queueStart) / 1e6
  const rows = await measure(port, cookie, cases)
  const rss = peakRss(served.child.pid)
  await stop(served.child)
  const startTimes = []
  for (let i = 0; i < starts; i++) {
    const again = await startServe(study)
    startTimes.push(again.ms)
    await stop(again.child)
  }

  // On a copy of the study with a second coder, after the rest: the pages above see the shared study as before.
  // Only up to 10,000 notes, the issue's size: reading 50,000 notes of a second coder with `tag import` takes
  // longer than the whole benchmark (more than 11 minutes of CPU; see BENCHMARKS.md).
  if (studyCount <= AGREEMENT_UP_TO) rows.push(...(await agreementPages(studyCount, study)))
  return {count: studyCount, firstMs, queueMs, rows, rss, start: median(startTimes)}
}

const results = []
for (const n of counts) {
  console.error(`serve: ${n} notities …`)
  results.push(await pages(n))
}

const fmt = (ms) => `${ms.toFixed(ms < 10 ? 1 : 0)} ms`
const lines = []
lines.push(`Measured on ${new Date().toISOString().slice(0, 10)}${parsed.build ? ` with the build in ${parsed.build}` : ''}, ${runs} requests per page after 3 to warm up (\"first\": the very first request of that page, before any warm-up); the time is that of the whole answer over loopback.`, '')
lines.push(`| page | ${results.map((r) => `${r.count.toLocaleString('en')} notes p50 | p95 | first`).join(' | ')} |`)
lines.push(`|---|${results.map(() => '---:|---:|---:').join('|')}|`)
for (let i = 0; i < results[0].rows.length; i++) {
  lines.push(`| ${results[0].rows[i].name} | ${results.map((r) => (r.rows[i] ? `${fmt(r.rows[i].p50)} | ${fmt(r.rows[i].p95)} | ${fmt(r.rows[i].first)}` : '– | – | –')).join(' | ')} |`)
}

lines.push('')
for (const r of results) {
  const goal = GOALS[r.count]
  const worst = Math.max(...r.rows.filter((row) => !row.report).map((row) => row.p95))
  const report = Math.max(...r.rows.filter((row) => row.report).map((row) => row.p95))
  lines.push(`- ${r.count.toLocaleString('en')} notes: slowest p95 ${fmt(worst)}${goal ? ` (goal < ${goal} ms: ${worst < goal ? 'met' : 'NOT met'})` : ''}; peak RSS of serve ${(r.rss / 1024).toFixed(0)} MiB (goal < ${RSS_GOAL_MIB} MiB: ${r.rss / 1024 < RSS_GOAL_MIB ? 'met' : 'NOT met'}); start to listening, median of ${starts} whole-process runs: ${fmt(r.start)} (goal < ${START_GOAL_MS} ms: ${r.start < START_GOAL_MS ? 'met' : 'NOT met'}); the Rapport page made anew (the whole report filled in; no goal at this size, the example study's goal < 2 s is bench/serve-report.mjs) ${fmt(Math.max(...r.rows.filter((row) => row.report).map((row) => row.first)))}, kept p95 ${fmt(report)}; Taggen's first page answered in ${fmt(r.firstMs)}, and its queue (every note's suggestions, made between requests) was whole after ${(r.queueMs / 1000).toFixed(1)} s (no goal; once per session).`)
}

const text = lines.join('\n')
console.log(text)
if (parsed.write && !parsed.build) writeSection('serve', text, {heading: 'The browser workspace: karavaan serve (issue 17)'})

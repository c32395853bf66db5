// The Rapport page of the browser workspace on the example study: the time from asking for the
// page to having both the page and the report's HTML in its frame (two requests, as a browser
// makes them), per template, p50 and p95 over loopback. Goal: < 2 s. The study is the example
// study, built as `npm run demo` builds it, in bench/out/serve-report/.
//
//   node bench/serve-report.mjs             15 rounds per template
//   node bench/serve-report.mjs --runs 3    a quick check
import {spawn, spawnSync} from 'node:child_process'
import {cpSync, existsSync, mkdirSync, rmSync} from 'node:fs'
import {request} from 'node:http'
import {join} from 'node:path'

import {ENV, fail, KARAVAAN, out, parseOptions, percentile, root} from './harness.mjs'

const USAGE = `node bench/serve-report.mjs [--runs 15]

  --runs       keren per sjabloon (na 2 om op te warmen)`

const {count} = parseOptions({}, USAGE)
const runs = count('runs', 1)
const GOAL_MS = 2000
if (!existsSync(join(root, 'dist', 'commands', 'serve.js'))) fail('bouw eerst de kit: npm run build')

const example = join(root, 'examples', 'voorbeeldstudie')
const study = join(out, 'serve-report', 'voorbeeldstudie')
rmSync(join(out, 'serve-report'), {force: true, recursive: true})
mkdirSync(study, {recursive: true})
for (const part of ['study.yaml', 'inbox']) cpSync(join(example, part), join(study, part), {recursive: true})
for (const args of [
  ['context', 'import', join(example, 'context.csv')],
  ['plan', 'import', join(example, 'plan.csv')],
  ['import'],
  ['tag', 'import', join(example, 'tags-tweede-codeur.csv')],
  ['material', 'import', ...['bevindingen.yaml', 'reflecties.yaml', 'adviezen.yaml'].map((file) => join(example, file))],
]) {
  const result = spawnSync(process.execPath, [KARAVAAN, ...args, '--study', study], {encoding: 'utf8', env: ENV})
  if (result.status !== 0) fail(`${args.join(' ')}: ${result.stderr}`)
}

const child = spawn(process.execPath, [KARAVAAN, 'serve', '--no-open', '--port', '0', '--study', study], {env: ENV, stdio: ['ignore', 'pipe', 'pipe']})
process.on('exit', () => child.kill('SIGINT'))
const url = await new Promise((resolve, reject) => {
  let stdout = ''
  child.stdout.on('data', (chunk) => {
    stdout += chunk
    if (stdout.includes('\n')) resolve(new URL(stdout.split('\n')[0]))
  })
  child.on('exit', (code) => reject(new Error(`serve stopte (${code})`)))
})
const port = Number(url.port)

function get(path, cookie = '') {
  return new Promise((resolve, reject) => {
    const req = request({agent: false, headers: {cookie, host: `127.0.0.1:${port}`}, host: '127.0.0.1', path, port}, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk) => (body += chunk))
      res.on('end', () => resolve({body, headers: res.headers, status: res.statusCode}))
    })
    req.on('error', reject)
    req.end()
  })
}

const entry = await get(url.pathname + url.search)
const cookie = String(entry.headers['set-cookie']).split(';')[0]
// A session keeps its last preview until the choice or the data change, so the templates take
// turns: every round makes each preview anew, as after an edit.
const QUERIES = ['sjabloon=eindrapport', 'sjabloon=halteplaats&halteplaats=wendelo', 'sjabloon=spiegel&halteplaats=wendelo', 'sjabloon=veldwerk']
const times = new Map(QUERIES.map((query) => [query, []]))
for (let i = 0; i < runs + 2; i++) {
  for (const query of QUERIES) {
    const started = process.hrtime.bigint()
    const page = await get(`/rapport?${query}`, cookie)
    const frame = /<iframe[^>]* src="([^"]+)"/.exec(page.body)?.[1]?.replaceAll('&amp;', '&')
    if (page.status !== 200 || !frame) fail(`/rapport?${query} gaf ${page.status} zonder voorbeeld`)
    const preview = await get(frame, cookie)
    if (preview.status !== 200 || !preview.body.includes('<h1')) fail(`${frame} gaf ${preview.status}`)
    if (i >= 2) times.get(query).push(Number(process.hrtime.bigint() - started) / 1e6)
  }
}

const rows = QUERIES.map((query) => ({p50: percentile(times.get(query), 50), p95: percentile(times.get(query), 95), query}))
const fmt = (ms) => `${ms.toFixed(0)} ms`
console.log(`| Rapport (voorbeeldstudie) | p50 | p95 |\n|---|---:|---:|`)
for (const row of rows) console.log(`| ${row.query} | ${fmt(row.p50)} | ${fmt(row.p95)} |`)
const worst = Math.max(...rows.map((row) => row.p95))
console.log(`\nslowest p95 ${fmt(worst)} (goal < ${GOAL_MS} ms: ${worst < GOAL_MS ? 'met' : 'NOT met'})`)
// The server's pipes would keep this process alive.
child.kill('SIGINT')

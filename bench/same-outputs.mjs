// Proves that a change of the kit's code changes none of its outputs: bundles, CSV/XLSX tables,
// REFI-QDA, reports and the --json of the read commands are compared byte for byte between a
// `before` kit and this checkout (`after`), on the example study.
//
//   npm run bench:same-outputs -- --base main          a temporary worktree of main is `before`
//   npm run bench:same-outputs -- --before ../karavaan a built checkout is `before`
//   node bench/same-outputs.mjs --before DIR --after DIR   two given kits (the same one twice shows
//                                                      what differs between two runs of one kit)
//
// The example study is built once, by the before-kit as scripts/demo.mjs builds it, and copied
// once per kit, so both read the same ids. Each kit runs on its copy at the same path, with the
// same emptied home folders, writing into the same folder, so no path needs normalising.
// Everything is left in bench/out/same-outputs/ to look at: the study as built, and each kit's copy
// and outputs in before/ and after/. Exit 1 when anything differs, 2 when the comparison could not
// be made. A --base worktree left by an interrupted run is removed by the next run.
import {spawnSync} from 'node:child_process'
import {cpSync, existsSync, mkdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync} from 'node:fs'
import {dirname, join, relative, resolve} from 'node:path'
import {fileURLToPath} from 'node:url'
import {parseArgs} from 'node:util'
import {parse} from 'yaml'

import {firstDifference, readParts} from './same-outputs-compare.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const work = join(root, 'bench', 'out', 'same-outputs')
const baseTree = join(root, 'bench', 'out', 'same-outputs-base')
const stage = join(work, 'stage')
const studyDir = join(stage, 'voorbeeldstudie')
const outDir = join(stage, 'uitvoer')
const home = join(work, 'home')
// A fixed report date: without --date the report says "today", which is input, not a moment.
const DATE = '2026-12-18'
const PASSPHRASE = 'een wachtwoordzin voor de vergelijking'

const USAGE = `Gebruik: node bench/same-outputs.mjs (--before MAP | --base REV) [--after MAP] [--no-build]

  --before MAP  een gebouwde checkout van de kit van vóór de wijziging
  --base REV    maak een tijdelijke worktree op REV (bijv. main), bouw die en gebruik hem als --before
  --after MAP   de kit van na de wijziging (standaard deze checkout, die eerst wordt gebouwd)
  --no-build    bouw deze checkout niet eerst`

class Stop extends Error {}
const stop = (message) => {
  throw new Stop(message)
}

const log = (message) => process.stderr.write(`same-outputs: ${message}\n`)

function options() {
  let values
  try {
    values = parseArgs({options: {after: {type: 'string'}, base: {type: 'string'}, before: {type: 'string'}, help: {short: 'h', type: 'boolean'}, 'no-build': {type: 'boolean'}}}).values
  } catch (error) {
    stop(`${error.message}\n\n${USAGE}`)
  }

  if (values.help) {
    console.log(USAGE)
    process.exit(0)
  }

  if (Boolean(values.before) === Boolean(values.base)) stop(`geef --before MAP of --base REV (één van beide).\n\n${USAGE}`)
  return values
}

function exec(command, args, cwd) {
  const result = spawnSync(command, args, {cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe']})
  if (result.status !== 0) stop(`${command} ${args.join(' ')} gaf exitcode ${result.status ?? result.signal}:\n${result.stderr}${result.stdout}`)
  return result.stdout.trim()
}

function build(dir) {
  log(`bouwt ${relative(root, dir) || '.'}`)
  exec(process.execPath, [join(dir, 'scripts', 'build.mjs')], dir)
}

function checkBuilt(dir, flag) {
  for (const part of ['bin/run.js', 'dist/commands', 'oclif.manifest.json']) {
    if (!existsSync(join(dir, part))) stop(`${flag} ${dir}: ${part} ontbreekt; is dit een gebouwde checkout van de kit? (npm run build)`)
  }

  return resolve(dir)
}

/** A worktree at rev under bench/out/, sharing this checkout's node_modules, built. */
function makeBaseTree(rev) {
  // A worktree left by an interrupted run is removed first.
  removeBaseTree()
  const found = spawnSync('git', ['rev-parse', '--verify', '--quiet', `${rev}^{commit}`], {cwd: root, encoding: 'utf8'})
  if (found.status !== 0) stop(`--base ${rev}: geen commit of branch met die naam in ${root}.`)
  const commit = found.stdout.trim()
  log(`maakt een worktree van ${rev} (${commit.slice(0, 7)}) in ${relative(root, baseTree)}`)
  mkdirSync(dirname(baseTree), {recursive: true})
  exec('git', ['worktree', 'add', '--detach', baseTree, commit], root)
  symlinkSync(realpathSync(join(root, 'node_modules')), join(baseTree, 'node_modules'))
  build(baseTree)
  return baseTree
}

function removeBaseTree() {
  if (existsSync(baseTree)) spawnSync('git', ['worktree', 'remove', '--force', baseTree], {cwd: root, stdio: 'ignore'})
  rmSync(baseTree, {force: true, recursive: true})
  spawnSync('git', ['worktree', 'prune'], {cwd: root, stdio: 'ignore'})
}

/** The same environment for both kits: no settings of the caller, home folders emptied per kit. */
function kitEnv() {
  const env = {...process.env}
  for (const key of ['KARAVAAN_STUDY', 'KARAVAAN_PASSPHRASE', 'DEBUG', 'NODE_DEBUG', 'NODE_OPTIONS']) delete env[key]
  for (const kind of ['cache', 'config', 'data']) env[`XDG_${kind.toUpperCase()}_HOME`] = join(home, kind)
  env.KARAVAAN_CACHE_DIR = join(home, 'cache', 'karavaan')
  return env
}

function karavaan(kit, args, {env = {}} = {}) {
  const result = spawnSync(process.execPath, [join(kit, 'bin', 'run.js'), ...args, '--study', studyDir], {
    cwd: stage,
    env: {...kitEnv(), ...env},
    maxBuffer: 256 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  return {status: result.status ?? result.signal, stderr: result.stderr.toString(), stdout: result.stdout}
}

function mustRun(kit, args) {
  const result = karavaan(kit, args)
  if (result.status !== 0) stop(`karavaan ${args.join(' ')} (${kit}) gaf exitcode ${result.status}:\n${result.stderr}`)
  return result.stdout.toString()
}

/** The example study as scripts/demo.mjs makes it, by the before-kit; and the ids the show commands need. */
function buildStudy(kit) {
  log('bouwt de voorbeeldstudie met de kit van vóór')
  const example = join(kit, 'examples', 'voorbeeldstudie')
  mkdirSync(studyDir, {recursive: true})
  for (const part of ['study.yaml', 'inbox']) cpSync(join(example, part), join(studyDir, part), {recursive: true})
  mustRun(kit, ['context', 'import', join(example, 'context.csv')])
  mustRun(kit, ['plan', 'import', join(example, 'plan.csv')])
  mustRun(kit, ['import'])
  mustRun(kit, ['tag', 'import', join(example, 'tags-tweede-codeur.csv')])
  mustRun(kit, ['material', 'import', ...['bevindingen.yaml', 'reflecties.yaml', 'adviezen.yaml'].map((file) => join(example, file))])
  const first = (topic) => {
    const list = JSON.parse(mustRun(kit, [topic, 'list', '--json']))
    if (list.length === 0) stop(`${topic} list van de voorbeeldstudie is leeg`)
    return list[0].id
  }

  const halteplaatsen = (parse(readFileSync(join(studyDir, 'study.yaml'), 'utf8')).halteplaatsen ?? []).map((h) => h.id)
  if (halteplaatsen.length === 0) stop('geen halteplaatsen gevonden in study.yaml')
  return {advice: first('advice'), finding: first('finding'), halteplaatsen, note: first('note'), reflect: first('reflect')}
}

/** Every output: a file the kit writes (kind plain, bundle or zip) or the stdout of a --json command. */
function outputs(ids) {
  const list = []
  const file = (name, kind, args, env) => list.push({args: [...args, '--out', join(outDir, name)], env, kind, name})
  const json = (name, args) => list.push({args: [...args, '--json'], kind: 'plain', name: `${name}.json`, stdout: true})

  file('bundel.karavaan', 'bundle', ['export', '--format', 'bundle'])
  file('bundel-sinds-2026-03-01.karavaan', 'bundle', ['export', '--format', 'bundle', '--since', '2026-03-01'])
  file('bundel-versleuteld.karavaan', 'bundle', ['export', '--format', 'bundle', '--encrypt'], {KARAVAAN_PASSPHRASE: PASSPHRASE})
  for (const what of ['notes', 'tags', 'matrix', 'coverage']) {
    file(`${what}.csv`, 'plain', ['export', '--format', 'csv', '--what', what])
    file(`${what}.xlsx`, 'zip', ['export', '--format', 'xlsx', '--what', what])
  }

  file('notes-komma.csv', 'plain', ['export', '--format', 'csv', '--scheidingsteken', 'komma'])
  file('notes-tab.csv', 'plain', ['export', '--format', 'csv', '--scheidingsteken', 'tab'])
  file('alle-tabellen.xlsx', 'zip', ['export', '--format', 'xlsx'])
  file('project.qdpx', 'zip', ['export', '--format', 'qdpx'])
  file('codeboek.qdc', 'plain', ['export', '--format', 'qdc'])

  const reports = [
    ['eindrapport', []],
    ['eindrapport-concept', ['--draft']],
    ...ids.halteplaatsen.map((id) => [`halteplaats-${id}`, ['--template', 'halteplaats', '--halteplaats', id]]),
    ['veldwerk', ['--template', 'veldwerk']],
  ]
  for (const [name, args] of reports) {
    for (const format of ['md', 'html', 'pdf']) {
      const template = args.includes('--template') ? [] : ['--template', 'eindrapport']
      file(`${name}.${format}`, 'plain', ['report', ...template, ...args, '--format', format, '--date', DATE])
    }
  }

  json('status', ['status'])
  json('note-list', ['note', 'list'])
  json('note-list-deleted', ['note', 'list', '--deleted'])
  json('note-show', ['note', 'show', ids.note])
  json('note-history', ['note', 'history', ids.note])
  json('finding-list', ['finding', 'list'])
  json('finding-show', ['finding', 'show', ids.finding])
  json('finding-history', ['finding', 'history', ids.finding])
  json('reflect-list', ['reflect', 'list'])
  json('reflect-show', ['reflect', 'show', ids.reflect])
  json('advice-list', ['advice', 'list'])
  json('advice-show', ['advice', 'show', ids.advice])
  json('tag-list', ['tag', 'list'])
  json('tag-agreement', ['tag', 'agreement'])
  for (const rows of ['halteplaats', 'group', 'interviewer']) {
    for (const cols of ['narrative', 'theme']) json(`analyse-matrix-${rows}-${cols}`, ['analyse', 'matrix', '--rows', rows, '--cols', cols])
  }

  for (const narrative of [1, 2, 3, 4, 5]) json(`analyse-quotes-${narrative}`, ['analyse', 'quotes', '--narrative', String(narrative)])
  json('analyse-compare', ['analyse', 'compare'])
  json('context-list', ['context', 'list'])
  json('plan', ['plan'])
  json('conflicts', ['conflicts'])
  json('method-show', ['method', 'show'])
  return list
}

/** Lets one kit write every output from its own copy, at the shared stage path; returns the exit codes. */
function produce(kit, side, list) {
  const folder = join(work, side)
  renameSync(join(folder, 'voorbeeldstudie'), studyDir)
  mkdirSync(outDir, {recursive: true})
  rmSync(home, {force: true, recursive: true})
  const status = {}
  try {
    for (const [i, output] of list.entries()) {
      if (i % 10 === 0) log(`${side}: ${i}/${list.length}`)
      const result = karavaan(kit, output.args, {env: output.env})
      status[output.name] = result.status
      if (output.stdout) writeFileSync(join(outDir, output.name), result.stdout)
      // Without the before-kit's output there is nothing to compare against.
      if (result.status !== 0 && side === 'before') stop(`de kit van vóór faalde: karavaan ${output.args.join(' ')} gaf exitcode ${result.status}:\n${result.stderr}`)
      if (result.status !== 0) log(`${side}: karavaan ${output.args.join(' ')} gaf exitcode ${result.status}: ${result.stderr.trim().split('\n')[0]}`)
    }
  } finally {
    renameSync(studyDir, join(folder, 'voorbeeldstudie'))
    renameSync(outDir, join(folder, 'uitvoer'))
  }

  return status
}

function compare(list, status) {
  const rows = []
  for (const output of list) {
    const files = ['before', 'after'].map((side) => join(work, side, 'uitvoer', output.name))
    const [b, a] = files.map((f) => (existsSync(f) ? statSync(f).size : undefined))
    const codes = [status.before[output.name], status.after[output.name]]
    let result
    let applied = []
    if (codes[1] !== 0 || a === undefined) {
      result = `DIFFERENT: exitcode ${codes[1]}${a === undefined ? ', no file' : ''}`
    } else {
      try {
        const [before, after] = files.map((f) => readParts(f, output.kind, {passphrase: PASSPHRASE}))
        applied = [...new Set([...before.applied, ...after.applied])]
        const where = firstDifference(before.parts, after.parts)
        result = where ? `DIFFERENT: ${where}` : 'same'
      } catch (error) {
        result = `DIFFERENT: cannot read (${error.message})`
      }
    }

    rows.push([output.name, String(b), String(a ?? '–'), result, applied.join('; ') || '–'])
  }

  return rows
}

function print(rows) {
  const header = ['output', 'bytes before', 'bytes after', 'result', 'normalised']
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)))
  const line = (cells) => cells.map((c, i) => (i === 1 || i === 2 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd()
  console.log(line(header))
  console.log(line(widths.map((w) => '-'.repeat(w))))
  for (const row of rows) console.log(line(row))
}

function main() {
  const started = process.hrtime.bigint()
  const opts = options()
  let before
  try {
    before = opts.base ? makeBaseTree(opts.base) : checkBuilt(opts.before, '--before')
    if (!opts.after && !opts['no-build']) build(root)
    const after = opts.after ? checkBuilt(opts.after, '--after') : checkBuilt(root, 'deze checkout')
    rmSync(work, {force: true, recursive: true})
    mkdirSync(stage, {recursive: true})
    const ids = buildStudy(before)
    for (const side of ['before', 'after']) cpSync(studyDir, join(work, side, 'voorbeeldstudie'), {recursive: true})
    renameSync(studyDir, join(work, 'voorbeeldstudie'))
    const list = outputs(ids)
    const status = {}
    for (const [side, kit] of [['before', before], ['after', after]]) status[side] = produce(kit, side, list)
    const rows = compare(list, status)
    print(rows)
    const different = rows.filter((r) => r[3] !== 'same').length
    const seconds = Number(process.hrtime.bigint() - started) / 1e9
    console.log(`\nbefore: ${opts.base ? `${opts.base} (${exec('git', ['rev-parse', '--short', 'HEAD'], before)})` : before}; after: ${after}`)
    console.log(`${rows.length} outputs, ${different === 0 ? 'all the same' : `${different} DIFFERENT`}; ${seconds.toFixed(0)} s. Files: ${relative(process.cwd(), work)}/{before,after}/uitvoer`)
    return different === 0 ? 0 : 1
  } finally {
    if (opts.base) removeBaseTree()
  }
}

try {
  process.exitCode = main()
} catch (error) {
  if (!(error instanceof Stop)) throw error
  console.error(`same-outputs: ${error.message}`)
  process.exitCode = 2
}

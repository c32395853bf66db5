// Makes large sets of note files for the benchmarks of bench/notes.mjs, and studies built from
// them with the CLI itself. Nothing here is committed: it all lives under bench/out/notes/.
//
//   node bench/generate-notes.mjs --count 10000           write the note files, print their folder
//   node bench/generate-notes.mjs --count 100000 --study  also import them into a study (reused when built)
//
// Both the folder of note files (bench/out/notes/notes-N) and the study (bench/out/notes/study-N)
// hold a small hidden marker, .bench-notes.json, with the count and GENERATOR_VERSION; they are
// reused while it matches, and made again otherwise. `import` skips hidden files.
//
// The notes are recombined from the 76 example notes (examples/voorbeeldstudie/inbox): each new
// note takes an example note of the same halteplaats as its model (group or activity, roles,
// themes, narratives, about as many paragraphs), draws that many paragraphs from all example notes
// of that halteplaats in a random order, and gets a date in the study period and an interviewer of
// the examples. Paragraphs stay whole, so the notes pass the personal-data guard as the examples do.
// A seeded PRNG makes the same count give the same files on every machine; the first N notes of a
// larger set are the N notes of a smaller one.
import {spawnSync} from 'node:child_process'
import {cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs'
import {dirname, join, relative} from 'node:path'
import {fileURLToPath} from 'node:url'
import {parseArgs} from 'node:util'
import {parse} from 'yaml'

import {ENV} from './harness.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const example = join(root, 'examples', 'voorbeeldstudie')
const KARAVAAN = join(root, 'bin', 'run.js')
export const NOTES_OUT = join(root, 'bench', 'out', 'notes')

/** Raise when the notes written change, so folders and studies made by an older version are rebuilt. */
export const GENERATOR_VERSION = 1
const SEED = 20_261_123
const MARKER = '.bench-notes.json'

/** mulberry32: small, fast, and the same sequence everywhere (the other benches draw with it too). */
export function prng(seed) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d_2b_79_f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

/** The Markdown files below a folder, in a fixed order. */
export function walk(dir) {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name)
      return statSync(path).isDirectory() ? walk(path) : name.endsWith('.md') ? [path] : []
    })
}

/**
 * The example study's notes with the narratives their interviewers gave them, for the quality
 * benches: `expected` the narratives, `group` the halteplaats (a fold), `title` the file.
 */
export function exampleNotes() {
  return walk(join(example, 'inbox')).map((file, i) => {
    const text = readFileSync(file, 'utf8').replaceAll('\r\n', '\n')
    const match = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text)
    const meta = parse(match[1])
    return {expected: meta.narratives ?? [], group: meta.halteplaats, id: i + 1, text: match[2], title: file.slice(root.length + 1)}
  })
}

/** The study the notes belong to, and the example notes as {meta, paragraphs}. */
export function exampleMaterial() {
  const study = parse(readFileSync(join(example, 'study.yaml'), 'utf8'))
  const notes = walk(join(example, 'inbox')).map((file) => {
    const text = readFileSync(file, 'utf8').replaceAll('\r\n', '\n')
    const match = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text)
    if (!match) throw new Error(`${file}: geen front matter`)
    const meta = parse(match[1])
    const paragraphs = match[2].trim().split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean)
    return {file, meta, paragraphs}
  })
  return {notes, study}
}

/** Turns a period end point into a Date; YAML may already have parsed it. */
const day = (value) => new Date(`${value instanceof Date ? value.toISOString().slice(0, 10) : String(value)}T00:00:00Z`)

function shuffle(items, random) {
  const copy = [...items]
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[copy[i], copy[j]] = [copy[j], copy[i]]
  }

  return copy
}

/** A non-empty random part of a list, in random order. */
function someOf(items, random) {
  if (items.length === 0) return []
  const keep = 1 + Math.floor(random() * items.length)
  return shuffle(items, random).slice(0, keep)
}

const flowList = (items) => `[${items.join(', ')}]`

/**
 * Yields `count` notes as {path, text}: path relative to the output folder
 * (halteplaats/YYYY-MM/DATE-GROUP-NNNNNN.md), text in the format of the example inbox.
 */
export function* noteFiles(count, seed = SEED) {
  const {notes, study} = exampleMaterial()
  const random = prng(seed)
  const places = study.halteplaatsen.map((h) => h.id)
  const team = new Set(study.team.map((m) => m.id))
  const interviewers = [...new Set(notes.map((n) => n.meta.interviewer))].filter((id) => team.has(id)).sort()
  const byPlace = new Map(places.map((id) => [id, notes.filter((n) => n.meta.halteplaats === id)]))
  for (const [id, list] of byPlace) if (list.length === 0) throw new Error(`geen voorbeeldnotities voor halteplaats ${id}`)
  // Most example notes end with what to follow up ("Opvolgen: …"); a new note gets at most one, last.
  const closing = (p) => /^(Opvolgen|Vervolg)\b/.test(p)
  const poolOf = new Map([...byPlace].map(([id, list]) => [id, list.flatMap((n) => n.paragraphs.filter((p) => !closing(p)))]))
  const closersOf = new Map([...byPlace].map(([id, list]) => [id, list.flatMap((n) => n.paragraphs.filter((p) => closing(p)))]))
  const start = day(study.period.start).getTime()
  const days = Math.round((day(study.period.end).getTime() - start) / 86_400_000) + 1
  const width = String(count).length

  for (let i = 0; i < count; i++) {
    const place = places[Math.floor(random() * places.length)]
    const models = byPlace.get(place)
    const modelNote = models[Math.floor(random() * models.length)]
    const model = modelNote.meta
    const pool = poolOf.get(place)
    const closers = closersOf.get(place)
    const closer = closers.length > 0 && modelNote.paragraphs.some((p) => closing(p)) ? closers[Math.floor(random() * closers.length)] : undefined
    // About as long as the model: its number of paragraphs, one more or one less.
    const paragraphCount = Math.min(pool.length, Math.max(2, modelNote.paragraphs.length + Math.floor(random() * 3) - 1 - (closer ? 1 : 0)))
    const paragraphs = []
    const used = new Set()
    while (paragraphs.length < paragraphCount) {
      const p = Math.floor(random() * pool.length)
      if (used.has(p)) continue
      used.add(p)
      paragraphs.push(pool[p])
    }

    if (closer) paragraphs.push(closer)

    const date = new Date(start + Math.floor(random() * days) * 86_400_000).toISOString().slice(0, 10)
    const kind = model.group ? 'group' : 'activity'
    const lines = [
      '---',
      `halteplaats: ${place}`,
      `${kind}: ${model[kind]}`,
      `date: ${date}`,
      `interviewer: ${interviewers[Math.floor(random() * interviewers.length)]}`,
    ]
    if (model.participants !== undefined) lines.push(`participants: ${Math.max(1, model.participants + Math.floor(random() * 5) - 2)}`)
    lines.push(
      `roles: ${flowList(someOf(model.roles ?? [], random))}`,
      `themes: ${flowList(someOf(model.themes ?? [], random))}`,
      `narratives: ${flowList(random() < 0.15 ? [] : someOf(model.narratives ?? [], random))}`,
      '---',
      paragraphs.join('\n\n'),
      '',
    )
    const name = `${date}-${model[kind]}-${String(i + 1).padStart(width, '0')}.md`
    yield {path: join(place, date.slice(0, 7), name), text: lines.join('\n')}
  }
}

function readMarker(dir) {
  try {
    return JSON.parse(readFileSync(join(dir, MARKER), 'utf8'))
  } catch {
    return undefined
  }
}

const upToDate = (marker, count) => marker?.count === count && marker?.generator === GENERATOR_VERSION

/**
 * The folder bench/out/notes/notes-N with N note files; written when missing or made by another
 * version of this generator, else reused. The marker is a hidden file, which `import` skips.
 */
export function ensureNoteFiles(count, {log = () => {}} = {}) {
  const dir = join(NOTES_OUT, `notes-${count}`)
  if (upToDate(readMarker(dir), count)) return dir
  rmSync(dir, {force: true, recursive: true})
  log(`${count} notities schrijven in ${relative(root, dir)} …`)
  const made = new Set()
  let bytes = 0
  for (const note of noteFiles(count)) {
    const folder = join(dir, dirname(note.path))
    if (!made.has(folder)) {
      mkdirSync(folder, {recursive: true})
      made.add(folder)
    }

    writeFileSync(join(dir, note.path), note.text)
    bytes += Buffer.byteLength(note.text)
  }

  writeFileSync(join(dir, MARKER), `${JSON.stringify({bytes, count, generator: GENERATOR_VERSION, seed: SEED}, null, 2)}\n`)
  return dir
}

/** Facts about a generated folder, from its marker: count, bytes. */
export function noteFilesInfo(dir) {
  return readMarker(dir)
}

/** A new, empty study: a folder with a copy of the example study.yaml (the database comes with the first command). */
export function freshStudy(dir) {
  rmSync(dir, {force: true, recursive: true})
  mkdirSync(dir, {recursive: true})
  cpSync(join(example, 'study.yaml'), join(dir, 'study.yaml'))
  return dir
}

/**
 * The study bench/out/notes/study-N with the N generated notes imported by `karavaan import`, as
 * a user would build it. Reused when its marker says it holds the N notes of this generator;
 * otherwise rebuilt (importing 100,000 notes takes two or three minutes). The import runs in the
 * clean home of the benchmarks (bench/harness.mjs), so no interviewer setting of yours ends up in it.
 */
export function ensureStudy(count, {env = ENV, log = () => {}} = {}) {
  const dir = join(NOTES_OUT, `study-${count}`)
  const marker = readMarker(dir)
  if (upToDate(marker, count) && existsSync(join(dir, 'karavaan.db'))) return dir
  const notes = ensureNoteFiles(count, {log})
  freshStudy(dir)
  log(`${count} notities inlezen in ${relative(root, dir)} met karavaan import …`)
  // Under GNU time where it exists, to note the peak memory of the import too.
  const rssFile = join(NOTES_OUT, `.import-${count}.rss`)
  const time = existsSync('/usr/bin/time') ? ['/usr/bin/time', '-f', '%M', '-o', rssFile] : []
  const command = [...time, process.execPath, KARAVAAN, 'import', notes, '--study', dir]
  const started = process.hrtime.bigint()
  const result = spawnSync(command[0], command.slice(1), {encoding: 'utf8', env, maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe']})
  const seconds = Number(process.hrtime.bigint() - started) / 1e9
  if (result.status !== 0) throw new Error(`karavaan import gaf exitcode ${result.status ?? result.signal}:\n${result.stderr.slice(0, 4000)}`)
  const summary = result.stdout.trim().split('\n').at(-1)
  if (!summary.includes(`${count} nieuw`)) throw new Error(`karavaan import las niet ${count} nieuwe notities in: ${summary}`)
  const peakKiB = time.length > 0 ? Number(readFileSync(rssFile, 'utf8').trim()) || undefined : undefined
  rmSync(rssFile, {force: true})
  writeFileSync(join(dir, MARKER), `${JSON.stringify({count, generator: GENERATOR_VERSION, importSeconds: Number(seconds.toFixed(1)), peakKiB, seed: SEED}, null, 2)}\n`)
  log(`${summary} (${seconds.toFixed(1)} s)`)
  return dir
}

/** Facts about a built study, from its marker: count, import time. */
export function studyInfo(dir) {
  return readMarker(dir)
}

function main() {
  const {values} = parseArgs({options: {count: {default: '10000', type: 'string'}, study: {type: 'boolean'}}})
  const count = Number(values.count)
  if (!Number.isInteger(count) || count < 1) {
    console.error(`generate-notes: --count moet een positief geheel getal zijn, niet "${values.count}".`)
    process.exit(1)
  }

  const log = (message) => console.error(`generate-notes: ${message}`)
  console.log(values.study ? ensureStudy(count, {log}) : ensureNoteFiles(count, {log}))
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main()

const NARRATIVE_IDS = ['onzichtbare-overheid', 'onzichtbare-burger', 'ongelijke-behandeling', 'ongehoorde-burger', 'ervaren-incompetentie']

/**
 * The rows of a second coder's CSV (note,code,coder) for the generated study of `count` notes:
 * joost codes every other note, by the path it was imported from, with the interviewer's
 * narratives, each dropped and each missing one added with a chance of 15%.
 */
export function secondCoderRows(count) {
  const notesDir = ensureNoteFiles(count)
  const random = prng(20_261_203)
  const rows = ['note,code,coder']
  let i = 0
  for (const note of noteFiles(count)) {
    if (i++ % 2 === 1) continue
    const given = (/^narratives: \[(.*)\]$/m.exec(note.text)?.[1] ?? '').split(',').map((n) => n.trim()).filter(Boolean)
    const coded = NARRATIVE_IDS.filter((n) => (given.includes(n) ? random() >= 0.15 : random() < 0.15))
    const source = join(notesDir, note.path)
    rows.push(...(coded.length > 0 ? coded.map((code) => `"${source}",${code},joost`) : [`"${source}",,joost`]))
  }

  return rows
}

// The learning curve of the study model (issue 14): train on k coded notes, measure the
// suggestions (cues and model together, as `tag suggest` makes them) on the rest, for several k.
//
//   npm run build && npm run bench:learning-curve           the three sets' tune parts, the tables
//   npm run bench:learning-curve -- --write                  also put them in BENCHMARKS.md
//   npm run bench:learning-curve -- --final                  third-hand held-out part only (run ONCE)
//   npm run bench:learning-curve -- --final-study            the fourth-hand study, 260 notes (read once on 2026-12-03, now a tune set: --set fourth)
//   npm run bench:learning-curve -- --final-fifth            the fifth-hand study, 260 notes (read once on 2026-12-04, now a tune set: --set fifth)
//   npm run bench:learning-curve -- --final-sixth            the sixth-hand study, 260 notes (read once on 2026-12-04; now in the corpus)
//   npm run bench:learning-curve -- --final-seventh          the seventh-hand study, 260 notes (run ONCE)
//   … -- --lambda 0.1 --min 5 --mindf 2 --nocues --no-rejections   the model's settings (tune data only)
//
// (a) examples/voorbeeldstudie: its 76 notes with the narratives the interviewers gave them in
//     their front matter. One halteplaats is left out at a time (4 folds); k notes are drawn
//     from the other three (at most 57) and the 19 notes of the left-out one are measured.
// (b) test/fixtures/tagging/second-hand.tsv: all 258 fragments (its held-out part was read once
//     for the cold start and may now be tuned on): k rows are drawn, the others are measured.
// (c) test/fixtures/tagging/third-hand.tsv (400 fragments by two new writers): during development
//     only its tune part (id % 5 in {0, 1, 3}: 240 rows). The held-out rows are dropped before
//     their text is kept; only --final reads them, and then only them: k of the 160 held-out rows
//     are drawn to train on, the other held-out rows are measured (aggregate figures only).
// (d) test/fixtures/tagging/fourth-hand-study.tsv: 260 notes of one invented study by a writer
//     who saw nothing of the kit, where local issues recur as they do in a real study. Read once
//     with --final-study (2026-12-03), then tuned on (2026-12-04): now a tune set (--set fourth).
// (e) test/fixtures/tagging/fifth-hand-study.tsv: 260 notes of another invented study by another
//     writer who saw nothing of the kit, committed before any code read it. Never tuned on: only
//     --final-fifth reads it, once; k notes drawn, the other notes measured; its k = 0 row is the
//     cold start (cues and frames alone). Read once (2026-12-04); since then a tune set (--set fifth).
// (f) test/fixtures/tagging/sixth-hand-study.tsv: 260 notes of a third invented study by yet
//     another writer who saw nothing of the kit, committed before any code read it. Only
//     --final-sixth reads it, once, after every change of the day. Read once (2026-12-04), then
//     put in the corpus.
// (g) test/fixtures/tagging/seventh-hand-study.tsv: 260 notes of a fourth invented study, the same
//     way; not in the corpus. Only --final-seventh reads it, once.
//
// The study model learns from the kit's corpus (methods/karavaan.corpus.tsv, every set above but
// the seventh) and the k coded notes, which weigh STUDY_WEIGHT times; the set being measured is
// left out of the corpus (--no-corpus: the k notes alone, as before the corpus).
//
// A coded note is simulated as a coder would leave it after tag review: its narratives, and a
// rejection of every cue suggestion on it that is not one of them (--no-rejections: without).
// Every k is drawn REPEATS times with a fixed seed; the counts are summed over draws and folds.
// Each row measures the cues alone and cues with the model on the same notes, so that the two
// precisions can be compared directly; k = 0 is the cold start.
import {existsSync, readFileSync} from 'node:fs'
import {dirname, join, resolve} from 'node:path'
import {fileURLToPath, pathToFileURL} from 'node:url'
import {parseArgs} from 'node:util'

import {exampleNotes, prng} from './generate-notes.mjs'
import {writeSection} from './harness.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const {values: flags} = parseArgs({
  options: {
    dist: {default: join(root, 'dist'), type: 'string'},
    final: {type: 'boolean'},
    'final-fifth': {type: 'boolean'},
    'final-sixth': {type: 'boolean'},
    'final-seventh': {type: 'boolean'},
    'final-study': {type: 'boolean'},
    ks: {type: 'string'},
    lambda: {type: 'string'},
    min: {type: 'string'},
    mindf: {type: 'string'},
    nocues: {type: 'boolean'},
    nolists: {type: 'boolean'},
    'no-corpus': {type: 'boolean'},
    'no-rejections': {type: 'boolean'},
    repeats: {default: '10', type: 'string'},
    set: {type: 'string'},
    write: {type: 'boolean'},
  },
})
const dist = resolve(flags.dist)
if (!existsSync(join(dist, 'tagging', 'model.js'))) {
  console.error(`${join(dist, 'tagging', 'model.js')} ontbreekt: draai eerst \`npm run build\`.`)
  process.exit(1)
}

const load = (file) => import(pathToFileURL(join(dist, file)).href)
const {NarrativeModel, trainModel} = await load('tagging/model.js')
const {suggestNarratives} = await load('tagging/suggest.js')
const {combineSuggestions} = await load('tagging/combine.js')
const {cueReader} = await load('tagging/study-model.js')
const {rejectionExamples} = await load('tagging/training.js')
const {modelLists} = await load('tagging/model-lists.js')
const {withCorpus} = await load('tagging/corpus.js')
const {parseMethodText} = await load('method/load.js')
const methodFile = join(root, 'methods', 'karavaan.yaml')
const method = parseMethodText(readFileSync(methodFile, 'utf8'), methodFile)
const NARRATIVES = method.narratives.map((n) => n.id)
const REPEATS = Number(flags.repeats)
// What the cues find in a text, read once per text: every training reads the corpus again.
const readCues = cueReader(method)
const cueCache = new Map()
const cachedCues = (text) => {
  let reading = cueCache.get(text)
  if (!reading) cueCache.set(text, (reading = readCues(text)))
  return reading
}
const trainOptions = {...(flags.nocues ? {} : {cues: cachedCues}), ...(flags.nolists ? {} : {lists: modelLists(method)}), ...(flags.mindf ? {minDocuments: Number(flags.mindf)} : {}), ...(flags.lambda ? {lambda: Number(flags.lambda)} : {}), ...(flags.min ? {minExamples: Number(flags.min)} : {})}

// --- the sets -------------------------------------------------------------------------------------

/** The rows of a tagging set, with only those of one part of it; the others are dropped before their text is kept. */
function tsvRows(file, keep) {
  const [header, ...lines] = readFileSync(join(root, 'test', 'fixtures', 'tagging', file), 'utf8').trimEnd().split('\n')
  const columns = header.split('\t')
  const rows = []
  for (const line of lines) {
    const id = Number(line.slice(0, line.indexOf('\t')))
    if (!keep(id)) continue
    const row = Object.fromEntries(line.split('\t').map((value, i) => [columns[i], value]))
    rows.push({expected: row.narratives ? row.narratives.split(',').map((s) => s.trim()) : [], id, text: row.text})
  }

  return rows
}

const heldOut = (id) => id % 5 === 2 || id % 5 === 4

// --- drawing, training, measuring ----------------------------------------------------------------

function shuffled(items, seed) {
  const random = prng(seed)
  const out = [...items]
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[out[i], out[j]] = [out[j], out[i]]
  }

  return out
}

/**
 * The decisions of coded items as training examples: every narrative, yes or no, and the cue
 * suggestions the coder rejected in tag review (those not among the item's narratives).
 */
function examplesOf(items) {
  const out = []
  for (const item of items) {
    const group = String(item.id)
    for (const n of NARRATIVES) out.push({group, label: item.expected.includes(n) ? 1 : 0, narrative: n, text: item.text, whole: true})
    if (flags['no-rejections']) continue
    const rejected = suggestNarratives(item.text, method).filter((s) => !item.expected.includes(s.narrative))
    out.push(...rejectionExamples(rejected.map((s) => ({narrative: s.narrative, note: group, sentence: s.sentence}))))
  }

  return out
}

function emptyCounts() {
  return Object.fromEntries([...NARRATIVES, 'micro'].map((k) => [k, {fn: 0, fp: 0, tp: 0}]))
}

/** Which narratives the kit suggests for a text: the cues alone (no model), or cues and model as tag suggest combines them. */
function suggested(text, model) {
  return new Set(combineSuggestions(text, method, model).map((s) => s.narrative))
}

function count(counts, items, model) {
  for (const item of items) {
    const got = suggested(item.text, model)
    for (const n of NARRATIVES) {
      const want = item.expected.includes(n)
      const has = got.has(n)
      const key = want && has ? 'tp' : has ? 'fp' : want ? 'fn' : undefined
      if (!key) continue
      counts[n][key]++
      counts.micro[key]++
    }
  }
}

/** The corpus sets (methods/karavaan.corpus.tsv) of the fixture files: a set measured is left out of what the model learns from. */
const CORPUS_SET = {'fifth-hand-study.tsv': 'vijfde', 'fourth-hand-study.tsv': 'vierde', 'second-hand.tsv': 'tweede', 'sixth-hand-study.tsv': 'zesde', 'third-hand.tsv': 'derde'}
/** The sets left out of the corpus for the curve being measured. */
let corpusExcept = []

function modelOf(train) {
  if (train.length === 0 && flags['no-corpus']) return undefined
  const examples = flags['no-corpus'] ? examplesOf(train) : withCorpus(examplesOf(train), NARRATIVES, {except: corpusExcept})
  const model = new NarrativeModel(trainModel(examples, NARRATIVES, trainOptions))
  return model.active ? model : undefined
}

/**
 * One row of the curve: over every fold and draw, k items to train on and the rest measured,
 * with the cues alone and with cues and model on the same items; counts summed.
 */
function point(splits, k) {
  const cues = emptyCounts()
  const both = emptyCounts()
  let active = 0
  let kUsed = 0
  for (const {test, train} of splits) {
    const model = modelOf(train)
    kUsed = train.length
    active += model ? model.narratives.length : 0
    count(cues, test, undefined)
    count(both, test, model)
  }

  return {active: active / splits.length, cues, both, k: kUsed}
}

const prf = ({fn, fp, tp}) => {
  const p = tp + fp === 0 ? undefined : tp / (tp + fp)
  const r = tp + fn === 0 ? undefined : tp / (tp + fn)
  const f = p === undefined || r === undefined || p + r === 0 ? undefined : (2 * p * r) / (p + r)
  return {f, p, r}
}

const fmt = (x) => (x === undefined ? '–' : x.toFixed(2))

function curveTable(points) {
  const lines = [
    '| k coded notes | narratives with a model | cues alone P | R | F1 | cues + model P | R | **F1** | ' + NARRATIVES.map((_, i) => `F1 ${i + 1}`).join(' | ') + ' |',
    `|---:|---:|---:|---:|---:|---:|---:|---:|${NARRATIVES.map(() => '---:|').join('')}`,
  ]
  for (const pt of points) {
    const c = prf(pt.cues.micro)
    const m = prf(pt.both.micro)
    lines.push(`| ${pt.k} | ${pt.active.toFixed(1)} | ${fmt(c.p)} | ${fmt(c.r)} | ${fmt(c.f)} | ${fmt(m.p)} | ${fmt(m.r)} | **${fmt(m.f)}** | ${NARRATIVES.map((n) => fmt(prf(pt.both[n]).f)).join(' | ')} |`)
  }

  return lines.join('\n')
}

const KS = (flags.ks ?? (flags.final ? '0,25,50,100' : '0,25,50,100,200')).split(',').map(Number)

/** Draws of k training items from a pool; k = 0 needs one draw only. */
function draws(pool, k, seed) {
  return Array.from({length: k === 0 || k >= pool.length ? 1 : REPEATS}, (_, r) => shuffled(pool, seed + r + 1).slice(0, k))
}

/** (a) One halteplaats left out at a time; k notes drawn from the other three. */
function exampleCurve() {
  corpusExcept = []
  const notes = exampleNotes()
  const places = [...new Set(notes.map((n) => n.group))].sort()
  const ks = [...new Set(KS.map((k) => Math.min(k, notes.length - Math.max(...places.map((p) => notes.filter((n) => n.group === p).length)))))]
  return ks.map((k) => point(places.flatMap((place, f) => draws(notes.filter((n) => n.group !== place), k, 1000 * f).map((train) => ({test: notes.filter((n) => n.group === place), train}))), k))
}

/** k rows of a pool drawn to train on, the pool's other rows measured; the pool's own set is left out of the corpus. */
function withinCurve(pool, file) {
  corpusExcept = file && CORPUS_SET[file] ? [CORPUS_SET[file]] : []
  return KS.filter((k) => k < pool.length).map((k) => point(draws(pool, k, 0).map((train) => ({test: pool.filter((row) => !train.includes(row)), train})), k))
}

const started = Date.now()
/** A set read once (--final, --final-study, --final-fifth, --final-sixth): k of its rows drawn to train on, the others measured, in aggregate only. */
function finalCurve(file, keep, heading) {
  const rows = tsvRows(file, keep)
  console.log(`${heading(rows.length)}; k of them drawn to train on, the others measured (aggregate).\n`)
  console.log(curveTable(withinCurve(rows, file)))
  console.error(`(${((Date.now() - started) / 1000).toFixed(1)} s)`)
  process.exit(0)
}

if (flags.final) finalCurve('third-hand.tsv', heldOut, (n) => `Third-hand set, final: the ${n} held-out rows only`)
if (flags['final-fifth']) finalCurve('fifth-hand-study.tsv', () => true, (n) => `Fifth-hand study, final: all ${n} notes`)
if (flags['final-seventh']) finalCurve('seventh-hand-study.tsv', () => true, (n) => `Seventh-hand study, final: all ${n} notes`)
if (flags['final-sixth']) finalCurve('sixth-hand-study.tsv', () => true, (n) => `Sixth-hand study, final: all ${n} notes`)
if (flags['final-study']) finalCurve('fourth-hand-study.tsv', () => true, (n) => `Fourth-hand study, final: all ${n} notes`)

const wanted = (name) => !flags.set || flags.set.split(',').includes(name)
const example = wanted('example') ? curveTable(exampleCurve()) : undefined
const second = wanted('second') ? curveTable(withinCurve(tsvRows('second-hand.tsv', () => true), 'second-hand.tsv')) : undefined
const third = wanted('third') ? curveTable(withinCurve(tsvRows('third-hand.tsv', (id) => !heldOut(id)), 'third-hand.tsv')) : undefined
const fourth = wanted('fourth') ? curveTable(withinCurve(tsvRows('fourth-hand-study.tsv', () => true), 'fourth-hand-study.tsv')) : undefined
const fifth = wanted('fifth') ? curveTable(withinCurve(tsvRows('fifth-hand-study.tsv', () => true), 'fifth-hand-study.tsv')) : undefined
const sixth = wanted('sixth') ? curveTable(withinCurve(tsvRows('sixth-hand-study.tsv', () => true), 'sixth-hand-study.tsv')) : undefined
const setting = [flags.lambda && `lambda ${flags.lambda}`, flags.min && `min ${flags.min}`, flags.mindf && `mindf ${flags.mindf}`, flags.nocues && 'no cue features', flags.nolists && 'no word-list features', flags['no-rejections'] && 'no rejections', flags['no-corpus'] && 'no corpus'].filter(Boolean).join(', ')
const section = `Measured with \`npm run bench:learning-curve\` on ${new Date().toISOString().slice(0, 10)}${setting ? ` (${setting})` : ''}; ${REPEATS} draws per k, counts summed over draws (and folds). Each coded note is what a coder leaves after \`tag review\`: its narratives, and a rejection of each cue suggestion on it that is not one of them. Each row gives the cues alone and the cues with the model **on the same notes**; P, R and F1 are micro over the five narratives, F1 1–5 per narrative with the model. "Narratives with a model" is the mean over draws: at the cold start, or when cross-validation on the k coded notes finds that the model adds nothing, it is 0 and the suggestions are the cues' own.
${example ? `
**(a) The example study**, \`examples/voorbeeldstudie\`: 76 whole notes with the narratives their interviewers gave them. One halteplaats is left out at a time (4 folds of 19 notes); k notes are drawn from the other three, so k stops at 57.

${example}
` : ''}${second ? `
**(b) The second-hand set**, \`test/fixtures/tagging/second-hand.tsv\`, all 258 fragments (the cues were tuned on them): k rows are drawn to train on, the other rows are measured.

${second}
` : ''}${third ? `
**(c) The third-hand set**, \`test/fixtures/tagging/third-hand.tsv\`, tune part only (240 fragments, id % 5 in {0, 1, 3}): k rows are drawn to train on, the other tune rows are measured. Its held-out rows (160) are read once, with \`--final\` (below).

${third}
` : ''}${fourth ? `
**(d) The fourth-hand study**, \`test/fixtures/tagging/fourth-hand-study.tsv\`, all 260 notes (read once with \`--final-study\` on 2026-12-03, since then tuned on): k notes are drawn to train on, the other notes are measured.

${fourth}
` : ''}${fifth ? `
**(e) The fifth-hand study**, \`test/fixtures/tagging/fifth-hand-study.tsv\`, all 260 notes (read once with \`--final-fifth\` on 2026-12-04, since then tuned on): k notes are drawn to train on, the other notes are measured.

${fifth}
` : ''}${sixth ? `
**(f) The sixth-hand study**, \`test/fixtures/tagging/sixth-hand-study.tsv\`, all 260 notes (read once with \`--final-sixth\` on 2026-12-04, then put in the corpus; here left out of it): k notes are drawn to train on, the other notes are measured.

${sixth}
` : ''}`
console.log(section)
if (flags.write) writeSection('learning-curve', section, {heading: 'Study model: learning curve'})
console.error(`(${((Date.now() - started) / 1000).toFixed(1)} s)`)

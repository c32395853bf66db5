// Speed and memory of the study model (src/tagging/model.ts, issue 14):
//
//   npm run build && node bench/model.mjs                 train on 10,000 coded notes, suggest on 100,000 notes
//   node bench/model.mjs --part train                     only the training
//   node bench/model.mjs --part command                   only `karavaan tag suggest --json` on the 100,000-note study
//   node bench/model.mjs --write                          also put the table in BENCHMARKS.md
//   node bench/model.mjs --part command --before DIR      the command rows against an older build (DIR/bin/run.js, e.g. a
//                                                         `git worktree` of main, built), in turn, with the ratio new/old
//
// The notes come from bench/generate-notes.mjs (paragraphs of the example notes recombined, with
// narratives in their front matter drawn from the example note they follow): the training uses
// the first 10,000 as coded notes, as the store would hand them over; `suggest` runs
// combineSuggestions (cues and model) on 100,000 in one thread. The command part runs the CLI
// on bench/out/notes/study-100000 (made by `node bench/generate-notes.mjs --count 100000 --study`):
// the first run trains the model (the study's coded notes are capped at 10,000) and writes
// narratiefmodel.json, the next runs read it. Medians of RUNS runs; peak RSS from /usr/bin/time.
import {spawnSync} from 'node:child_process'
import {existsSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {cpus} from 'node:os'
import {join} from 'node:path'
import {performance} from 'node:perf_hooks'
import {pathToFileURL} from 'node:url'
import {parseArgs} from 'node:util'

import {noteFiles, NOTES_OUT} from './generate-notes.mjs'
import {ENV, KARAVAAN, median, root, writeSection} from './harness.mjs'

const {values: flags} = parseArgs({
  options: {
    before: {type: 'string'},
    notes: {default: '100000', type: 'string'},
    part: {type: 'string'},
    runs: {default: '3', type: 'string'},
    train: {default: '10000', type: 'string'},
    write: {type: 'boolean'},
  },
})
const RUNS = Number(flags.runs)
const dist = join(root, 'dist')
const load = (file) => import(pathToFileURL(join(dist, file)).href)
const {NarrativeModel, trainModel} = await load('tagging/model.js')
const {combineSuggestions} = await load('tagging/combine.js')
const {suggestNarratives} = await load('tagging/suggest.js')
const {cueReader} = await load('tagging/study-model.js')
const {corpusTexts, withCorpus} = await load('tagging/corpus.js')
const {modelLists} = await load('tagging/model-lists.js')
const {parseMethodText} = await load('method/load.js')
const methodFile = join(root, 'methods', 'karavaan.yaml')
const method = parseMethodText(readFileSync(methodFile, 'utf8'), methodFile)
const NARRATIVES = method.narratives.map((n) => n.id)

/** A generated note file as the store holds it: the body and the narratives of its front matter. */
function parseNote(file) {
  const end = file.text.indexOf('\n---\n', 4)
  const narratives = /^narratives: \[(.*)\]$/m.exec(file.text.slice(0, end))[1]
  return {narratives: narratives ? narratives.split(',').map((s) => s.trim()) : [], text: file.text.slice(end + 5)}
}

const rows = []
const mib = (bytes) => Math.round(bytes / 1024 / 1024)
const seconds = (ms) => (ms / 1000).toFixed(2)

let model
if (!flags.part || flags.part === 'train' || flags.part === 'suggest') {
  const count = Number(flags.train)
  const notes = [...noteFiles(count)].map(parseNote)
  // As tag suggest trains: the kit's corpus, and the coded notes weighing more (corpus.ts), with the method's word lists.
  const examples = withCorpus(notes.flatMap((note, i) => NARRATIVES.map((n) => ({group: String(i), label: note.narratives.includes(n) ? 1 : 0, narrative: n, text: note.text, whole: true}))), NARRATIVES)
  const lists = modelLists(method)
  const times = []
  const cpuTimes = []
  const cpu = () => {
    const {system, user} = process.cpuUsage()
    return (system + user) / 1000
  }

  let data
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now()
    const busy = cpu()
    data = trainModel(examples, NARRATIVES, {cues: cueReader(method), lists})
    times.push(performance.now() - started)
    cpuTimes.push(cpu() - busy)
  }

  // A retraining after a tag changed: what the cues found in the coded notes is kept in the
  // model file by note version (study-model.ts), so only the fit and its cross-validation run.
  const read = cueReader(method)
  const readings = new Map([...notes.map((note) => note.text), ...corpusTexts().map((c) => c.text)].map((text) => [text, read(text)]))
  const again = []
  const againCpu = []
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now()
    const busy = cpu()
    trainModel(examples, NARRATIVES, {cues: (text) => readings.get(text) ?? read(text), lists})
    again.push(performance.now() - started)
    againCpu.push(cpu() - busy)
  }

  const size = JSON.stringify(data).length
  // On these notes the narratives of the front matter are drawn at random, so cross-validation
  // rightly finds nothing to add; to time predictions with every narrative in use, the model
  // for the suggest rows keeps its weights and gets an operating point that adds suggestions.
  model = new NarrativeModel(busiest(trainModel(examples, NARRATIVES, {cues: cueReader(method), keepWeights: true})))
  const active = new NarrativeModel(data).narratives.length
  rows.push(`| train on ${count.toLocaleString('en')} coded notes, the first time (the cues read every note) | ${seconds(median(times))} s | ${times.map(seconds).join(', ')} s (CPU ${cpuTimes.map(seconds).join(', ')} s) | ${mib(process.memoryUsage().rss)} MiB RSS after | ${data.features.length.toLocaleString('en')} features, ${active} narratives after cross-validation, file ${(size / 1024 / 1024).toFixed(1)} MB |`)
  rows.push(`| train again on ${count.toLocaleString('en')} coded notes after a tag changed (what the cues found kept by note version) | ${seconds(median(again))} s | ${again.map(seconds).join(', ')} s (CPU ${againCpu.map(seconds).join(', ')} s) | | |`)
}

if (!flags.part || flags.part === 'suggest') {
  const count = Number(flags.notes)
  const body = (text) => text.slice(text.indexOf('\n---\n', 4) + 5)
  const texts = []
  for (const file of noteFiles(count)) texts.push(body(file.text))
  for (const text of texts.slice(0, 200)) combineSuggestions(text, method, model)
  const time = (fn) => {
    const started = performance.now()
    let made = 0
    for (const text of texts) made += fn(text).length
    return {made, ms: performance.now() - started}
  }

  const cuesAlone = time((text) => suggestNarratives(text, method))
  const both = time((text) => combineSuggestions(text, method, model))
  rows.push(`| suggest on ${count.toLocaleString('en')} notes, one thread: cues alone | ${seconds(cuesAlone.ms)} s | | | ${cuesAlone.made.toLocaleString('en')} suggestions |`)
  rows.push(`| suggest on ${count.toLocaleString('en')} notes, one thread: cues and model (${model.narratives.length} narratives) | ${seconds(both.ms)} s | | | ${both.made.toLocaleString('en')} suggestions |`)
}

if (!flags.part || flags.part === 'command') {
  const study = join(NOTES_OUT, 'study-100000')
  if (!existsSync(join(study, 'karavaan.db'))) {
    console.error(`${study} ontbreekt: maak hem met node bench/generate-notes.mjs --count 100000 --study`)
    process.exit(1)
  }

  const timeBin = existsSync('/usr/bin/time') ? ['/usr/bin/time', '-f', '%U %S %M'] : []
  const runCommand = (args, karavaan = KARAVAAN) => {
    const started = performance.now()
    const [bin, ...rest] = timeBin.length > 0 ? [...timeBin, process.execPath, karavaan, ...args] : [process.execPath, karavaan, ...args]
    const result = spawnSync(bin, rest, {cwd: study, encoding: 'utf8', env: ENV, maxBuffer: 1 << 30, stdio: ['ignore', 'ignore', 'pipe']})
    const ms = performance.now() - started
    if (result.status !== 0) throw new Error(`${args.join(' ')}: ${result.stderr}`)
    const [user, system, kib] = result.stderr.trim().split('\n').at(-1).split(' ').map(Number)
    return {cpu: Number.isFinite(user + system) ? (user + system) * 1000 : undefined, kib: Number.isFinite(kib) ? kib : undefined, ms}
  }

  if (flags.before) {
    // The older build and this one in turn (old, new, old, new …): the machine's speed drifts less
    // between two neighbouring runs than over the whole measurement, so the ratio is what compares.
    const before = join(flags.before, 'bin', 'run.js')
    const compare = (name, args) => {
      const old = []
      const now = []
      for (let run = 0; run < RUNS; run++) {
        old.push(runCommand(args, before))
        now.push(runCommand(args))
      }

      const ratio = (key) => median(now.map((r, i) => r[key] / old[i][key])).toFixed(2)
      const cell = (runs, key, unit) => `${seconds(median(runs.map((r) => r[key])))} ${unit}`
      rows.push(`| ${name} | old ${cell(old, 'ms', 's')} (CPU ${cell(old, 'cpu', 's')}), new ${cell(now, 'ms', 's')} (CPU ${cell(now, 'cpu', 's')}) | new/old wall ${ratio('ms')}, CPU ${ratio('cpu')} | old ${Math.round(median(old.map((r) => r.kib)) / 1024)} MiB, new ${Math.round(median(now.map((r) => r.kib)) / 1024)} MiB peak RSS | |`)
    }

    compare('`tag suggest --json`, 100,000 notes, the model read from its file', ['tag', 'suggest', '--json'])
    compare('`tag suggest --json --no-model`, 100,000 notes (cues alone)', ['tag', 'suggest', '--json', '--no-model'])
    console.log(rows.join('\n'))
    process.exit(0)
  }

  const line = (name, runs) => {
    const ms = runs.map((r) => r.ms)
    const kib = runs.map((r) => r.kib).filter((k) => k !== undefined)
    rows.push(`| ${name} | ${seconds(median(ms))} s | ${ms.map(seconds).join(', ')} s | ${kib.length > 0 ? `${Math.round(median(kib) / 1024)} MiB peak RSS` : ''} | |`)
  }

  const trained = []
  for (let run = 0; run < RUNS; run++) {
    rmSync(join(study, 'narratiefmodel.json'), {force: true})
    trained.push(runCommand(['tag', 'suggest', '--json']))
  }

  line('`tag suggest --json`, 100,000 notes, the model trained first (no model file; 10,000 of the coded notes)', trained)
  line('`tag suggest --json`, 100,000 notes, the model read from its file', Array.from({length: RUNS}, () => runCommand(['tag', 'suggest', '--json'])))
  // The generated notes carry narratives drawn at random, so cross-validation rightly turns the model
  // off there. The worst case for speed is a model for all five narratives: write one, trained
  // on the same coded notes with its weights kept and an operating point that adds suggestions, with the stamp of the study's coding.
  const activeFile = await writeActiveModel(study)
  line(`\`tag suggest --json\`, 100,000 notes, a model for all five narratives (${activeFile})`, Array.from({length: RUNS}, () => runCommand(['tag', 'suggest', '--json'])))
  line('`tag suggest --json --no-model`, 100,000 notes (cues alone)', Array.from({length: RUNS}, () => runCommand(['tag', 'suggest', '--json', '--no-model'])))
}

/** A model that takes part wherever it can: the worst case for speed and for the number of suggestions. */
function busiest(data) {
  return {...data, operating: {add: 0, keep: -2}}
}

/** Writes narratiefmodel.json for the study: a model of every narrative, up to date with its coding. */
async function writeActiveModel(dir) {
  const {loadStudy} = await load('study/load.js')
  const {openStore} = await load('store/open.js')
  const {MAX_TRAINING_NOTES, trainingExamples, trainingPlan, trainingStamp} = await load('tagging/training.js')
  const study = await loadStudy(dir)
  const store = openStore(dir, study.id)
  try {
    const plan = trainingPlan(store.tags.trainingRecords(MAX_TRAINING_NOTES), study.methodDefinition, [])
    const texts = store.tags.trainingTexts(plan.notes.map((n) => n.id))
    const stamp = trainingStamp(store.tags.trainingCounter(), study.methodDefinition)
    const data = busiest(trainModel(trainingExamples(plan, NARRATIVES, texts), NARRATIVES, {cues: cueReader(study.methodDefinition), keepWeights: true}))
    const file = join(dir, 'narratiefmodel.json')
    writeFileSync(file, JSON.stringify({format: 'karavaan-studiemodel', model: data, notes: plan.notes.length, stamp, study: study.id, trainedAt: new Date().toISOString()}), {mode: 0o600})
    return `${data.narratives.filter((n) => n.weights).length} narratives, ${(JSON.stringify(data).length / 1024 / 1024).toFixed(1)} MB`
  } finally {
    store.close()
  }
}

const cpu = cpus()[0]?.model.split(' ').slice(0, 2).join(' ') ?? 'unknown CPU'
const section = `Measured with \`node bench/model.mjs\` on ${new Date().toISOString().slice(0, 10)} (${cpu}, ${cpus().length} cores, Node ${process.version}); medians of ${RUNS} runs.

| what | median | runs | memory | |
|---|---:|---|---|---|
${rows.join('\n')}`
console.log(section)
if (flags.write) writeSection('model', section, {heading: 'Study model: speed and memory'})

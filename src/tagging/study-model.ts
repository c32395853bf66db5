import {existsSync, readFileSync, statSync} from 'node:fs'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'

import {writePrivateFile} from '../fs/private.js'
import type {Method} from '../method/schema.js'
import type {Store} from '../store/store.js'
import type {Rejection} from '../model/rejection.js'
import {cueReading} from './combine.js'
import {corpusTexts, withCorpus} from './corpus.js'
import {modelLists} from './model-lists.js'
import {type CueReading, MODEL_FORMAT, MODEL_VERSION, type ModelData, NarrativeModel, trainModel} from './model.js'
import {suggestNarratives} from './suggest.js'
import {MAX_TRAINING_NOTES, methodDigest, trainingExamples, trainingPlan, trainingStamp} from './training.js'

/*
 * The model of one study lives in its folder, beside the database: owner-only, like everything
 * there that is made of respondents' words (its features are words of the notes). Nothing that
 * leaves the laptop reads it: bundles carry study.yaml, the method and the records of the
 * database, exports and reports are made from the database. It is made again from the coding
 * whenever that changed, so losing it loses nothing.
 */

export const MODEL_FILE = 'narratiefmodel.json'

/** Larger files are not a model of this kit; they are made again. */
const MAX_FILE_BYTES = 64 * 1024 * 1024

/** What the study folder keeps. */
interface ModelFile {
  format: 'karavaan-studiemodel'
  /** Null while too few notes are coded (the cold start). */
  model: ModelData | null
  /** How many coded notes it learned from. */
  notes: number
  /**
   * What the cues found in each coded note, by note version, and in each text of the corpus, by
   * set and id, with the digest of the cues that found it: retraining after a tag changes reads
   * again only the notes that are new or changed. Narrative ids, scores and cue names only; no
   * words of the notes.
   */
  readings?: {digest: string; notes: Record<string, SavedReading>}
  /** The digest of the coding it learned from (trainingStamp). */
  stamp: string
  study: string
  trainedAt: string
}

/** A CueReading as the file keeps it: [narrative, score, cues] per narrative. */
type SavedReading = Array<[string, number, string[]]>

const saved = (reading: CueReading): SavedReading => [...reading].map(([narrative, {cues, score}]) => [narrative, score, [...cues]])
const restored = (reading: SavedReading): CueReading => new Map(reading.map(([narrative, score, cues]) => [narrative, {cues, score}]))

/** What the study's model is doing, for the command to tell the user. */
export interface StudyModelStatus {
  /** How many notes the team has coded (what the model learns from, besides the corpus). */
  coded: number
  /** How many texts of the kit's corpus it learned from (0 without a corpus). */
  corpus: number
  file: string
  /** The narratives that have a model, in the method's order. */
  narratives: string[]
  /** Whether it was trained in this call (the coding had changed), or read from the file. */
  retrained: boolean
}

export interface StudyModel {
  /** Undefined at the cold start: then suggestions come from the cues alone, as before. */
  model?: NarrativeModel
  status: StudyModelStatus
}

export function modelFile(study: {dir: string}): string {
  return join(study.dir, MODEL_FILE)
}

/** What the cues find in a text, below the threshold too: the model's cue features, and what its operating point is measured against. */
export function cueReader(method: Method): (text: string) => CueReading {
  return (text) => cueReading(suggestNarratives(text, method, {threshold: 0}))
}

/** What training on a study's coding gives: the model (null at the cold start), how many coded notes it learned from, and what the cues found in them. */
export interface Trained {
  data: ModelData | null
  notes: number
  readings: NonNullable<ModelFile['readings']>
}

/**
 * Trains on the coding in the store: at most MAX_TRAINING_NOTES coded notes, the newest. What
 * the cues found in a note is taken from `previous` when its version is there and the cues
 * are the same (most of the time of a retraining otherwise).
 */
export function trainStudyModel(store: Store, method: Method, rejections: Rejection[], previous?: ModelFile['readings']): Trained {
  const digest = methodDigest(method)
  const plan = trainingPlan(store.tags.trainingRecords(MAX_TRAINING_NOTES), method, rejections)
  const narratives = method.narratives.map((n) => n.id)
  // A study nobody has coded yet gets its model from the kit's corpus alone.
  if (plan.notes.length === 0 && corpusTexts().length === 0) return {data: null, notes: 0, readings: {digest, notes: {}}}
  const texts = store.tags.trainingTexts(plan.notes.map((n) => n.id))
  const known = previous?.digest === digest ? previous.notes : {}
  const read = cueReader(method)
  const byText = new Map<string, CueReading>()
  const readings: Record<string, SavedReading> = {}
  for (const note of plan.notes) {
    const text = texts.get(note.id)
    if (text === undefined || note.version === null) continue
    const kept = Object.hasOwn(known, note.version) ? restored(known[note.version]) : undefined
    const reading = kept ?? byText.get(text) ?? read(text)
    byText.set(text, reading)
    readings[note.version] = saved(reading)
  }

  // The corpus's texts too, by set and id: what the cues find in them changes only with the cues.
  for (const item of corpusTexts()) {
    const key = `korpus:${item.set}:${item.id}`
    const reading = (Object.hasOwn(known, key) ? restored(known[key]) : undefined) ?? byText.get(item.text) ?? read(item.text)
    byText.set(item.text, reading)
    readings[key] = saved(reading)
  }

  const data = trainModel(withCorpus(trainingExamples(plan, narratives, texts), narratives), narratives, {cues: (text) => byText.get(text) ?? read(text), lists: modelLists(method)})
  return {data: data.narratives.some((n) => n.weights !== null) ? data : null, notes: plan.notes.length, readings: {digest, notes: readings}}
}

/**
 * The model of a study, up to date with its coding: read from the study folder when the coding
 * is what it learned from (the store's training counter, one row), trained and written there
 * (0600) otherwise. A folder the kit may not write to gets no file; the model is then used for
 * this command only.
 */
export function studyModel(store: Store, study: StudyRef, options: {now?: Date} = {}): StudyModel {
  const prepared = prepare(store, study)
  if (prepared.fresh) return prepared.fresh
  return prepared.finish(trainStudyModel(store, study.methodDefinition, store.rejections.list(), prepared.previous), options.now)
}

/**
 * The same as studyModel, but training (when needed) runs in a process of its own with a store of
 * its own: what training takes in memory (some 200 MiB for 10,000 coded notes of a large study) is
 * given back when that process ends, before tag suggest starts the workers that match the notes,
 * instead of staying in this process beside them.
 */
export async function studyModelOffThread(store: Store, study: StudyRef): Promise<StudyModel> {
  const prepared = prepare(store, study)
  if (prepared.fresh) return prepared.fresh
  const {fork} = await import('node:child_process')
  // Not a worker thread: the memory a worker trained in (some 35 MiB on 10,000 coded notes) stayed
  // with this process after the worker ended, and took tag suggest past 400 MiB; a process gives
  // it back. It also writes the model file, so what the cues found in every coded note never
  // crosses over here, only the model does.
  const work: TrainWork = {dir: study.dir, keep: prepared.keep, method: study.methodDefinition, previous: prepared.previous, study: study.id}
  const child = fork(fileURLToPath(new URL('train-worker.js', import.meta.url)), [], {serialization: 'advanced', stdio: ['ignore', 'ignore', 'inherit', 'ipc']})
  const trained = await new Promise<Pick<Trained, 'data' | 'notes'>>((resolve, reject) => {
    child.once('message', (message) => resolve(message as Pick<Trained, 'data' | 'notes'>))
    child.once('error', reject)
    child.once('exit', (code) => reject(new Error(`The training process stopped (exit ${code}) before it answered.`)))
    child.send(work)
  })
  if (child.connected) child.disconnect()
  return prepared.use(trained.data, trained.notes, true)
}

/** What the training worker is given: the study, the readings it may reuse, and where and how to keep its result. */
export interface TrainWork {
  dir: string
  keep: Keep
  method: Method
  previous?: ModelFile['readings']
  study: string
}

/** Where a training's result is kept, and whether the study had a model file before. */
interface Keep {
  file: string
  hadFile: boolean
  stamp: string
  study: string
}

/**
 * Keeps what training gave in the study folder (0600). A study nobody has coded yet gets a file
 * only when the kit's corpus gave it a model; one that had a model gets the news that it has none
 * now. A folder on a read-only disk gets none: the model still serves this command.
 */
export function keepTrained({data, notes, readings}: Trained, keep: Keep, now = new Date()): void {
  if (notes === 0 && data === null && !keep.hadFile) return
  const content: ModelFile = {format: 'karavaan-studiemodel', model: data, notes, readings, stamp: keep.stamp, study: keep.study, trainedAt: now.toISOString()}
  try {
    writePrivateFile(keep.file, JSON.stringify(content))
  } catch {
    // See above: the model still serves this command.
  }
}

interface StudyRef {
  dir: string
  id: string
  methodDefinition: Method
}

/** What both ways need: the model from its file when it is fresh, else what training takes and how its result is kept. */
function prepare(store: Store, study: StudyRef): {finish: (trained: Trained, now?: Date) => StudyModel; fresh?: StudyModel; keep: Keep; previous?: ModelFile['readings']; use: (data: ModelData | null, coded: number, retrained: boolean) => StudyModel} {
  const method = study.methodDefinition
  const file = modelFile(study)
  // One row of the store: on a large study, the coding itself is read only to retrain.
  const stamp = trainingStamp(store.tags.trainingCounter(), method)
  const use = (data: ModelData | null, coded: number, retrained: boolean): StudyModel => {
    const model = data ? new NarrativeModel(data) : undefined
    const narratives = model?.active ? model.narratives : []
    return {model: model?.active ? model : undefined, status: {coded, corpus: corpusTexts().length, file, narratives, retrained}}
  }

  const kept = readModelFile(file, study.id)
  const keep: Keep = {file, hadFile: kept !== undefined, stamp, study: study.id}
  const finish = (trained: Trained, now = new Date()) => {
    keepTrained(trained, keep, now)
    return use(trained.data, trained.notes, true)
  }

  if (kept && kept.stamp === stamp) return {finish, fresh: use(kept.model, kept.notes, false), keep, use}
  return {finish, keep, previous: kept?.readings, use}
}

/** The model file of this study, or undefined when there is none or it is not one the kit can use (it is then made again). */
function readModelFile(file: string, studyId: string): ModelFile | undefined {
  try {
    if (!existsSync(file) || statSync(file).size > MAX_FILE_BYTES) return undefined
    const content = JSON.parse(readFileSync(file, 'utf8')) as Partial<ModelFile>
    if (content.format !== 'karavaan-studiemodel' || content.study !== studyId || typeof content.stamp !== 'string' || typeof content.notes !== 'number') return undefined
    const model = content.model
    if (model !== null && (model?.format !== MODEL_FORMAT || model.version !== MODEL_VERSION || !Array.isArray(model.features) || !Array.isArray(model.narratives))) return undefined
    return content as ModelFile
  } catch {
    return undefined
  }
}

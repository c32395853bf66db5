import {ListMatcher, type ModelList} from './model-lists.js'
import {chooseOperatingPoint, fitLogistic, type Folds, type Matrix, type OperatingPoint, type Problem} from './model-fit.js'
import {type ModelWord, PairTable, pairs as makesPair, scanWords, stemNumberOfStem, stemNumberOfWord, stemText, WordBuffer} from './model-words.js'
import {type SentenceRange, splitSentences} from './sentences.js'
import {FUNCTION_WORDS} from './stem.js'
import {DEFAULT_THRESHOLD} from './suggest.js'

export {decides, type OperatingPoint} from './model-fit.js'

/*
 * A small model per study, learned from the team's own coding: per narrative a logistic
 * regression over the Dutch stems and word pairs of a whole note, with L2 regularisation. It is small
 * enough to read: every weight belongs to a word or a pair of words, so a suggestion can say
 * which words of its sentence pushed it ("in deze studie vaak bij narratief 1: wachttijd").
 * It works on whole notes: trained and measured per sentence it found the narrative in many
 * neutral sentences of a note (bench/learning-curve.mjs). Plain computation on plain values:
 * no store, no files.
 */

/** One decision of the team: this text does (1) or does not (0) voice this narrative. */
export interface TrainingExample {
  /** The note it is about: cross-validation keeps a note's examples in one fold (default: the text). */
  group?: string
  label: 0 | 1
  narrative: string
  text: string
  /** A whole note (not a passage or a rejected sentence): what the operating point is measured on. */
  whole?: boolean
  /** How much the text counts (default 1; the largest of its examples' weights counts). */
  weight?: number
  /** A text of the kit's corpus, not of the study: the operating point is measured on the study's own once it has enough. */
  corpus?: boolean
}

/** What the cues found in a text, per narrative id: the score of its best sentence and the cues and frames that matched there. */
export type CueReading = ReadonlyMap<string, {cues: readonly string[]; score: number}>

export interface TrainOptions {
  /** L2 strength: larger keeps the weights closer to 0 (default DEFAULT_LAMBDA). */
  lambda?: number
  /** At most this many features, the most frequent first (default MAX_FEATURES). */
  maxFeatures?: number
  /** A feature must occur in this many training texts to be kept (default MIN_DOCUMENTS). */
  minDocuments?: number
  /** A narrative needs this many texts that voice it, and as many that do not, to get a model (default MIN_EXAMPLES). */
  minExamples?: number
  /**
   * What the cues find in a text (below the threshold too). With it, the cues and frames that
   * matched become features of their own (so the model learns which of them this study's coders
   * accept), and the operating point is chosen by cross-validation against the cues alone; when
   * the model adds nothing there, no narrative gets one.
   */
  cues?: (text: string) => CueReading
  /** Keep the weights even where cross-validation found the model adds nothing (for the benchmarks' diagnostics). */
  keepWeights?: boolean
  /** Folds of the cross-validation (default 5). */
  folds?: number
  /** The method's word lists (modelLists): each list a sentence hits is a feature of the note ("@loketten"). */
  lists?: readonly ModelList[]
}

/** What a trained model knows, as plain data: what the study folder keeps and a worker receives. */
export interface ModelData {
  format: typeof MODEL_FORMAT
  /** The features: a stem ("loket"), the stems of two adjacent words ("lang wacht"), a word list ("@loketten"), or what the cues found ("#cue:…"). */
  features: string[]
  /** The word lists the model was trained with, so that it reads new notes the same way. */
  lists: ModelList[]
  /** Where the model takes part, chosen by cross-validation (see OperatingPoint). */
  operating: OperatingPoint
  /** Per narrative id in the method's order: its weights, or null (too few examples, or cross-validation found it adds nothing to the cues). */
  narratives: Array<{bias: number; id: string; negatives: number; positives: number; weights: number[]} | {id: string; negatives: number; positives: number; weights: null}>
  version: typeof MODEL_VERSION
}

/** What the model says about one narrative in a text. */
export interface ModelPrediction {
  narrative: string
  /** The model's log-odds that the text voices the narrative. */
  logOdds: number
  /** 0..1: the model's chance that the text voices the narrative. */
  probability: number
  /** The sentence whose words add most to the narrative (UTF-16 indexes), or undefined when none adds anything. */
  sentence?: SentenceRange
}

export const MODEL_FORMAT = 'karavaan-narratiefmodel'
export const MODEL_VERSION = 3
// Chosen on the learning curves of bench/learning-curve.mjs (tune data only); see BENCHMARKS.md.
export const DEFAULT_LAMBDA = 0.03
export const MAX_FEATURES = 50_000
export const MIN_DOCUMENTS = 3
export const MIN_EXAMPLES = 10
export const MAX_WORDS = 3
/** From this many coded notes of the study itself, its operating point is measured on them alone. */
export const OWN_CALIBRATION = 2 * MIN_EXAMPLES

/**
 * The features a cue reading gives a text: per narrative whether the cues suggest it, or only
 * found something below the threshold, and each cue or frame that matched. Their names start
 * with "#", which no word does, and hold no space (a space marks a pair of words).
 */
export function cueFeatureNames(reading: CueReading, threshold: number): string[] {
  const out: string[] = []
  for (const [narrative, {cues, score}] of reading) {
    out.push(judgementFeatureName(narrative, score >= threshold))
    for (const cue of cues) out.push(cueFeatureName(narrative, cue))
  }

  return out
}

const judgementFeatureName = (narrative: string, suggests: boolean) => `#${suggests ? 'suggest' : 'weak'}:${narrative}`
const cueFeatureName = (narrative: string, cue: string) => `#cue:${narrative}:${cue.replaceAll(/\s+/g, '_')}`

/** Each feature of a text of n words counts 1/√n: a long note weighs no more than a short passage. */
const scale = (n: number) => (n === 0 ? 0 : 1 / Math.sqrt(n))

const SCAN = new WordBuffer()

/**
 * Calls visit with each feature of a text: every stem (first −1), every pair of adjacent
 * stems in a sentence (repeats too), and every word list a sentence hits; returns the number of words.
 */
function eachFeature(text: string, visit: (first: number, second: number) => void, lists?: ListMatcher): number {
  let count = 0
  const visitList = lists ? (l: number) => visit(-1, lists.featureStems[l]) : undefined
  for (const sentence of splitSentences(text)) {
    scanWords(text, sentence.start, sentence.end, SCAN)
    const {length, stems} = SCAN
    count += length
    for (let i = 0; i < length; i++) {
      visit(-1, stems[i])
      if (i > 0 && makesPair(stems[i - 1], stems[i])) visit(stems[i - 1], stems[i])
    }

    if (lists) lists.each(stems, length, visitList!)
  }

  return count
}

// --- training -----------------------------------------------------------------------------------

/**
 * Trains one logistic regression per narrative on the team's decisions. Examples with the same
 * text and narrative are one training text whose label is the share of decisions that said yes
 * (two coders who disagree give 0.5). The result depends only on the examples, not on their
 * order, so the same coding always gives the same model.
 */
export function trainModel(examples: TrainingExample[], narratives: string[], options: TrainOptions = {}): ModelData {
  const lambda = options.lambda ?? DEFAULT_LAMBDA
  const minDocuments = options.minDocuments ?? MIN_DOCUMENTS
  const minExamples = options.minExamples ?? MIN_EXAMPLES
  const maxFeatures = options.maxFeatures ?? MAX_FEATURES

  // The distinct texts, in a fixed order, with per narrative the yes and no decisions.
  const byText = new Map<string, {corpus: boolean; group: string; no: Float64Array; weight: number; whole: boolean; yes: Float64Array}>()
  const known = new Map(narratives.map((n, i) => [n, i]))
  for (const example of examples) {
    const n = known.get(example.narrative)
    if (n === undefined) continue
    let entry = byText.get(example.text)
    if (!entry) {
      entry = {corpus: true, group: example.group ?? example.text, no: new Float64Array(narratives.length), weight: 1, whole: false, yes: new Float64Array(narratives.length)}
      byText.set(example.text, entry)
    }

    if (example.whole) entry.whole = true
    if (example.weight !== undefined && example.weight > entry.weight) entry.weight = example.weight
    // A study's note that happens to read like a corpus text is the study's.
    if (!example.corpus) entry.corpus = false

    if (example.label === 1) entry.yes[n]++
    else entry.no[n]++
  }

  const texts = [...byText.keys()].sort()

  // Every distinct feature gets a dense number in order of appearance; each text keeps its
  // features once, all texts one after the other in one array (a few million numbers for 10,000
  // notes: typed arrays keep that small).
  let denseStem = new Int32Array(1 << 14).fill(-1)
  const densePair = new PairTable(1 << 14)
  let firstOf = new Int32Array(1 << 16)
  let secondOf = new Int32Array(1 << 16)
  let distinct = 0
  let lastSeen = new Int32Array(1 << 16).fill(-1)
  let keys = new Int32Array(1 << 16)
  let used = 0
  const keyStart = new Int32Array(texts.length + 1)
  const words = new Float64Array(texts.length)
  const grown = (array: Int32Array, size: number, fill = 0) => {
    const next = new Int32Array(Math.max(size, array.length * 2)).fill(fill)
    next.set(array)
    return next
  }

  // What the cues find in each text, read once: features, and the operating point's comparison.
  const readings = options.cues ? texts.map((text) => options.cues!(text)) : undefined
  const lists = options.lists && options.lists.length > 0 ? new ListMatcher(options.lists) : undefined
  texts.forEach((text, i) => {
    const visit = (first: number, second: number) => {
      let d = first === -1 ? (second < denseStem.length ? denseStem[second] : -1) : densePair.get(first, second)
      if (d === -1) {
        d = distinct++
        if (d >= firstOf.length) {
          firstOf = grown(firstOf, d + 1)
          secondOf = grown(secondOf, d + 1)
          lastSeen = grown(lastSeen, d + 1, -1)
        }

        firstOf[d] = first
        secondOf[d] = second
        if (first !== -1) densePair.set(first, second, d)
        else {
          if (second >= denseStem.length) denseStem = grown(denseStem, second + 1, -1)
          denseStem[second] = d
        }
      }

      if (lastSeen[d] === i) return
      lastSeen[d] = i
      if (used === keys.length) keys = grown(keys, used + 1)
      keys[used++] = d
    }

    words[i] = eachFeature(text, visit, lists)
    if (readings) for (const name of cueFeatureNames(readings[i], DEFAULT_THRESHOLD)) visit(-1, stemNumberOfStem(name))
    keyStart[i + 1] = used
  })

  // Features: keys in at least minDocuments texts, the most frequent maxFeatures, in the order of their names.
  const documents = new Int32Array(distinct)
  for (let k = 0; k < used; k++) documents[keys[k]]++
  const candidates: Array<{d: number; name: string}> = []
  for (let d = 0; d < distinct; d++) if (documents[d] >= minDocuments) candidates.push({d, name: firstOf[d] === -1 ? stemText(secondOf[d]) : `${stemText(firstOf[d])} ${stemText(secondOf[d])}`})
  const byName = (a: {name: string}, b: {name: string}) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)
  const chosen = candidates.length > maxFeatures ? candidates.sort((a, b) => documents[b.d] - documents[a.d] || byName(a, b)).slice(0, maxFeatures) : candidates
  chosen.sort(byName)
  const column = new Int32Array(distinct).fill(-1)
  chosen.forEach((c, j) => {
    column[c.d] = j
  })
  const features = chosen.map((c) => c.name)

  // The matrix keeps only the chosen features, in place.
  const rowStart = new Int32Array(texts.length + 1)
  let at = 0
  for (let i = 0; i < texts.length; i++) {
    for (let k = keyStart[i]; k < keyStart[i + 1]; k++) if (column[keys[k]] >= 0) keys[at++] = column[keys[k]]
    rowStart[i + 1] = at
  }

  const matrix: Matrix = {columns: keys.subarray(0, at), features: features.length, rowStart, values: Float64Array.from(words, scale)}

  // The narratives with enough decisions either way, and the rows with a decision about any of them.
  const counts = narratives.map((_, n) => {
    let positives = 0
    let negatives = 0
    for (const text of texts) {
      const {no, yes} = byText.get(text)!
      if (yes[n] + no[n] === 0) continue
      if (yes[n] > no[n]) positives++
      else negatives++
    }

    return {negatives, positives}
  })
  const learned = narratives.map((_, n) => n).filter((n) => counts[n].positives >= minExamples && counts[n].negatives >= minExamples)
  const K = learned.length
  const rows: number[] = []
  const labels: number[] = []
  const rowWeights: number[] = []
  texts.forEach((text, i) => {
    const {no, weight, yes} = byText.get(text)!
    if (!learned.some((n) => yes[n] + no[n] > 0)) return
    rows.push(i)
    rowWeights.push(weight)
    for (const n of learned) labels.push(yes[n] + no[n] === 0 ? Number.NaN : yes[n] / (yes[n] + no[n]))
  })
  const problem: Problem = {labels: Float64Array.from(labels), narratives: K, rows: Int32Array.from(rows), ...(rowWeights.some((w) => w !== 1) ? {weights: Float64Array.from(rowWeights)} : {})}
  const fit = K > 0 ? fitLogistic(matrix, problem, lambda) : undefined

  let operating: OperatingPoint | undefined = {add: null, keep: null}
  if (fit && readings) {
    const folds = options.folds ?? 5
    const fold = Int32Array.from(texts, (text) => groupFold(byText.get(text)!.group, folds))
    // The operating point is measured on the study's own coded notes once there are enough of
    // them: the point that suits the corpus's writers need not suit this team. Before that, on
    // every whole text.
    const measured = (text: string, ownOnly: boolean) => byText.get(text)!.whole && (!ownOnly || !byText.get(text)!.corpus)
    const ownOnly = texts.filter((text) => measured(text, true)).length >= OWN_CALIBRATION
    const whole = Uint8Array.from(texts, (text) => (measured(text, ownOnly) ? 1 : 0))
    const cueSuggests = (row: number) => Uint8Array.from(learned, (n) => ((readings[row].get(narratives[n])?.score ?? 0) >= DEFAULT_THRESHOLD ? 1 : 0))
    const folding: Folds = {fold, folds, whole}
    operating = chooseOperatingPoint(matrix, problem, cueSuggests, lambda, folding)
  }

  const out: ModelData['narratives'] = narratives.map((id, n) => {
    const k = learned.indexOf(n)
    const {negatives, positives} = counts[n]
    if (!fit || (operating === undefined && !options.keepWeights) || k === -1) return {id, negatives, positives, weights: null}
    const weights = Array.from({length: features.length}, (_, f) => round(fit.weights[f * K + k]))
    return {bias: round(fit.bias[k]), id, negatives, positives, weights}
  })

  return {features, format: MODEL_FORMAT, lists: [...(options.lists ?? [])], narratives: out, operating: operating ?? {add: null, keep: null}, version: MODEL_VERSION}
}

/** A note's fold: from its id (FNV-1a), so that the same coding always gives the same folds. */
function groupFold(group: string, folds: number): number {
  let hash = 0x81_1c_9d_c5
  for (let i = 0; i < group.length; i++) hash = Math.imul(hash ^ group.charCodeAt(i), 0x01_00_01_93)
  return (hash >>> 0) % folds
}

/** Whether `part` is one of the words of `phrase` (split at each space), without splitting it: explain asks this of every word it finds. */
function hasPart(phrase: string, part: string): boolean {
  let from = 0
  for (;;) {
    const space = phrase.indexOf(' ', from)
    const end = space === -1 ? phrase.length : space
    if (end - from === part.length && phrase.startsWith(part, from)) return true
    if (space === -1) return false
    from = space + 1
  }
}

/** Whether every word of `phrase` (split at each space) is one of `list`. */
function everyPartIn(phrase: string, list: readonly string[]): boolean {
  let from = 0
  for (;;) {
    const space = phrase.indexOf(' ', from)
    const end = space === -1 ? phrase.length : space
    if (!list.some((item) => item.length === end - from && phrase.startsWith(item, from))) return false
    if (space === -1) return true
    from = space + 1
  }
}

/** Six decimals: the file stays small and reads the same on every machine. */
const round = (x: number) => Math.round(x * 1e6) / 1e6

// --- prediction ---------------------------------------------------------------------------------

/** Reason for a suggestion in the study's own words: the words of the sentence that weigh most for the narrative. */
export interface ModelExplanation {
  /** 0..1, rounded to three decimals. */
  probability: number
  /** At most MAX_WORDS words or word pairs of the sentence, as they are written there (lower case), strongest first. */
  words: string[]
}

/**
 * A trained model, compiled for fast prediction: each feature found by its key (a stem number
 * in an array, a pair of them in a map), the weights of all narratives of one feature side by side.
 */
export class NarrativeModel {
  readonly data: ModelData
  /** Ids of the narratives that have weights, in the method's order. */
  readonly narratives: string[]
  private readonly bias: Float64Array
  /** Per stem number, its feature or −1; stems the model never saw lie beyond the end. */
  private readonly byStem: Int32Array
  /** Per narrative, the features of its judgement and of each cue, found on first use (readFound). */
  private readonly cueFeatures = new Map<string, {cues: Map<string, number>; suggest: number; weak: number}>()
  /** Per stem number, 1 when some pair feature starts with it: only then is a pair looked up. */
  private readonly firstOfPair: Uint8Array
  /** Per feature, the note it last counted in: each feature counts once in a note. */
  private readonly lastNote: Int32Array
  /** The word lists, and per list its feature (or −1). */
  private readonly lists: ListMatcher | undefined
  private readonly listFeatures: Int32Array
  private readonly countList = (l: number) => this.count(this.listFeatures[l])
  private readonly most: Float64Array
  private readonly mostAt: Array<SentenceRange | undefined>
  private note = 0
  private readonly pairs = new PairTable()
  private readonly sums: Float64Array
  private readonly totals: Float64Array
  private wordCount = 0
  private readonly weights: Float64Array
  /** The words of the note read since begin, sentence after sentence: explainRange reads them again instead of the text. */
  private readonly words = new WordBuffer()

  constructor(data: ModelData) {
    this.data = data
    const trained = data.narratives.filter((n) => n.weights !== null)
    this.narratives = trained.map((n) => n.id)
    const stems: Array<[number, number]> = []
    const firsts: number[] = []
    data.features.forEach((name, f) => {
      const space = name.indexOf(' ')
      if (space === -1) {
        stems.push([stemNumberOfStem(name), f])
      } else {
        const first = stemNumberOfStem(name.slice(0, space))
        firsts.push(first)
        this.pairs.set(first, stemNumberOfStem(name.slice(space + 1)), f)
      }
    })
    const size = Math.max(0, ...stems.map(([id]) => id + 1), ...firsts.map((id) => id + 1))
    this.byStem = new Int32Array(size).fill(-1)
    for (const [id, f] of stems) this.byStem[id] = f
    this.firstOfPair = new Uint8Array(size)
    for (const id of firsts) this.firstOfPair[id] = 1
    const n = trained.length
    this.bias = Float64Array.from(trained, (t) => t.bias!)
    this.weights = new Float64Array(data.features.length * n)
    trained.forEach((t, k) => {
      const w = t.weights!
      for (let f = 0; f < w.length; f++) this.weights[f * n + k] = w[f]
    })
    this.lastNote = new Int32Array(data.features.length).fill(-1)
    this.lists = data.lists?.length ? new ListMatcher(data.lists) : undefined
    this.listFeatures = this.lists ? Int32Array.from(this.lists.featureStems, (stem) => (stem < this.byStem.length ? this.byStem[stem] : -1)) : new Int32Array(0)
    this.most = new Float64Array(n)
    this.mostAt = Array.from({length: n})
    this.sums = new Float64Array(n)
    this.totals = new Float64Array(n)
  }

  /** Whether any narrative has enough examples to be predicted. */
  get active(): boolean {
    return this.narratives.length > 0
  }

  /**
   * The chance per trained narrative that the text voices it (over the whole text, as the model
   * was trained), and the sentence whose words add most to it (undefined when none adds anything).
   */
  predict(text: string): ModelPrediction[] {
    this.begin()
    this.readText(text)
    return this.finish()
  }

  /** Reads every sentence of a text, between begin and finish. */
  readText(text: string): void {
    for (const sentence of splitSentences(text)) {
      scanWords(text, sentence.start, sentence.end, SCAN)
      const from = this.words.length
      for (let i = 0; i < SCAN.length; i++) this.words.push(SCAN.stems[i], SCAN.starts[i], SCAN.ends[i])
      this.addSentence(from, sentence.start, sentence.end)
    }
  }

  /**
   * The same as predict, from words that were read already: call begin, then readSentence with
   * the normalised words of every sentence of the note in order (as the cues read them, see
   * SuggestOptions.onSentence), then finish.
   */
  begin(): void {
    this.note = this.nextNote()
    this.totals.fill(0)
    this.most.fill(0)
    this.mostAt.fill(undefined)
    this.wordCount = 0
    this.words.length = 0
  }

  /** One sentence's words as the cues read them, and where each stands in the text (UTF-16). */
  readSentence(words: ReadonlyArray<ModelWord>, length: number, start: number, end: number, starts: ArrayLike<number>, ends: ArrayLike<number>): void {
    const buffer = this.words
    const from = buffer.length
    for (let i = 0; i < length; i++) {
      const stem = stemNumberOfWord(words[i])
      if (stem >= 0) buffer.push(stem, starts[i], ends[i])
    }

    this.addSentence(from, start, end)
  }

  /**
   * Adds what the cues found in the note (its cueFeatureNames), between begin and finish: they
   * count toward the note's chances, not toward which sentence is shown. The feature of each
   * narrative and cue is looked up once per model, not named again for every note.
   */
  readFound(found: Iterable<{cues: readonly string[]; narrative: string; score: number}>, threshold: number): void {
    for (const {cues, narrative, score} of found) {
      let known = this.cueFeatures.get(narrative)
      if (!known) {
        known = {cues: new Map(), suggest: this.featureOfName(judgementFeatureName(narrative, true)), weak: this.featureOfName(judgementFeatureName(narrative, false))}
        this.cueFeatures.set(narrative, known)
      }

      this.count(score >= threshold ? known.suggest : known.weak)
      for (const cue of cues) {
        let f = known.cues.get(cue)
        if (f === undefined) {
          f = this.featureOfName(cueFeatureName(narrative, cue))
          known.cues.set(cue, f)
        }

        this.count(f)
      }
    }
  }

  private featureOfName(name: string): number {
    const stem = stemNumberOfStem(name)
    return stem >= 0 && stem < this.byStem.length ? this.byStem[stem] : -1
  }

  /** Adds a feature's weights to the note's totals, once per note. */
  private count(f: number): void {
    const {lastNote, totals, weights} = this
    if (f < 0 || lastNote[f] === this.note) return
    lastNote[f] = this.note
    const n = totals.length
    for (let k = 0; k < n; k++) totals[k] += weights[f * n + k]
  }

  finish(): ModelPrediction[] {
    const v = scale(this.wordCount)
    const out: ModelPrediction[] = []
    for (let k = 0; k < this.narratives.length; k++) {
      const logOdds = this.bias[k] + this.totals[k] * v
      out.push({logOdds, narrative: this.narratives[k], probability: 1 / (1 + Math.exp(-logOdds)), sentence: this.mostAt[k]})
    }

    return out
  }

  /** How many words the model read in the note since begin (as its features count them). */
  get wordsRead(): number {
    return this.wordCount
  }

  /** Where the model takes part (see OperatingPoint). */
  get operating(): OperatingPoint {
    return this.data.operating
  }

  /** Adds the sentence whose words are this.words from `from` on. */
  private addSentence(from: number, start: number, end: number): void {
    const n = this.narratives.length
    const sum = this.sums
    const {length, stems} = this.words
    sum.fill(0)
    this.sum(stems, from, length, this.note)
    this.wordCount += length - from
    // A word list counts toward the note's chances, as the cues do, not toward which sentence is shown.
    if (this.lists) this.lists.each(stems, length, this.countList, from)
    // The range is made only for a sentence that weighs most so far: most sentences never do.
    let range: SentenceRange | undefined
    for (let k = 0; k < n; k++) {
      this.totals[k] += sum[k]
      if (sum[k] > this.most[k]) {
        this.most[k] = sum[k]
        range ??= {end, start}
        this.mostAt[k] = range
      }
    }
  }

  /**
   * The words of a sentence that point most to a narrative, as written there (lower case):
   * stems and pairs with a positive weight, strongest first, at most MAX_WORDS.
   */
  explain(sentence: string, narrative: string): string[] {
    const words = new WordBuffer()
    scanWords(sentence, 0, sentence.length, words)
    return this.explainWords(sentence, words, 0, words.length, narrative)
  }

  /**
   * explain for text[start, end) of the note read since begin (UTF-16), from the words already
   * read rather than by reading the sentence again.
   */
  explainRange(text: string, start: number, end: number, narrative: string): string[] {
    const {ends, length, starts} = this.words
    let from = 0
    while (from < length && starts[from] < start) from++
    let to = from
    while (to < length && ends[to] <= end) to++
    return this.explainWords(text, this.words, from, to, narrative)
  }

  /** explain of words[from, to), whose positions are in text. */
  private explainWords(text: string, words: WordBuffer, from: number, to: number, narrative: string): string[] {
    const k = this.narratives.indexOf(narrative)
    if (k === -1) return []
    const n = this.narratives.length
    const note = this.nextNote()
    const {byStem, firstOfPair, lastNote, pairs, weights} = this
    const {ends, starts, stems} = words
    const found: Array<{weight: number; word: string}> = []
    const spelled = (i: number) => text.slice(starts[i], ends[i]).toLowerCase()
    for (let i = from; i < to; i++) {
      const stem = stems[i]
      // A function word alone ("je", "wij") tells a reader little; in a pair it may ("wij niet").
      const f = stem < byStem.length ? byStem[stem] : -1
      if (f >= 0 && lastNote[f] !== note && weights[f * n + k] > 0 && !FUNCTION_WORDS.has(stemText(stem))) {
        lastNote[f] = note
        found.push({weight: weights[f * n + k], word: spelled(i)})
      }

      if (i === from || stems[i - 1] >= firstOfPair.length || firstOfPair[stems[i - 1]] === 0) continue
      const p = makesPair(stems[i - 1], stem) ? pairs.get(stems[i - 1], stem) : -1
      if (p >= 0 && lastNote[p] !== note && weights[p * n + k] > 0) {
        lastNote[p] = note
        found.push({weight: weights[p * n + k], word: `${spelled(i - 1)} ${spelled(i)}`})
      }
    }

    // A word list that weighs for the narrative speaks through its word in this sentence: "chatbot"
    // may weigh only as one of the digital ways in (@digitale-ingang), never on its own.
    this.lists?.each(stems, to, (l, i) => {
      const f = this.listFeatures[l]
      if (f >= 0 && lastNote[f] !== note && weights[f * n + k] > 0) {
        lastNote[f] = note
        found.push({weight: weights[f * n + k], word: spelled(i)})
      }
    }, from)
    found.sort((a, b) => b.weight - a.weight || (a.word < b.word ? -1 : a.word > b.word ? 1 : 0))
    const out: string[] = []
    for (const {word} of found) {
      // A pair says more than its words; a word already in a chosen pair adds nothing.
      if (out.some((w) => w === word || hasPart(w, word) || everyPartIn(word, out))) continue
      out.push(word)
      if (out.length === MAX_WORDS) break
    }

    return out
  }

  /** A fresh mark for lastNote: each feature counts once per mark. */
  private nextNote(): number {
    if (this.note === 0x7f_ff_ff_ff) {
      this.lastNote.fill(-1)
      this.note = 0
    }

    return ++this.note
  }

  /** Adds the weights of the features of stems[from, to) (one sentence) to this.sums, each once per note mark. */
  private sum(stems: Int32Array, from: number, to: number, note: number): void {
    const {byStem, firstOfPair, lastNote, pairs, sums: sum, weights} = this
    const n = sum.length
    for (let i = from; i < to; i++) {
      const stem = stems[i]
      let f = stem < byStem.length ? byStem[stem] : -1
      if (f >= 0 && lastNote[f] !== note) {
        lastNote[f] = note
        const base = f * n
        for (let k = 0; k < n; k++) sum[k] += weights[base + k]
      }

      if (i === from) continue
      const previous = stems[i - 1]
      if (previous >= firstOfPair.length || firstOfPair[previous] === 0) continue
      f = makesPair(previous, stem) ? pairs.get(previous, stem) : -1
      if (f >= 0 && lastNote[f] !== note) {
        lastNote[f] = note
        const base = f * n
        for (let k = 0; k < n; k++) sum[k] += weights[base + k]
      }
    }
  }
}

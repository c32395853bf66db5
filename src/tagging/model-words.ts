import {FUNCTION_WORDS, normalizeWord, stemDutch} from './stem.js'

/*
 * The words of a text as the study model sees them: stems by number, and pairs of adjacent
 * stems as two numbers. Training and prediction both read texts through here, so that they agree on
 * every feature. Numbers are handed out per process, once per stem; a model maps them to its own
 * features when it is loaded.
 */

/**
 * Words too common to mean anything in a note about trust: articles, prepositions, auxiliaries,
 * numbers, verbs of saying. Negations and pronouns stay ("niet", "nooit", "wij", "zij"): they
 * carry narratives. Measured: without this list the models leaned on "is", "je" and "drie".
 */
const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'aan af alleen als bij dan dat de deze die dit door een en er had hadden heb hebben heeft het in is kan kon kunnen maar ' +
    'met moet moeten na naar nu of om op over te tegen tot uit van veel voor waren was werd werden wordt worden zal zijn zou ' +
    'zouden daar hier hoe wat waar toen dus want ook nog zo heel erg even echt gewoon al wel ' +
    'twee drie vier vijf zes zeven acht negen tien elf twaalf twintig honderd duizend eerste tweede derde keer ' +
    'zei zegt zeggen vertelde vertelt volgens aanwezig aanwezigen'
  ).split(' '),
)

/** At most this many stems get a number (far more than any study's notes hold). */
const MAX_STEMS = 2 ** 24
/** Distinct spellings remembered; beyond this a word is stemmed every time (slower, still right). */
const SPELLING_LIMIT = 1 << 20

const stemNumbers = new Map<string, number>()
const stems: string[] = []
/** Per stem number: 1 for a function word ("niet", "wij"), whose pairs with another function word are left out. */
let functionWord = new Uint8Array(1024)

const HAS_LETTER = /\p{L}/u
const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u

/** The number of a stem, handed out on first sight; −1 when the process has seen too many. */
function numberOf(stem: string): number {
  let id = stemNumbers.get(stem)
  if (id !== undefined) return id
  if (stems.length >= MAX_STEMS) return -1
  id = stems.length
  stems.push(stem)
  stemNumbers.set(stem, id)
  if (id >= functionWord.length) {
    const grown = new Uint8Array(functionWord.length * 2)
    grown.set(functionWord)
    functionWord = grown
  }

  functionWord[id] = FUNCTION_WORDS.has(stem) ? 1 : 0
  return id
}

/** The stem number of a word as written, or −1 for a word the model leaves out (numbers, single letters, stop words). */
function stemNumber(word: string): number {
  return stemNumberOfNorm(normalizeWord(word))
}

const norms = new Map<string, number>()

/** A word as the cues read it: its normalised spelling, and a slot where the model keeps its stem number (−2: not yet looked up). */
export interface ModelWord {
  modelStem: number
  norm: string
}

/**
 * The stem number of a word the cues read, or −1 for a word the model leaves out. The cues hand
 * over one object per spelling (their word cache), so the number is kept on it: the model reads
 * every word of 100,000 notes, and a map lookup per word was a tenth of its time.
 */
export function stemNumberOfWord(word: ModelWord): number {
  if (word.modelStem === -2) word.modelStem = stemNumberOfNorm(word.norm)
  return word.modelStem
}

/** The stem number of a normalised word (lower case, no accents: as the cues read it), or −1 for a word the model leaves out. */
export function stemNumberOfNorm(norm: string): number {
  const known = norms.get(norm)
  if (known !== undefined) return known
  const id = norm.length < 2 || !HAS_LETTER.test(norm) || STOP_WORDS.has(norm) ? -1 : numberOf(stemDutch(norm))
  if (norms.size < SPELLING_LIMIT) norms.set(norm, id)
  return id
}

/** The stem of a stem number. */
export function stemText(id: number): string {
  return stems[id]
}

/** The stem number of a stem (as in a model's features), handed out if new. */
export function stemNumberOfStem(stem: string): number {
  return numberOf(stem)
}

/**
 * Pairs of stem numbers with a value each, found without making a number of both: an
 * open-addressing table of 32-bit integers (a map with keys above 2³¹ is several times slower).
 */
export class PairTable {
  private firsts: Int32Array
  private seconds: Int32Array
  private size = 0
  private values: Int32Array

  constructor(capacity = 16) {
    let length = 16
    while (length < capacity * 2) length *= 2
    this.firsts = new Int32Array(length).fill(-1)
    this.seconds = new Int32Array(length)
    this.values = new Int32Array(length)
  }

  get(first: number, second: number): number {
    const mask = this.firsts.length - 1
    let slot = (Math.imul(first, 0x9e_37_79_b1) ^ second) & mask
    for (;;) {
      const f = this.firsts[slot]
      if (f === -1) return -1
      if (f === first && this.seconds[slot] === second) return this.values[slot]
      slot = (slot + 1) & mask
    }
  }

  set(first: number, second: number, value: number): void {
    if ((this.size + 1) * 2 > this.firsts.length) this.grow()
    const mask = this.firsts.length - 1
    let slot = (Math.imul(first, 0x9e_37_79_b1) ^ second) & mask
    while (this.firsts[slot] !== -1 && !(this.firsts[slot] === first && this.seconds[slot] === second)) slot = (slot + 1) & mask
    if (this.firsts[slot] === -1) this.size++
    this.firsts[slot] = first
    this.seconds[slot] = second
    this.values[slot] = value
  }

  private grow(): void {
    const {firsts, seconds, values} = this
    this.firsts = new Int32Array(firsts.length * 2).fill(-1)
    this.seconds = new Int32Array(firsts.length * 2)
    this.values = new Int32Array(firsts.length * 2)
    this.size = 0
    for (let i = 0; i < firsts.length; i++) if (firsts[i] !== -1) this.set(firsts[i], seconds[i], values[i])
  }
}

/** Whether two adjacent stems make a pair: not when both are function words (as "en de"). */
export function pairs(first: number, second: number): boolean {
  return functionWord[first] !== 1 || functionWord[second] !== 1
}

/** 1 for the ASCII letters and digits. */
const ASCII_WORD = Uint8Array.from({length: 128}, (_, c) => ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) ? 1 : 0))

/** Letters, digits and combining marks make words; astral characters (emoji) do not. */
function isWordChar(code: number, text: string, at: number): boolean {
  if (code < 0x80) return ASCII_WORD[code] === 1
  if (code <= 0x2_4f) return code >= 0xc0 && code !== 0xd7 && code !== 0xf7
  if (code >= 0xd8_00 && code <= 0xdf_ff) return false
  return WORD_CHAR.test(text[at])
}

// The spellings met so far, in an open-addressing table keyed by the FNV-1a hash of a word's
// UTF-16 units: a word of a text is found without cutting it out of the text first.
let tableHash = new Int32Array(1 << 14)
let tableStem = new Int32Array(1 << 14)
let tableWord: Array<string | undefined> = Array.from({length: 1 << 14})
let tableSize = 0

/** Whether `word` stands in `text` at `start`. */
function sameAt(text: string, start: number, end: number, word: string): boolean {
  if (word.length !== end - start) return false
  for (let i = 0; i < word.length; i++) if (text.charCodeAt(start + i) !== word.charCodeAt(i)) return false
  return true
}

function grow(): void {
  const oldHash = tableHash
  const oldStem = tableStem
  const oldWord = tableWord
  const size = oldHash.length * 2
  tableHash = new Int32Array(size)
  tableStem = new Int32Array(size)
  tableWord = Array.from({length: size})
  const mask = size - 1
  for (let i = 0; i < oldWord.length; i++) {
    const word = oldWord[i]
    if (word === undefined) continue
    let slot = oldHash[i] & mask
    while (tableWord[slot] !== undefined) slot = (slot + 1) & mask
    tableHash[slot] = oldHash[i]
    tableStem[slot] = oldStem[i]
    tableWord[slot] = word
  }
}

/** The stem number of text[start, end) with its hash; remembered in the table. */
function lookup(text: string, start: number, end: number, hash: number): number {
  const mask = tableHash.length - 1
  let slot = hash & mask
  for (;;) {
    const word = tableWord[slot]
    if (word === undefined) break
    if (tableHash[slot] === hash && sameAt(text, start, end, word)) return tableStem[slot]
    slot = (slot + 1) & mask
  }

  const word = text.slice(start, end)
  const id = stemNumber(word)
  if (tableSize >= SPELLING_LIMIT) return id
  tableHash[slot] = hash
  tableStem[slot] = id
  tableWord[slot] = word
  tableSize++
  if (tableSize * 2 > tableHash.length) grow()
  return id
}

/** The words of a stretch of text, as scanWords leaves them: reused from call to call, so nothing is allocated per note. */
export class WordBuffer {
  ends = new Int32Array(256)
  length = 0
  starts = new Int32Array(256)
  stems = new Int32Array(256)

  push(stem: number, from: number, to: number): void {
    if (this.length === this.stems.length) {
      const size = this.length * 2
      const grow = (old: Int32Array) => {
        const next = new Int32Array(size)
        next.set(old)
        return next
      }

      this.stems = grow(this.stems)
      this.starts = grow(this.starts)
      this.ends = grow(this.ends)
    }

    this.stems[this.length] = stem
    this.starts[this.length] = from
    this.ends[this.length] = to
    this.length++
  }
}

/**
 * The words of text[start, end) that the model reads, into words (emptied first): their stem
 * numbers and where they stand (UTF-16). Words it leaves out are skipped, so pairs form over
 * them ("loket is dicht" pairs "loket" with "dicht").
 */
export function scanWords(text: string, start: number, end: number, words: WordBuffer): void {
  words.length = 0
  let i = start
  while (i < end) {
    const code = text.charCodeAt(i)
    if (!isWordChar(code, text, i)) {
      i++
      continue
    }

    let hash = Math.imul(0x81_1c_9d_c5 ^ code, 0x01_00_01_93)
    let j = i + 1
    for (; j < end; j++) {
      const next = text.charCodeAt(j)
      if (!isWordChar(next, text, j)) break
      hash = Math.imul(hash ^ next, 0x01_00_01_93)
    }

    const id = lookup(text, i, j, hash)
    if (id >= 0) words.push(id, i, j)
    i = j
  }
}

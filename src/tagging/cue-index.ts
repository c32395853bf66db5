import type {Method} from '../method/schema.js'
import {patternSlots, slotChoices} from '../method/patterns.js'
import {type CuePart, type CueSlot, type CueWord, MAX_GAP, parseCue} from '../method/cue-syntax.js'
import {CLAUSE_WORDS, NEGATIONS, POSITIVE} from './negation.js'
import {FUNCTION_WORDS, normalizeWord, stemDutch} from './stem.js'

/** The weight of a cue written as a plain string: enough on its own to make a suggestion. */
export const DEFAULT_CUE_WEIGHT = 0.8

export interface CompiledSlot {
  /** Ids of the word atoms that fill this place. */
  atoms: number[]
  gap: number
  optional: boolean
}

export interface CompiledCue {
  narrative: number
  /** Per part, its variants (orders, from ~); a part occurs when one of its variants does. */
  parts: Array<{variants: CompiledSlot[][]}>
  /** The atoms of every required place but the anchor, rarest place first: a quick test before the search. */
  required: number[][]
  /** The cue as written in the method file. */
  source: string
  weight: number
  /** A pattern whose slots may be filled in this sentence and the one before it (`window: 2`). */
  window: boolean
}

/** What the index knows about one word of a text, computed once per distinct spelling. */
export interface WordInfo {
  /** Whether one of the atoms anchors a cue. */
  anchored: boolean
  atoms: number[]
  /** Starts a new clause (maar, omdat, waarom …). */
  clause: boolean
  negation: boolean
  norm: string
  /** A positive judgement ("handig", "gelukkig"): turns a cue around anywhere in its clause. */
  positive: boolean
  /** The study model's number for this word's stem, −2 until the model first reads it (model-words.ts). */
  modelStem: number
}

/** The word list of subjects that are not the government: "klachten over de bank" are no narrative. */
export const OTHER_SUBJECTS = 'geen-overheid'
/** The narrative OTHER_SUBJECTS does not hold back: companies and banks are a group that is favoured. */
export const OTHERS_FAVOURED = 'ongelijke-behandeling'
/** The word list of public bodies: with one of them in the sentence, OTHER_SUBJECTS does not hold it back. */
export const PUBLIC_BODIES = 'instanties'

/** Distinct spellings remembered before the word cache starts afresh (bounds memory on huge corpora). */
const CACHE_LIMIT = 1 << 18

/**
 * The atoms of every word that fills none, shared: most words of a note fill none, and the
 * matcher reads a word's atoms for each word of each sentence; one array stays in the cache.
 * Never written to.
 */
const NO_ATOMS: number[] = []

const EMPTY: WordInfo = {anchored: false, atoms: NO_ATOMS, clause: false, modelStem: -2, negation: false, norm: '', positive: false}

/** The 32-bit FNV-1a hash of the UTF-16 units of text[start, end). */
export function fnv1a(text: string, start: number, end: number): number {
  let h = 0x81_1c_9d_c5
  for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01_00_01_93)
  return h
}

/** Whether `word` stands in `text` at `start` (without cutting it out). */
function sameAt(text: string, start: number, word: string): boolean {
  for (let i = 0; i < word.length; i++) if (text.charCodeAt(start + i) !== word.charCodeAt(i)) return false
  return true
}

/**
 * Frequent Dutch words beyond the function words: a poor anchor for a cue, since nearly every
 * sentence has one. Only used to choose anchors, so the list need not be complete.
 */
const FREQUENT = new Set(
  (
    'aan af alleen altijd andere bij binnen dag daarna deze dit doen doet door drie echt elkaar elke gaan gaat gedaan ' +
    'gemeente gewoon goed groot grote heb hebben heeft heel hoe in is jaar jaren kan keer kom komen komt kunnen kwam laat ' +
    'laten man mensen met moet moeten mooi na nieuw nieuwe nu over paar te tegen tijd tot twee uit veel via vrouw want waren ' +
    'was weer weet weg wij worden wordt zegt zeggen zien zijn zitten zou zouden'
  ).split(' ').map((w) => stemDutch(w)),
)

/** How often a place is filled in ordinary text, roughly: function words, frequent words and short prefixes often. */
function slotCost(words: CueWord[]): number {
  let cost = 0
  for (const w of words) {
    if (FUNCTION_WORDS.has(w.text)) cost += 100
    else if (w.kind === 'word') cost += FREQUENT.has(stemDutch(w.text)) ? 30 : 1
    else cost += w.text.length <= 4 ? 5 : 2
  }
  return cost
}

/**
 * The cues of a method, compiled once: every distinct cue word is an "atom"; each word of a
 * text is looked up once (and remembered) to find which atoms it fills; each cue has anchor
 * atoms, so that a sentence is only tried against the cues whose words it contains.
 */
export class CueIndex {
  /** For each atom id, the cues anchored on it. */
  anchors: number[][] = []
  /** Scratch for one sentence at a time: the stamp of the sentence where an atom was last seen, or a cue last tried. */
  atomSeen = new Uint32Array(0)
  readonly cues: CompiledCue[] = []
  cueSeen = new Uint32Array(0)
  stamp = 0
  readonly narrativeIds: string[]
  /** The index of the narrative OTHER_SUBJECTS does not hold back (−1 when the method has none). */
  othersFavoured = -1
  /** Atoms of the word list OTHER_SUBJECTS and of PUBLIC_BODIES (see aboutOthers). */
  private otherSubjects: number[] = []
  private publicBodies: number[] = []
  private readonly atomIds = new Map<string, number>()
  private readonly prefixes: Array<{id: number; text: string}> = []
  private readonly suffixes: Array<{id: number; text: string}> = []
  // The word cache: an open-addressing hash table keyed by the FNV-1a hash of a word's UTF-16
  // units, so that a word of a text is found without cutting it out of the text first.
  private entryHash = new Int32Array(1)
  private entryInfo: WordInfo[] = [EMPTY]
  private entryWord: string[] = ['']
  private table = new Int32Array(1 << 12)
  /**
   * The word atoms of each stem, with how long a word of the text must at least be to fill each
   * (see MAX_SHORTER): one atom per length of cue word, so that "over" and "overheid" (one stem)
   * stay two atoms and the text's "over" fills only the first.
   */
  private readonly stemAtoms = new Map<string, Array<{id: number; min: number}>>()

  constructor(method: Method) {
    this.narrativeIds = method.narratives.map((n) => n.id)
    const anchorLists: number[][] = []
    method.narratives.forEach((narrative, index) => {
      const entries: Array<{parts: CuePart[]; source: string; weight: number; window: boolean}> = (narrative.cues ?? []).map((entry) => {
        const {cue, weight} = typeof entry === 'string' ? {cue: entry, weight: DEFAULT_CUE_WEIGHT} : entry
        return {parts: parseCue(cue).parts, source: cue, weight, window: false}
      })
      // A pattern is one cue: each slot a part whose variants are its choices (the words of the
      // slot, or of its word lists, and each phrase), so phrases add alternatives, not cues.
      // The name is what a suggestion shows.
      for (const p of narrative.patterns ?? []) {
        const slots = patternSlots(p, method.wordLists).map((slot) => slotChoices(slot).flatMap((choice) => parseCue(choice).parts[0].variants))
        const parts = p.ordered ? [{variants: inOrder(slots)}] : slots.map((variants) => ({variants}))
        entries.push({parts, source: `patroon: ${p.name}`, weight: p.weight ?? DEFAULT_CUE_WEIGHT, window: (p.window ?? 1) > 1})
      }
      for (const {parts, source, weight, window} of entries) this.addCue(index, parts, source, weight, window, anchorLists)
    })
    // The subjects that are not the government, and those that are (method file, wordLists).
    const guard = (name: string) => {
      const atoms = new Set<number>()
      for (const item of method.wordLists?.[name] ?? []) {
        const last = item.trim().split(/\s+/).at(-1)!
        for (const w of parseCue(last).parts[0].variants[0][0].words) atoms.add(this.atom(w))
      }
      return [...atoms]
    }
    this.otherSubjects = guard(OTHER_SUBJECTS)
    this.othersFavoured = this.narrativeIds.indexOf(OTHERS_FAVOURED)
    this.publicBodies = guard(PUBLIC_BODIES)
    this.anchors = Array.from({length: this.atomIds.size}, (_, i) => anchorLists[i] ?? [])
    this.atomSeen = new Uint32Array(this.atomIds.size)
    this.cueSeen = new Uint32Array(this.cues.length)
  }

  /**
   * Compiles one cue. Its required places are groups of atoms of which a sentence must hold one:
   * a place of a part with one set of places (its orders from ~ have the same places), or, for a
   * slot of a pattern whose choices differ, the cheapest place of each choice together. The
   * cheapest group anchors the cue; the others are the quick test before the search.
   */
  private addCue(narrative: number, parsed: CuePart[], source: string, weight: number, window: boolean, anchorLists: number[][]): void {
    const cue: CompiledCue = {
      narrative,
      parts: parsed.map((part) => ({
        variants: part.variants.map((slots) => slots.map((slot) => ({atoms: [...new Set(slot.words.map((w) => this.atom(w)))], gap: slot.gap, optional: slot.optional}))),
      })),
      required: [],
      source,
      weight,
      window,
    }
    this.cues.push(cue)
    const at = this.cues.length - 1
    const groups: Array<{atoms: number[]; cost: number}> = []
    const group = (places: CueSlot[]) => {
      const words = places.flatMap((s) => s.words)
      groups.push({atoms: [...new Set(words.map((w) => this.atomOf(w)))], cost: slotCost(words)})
    }
    for (const part of parsed) {
      const placeSets = distinctPlaceSets(part.variants)
      if (placeSets.length === 1) {
        for (const place of placeSets[0]) group([place])
      } else {
        group(placeSets.map((places) => places.reduce((best, s) => (slotCost(s.words) < slotCost(best.words) ? s : best))))
      }
    }
    let best = 0
    for (let i = 1; i < groups.length; i++) if (groups[i].cost < groups[best].cost) best = i
    cue.required = groups
      .filter((_, i) => i !== best)
      .sort((a, b) => a.cost - b.cost)
      .map((g) => g.atoms)
    for (const atom of groups[best].atoms) (anchorLists[atom] ??= []).push(at)
  }

  /** A new stamp for the next sentence. */
  nextStamp(): number {
    if (this.stamp === 0xff_ff_ff_ff) {
      this.stamp = 0
      this.atomSeen.fill(0)
      this.cueSeen.fill(0)
    }
    return ++this.stamp
  }

  /**
   * Whether the sentence last stamped names a subject that is not the government (a bank, an
   * energy company, a referee: word list OTHER_SUBJECTS) and no public body (PUBLIC_BODIES): then
   * its complaint is not one of distrust in the government.
   */
  aboutOthers(stamp: number, from = stamp): boolean {
    if (this.otherSubjects.length === 0) return false
    const seen = this.atomSeen
    if (!this.otherSubjects.some((a) => seen[a] >= from && seen[a] <= stamp)) return false
    return !this.publicBodies.some((a) => seen[a] >= from && seen[a] <= stamp)
  }

  get atomCount(): number {
    return this.atomIds.size
  }

  /**
   * What the word text[start, end) means for the cues; `hash` is fnv1a of its UTF-16 units.
   * Computed once per distinct spelling and remembered.
   */
  lookupAt(text: string, start: number, end: number, hash: number): WordInfo {
    const mask = this.table.length - 1
    const length = end - start
    let slot = hash & mask
    for (;;) {
      const entry = this.table[slot]
      if (entry === 0) break
      if (this.entryHash[entry] === hash) {
        const word = this.entryWord[entry]
        if (word.length === length && sameAt(text, start, word)) return this.entryInfo[entry]
      }
      slot = (slot + 1) & mask
    }
    const word = text.slice(start, end)
    const info = this.describe(word)
    if (this.entryWord.length >= CACHE_LIMIT) this.clearCache()
    if (this.entryWord.length * 2 >= this.table.length) this.grow()
    this.insert(word, hash, info)
    return info
  }

  /** What a word means for the cues: the atoms it fills, and whether it negates or starts a clause. */
  lookup(word: string): WordInfo {
    return this.lookupAt(word, 0, word.length, fnv1a(word, 0, word.length))
  }

  private clearCache(): void {
    this.entryHash = new Int32Array(1)
    this.entryInfo = [EMPTY]
    this.entryWord = ['']
    this.table = new Int32Array(1 << 12)
  }

  private describe(raw: string): WordInfo {
    const norm = normalizeWord(raw)
    const stem = stemDutch(norm)
    const atoms: number[] = []
    if (FUNCTION_WORDS.has(norm)) {
      const exact = this.atomIds.get(`f:${norm}`)
      if (exact !== undefined) atoms.push(exact)
    } else {
      // A word much shorter than the cue word is another word with the same stem: "kleiner" is no "kleinerend".
      for (const {id, min} of this.stemAtoms.get(stem) ?? []) if (norm.length >= min) atoms.push(id)
    }
    for (const p of this.prefixes) if (norm.startsWith(p.text) && !atoms.includes(p.id)) atoms.push(p.id)
    for (const s of this.suffixes) if (stem.endsWith(s.text) && !atoms.includes(s.id)) atoms.push(s.id)
    const anchored = atoms.some((a) => this.anchors[a].length > 0)
    return {anchored, atoms: atoms.length === 0 ? NO_ATOMS : atoms, clause: CLAUSE_WORDS.has(norm), modelStem: -2, negation: NEGATIONS.has(norm), norm, positive: POSITIVE.has(norm)}
  }

  private grow(): void {
    const old = this.entryWord
    this.table = new Int32Array(this.table.length * 2)
    const hashes = this.entryHash
    this.entryHash = new Int32Array(Math.max(16, hashes.length * 2))
    this.entryHash.set(hashes)
    const mask = this.table.length - 1
    for (let e = 1; e < old.length; e++) {
      let slot = this.entryHash[e] & mask
      while (this.table[slot] !== 0) slot = (slot + 1) & mask
      this.table[slot] = e
    }
  }

  private insert(word: string, hash: number, info: WordInfo): void {
    const e = this.entryWord.length
    this.entryWord.push(word)
    this.entryInfo.push(info)
    if (e >= this.entryHash.length) {
      const hashes = new Int32Array(Math.max(16, this.entryHash.length * 2))
      hashes.set(this.entryHash)
      this.entryHash = hashes
    }
    this.entryHash[e] = hash
    const mask = this.table.length - 1
    let slot = hash & mask
    while (this.table[slot] !== 0) slot = (slot + 1) & mask
    this.table[slot] = e
  }

  private atom(word: CueWord): number {
    return this.atomOf(word)
  }

  private atomOf(word: CueWord): number {
    const text = word.kind === 'prefix' ? word.text : stemDutch(word.text)
    const plain = word.kind === 'word' && !FUNCTION_WORDS.has(word.text)
    const min = Math.max(0, word.text.length - MAX_SHORTER)
    // Function words match only themselves: "heet" (stem "het") must not match "het".
    const key = plain ? `w:${text}:${min}` : word.kind === 'word' ? `f:${text}` : `${word.kind === 'prefix' ? 'p' : 's'}:${text}`
    let id = this.atomIds.get(key)
    if (id === undefined) {
      id = this.atomIds.size
      this.atomIds.set(key, id)
      if (word.kind === 'prefix') this.prefixes.push({id, text})
      if (word.kind === 'suffix') this.suffixes.push({id, text})
      if (plain) {
        const list = this.stemAtoms.get(text) ?? []
        list.push({id, min})
        this.stemAtoms.set(text, list)
      }
    }
    return id
  }
}

/**
 * How many letters shorter than the cue word a word of the text may be and still count by its stem.
 * Inflection shortens a word by two letters at most ("vergaderingen" → "vergadering"); a word three
 * shorter with the same stem is another word ("kleinerend" and "kleiner" both stem to "kleiner").
 */
const MAX_SHORTER = 2

/**
 * The variants of an ordered pattern: its slots one after the other, like the words of a phrase
 * (at most MAX_GAP other words between two slots), one variant for each choice of every slot.
 */
function inOrder(slots: CueSlot[][][]): CueSlot[][] {
  let variants: CueSlot[][] = [[]]
  for (const choices of slots) {
    variants = variants.flatMap((variant) => choices.map((places) => [...variant, ...places.map((place, i) => ({...place, gap: i === 0 && variant.length > 0 ? MAX_GAP : place.gap}))]))
  }
  return variants
}

/**
 * The required places of each variant of a part, one entry per different set: the orders that ~
 * makes of one phrase share their places, the choices of a pattern slot do not.
 */
function distinctPlaceSets(variants: CueSlot[][]): CueSlot[][] {
  const out: CueSlot[][] = []
  const keys = new Set<string>()
  for (const slots of variants) {
    const required = slots.filter((s) => !s.optional)
    const key = required
      .map((s) => s.words.map((w) => `${w.kind}:${w.text}`).join('|'))
      .sort()
      .join(' ')
    if (keys.has(key)) continue
    keys.add(key)
    out.push(required)
  }
  return out
}

const compiled = new WeakMap<Method, CueIndex>()

/** The compiled cues of a method, made on first use and kept as long as the method object lives. */
export function cueIndexOf(method: Method): CueIndex {
  let index = compiled.get(method)
  if (!index) {
    index = new CueIndex(method)
    compiled.set(method, index)
  }
  return index
}

import type {Method} from '../method/schema.js'
import {type CompiledCue, type CompiledSlot, type CueIndex, cueIndexOf, type WordInfo} from './cue-index.js'
import {assertedWith, mayHoldBack, rejectsView} from './assertion.js'
import {CLAUSE_PUNCTUATION, NEGATION_PAIRS, NOT_NEGATING_AFTER} from './negation.js'
import {type SentenceRange, splitSentences, SURROGATE, toCodePoint} from './sentences.js'

/** A narrative the kit proposes for a text. It is never a tag until a person accepts it. */
export interface NarrativeSuggestion {
  /** The cues as written in the method file that matched in this sentence, in the file's order. */
  cues: string[]
  /** End of the sentence, in Unicode code points (exclusive). */
  end: number
  /**
   * The words of the sentence that the counted cues matched, in text order, each once: where it
   * stands in the note (code points, like start and end) and the cue that claimed it first.
   */
  matched: MatchedWord[]
  /** The narrative id. */
  narrative: string
  /** 0..1: how strongly the cues of this sentence point to the narrative. */
  score: number
  /** The sentence where the cues matched, trimmed. */
  sentence: string
  /** Start of the sentence, in Unicode code points. */
  start: number
}

/** One word of a suggestion's sentence that a cue matched. */
export interface MatchedWord {
  /** Which cue matched it: its index in the suggestion's `cues` (kept short, since --json prints every one). */
  cue: number
  /** In Unicode code points (exclusive), like NarrativeSuggestion.end. */
  end: number
  start: number
}

export interface SuggestOptions {
  /**
   * Called with the words of every sentence, as the cues read them (their normalised spelling in
   * `norm`, where each starts and ends in UTF-16 units): the study's model reads the same words
   * instead of reading the text a second time.
   */
  onSentence?: (words: ReadonlyArray<WordInfo>, length: number, start: number, end: number, starts: readonly number[], ends: readonly number[]) => void
  /** Suggestions below this score are left out (default DEFAULT_THRESHOLD). */
  threshold?: number
}

/**
 * The score a narrative needs in one sentence to be suggested. Scores combine the weights of the
 * cues that matched as independent chances: 1 − (1 − w1)(1 − w2)…, so one plain cue (0.8) is
 * enough, and two weak ones (0.35 each: 0.58) are too.
 */
export const DEFAULT_THRESHOLD = 0.5

/** At most this many steps to find an occurrence of one cue part in one sentence. */
const SEARCH_BUDGET = 5000

/** The words of one sentence (UTF-16 ranges and what they mean), reused to spare the garbage collector. */
class SentenceWords {
  clauseStart: number[] = []
  ends: number[] = []
  infos: WordInfo[] = []
  length = 0
  starts: number[] = []
}

/** Reused between calls (suggestNarratives is synchronous, so one at a time): this sentence and the one before, and the two together. */
const BUFFERS = [new SentenceWords(), new SentenceWords()]
const PAIR = new SentenceWords()
/** Reused lists of pattern ids with window 2: anchored in this sentence, in the one before, and to try across both. */
const CARRIED: [number[], number[]] = [[], []]
const ACROSS: number[] = []

/** Two sentences as one, for the patterns with window 2; the second starts a clause of its own. */
function joinWords(first: SentenceWords, second: SentenceWords, into: SentenceWords, text: string): void {
  into.length = 0
  for (const part of [first, second]) {
    for (let i = 0; i < part.length; i++) {
      const n = into.length
      into.infos[n] = part.infos[i]
      into.starts[n] = part.starts[i]
      into.ends[n] = part.ends[i]
      into.length = n + 1
    }
  }
  markClauses(text, into)
  if (first.length < into.length) into.clauseStart[first.length] = first.length
  for (let i = first.length + 1; i < into.length; i++) if (into.clauseStart[i] < first.length) into.clauseStart[i] = first.length
}

const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u

/** Letters, digits and combining marks make words; fast paths for Latin text. */
function isWordChar(code: number, text: string, at: number): boolean {
  if (code < 0x80) return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57)
  if (code <= 0x2_4f) return code >= 0xc0 && code !== 0xd7 && code !== 0xf7
  if (code >= 0x20_00 && code <= 0x20_6f) return false // general punctuation: quotes, dashes
  if (code >= 0xd8_00 && code <= 0xdf_ff) return false // astral characters (emoji) are no letters here
  return WORD_CHAR.test(text[at])
}

/** Reads the words of a sentence and stamps the atoms they fill; false when none of them anchors a cue. */
function collectWords(index: CueIndex, text: string, start: number, end: number, words: SentenceWords, stamp: number): boolean {
  words.length = 0
  let anchored = false
  let i = start
  while (i < end) {
    if (!isWordChar(text.charCodeAt(i), text, i)) {
      i++
      continue
    }
    let hash = Math.imul(0x81_1c_9d_c5 ^ text.charCodeAt(i), 0x01_00_01_93)
    let j = i + 1
    for (; j < end; j++) {
      const code = text.charCodeAt(j)
      if (!isWordChar(code, text, j)) break
      hash = Math.imul(hash ^ code, 0x01_00_01_93)
    }
    const info = index.lookupAt(text, i, j, hash)
    const atoms = info.atoms
    if (atoms.length !== 0) {
      for (let a = 0; a < atoms.length; a++) index.atomSeen[atoms[a]] = stamp
      if (info.anchored) anchored = true
    }
    const n = words.length
    words.infos[n] = info
    words.starts[n] = i
    words.ends[n] = j
    words.length = n + 1
    i = j
  }
  return anchored
}

/** Whether every required place of every part of a cue has one of its words in the sentence. */
function requiredPresent(index: CueIndex, cue: CompiledCue, stamp: number, from = stamp): boolean {
  const seen = index.atomSeen
  for (const atoms of cue.required) {
    let found = false
    for (let a = 0; a < atoms.length; a++) {
      if (seen[atoms[a]] >= from && seen[atoms[a]] <= stamp) {
        found = true
        break
      }
    }
    if (!found) return false
  }
  return true
}

/** Where each word's clause starts: after a comma, a colon, a quote or a dash, or at "maar", "omdat" … */
function markClauses(text: string, words: SentenceWords): void {
  for (let i = 0; i < words.length; i++) {
    if (i === 0) {
      words.clauseStart[0] = 0
      continue
    }
    const from = words.ends[i - 1]
    const to = words.starts[i]
    const plain = to - from === 1 && text.charCodeAt(from) === 32
    const boundary = words.infos[i].clause || (!plain && CLAUSE_PUNCTUATION.test(text.slice(from, to)))
    words.clauseStart[i] = boundary ? i : words.clauseStart[i - 1]
  }
}

/** Whether word i negates: "niet", "geen", "nooit" …, or "juist wel"; not "niet alleen" or "of niet". */
function isNegation(words: SentenceWords, i: number): boolean {
  const info = words.infos[i]
  const next = i + 1 < words.length ? words.infos[i + 1].norm : ''
  if (info.negation) {
    if (NOT_NEGATING_AFTER.get(info.norm)?.has(next)) return false
    if (info.norm === 'niet' && i > 0 && words.infos[i - 1].norm === 'of') return false
    return true
  }
  const pair = NEGATION_PAIRS.get(info.norm)
  return pair !== undefined && pair === next
}

function fills(info: WordInfo, atoms: number[]): boolean {
  const own = info.atoms
  for (let i = 0; i < own.length; i++) if (atoms.includes(own[i])) return true
  return false
}

/** Whether value is one of the first `count` entries of list. */
function holds(list: number[], count: number, value: number): boolean {
  for (let k = 0; k < count; k++) if (list[k] === value) return true
  return false
}

/**
 * A negation word in the clause of the match (the first `count` of `positions`), before its last
 * word, that is not part of it (nor of `exclude`); or a positive judgement ("handig",
 * "gelukkig") anywhere in that clause.
 */
function negated(words: SentenceWords, positions: number[], count: number, exclude: number[]): boolean {
  const first = positions[0]
  const last = positions[count - 1]
  const clause = words.clauseStart[first]
  for (let i = clause; i < last; i++) {
    if (!holds(positions, count, i) && !exclude.includes(i) && isNegation(words, i)) return true
  }
  for (let i = last + 1; i < words.length && words.clauseStart[i] === words.clauseStart[last]; i++) {
    if (words.infos[i].positive && !exclude.includes(i)) return true
  }
  return false
}

/** The atoms seen in the words being matched: those stamped SEEN_FROM…SEEN_TO in SEEN. */
let SEEN = new Uint32Array(0)
let SEEN_FROM = 0
let SEEN_TO = 0

/** Whether every required place of a variant has one of its words among those being matched. */
function placesSeen(slots: CompiledSlot[]): boolean {
  for (const slot of slots) {
    if (slot.optional) continue
    let found = false
    for (const a of slot.atoms) {
      const at = SEEN[a]
      if (at >= SEEN_FROM && at <= SEEN_TO) {
        found = true
        break
      }
    }
    if (!found) return false
  }
  return true
}

/** No words to leave out. Never written to. */
const NO_WORDS: number[] = []

/*
 * The search of findPart, one at a time: kept outside it, so that trying a cue allocates nothing
 * but the positions of an occurrence it finds (it is tried some thirty times per note).
 */
let searchWords = PAIR
let searchSlots: CompiledSlot[] = []
let searchExclude = NO_WORDS
let searchNegation = false
let searchBudget = 0
/** The positions found so far: the first searchDepth entries. */
const SEARCH_POSITIONS: number[] = []
let searchDepth = 0

/** Places s… of the search, after a word at `prev` (−1: none yet), `carry` the gap an optional place left unused. */
function searchFrom(s: number, prev: number, carry: number): boolean {
  const words = searchWords
  if (s === searchSlots.length) return !searchNegation || !negated(words, SEARCH_POSITIONS, searchDepth, searchExclude)
  if (--searchBudget < 0) return false
  const slot = searchSlots[s]
  const gap = Math.max(carry, slot.gap)
  const last = prev < 0 || gap === Number.POSITIVE_INFINITY ? words.length - 1 : Math.min(words.length - 1, prev + 1 + gap)
  for (let p = prev + 1; p <= last; p++) {
    if (!fills(words.infos[p], slot.atoms)) continue
    SEARCH_POSITIONS[searchDepth++] = p
    if (searchFrom(s + 1, p, 0)) return true
    searchDepth--
  }
  return slot.optional ? searchFrom(s + 1, prev, gap) : false
}

/**
 * The word positions of one order of a cue part in the sentence: places in order, at most `gap`
 * other words apart, optional places skipped when absent. With `checkNegation`, the first
 * occurrence that no negation turns around (words in `exclude` do not count as negations);
 * without, the first at all. Undefined when there is none.
 */
function findPart(words: SentenceWords, slots: CompiledSlot[], exclude: number[], checkNegation: boolean): number[] | undefined {
  searchWords = words
  searchSlots = slots
  searchExclude = exclude
  searchNegation = checkNegation
  searchBudget = SEARCH_BUDGET
  searchDepth = 0
  return searchFrom(0, -1, Number.POSITIVE_INFINITY) ? SEARCH_POSITIONS.slice(0, searchDepth) : undefined
}

/** The positions of the first variant of a cue part that occurs (see findPart). */
function findVariant(words: SentenceWords, variants: CompiledSlot[][], exclude: number[], checkNegation: boolean): number[] | undefined {
  for (const slots of variants) {
    // A slot of a pattern has many choices: skip at once those whose words are not all here.
    if (variants.length > 1 && !placesSeen(slots)) continue
    const positions = findPart(words, slots, exclude, checkNegation)
    if (positions) return positions
  }
  return undefined
}

/**
 * Where a cue occurs in the sentence without a negation: the word positions of its parts, or
 * undefined. The words of every part count as the cue's own: in "formulier* & snap & niet", the
 * "niet" does not negate "snap".
 */
function cueOccurs(words: SentenceWords, cue: CompiledCue): number[] | undefined {
  const parts = cue.parts
  if (parts.length === 1) return findVariant(words, parts[0].variants, NO_WORDS, true)
  const found: number[][] = []
  for (const part of parts) {
    const positions = findVariant(words, part.variants, NO_WORDS, false)
    if (!positions) return undefined
    found.push(positions)
  }
  const all = found.flat()
  for (let i = 0; i < parts.length; i++) {
    if (negated(words, found[i], found[i].length, all) && findVariant(words, parts[i].variants, all, true) === undefined) return undefined
  }
  return all
}

/** Whether a match has a word that no counted match of the same narrative has already used. */
function addsWord(positions: number[], counted: number[], narrative: number, index: CueIndex, matched: number[], matchedAt: number[][]): boolean {
  for (const p of positions) {
    let used = false
    for (const k of counted) {
      if (index.cues[matched[k]].narrative === narrative && matchedAt[k].includes(p)) {
        used = true
        break
      }
    }
    if (!used) return true
  }
  return false
}

interface Best {
  cues: Set<number>
  end: number
  score: number
  start: number
  /** UTF-16 ranges of the matched words, copied out of the reused SentenceWords. */
  words: Array<{cue: number; end: number; start: number}>
}

/** The words the counted cues of one narrative matched, each once, strongest cue first (the order of `counted`). */
function matchedWords(words: SentenceWords, counted: number[], narrative: number, index: CueIndex, matched: number[], matchedAt: number[][]): Best['words'] {
  const out: Best['words'] = []
  const used: number[] = []
  for (const k of counted) {
    if (index.cues[matched[k]].narrative !== narrative) continue
    for (const p of matchedAt[k]) {
      if (used.includes(p)) continue
      used.push(p)
      out.push({cue: matched[k], end: words.ends[p], start: words.starts[p]})
    }
  }

  return out.sort((a, b) => a.start - b.start)
}

/** Per sentence of the current text, whether it is asserted (isAsserted), whether it rejects a view (rejectsView) and whether a rule could hold it back (mayHoldBack), once worked out. */
const ASSERTED: Array<boolean | undefined> = []
const REJECTS: Array<boolean | undefined> = []
const MARKED: Array<boolean | undefined> = []

/** mayHoldBack of sentence k of the text (false before the first and after the last). */
function markedAt(text: string, sentences: SentenceRange[], k: number): boolean {
  if (k < 0 || k >= sentences.length) return false
  let marked = MARKED[k]
  if (marked === undefined) {
    marked = mayHoldBack(text.slice(sentences[k].start, sentences[k].end))
    MARKED[k] = marked
  }
  return marked
}

/** rejectsView of sentence k of the text (false before the first and after the last). */
function rejectsAt(text: string, sentences: SentenceRange[], k: number): boolean {
  if (!markedAt(text, sentences, k)) return false
  let rejects = REJECTS[k]
  if (rejects === undefined) {
    rejects = rejectsView(text.slice(sentences[k].start, sentences[k].end))
    REJECTS[k] = rejects
  }
  return rejects
}

/**
 * Whether sentence s says what the people think here and now. Asked only when a suggestion hangs on it: the rules are regular
 * expressions over whole sentences, the slowest step there is.
 */
function sentenceCounts(text: string, sentences: SentenceRange[], s: number): boolean {
  let asserted = ASSERTED[s]
  if (asserted === undefined) {
    const slice = (k: number) => (k >= 0 && k < sentences.length ? text.slice(sentences[k].start, sentences[k].end) : '')
    asserted = assertedWith(slice(s), slice(s + 1), slice(s - 1), (which) => rejectsAt(text, sentences, s + which), (which) => markedAt(text, sentences, s + which))
    ASSERTED[s] = asserted
  }
  return asserted
}

/** Whether one of the scores would make or raise a suggestion: otherwise the sentence need not be read further. */
function raises(miss: Map<number, number>, best: Array<Best | undefined>, threshold: number): boolean {
  for (const [narrative, m] of miss) {
    const score = 1 - m
    if (score >= threshold && !(best[narrative] && best[narrative].score >= score)) return true
  }
  return false
}

/**
 * The patterns with window 2 whose slots are filled in sentence s − 1 and s together: each such
 * match is a suggestion of its own over both sentences, when both say what the people think.
 */
function acrossSentences(text: string, sentences: SentenceRange[], s: number, before: SentenceWords, words: SentenceWords, candidates: number[], index: CueIndex, stamp: number, best: Array<Best | undefined>, threshold: number): void {
  joinWords(before, words, PAIR, text)
  SEEN_FROM = stamp - 1
  const miss = new Map<number, number>()
  const found: Array<{cue: number; positions: number[]}> = []
  for (const c of candidates) {
    const cue = index.cues[c]
    const positions = cueOccurs(PAIR, cue)
    // Only a match that needs both sentences: one within a sentence is found there.
    if (!positions || positions.every((p) => p < before.length) || positions.every((p) => p >= before.length)) continue
    if (found.some((f) => index.cues[f.cue].source === cue.source)) continue
    found.push({cue: c, positions})
    miss.set(cue.narrative, (miss.get(cue.narrative) ?? 1) * (1 - cue.weight))
  }
  SEEN_FROM = stamp
  if (found.length === 0 || !raises(miss, best, threshold)) return
  if (!sentenceCounts(text, sentences, s - 1) || !sentenceCounts(text, sentences, s)) return
  const others = index.aboutOthers(stamp, stamp - 1)
  for (const [narrative, m] of miss) {
    const score = 1 - m
    const current = best[narrative]
    if (score < threshold || (current && current.score >= score)) continue
    if (others && narrative !== index.othersFavoured) continue
    const mine = found.filter((f) => index.cues[f.cue].narrative === narrative)
    const used = new Set<number>()
    const out: Best['words'] = []
    for (const f of mine) for (const p of f.positions) if (!used.has(p)) {
      used.add(p)
      out.push({cue: f.cue, end: PAIR.ends[p], start: PAIR.starts[p]})
    }
    best[narrative] = {
      cues: new Set(mine.map((f) => f.cue)),
      end: sentences[s].end,
      score,
      start: sentences[s - 1].start,
      words: out.sort((a, b) => a.start - b.start),
    }
  }
}

/**
 * Proposes narratives for a text (a note, a fragment): at most one per narrative, from the
 * sentence where its cues weigh most, sorted by score. Cues come from the method file; a cue is
 * not counted when a negation in its clause turns it around.
 */
export function suggestNarratives(text: string, method: Method, options: SuggestOptions = {}): NarrativeSuggestion[] {
  const threshold = options.threshold ?? DEFAULT_THRESHOLD
  const index = cueIndexOf(method)
  if (index.cues.length === 0) return []
  const best: Array<Best | undefined> = []
  const matched: number[] = []
  const matchedAt: number[][] = []
  // Patterns with window 2 anchored in the sentence before, and those to try across two sentences.
  let carried = CARRIED[0]
  let fromCarry = CARRIED[1]
  carried.length = 0
  const across = ACROSS

  const sentences = splitSentences(text)
  ASSERTED.length = 0
  REJECTS.length = 0
  MARKED.length = 0
  for (let s = 0; s < sentences.length; s++) {
    const sentence = sentences[s]
    const words = BUFFERS[s & 1]
    const stamp = index.nextStamp()
    const anchored = collectWords(index, text, sentence.start, sentence.end, words, stamp)
    SEEN = index.atomSeen
    SEEN_FROM = stamp
    SEEN_TO = stamp
    // Swap the two lists: what this sentence carries becomes fromCarry for the next.
    const swap = fromCarry
    fromCarry = carried
    carried = swap
    carried.length = 0
    across.length = 0
    // The study model reads every sentence's words, anchored or not (./model.ts).
    options.onSentence?.(words.infos, words.length, sentence.start, sentence.end, words.starts, words.ends)
    if (!anchored && fromCarry.length === 0) continue
    // Candidates: the cues anchored on a word of this sentence whose required words are all here.
    matched.length = 0
    matchedAt.length = 0
    let clausesMarked = false
    for (let i = 0; i < words.length; i++) {
      const info = words.infos[i]
      if (!info.anchored) continue
      for (const atom of info.atoms) {
        for (const c of index.anchors[atom]) {
          if (index.cueSeen[c] === stamp) continue
          index.cueSeen[c] = stamp
          const cue = index.cues[c]
          if (cue.window) carried.push(c)
          if (!requiredPresent(index, cue, stamp)) {
            if (cue.window && s > 0 && stamp > 1 && requiredPresent(index, cue, stamp, stamp - 1)) across.push(c)
            continue
          }
          if (!clausesMarked) {
            markClauses(text, words)
            clausesMarked = true
          }
          const positions = cueOccurs(words, cue)
          if (positions) {
            matched.push(c)
            matchedAt.push(positions)
          }
        }
      }
    }
    // A pattern anchored in the sentence before may find the rest of its slots in this one.
    for (const c of fromCarry) {
      if (index.cueSeen[c] === stamp) continue
      index.cueSeen[c] = stamp
      if (stamp > 1 && requiredPresent(index, index.cues[c], stamp, stamp - 1)) across.push(c)
    }
    if (across.length > 0) acrossSentences(text, sentences, s, BUFFERS[(s + 1) & 1], words, across, index, stamp, best, threshold)
    if (matched.length === 0) continue

    // Combine the weights per narrative, strongest cue first; a cue only counts when it adds a
    // word of its own, so that one word ("app") filling two weak cues is not two signals.
    const order = matched.length === 1 ? [0] : matched.map((_, k) => k).sort((a, b) => index.cues[matched[b]].weight - index.cues[matched[a]].weight)
    const miss = new Map<number, number>()
    const counted: number[] = []
    for (const k of order) {
      const cue = index.cues[matched[k]]
      if (counted.length > 0 && !addsWord(matchedAt[k], counted, cue.narrative, index, matched, matchedAt)) continue
      // The cues of one pattern are one signal, however many of its combinations match.
      if (counted.some((j) => index.cues[matched[j]].source === cue.source)) continue
      counted.push(k)
      miss.set(cue.narrative, (miss.get(cue.narrative) ?? 1) * (1 - cue.weight))
    }
    if (!raises(miss, best, threshold) || !sentenceCounts(text, sentences, s)) continue
    // A complaint about a company, a bank or a referee, with no public body in the sentence.
    const others = index.aboutOthers(stamp)
    for (const [narrative, m] of miss) {
      const score = 1 - m
      const current = best[narrative]
      if (score < threshold || (current && current.score >= score)) continue
      if (others && narrative !== index.othersFavoured) continue
      best[narrative] = {
        cues: new Set(counted.map((k) => matched[k]).filter((c) => index.cues[c].narrative === narrative)),
        end: sentence.end,
        score,
        start: sentence.start,
        words: matchedWords(words, counted, narrative, index, matched, matchedAt),
      }
    }
  }

  const out: NarrativeSuggestion[] = []
  if (best.length === 0) return out
  // Code points differ from UTF-16 indexes only after an astral character (an emoji, say).
  const astral = SURROGATE.test(text)
  best.forEach((b, narrative) => {
    if (!b || b.score < threshold) return
    const start = astral ? toCodePoint(text, b.start) : b.start
    const at = (i: number) => (astral ? toCodePoint(text, i, b.start, start) : i)
    const labels = [...new Set([...b.cues].sort((x, y) => x - y).map((c) => index.cues[c].source))]
    out.push({
      cues: labels,
      end: at(b.end),
      // A pattern's combinations are one cue by name: a matched word points at its name.
      matched: b.words.map((w) => ({cue: labels.indexOf(index.cues[w.cue].source), end: at(w.end), start: at(w.start)})),
      narrative: index.narrativeIds[narrative],
      score: Math.round(b.score * 1000) / 1000,
      sentence: text.slice(b.start, b.end),
      start,
    })
  })
  return out.sort((a, b) => b.score - a.score)
}

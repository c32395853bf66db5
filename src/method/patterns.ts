import {cueProblem} from './cue-syntax.js'

/**
 * A pattern (a "frame") of a narrative, as a researcher writes it in the method file: a few slots,
 * each a list of words or short phrases that can fill it, and a name that says in plain Dutch what
 * the pattern means. It matches a sentence when every slot is filled somewhere in it, in any order:
 * "tried to reach" + "no one answered" is "we hebben drie keer gebeld en nooit iemand gesproken".
 * A slot item "@name" stands for a whole word list of the method file (`wordLists:`): a class of
 * words with one meaning (offices, attempts to get in touch, waiting) that many patterns share.
 */
export interface NarrativePattern {
  name: string
  slots: string[][]
  weight?: number
  /** 2: the slots may be filled in one sentence and the next ("Ze kregen een nieuw loket. Wij niets."). */
  window?: number
  /** The slots in the order written, close together like the words of a phrase ("voor hen ben ik een nummer"). */
  ordered?: boolean
}

/** Named word lists of a method file: a semantic class per name, each item a word or a phrase. */
export type WordLists = Readonly<Record<string, readonly string[]>>

const REFERENCE = /^@([a-z0-9]+(?:-[a-z0-9]+)*)$/

/** The name of the word list an item refers to ("@instanties" → "instanties"), or undefined. */
export function listReference(item: string): string | undefined {
  return REFERENCE.exec(item.trim())?.[1]
}

/**
 * The items of each slot with every "@name" replaced by the words of that list (each once, in the
 * order written). A reference to a list that does not exist is left out here; patternProblem and
 * the method check name it.
 */
export function patternSlots(pattern: NarrativePattern, lists: WordLists = {}): string[][] {
  return pattern.slots.map((slot) => {
    const out: string[] = []
    for (const raw of slot) {
      const name = listReference(raw)
      for (const item of name === undefined ? [raw] : (lists[name] ?? [])) {
        const clean = item.trim().replace(/\s+/g, ' ')
        if (!out.includes(clean)) out.push(clean)
      }
    }
    return out
  })
}

/**
 * The choices of each slot in the cue syntax: its single words as one choice
 * ("gebeld|gemaild|geprobeerd"), each phrase a choice of its own.
 */
// The cue syntax reads "collega's" and "mbo-ers" as two words (./cue-syntax.ts): inside "a|collega's|b" that
// split the whole choice into two places ("a|collega" then "s|b"), and the pattern matched almost nothing.
const SEVERAL_WORDS = /\s|(?<=[\p{L}\p{N}*])['’-](?=[\p{L}\p{N}*])/u

export function slotChoices(slot: string[]): string[] {
  const words = slot.filter((item) => !SEVERAL_WORDS.test(item))
  const phrases = slot.filter((item) => SEVERAL_WORDS.test(item))
  return [...(words.length > 0 ? [words.join('|')] : []), ...phrases]
}

/**
 * The cues a pattern stands for, in the cue syntax, slots joined by `&` (for reading and tests:
 * the engine compiles a pattern as one cue whose slots have alternatives, so phrases do not multiply).
 */
export function patternCues(pattern: NarrativePattern, lists: WordLists = {}): string[] {
  let cues = ['']
  for (const slot of patternSlots(pattern, lists)) {
    const choices = slotChoices(slot)
    cues = cues.flatMap((cue) => choices.map((part) => (cue ? `${cue} & ${part}` : part)))
  }
  return cues
}

/** What is wrong with a word list, in Dutch, or undefined. */
export function wordListProblem(items: readonly string[]): string | undefined {
  if (items.length === 0) return 'is leeg'
  for (const item of items) {
    if (listReference(item) !== undefined) return `"${item}": een woordenlijst kan niet naar een andere lijst verwijzen; zet de woorden erin`
    if (/[&~|]|\.\.\./.test(item)) return `"${item}" mag geen &, ~, | of ... bevatten; zet elk woord of zinsdeel apart in de lijst`
    const problem = cueProblem(item)
    if (problem) return `"${item}": ${problem}`
  }
  return undefined
}

/**
 * What is wrong with a pattern, in Dutch, or undefined. With `lists`, a reference to a list that is
 * not there is a problem too (without, only the shape of "@name" is checked).
 */
export function patternProblem(pattern: NarrativePattern, lists?: WordLists): string | undefined {
  if (pattern.slots.length < 2) return 'heeft minstens twee plekken (slots) nodig'
  for (const [i, slot] of pattern.slots.entries()) {
    if (slot.length === 0) return `plek ${i + 1} is leeg`
    for (const item of slot) {
      if (item.trim().startsWith('@')) {
        const name = listReference(item)
        if (name === undefined) return `plek ${i + 1}: "${item}" is geen naam van een woordenlijst: gebruik @ met kleine letters, cijfers en streepjes, zoals @instanties`
        if (lists && !(name in lists)) {
          const known = Object.keys(lists)
          return `plek ${i + 1}: de woordenlijst "${name}" bestaat niet onder wordLists:${known.length > 0 ? ` (wel: ${known.join(', ')})` : ''}`
        }
        continue
      }
      if (/[&~|]|\.\.\./.test(item)) return `plek ${i + 1}: "${item}" mag geen &, ~, | of ... bevatten; zet elk woord of zinsdeel apart in de lijst`
      const problem = cueProblem(item)
      if (problem) return `plek ${i + 1}: "${item}": ${problem}`
    }
  }
  // In order, every combination of the phrases of the slots is a phrase of its own.
  if (pattern.ordered && lists) {
    const count = patternSlots(pattern, lists).reduce((n, slot) => n * slotChoices(slot).length, 1)
    if (count > MAX_ORDERED) return `staat op volgorde voor ${count} combinaties van zinsdelen; gebruik meer losse woorden en minder zinsdelen (hoogstens ${MAX_ORDERED})`
  }
  return undefined
}

/** At most this many phrases an ordered pattern may stand for (the phrases of its slots multiply). */
const MAX_ORDERED = 64

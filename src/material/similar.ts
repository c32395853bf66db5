import {distance} from 'fastest-levenshtein'

import type {Store} from '../store/store.js'
import {foldName} from '../study/lookup.js'

/** An existing finding that a new one nearly repeats, and in what. */
export interface SimilarFinding {
  id: string
  /** 'titel' or 'tekst': what is nearly the same, as a message names it. */
  in: 'tekst' | 'titel'
  /** 0–1, 1 for the same words. */
  score: number
  title: string
}

/** Titles this close (edit distance over the longer title, or the same words in another order) count as the same. */
const TITLE_THRESHOLD = 0.85
/** Texts that share this much of their word pairs count as the same text. */
const TEXT_THRESHOLD = 0.8
/** Shorter texts say too little to compare ("Zie de notities."). */
const MIN_TEXT_WORDS = 8

/** Dice's coefficient of two sets: twice what they share over their sizes together. */
function dice<T>(a: Set<T>, b: Set<T>): number {
  if (a.size + b.size === 0) return 0
  let shared = 0
  for (const item of a) if (b.has(item)) shared++
  return (2 * shared) / (a.size + b.size)
}

export function titleSimilarity(a: string, b: string): number {
  const x = foldName(a)
  const y = foldName(b)
  if (!x || !y) return 0
  const edits = 1 - distance(x, y) / Math.max(x.length, y.length)
  return Math.max(edits, dice(new Set(x.split(' ')), new Set(y.split(' '))))
}

export function textSimilarity(a: string, b: string): number {
  const pairs = (text: string) => {
    const words = foldName(text).split(' ').filter(Boolean)
    if (words.length < MIN_TEXT_WORDS) return undefined
    return new Set(words.slice(1).map((word, i) => `${words[i]} ${word}`))
  }

  const x = pairs(a)
  const y = pairs(b)
  return x && y ? dice(x, y) : 0
}

/**
 * The findings (not in the trash) whose title or text is nearly that of a new finding, most alike
 * first: a second finding about the same thing splits its evidence, so the user is asked first.
 */
export function similarFindings(store: Store, candidate: {text?: string; title?: string}, options: {except?: string} = {}): SimilarFinding[] {
  const found: SimilarFinding[] = []
  for (const row of store.findings.titlesAndTexts()) {
    if (row.id === options.except) continue
    const title = candidate.title ? titleSimilarity(candidate.title, row.title) : 0
    const text = candidate.text ? textSimilarity(candidate.text, row.text) : 0
    if (title >= TITLE_THRESHOLD) found.push({id: row.id, in: 'titel', score: title, title: row.title})
    else if (text >= TEXT_THRESHOLD) found.push({id: row.id, in: 'tekst', score: text, title: row.title})
  }

  return found.sort((a, b) => b.score - a.score).slice(0, 3)
}

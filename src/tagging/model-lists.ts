import type {Method} from '../method/schema.js'
import {scanWords, stemNumberOfStem, stemText, WordBuffer} from './model-words.js'

/*
 * The method's word lists as features of the study model: "@digitale-ingang" counts in a note
 * when a sentence holds a word or phrase of that list. A list is a class of words that mean the
 * same for a narrative ("app", "website", "chatbot"), written by researchers, so what the model
 * learns from "app" in a hundred coded notes also holds for "chatbot" in the next one (see
 * BENCHMARKS.md, "What changed on 2026-12-04").
 */

/** A word list as the model reads it: its feature name, and per item the stems of its words. */
export interface ModelList {
  name: string
  items: string[][]
}

const BUFFER = new WordBuffer()

/** The stems of a text's words, as the model reads them (stop words left out). */
function stemsOf(text: string): string[] {
  scanWords(text, 0, text.length, BUFFER)
  return Array.from(BUFFER.stems.subarray(0, BUFFER.length), (id) => stemText(id))
}

/**
 * The word lists of a method, as the model keeps them in its file: every item by the stems of
 * its words. Items with a wildcard ("loket*") are left out: a stem cannot say where a word ends.
 * So is a phrase that the stop words leave less than half of: "over moeten doen" would be any
 * "doen".
 */
export function modelLists(method: Pick<Method, 'wordLists'>): ModelList[] {
  const out: ModelList[] = []
  for (const name of Object.keys(method.wordLists ?? {}).sort()) {
    const seen = new Set<string>()
    const items: string[][] = []
    for (const item of method.wordLists[name]) {
      if (item.includes('*')) continue
      const stems = stemsOf(item)
      const key = stems.join(' ')
      const words = item.trim().split(/\s+/).length
      if (stems.length === 0 || stems.length * 2 < words || seen.has(key)) continue
      seen.add(key)
      items.push(stems)
    }

    if (items.length > 0) out.push({items, name: `@${name}`})
  }

  return out
}

/**
 * Finds which lists a sentence's stems hit: an item hits when all of its words are in the
 * sentence (in any order, as the cues' slots are). Each item is found from its first stem, so a
 * sentence costs one array lookup per word.
 */
export class ListMatcher {
  /** Per list, the stem number of its feature name. */
  readonly featureStems: Int32Array
  /** Per stem number, where its items start in `entries`, or −1. */
  private readonly firstOf: Int32Array
  private readonly entries: Array<Array<{list: number; rest: number[]}>> = []
  private readonly hit: Int32Array
  private readonly seen: Int32Array
  private stamp = 0

  constructor(lists: readonly ModelList[]) {
    this.featureStems = Int32Array.from(lists, (l) => stemNumberOfStem(l.name))
    const byFirst = new Map<number, Array<{list: number; rest: number[]}>>()
    let size = 0
    lists.forEach((list, l) => {
      for (const item of list.items) {
        const ids = item.map((stem) => stemNumberOfStem(stem))
        for (const id of ids) size = Math.max(size, id + 1)
        const entry = byFirst.get(ids[0]) ?? []
        entry.push({list: l, rest: ids.slice(1)})
        byFirst.set(ids[0], entry)
      }
    })
    this.firstOf = new Int32Array(size).fill(-1)
    for (const [id, entry] of byFirst) {
      this.firstOf[id] = this.entries.length
      this.entries.push(entry)
    }

    this.seen = new Int32Array(size)
    this.hit = new Int32Array(lists.length)
  }

  /** Calls found with each list the words stems[from, to) hit, once per list, and the position of the word where its item starts. */
  each(stems: Int32Array, to: number, found: (list: number, at: number) => void, from = 0): void {
    const {entries, firstOf, hit, seen} = this
    const size = firstOf.length
    if (this.stamp === 0x7f_ff_ff_ff) {
      seen.fill(0)
      hit.fill(0)
      this.stamp = 0
    }

    const stamp = ++this.stamp
    for (let i = from; i < to; i++) {
      const stem = stems[i]
      if (stem >= 0 && stem < size) seen[stem] = stamp
    }

    for (let i = from; i < to; i++) {
      const stem = stems[i]
      if (stem < 0 || stem >= size || firstOf[stem] === -1) continue
      for (const {list, rest} of entries[firstOf[stem]]) {
        if (hit[list] === stamp) continue
        if (rest.every((id) => seen[id] === stamp)) {
          hit[list] = stamp
          found(list, i)
        }
      }
    }
  }
}

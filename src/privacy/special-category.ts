import type {Candidate} from './kinds.js'
import {readList} from './name-lists.js'

// Special categories of personal data (GDPR art. 9 and 10): health, religion, ethnic origin, sexual
// orientation, criminal record and union membership. A word of those lists is personal data only when
// it is said of a person the note names: "Henk heeft sinds vorig jaar kanker" is, "veel ouderen hier
// hebben diabetes" is not. So a hit needs a name in the same sentence, and no group ("veel ouderen",
// "de bewoners") between the name and the word.
const CATEGORIES = [
  ['gezondheid', 'bijzonder-gezondheid.txt', 'gezondheid'],
  ['geloof', 'bijzonder-geloof.txt', 'geloof of levensovertuiging'],
  ['afkomst', 'bijzonder-afkomst.txt', 'etnische afkomst'],
  ['geaardheid', 'bijzonder-geaardheid.txt', 'seksuele geaardheid'],
  ['strafrecht', 'bijzonder-strafrecht.txt', 'strafrechtelijk verleden'],
  ['vakbond', 'bijzonder-vakbond.txt', 'lidmaatschap van een vakbond'],
] as const
const GROUP_WORDS =
  /(?<![\p{L}])(?:veel|vele|velen|sommige|sommigen|meeste|iedereen|allemaal|alle|mensen|bewoners|buurtbewoners|inwoners|ouderen|jongeren|kinderen|leerlingen|gezinnen|families|mannen|vrouwen|moeders|vaders|ouders|cliënten|patiënten|klanten|deelnemers|anderen|niemand|de helft|een op de|steeds meer)(?![\p{L}])/iu
// A full stop after these is no end of a sentence: "mevr. Bulut", "geb. 1950", "J. de Vries".
const ABBREVIATIONS = new Set(['dhr', 'mevr', 'mvr', 'mw', 'mr', 'dr', 'drs', 'ir', 'ing', 'prof', 'ds', 'fam', 'geb', 'nr', 'bijv', 'ca', 'jl', 'st', 'str'])
const SENTENCE_END = /[.!?…]+["'”’)]*(?=\s)|\n[ \t]*\n|\n(?=[ \t]*[-*•])/g

let terms: RegExp | undefined

function termPattern(): RegExp {
  if (terms) return terms
  const phrase = (line: string) =>
    line
      .toLowerCase()
      .split(/\s+/)
      .map((word) => (word.endsWith('*') ? `${escape(word.slice(0, -1))}[\\p{L}-]*` : escape(word)))
      .join('[ \\u00a0]+')
  const alternatives = CATEGORIES.map(([id, file]) => {
    const lines = readList(file).sort((a, b) => b.length - a.length)
    return `(?<${id}>${lines.map(phrase).join('|')})`
  })
  terms = new RegExp(`(?<![\\p{L}\\p{N}-])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}]|-\\p{L})`, 'giu')
  return terms
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** Where each sentence of `text` starts and ends. */
function sentences(text: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = []
  let start = 0
  for (const match of text.matchAll(SENTENCE_END)) {
    if (match[0][0] === '.') {
      const word = /[\p{L}]+$/u.exec(text.slice(Math.max(0, match.index - 6), match.index))?.[0] ?? ''
      if (ABBREVIATIONS.has(word.toLowerCase()) || /^\p{Lu}$/u.test(word)) continue
    }

    ranges.push([start, match.index + match[0].length])
    start = match.index + match[0].length
  }

  ranges.push([start, text.length])
  return ranges
}

/** Words of a special category said about a person named in the same sentence (`names` are the name hits). */
export function findSpecialCategories(text: string, names: Candidate[]): Candidate[] {
  const found: Candidate[] = []
  if (names.length === 0) return found
  const pattern = termPattern()
  for (const [from, to] of sentences(text)) {
    const named = names.filter((name) => name.start >= from && name.end <= to)
    if (named.length === 0) continue
    const sentence = text.slice(from, to)
    for (const match of sentence.matchAll(pattern)) {
      const start = from + match.index
      const end = start + match[0].length
      const name = named.reduce((best, n) => (distance(n, start, end) < distance(best, start, end) ? n : best))
      if (name.start < end && start < name.end) continue
      const between = name.end <= start ? text.slice(name.end, start) : text.slice(end, name.start)
      if (GROUP_WORDS.test(between)) continue
      // "veel mensen met kanker …, zegt Henk": the group the word is said of comes right before it.
      const lead = text.slice(Math.max(from, name.end <= start ? name.end : from, start - 30), start)
      if (GROUP_WORDS.test(lead)) continue
      const category = CATEGORIES.find(([id]) => match.groups![id] !== undefined)!
      found.push({end, kind: 'bijzonder', reason: `${category[2]} van een genoemde persoon`, start, subject: text.slice(name.start, name.end)})
    }
  }

  return found
}

function distance(name: Candidate, start: number, end: number): number {
  return name.end <= start ? start - name.end : name.start - end
}

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
// "werkt bij de reclassering", "vrijwilliger bij de moskee": a job or a task at such a place says nothing of the person.
const WORK_BEFORE = /(?<![\p{L}])(?:werkt|werkte|werken|gewerkt|stage|stagiair|baan|vrijwilliger|vrijwilligster|medewerker|medewerkster|bewaker|directeur|voorzitter)(?![\p{L}])[^.!?]*$/iu
// A full stop after these is no end of a sentence: "mevr. Bulut", "geb. 1950", "J. de Vries".
const ABBREVIATIONS = new Set(['dhr', 'mevr', 'mvr', 'mw', 'mr', 'dr', 'drs', 'ir', 'ing', 'prof', 'ds', 'fam', 'geb', 'nr', 'bijv', 'ca', 'jl', 'st', 'str'])
const SENTENCE_END = /[.!?…]+["'”’)]*(?=\s)|\n[ \t]*\n|\n(?=[ \t]*[-*•])/g

const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu

// What the lists cannot hold as fixed phrases: a practice with words in between ("gaat elke zondag naar de
// gereformeerde kerk"), a compound of an addiction ("gokverslaafd"), an admission, a union's board or branch.
const PATTERNS: Array<[RegExp, (typeof CATEGORIES)[number]]> = [
  [/(?<![\p{L}])(?:gaat|ging|gaan|gingen|komt|kwam)(?:\s+\p{L}+){0,3}\s+naar\s+(?:de|het)\s+(?:\p{L}+\s+)?(?:kerk|moskee|synagoge|sjoel|tempel|mandir|gurdwara|gebedshuis|mis|kerkdienst|vrijdaggebed)(?![\p{L}])/giu, CATEGORIES[1]],
  [/(?<![\p{L}])\p{L}*(?:verslaafd|verslaafde|verslaving)(?![\p{L}])/giu, CATEGORIES[0]],
  // "Eritrees-orthodox", "grieks-orthodoxe", "ultra-orthodox".
  [/(?<![\p{L}])(?:\p{L}+-)?orthodox(?:e)?(?![\p{L}])/giu, CATEGORIES[1]],
  // "zat drie jaar vast voor drugshandel", "heeft twee jaar gezeten".
  [/(?<![\p{L}])(?:zat|zit|zaten|zitten|heeft|had)\s+(?:\p{L}+\s+){0,3}(?:vast|gezeten|vastgezeten)\s+(?:voor|wegens)\s+\p{L}+(?![\p{L}])/giu, CATEGORIES[4]],
  [/(?<![\p{L}])(?:gedwongen\s+opgenomen|opgenomen\s+(?:in|op)\s+(?:de|een)\s+(?:psychiatri\p{L}*|ggz\p{L}*|gesloten\s+afdeling|verslavingskliniek|afkickkliniek))(?![\p{L}])/giu, CATEGORIES[0]],
  [/(?<![\p{L}])(?:(?:in\s+het\s+)?bestuur|bestuurslid|lid|voorzitter|kaderlid)\s+van\s+(?:de|het)\s+(?:fnv|cnv|vakbond|vcp)\p{L}*(?:-\p{L}+)?(?![\p{L}])/giu, CATEGORIES[5]],
]

interface Term {
  category: (typeof CATEGORIES)[number]
  words: string[]
}

let terms: Map<string, Term[]> | undefined

/** The lists' words and phrases by their first word, longest phrase first: a lookup per word of a sentence. */
function termIndex(): Map<string, Term[]> {
  if (terms) return terms
  terms = new Map()
  for (const category of CATEGORIES) {
    for (const line of readList(category[1])) {
      const words = line.toLowerCase().replaceAll('’', "'").split(/\s+/)
      const list = terms.get(words[0]) ?? []
      list.push({category, words})
      terms.set(words[0], list)
    }
  }

  for (const list of terms.values()) list.sort((a, b) => b.words.length - a.words.length)
  return terms
}

/** The words and phrases of the lists in `sentence`, as [start, end, category] within it. */
function termsIn(sentence: string): Array<[number, number, Term['category']]> {
  const index = termIndex()
  const words = [...sentence.matchAll(WORD)]
  const lower = words.map((w) => w[0].toLowerCase().replaceAll('’', "'"))
  const found: Array<[number, number, Term['category']]> = []
  for (let i = 0; i < words.length; i++) {
    const term = index.get(lower[i])?.find((t) => t.words.every((word, k) => lower[i + k] === word && (k === 0 || /^[ \t\u00a0]+$/.test(sentence.slice(words[i + k - 1].index + words[i + k - 1][0].length, words[i + k].index)))))
    if (!term) continue
    const last = words[i + term.words.length - 1]
    found.push([words[i].index, last.index + last[0].length, term.category])
    i += term.words.length - 1
  }

  for (const [pattern, category] of PATTERNS) {
    for (const match of sentence.matchAll(pattern)) {
      const end = match.index + match[0].length
      if (!found.some(([from, to]) => from < end && match.index < to)) found.push([match.index, end, category])
    }
  }

  return found
}

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
  for (const [from, to] of sentences(text)) {
    const named = names.filter((name) => name.start >= from && name.end <= to)
    if (named.length === 0) continue
    for (const [termStart, termEnd, category] of termsIn(text.slice(from, to))) {
      const start = from + termStart
      const end = from + termEnd
      const name = named.reduce((best, n) => (distance(n, start, end) < distance(best, start, end) ? n : best))
      if (name.start < end && start < name.end) continue
      const between = name.end <= start ? text.slice(name.end, start) : text.slice(end, name.start)
      if (GROUP_WORDS.test(between)) continue
      // "veel mensen met kanker …, zegt Henk": the group the word is said of comes right before it.
      const lead = text.slice(Math.max(from, name.end <= start ? name.end : from, start - 30), start)
      if (GROUP_WORDS.test(lead) || WORK_BEFORE.test(lead)) continue
      found.push({end, kind: 'bijzonder', reason: `${category[2]} van een genoemde persoon`, start, subject: text.slice(name.start, name.end)})
    }
  }

  return found
}

function distance(name: Candidate, start: number, end: number): number {
  return name.end <= start ? start - name.end : name.start - end
}

import {readFileSync} from 'node:fs'
import {fileURLToPath} from 'node:url'

/**
 * A sorted list of words, one a line, searched in place: building a Set of the 134,000 Dutch words
 * would cost about 45 ms at every start of `note add`, a binary search over the text costs nothing up front.
 */
export class SortedWords {
  constructor(private readonly text: string) {}

  has(word: string): boolean {
    const {text} = this
    let lo = 0
    let hi = text.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      const start = text.lastIndexOf('\n', mid - 1) + 1
      const end = text.indexOf('\n', start)
      const line = text.slice(start, end)
      if (line === word) return true
      if (line < word) lo = end + 1
      else hi = start
    }

    return false
  }
}

/** The lists derived from the OpenTaal dictionary by scripts/opentaal-lists.mjs. */
export interface OpenLists {
  /** Dutch words, in lower case: "gemeente", "loket", "roos". */
  words: SortedWords
  /** Proper nouns OpenTaal knows as names of persons: "Geert", "Karabulut", "Farida". */
  names: SortedWords
  /** The other proper nouns: places, streets, organisations and brands ("Kloetinge", "WhatsApp"). */
  proper: SortedWords
}

let lists: OpenLists | undefined

function read(file: string): SortedWords {
  const url = new URL(`./data/${file}`, import.meta.url)
  try {
    return new SortedWords(readFileSync(url, 'utf8'))
  } catch (error) {
    throw new Error(`De woordenlijst ${fileURLToPath(url)} van de privacycontrole ontbreekt; karavaan is niet goed geïnstalleerd.`, {cause: error})
  }
}

export function openLists(): OpenLists {
  lists ??= {names: read('opentaal-namen.txt'), proper: read('opentaal-eigennamen.txt'), words: read('opentaal-woorden.txt')}
  return lists
}

// Endings an inflected form may have beyond the stem in the dictionary: plurals, diminutives, the e of an
// adjective, a verb's t, te, de, ten, den. The stem is tried as it is, with its last consonant single, and
// with its vowel doubled ("straten" → "straat", "bussen" → "bus").
const ENDINGS = ['s', "'s", 'en', 'n', 'e', 'es', 'er', 'ers', 'ere', 'der', 'st', 'ste', 't', 'te', 'de', 'ten', 'den', 'tje', 'tjes', 'je', 'jes', 'etje', 'pje']
const VOWEL = /[aeiou]/

function stems(word: string): string[] {
  const found: string[] = []
  for (const ending of ENDINGS) {
    if (word.length - ending.length < 2 || !word.endsWith(ending)) continue
    const stem = word.slice(0, -ending.length)
    found.push(stem)
    const last = stem.at(-1) ?? ''
    if (stem.length > 2 && last === stem.at(-2) && !VOWEL.test(last)) found.push(stem.slice(0, -1))
    const vowel = stem.at(-2) ?? ''
    if (VOWEL.test(vowel) && !VOWEL.test(last) && !VOWEL.test(stem.at(-3) ?? '')) found.push(stem.slice(0, -1) + vowel + last)
    if (last === 'z') found.push(stem.slice(0, -1) + 's')
    if (last === 'v') found.push(stem.slice(0, -1) + 'f')
  }

  return found
}

function isWordOrForm(words: SortedWords, word: string): boolean {
  return words.has(word) || stems(word).some((stem) => words.has(stem)) || infinitives(word).some((verb) => words.has(verb))
}

// Separable prefixes before the ge- of a participle: "afgehaakt", "aangesproken", "uitgenodigd".
const PARTICIPLE = /^(af|aan|op|uit|in|mee|door|over|om|toe|terug|weg|bij|na|voor|vast|los|)ge(\p{L}{2,}?)(?:d|t|en)$/u

/** The infinitives a past participle may come from: "afgehaakt" → "afhaken", "gebeld" → "bellen". */
function infinitives(word: string): string[] {
  const match = PARTICIPLE.exec(word)
  if (!match) return []
  const [, prefix, stem] = match
  const single = /([aeou])\1([^aeiou])$/.test(stem) ? stem.replace(/([aeou])\1([^aeiou])$/, '$1$2') : stem
  const doubled = /[aeiou][^aeiou]$/.test(stem) ? stem + stem.at(-1) : stem
  return [...new Set([stem + 'en', single + 'en', doubled + 'en', stem + 'n'])].flatMap((verb) => (prefix ? [prefix + verb, verb] : [verb]))
}

/**
 * A Dutch word in lower case: in the dictionary, an inflected form of one, or a compound of two or three
 * ("wijkcentrum", "buurtsportcoach", "kloosterhoek"), with a linking s or e(n) between the parts.
 */
export function isDutchWord(lower: string, depth = 0): boolean {
  const {words} = openLists()
  if (isWordOrForm(words, lower)) return true
  // "één", "vóór", "ideeën": the accents of stress and of a diaeresis are not in every entry.
  const plain = lower.normalize('NFD').replace(/\p{M}/gu, '')
  if (plain !== lower && isWordOrForm(words, plain)) return true
  if (depth > 1 || lower.length < 6) return false
  for (let split = 3; split <= lower.length - 3; split++) {
    const head = lower.slice(0, split)
    const tail = lower.slice(split)
    const headIsWord = words.has(head) || ((head.endsWith('s') || head.endsWith('e')) && head.length > 3 && words.has(head.slice(0, -1))) || (head.endsWith('en') && head.length > 4 && words.has(head.slice(0, -2)))
    // Two short parts make no compound: "sem" and "har" are no "semhar".
    if (split === 3 && tail.length < 4) continue
    if (headIsWord && (isWordOrForm(words, tail) || isDutchWord(tail, depth + 1))) return true
  }

  return false
}

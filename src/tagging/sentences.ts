/** A sentence as a range of the text, in UTF-16 indexes (as JavaScript strings count). */
export interface SentenceRange {
  end: number
  start: number
}

/**
 * Abbreviations that end in a full stop without ending the sentence, lower case and without the
 * last dot. Abbreviations with inner dots (o.a., d.w.z., m.b.t.) and single letters (initials)
 * are recognised by their shape.
 */
const ABBREVIATIONS = new Set([
  'bijv', 'bv', 'ca', 'dhr', 'dr', 'drs', 'enz', 'etc', 'evt', 'excl', 'gem', 'ing', 'incl', 'ir', 'jl', 'max', 'min',
  'mevr', 'mr', 'mw', 'nr', 'nrs', 'pag', 'blz', 'prof', 'resp', 'sr', 'jr', 'st', 'tel', 'vgl', 'vs', 'zgn', 'ong', 'wo',
  'mln', 'mld', 'mrd', 'aug', 'sept', 'okt', 'nov', 'dec', 'jan', 'feb', 'apr', 'afd', 'adv', 'jhr', 'kl', 'ds', 'pt',
])

const LETTER = /\p{L}/u
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u
const UPPER_OR_DIGIT = /[\p{Lu}\p{N}]/u
const BULLET = /^[ \t]*(?:[-*•–]|\d{1,3}[.)])[ \t]+/

const NEWLINE = 10
const DOT = 46
const HASH = 35

function isSpace(code: number): boolean {
  return code === 32 || code === 10 || code === 13 || code === 9 || code === 160 || code === 0x20_2f || code === 12 || code === 11
}

/** . ! ? … */
function isTerminal(code: number): boolean {
  return code === DOT || code === 33 || code === 63 || code === 0x20_26
}

/** Quotes and brackets that close a sentence: " ' ” ’ » ) ] */
function isClosing(code: number): boolean {
  return code === 34 || code === 39 || code === 0x20_1d || code === 0x20_19 || code === 0xbb || code === 41 || code === 93
}

/** Part of an emoji: a surrogate half, a symbol or dingbat, a variation selector or a zero-width joiner. */
function isEmoji(code: number): boolean {
  return (code >= 0xd8_00 && code <= 0xdf_ff) || (code >= 0x26_00 && code <= 0x27_bf) || code === 0xfe_0f || code === 0x20_0d
}

/** A list marker's first character: - * • – or a digit. */
function mayStartItem(code: number): boolean {
  return code === 45 || code === 42 || code === 0x20_22 || code === 0x20_13 || (code >= 48 && code <= 57)
}

/** What may open the next sentence: a capital, a digit, an opening quote or bracket, or a list marker. */
function isOpening(code: number, text: string, at: number): boolean {
  if (code < 0x80) return (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 34 || code === 39 || code === 40 || code === 91 || code === 42 || code === 45
  if (code === 0x20_1c || code === 0x20_1e || code === 0x20_18 || code === 0xab || code === 0x20_22 || code === 0x20_13) return true
  return UPPER_OR_DIGIT.test(text[at])
}

function isLetterOrDigit(code: number, text: string, at: number): boolean {
  if (code < 0x80) return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57)
  return LETTER_OR_DIGIT.test(text[at])
}

function isLetter(code: number, text: string, at: number): boolean {
  if (code < 0x80) return (code >= 97 && code <= 122) || (code >= 65 && code <= 90)
  return LETTER.test(text[at])
}

/** Whether the full stop at `dot` ends an abbreviation or an initial rather than a sentence. */
function isAbbreviation(text: string, dot: number): boolean {
  let from = dot
  let innerDot = false
  while (from > 0 && dot - from < 12) {
    const code = text.charCodeAt(from - 1)
    if (code === DOT) innerDot = true
    else if (!isLetter(code, text, from - 1)) break
    from--
  }
  const length = dot - from
  if (length === 0 || (length > 5 && !innerDot)) return false // a long word: no abbreviation
  if (length === 1) return true // an initial, or the "p." of a page
  const word = text.slice(from, dot)
  if (innerDot) return /^(?:\p{L}{1,3}\.)+\p{L}{1,3}$/u.test(word) // o.a, d.w.z, m.b.t, i.p.v
  return ABBREVIATIONS.has(word.toLowerCase())
}

/** Whether a single line break at `at` ends a sentence: the line before it is closed, empty or a heading, or the next starts a list item or heading. */
function lineBreakEnds(text: string, at: number, next: number): boolean {
  let i = at - 1
  while (i >= 0 && text.charCodeAt(i) !== NEWLINE && isSpace(text.charCodeAt(i))) i--
  if (i < 0 || text.charCodeAt(i) === NEWLINE) return true // an empty line
  const last = text.charCodeAt(i)
  if (isTerminal(last) || isClosing(last) || last === 58 || last === 59) return true // . ! ? … quotes ) : ;
  let from = text.lastIndexOf('\n', at - 1) + 1
  while (from < at && isSpace(text.charCodeAt(from))) from++
  if (text.charCodeAt(from) === HASH) return true // a Markdown heading
  const first = text.charCodeAt(next)
  if (first === HASH) return true
  return mayStartItem(first) && BULLET.test(text.slice(next, Math.min(text.length, next + 8)))
}

/**
 * Splits a note into sentences. A sentence ends at . ! ? or … (with the quotes and brackets that
 * close it) when the next word starts with a capital, a digit, a quote or a list marker, unless the
 * full stop ends an abbreviation ("bijv.", "o.a.", "dhr.") or an initial. A blank line, a list item
 * and a Markdown heading also end one; a single line break inside a paragraph does not, unless the
 * line ends in a punctuation mark. Ranges are trimmed and leave out list markers ("- ", "1. ").
 */
export function splitSentences(text: string): SentenceRange[] {
  const out: SentenceRange[] = []
  const n = text.length
  const push = (start: number, end: number) => {
    while (start < end && isSpace(text.charCodeAt(start))) start++
    if (start < end && mayStartItem(text.charCodeAt(start))) {
      const bullet = BULLET.exec(text.slice(start, Math.min(end, start + 8)))
      if (bullet) start += bullet[0].length
    }
    while (start < end && isSpace(text.charCodeAt(start))) start++
    while (end > start && isSpace(text.charCodeAt(end - 1))) end--
    for (let i = start; i < end; i++) {
      if (isLetterOrDigit(text.charCodeAt(i), text, i)) {
        out.push({end, start})
        return
      }
    }
  }

  let start = 0
  // The regular expression skips to the next candidate natively, faster than a loop over every character.
  const candidates = /[\n.!?…]/g
  while (candidates.exec(text) !== null) {
    const i = candidates.lastIndex - 1
    const code = text.charCodeAt(i)
    if (code === NEWLINE) {
      // Where does the next line start, and is there a blank line in between?
      let j = i + 1
      let blank = false
      while (j < n && isSpace(text.charCodeAt(j))) {
        if (text.charCodeAt(j) === NEWLINE) blank = true
        j++
      }
      if (blank || j >= n || lineBreakEnds(text, i, j)) {
        push(start, i)
        start = j
      }
      candidates.lastIndex = j
      continue
    }
    let j = i + 1
    while (j < n && (isTerminal(text.charCodeAt(j)) || isClosing(text.charCodeAt(j)))) j++
    candidates.lastIndex = j
    if (j >= n || !isSpace(text.charCodeAt(j)) || text.charCodeAt(j) === NEWLINE) continue
    let k = j
    while (k < n && text.charCodeAt(k) !== NEWLINE && isSpace(text.charCodeAt(k))) k++
    // An emoji after the punctuation still belongs to the sentence: "De gemeente? 🙈 Ik …".
    if (k < n && isEmoji(text.charCodeAt(k))) {
      while (k < n && isEmoji(text.charCodeAt(k))) k++
      j = k
      while (k < n && text.charCodeAt(k) !== NEWLINE && isSpace(text.charCodeAt(k))) k++
    }
    if (k < n && text.charCodeAt(k) !== NEWLINE && isOpening(text.charCodeAt(k), text, k) && !(code === DOT && j === i + 1 && isAbbreviation(text, i))) {
      push(start, j)
      start = k
      candidates.lastIndex = k
    }
  }
  push(start, n)
  return out
}

/** A UTF-16 surrogate: a text with one has astral characters (an emoji), where code points and UTF-16 units differ. */
export const SURROGATE = /[\ud800-\udfff]/

/** The code-point index of a UTF-16 index: an emoji or other astral character counts once. */
export function toCodePoint(text: string, index: number, from = 0, fromCodePoint = 0): number {
  let count = fromCodePoint
  for (let i = from; i < index; i++) {
    const code = text.charCodeAt(i)
    // Count a surrogate pair once: skip the low half.
    if (code >= 0xd8_00 && code <= 0xdb_ff && i + 1 < index) {
      const next = text.charCodeAt(i + 1)
      if (next >= 0xdc_00 && next <= 0xdf_ff) i++
    }
    count++
  }
  return count
}

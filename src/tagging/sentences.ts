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

const TERMINAL = /[.!?…]/
const CLOSING = /["'”’»)\]]/
// What may open the next sentence: a capital, a digit, an opening quote or bracket, or a list marker.
const OPENING = /[\p{Lu}\p{N}"'“„‘«([*•–-]/u
const BULLET = /^[ \t]*(?:[-*•–]|\d{1,3}[.)])[ \t]+/
const SPACE = /\s/

function isAbbreviation(text: string, dot: number): boolean {
  let from = dot
  while (from > 0 && /[\p{L}.]/u.test(text[from - 1])) from--
  const word = text.slice(from, dot)
  if (word === '') return false
  if (/^\p{L}$/u.test(word)) return true // an initial, or "p." of a page
  if (/^(?:\p{L}{1,3}\.)+\p{L}{1,3}$/u.test(word)) return true // o.a, d.w.z, m.b.t, i.p.v
  return ABBREVIATIONS.has(word.toLowerCase())
}

/** Index after the current line's end, or text.length. */
function lineEnd(text: string, from: number): number {
  const at = text.indexOf('\n', from)
  return at === -1 ? text.length : at
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
  const push = (start: number, end: number) => {
    // Trim, and drop a list marker at the start.
    while (start < end && SPACE.test(text[start])) start++
    const bullet = BULLET.exec(text.slice(start, Math.min(end, start + 8)))
    if (bullet) start += bullet[0].length
    while (start < end && SPACE.test(text[start])) start++
    while (end > start && SPACE.test(text[end - 1])) end--
    if (end > start && /[\p{L}\p{N}]/u.test(text.slice(start, end))) out.push({end, start})
  }

  let start = 0
  const n = text.length
  const candidates = /[\n.!?…]/g
  let m: null | RegExpExecArray
  while ((m = candidates.exec(text)) !== null) {
    const i = m.index
    const c = text[i]
    if (c === '\n') {
      // Where does the next line start, and is there a blank line in between?
      let j = i + 1
      let blank = false
      while (j < n && SPACE.test(text[j])) {
        if (text[j] === '\n') blank = true
        j++
      }
      const line = text.slice(text.lastIndexOf('\n', i - 1) + 1, i).trim()
      const nextStartsItem = text[j] === '#' || BULLET.test(text.slice(j, Math.min(lineEnd(text, j), j + 8)))
      const lineClosed = /[.!?…:;"”’)]$/.test(line) || line.startsWith('#') || line === ''
      if (blank || nextStartsItem || lineClosed || j >= n) {
        push(start, i)
        start = j
      }
      candidates.lastIndex = j
      continue
    }
    let j = i + 1
    while (j < n && (TERMINAL.test(text[j]) || CLOSING.test(text[j]))) j++
    candidates.lastIndex = j
    if (j >= n || !SPACE.test(text[j])) continue
    let k = j
    while (k < n && SPACE.test(text[k]) && text[k] !== '\n') k++
    if (k < n && text[k] !== '\n' && OPENING.test(text[k]) && !(c === '.' && j === i + 1 && isAbbreviation(text, i))) {
      push(start, j)
      start = k
      candidates.lastIndex = k
    }
  }
  push(start, n)
  return out
}

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

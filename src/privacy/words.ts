/** A word of a note, as the name and address rules see it. */
export interface Word {
  /** The word without a possessive 's ("Sanne's" → "Sanne"). */
  text: string
  start: number
  end: number
  /** Starts with a capital letter. */
  capital: boolean
  /** A capital word that begins a sentence, a line of a list, or a quotation: its capital proves nothing. */
  sentenceStart: boolean
  /** Only spaces (no punctuation, no line break) between this word and the next. */
  joinedToNext: boolean
}

const WORD = /[\p{L}\p{M}]+(?:['’-][\p{L}\p{M}]+)*/gu
const POSSESSIVE = /['’]s$/
const OPENING = new Set(['"', '„', '“', '”', "'", '‘', '’', '«', '(', '['])
const SENTENCE_END = new Set(['.', '!', '?', ':', ';', '…'])
const BULLETS = new Set(['-', '*', '•', '–', '#', '>', '|'])

function startsSentence(text: string, start: number): boolean {
  let i = start - 1
  while (i >= 0 && (OPENING.has(text[i]) || text[i] === ' ' || text[i] === '\t' || text[i] === '\u00a0')) i--
  if (i < 0) return true
  const char = text[i]
  if (SENTENCE_END.has(char)) return true
  if (char === '\n' || char === '\r') {
    // A hard-wrapped line continues its sentence; a line after a full stop or a blank line does not.
    let j = i
    while (j >= 0 && /\s/.test(text[j])) j--
    const newlines = (text.slice(j + 1, i + 1).match(/\n/g) ?? []).length
    return j < 0 || newlines > 1 || SENTENCE_END.has(text[j])
  }

  if (BULLETS.has(char)) {
    let j = i - 1
    while (j >= 0 && (text[j] === ' ' || text[j] === '\t')) j--
    return j < 0 || text[j] === '\n' || text[j] === '\r'
  }

  return false
}

function isCapital(char: string): boolean {
  return char !== char.toLowerCase() && char === char.toUpperCase()
}

/** Only spaces between `from` and `to`. */
function onlySpaces(text: string, from: number, to: number): boolean {
  if (to <= from) return false
  for (let i = from; i < to; i++) {
    const char = text[i]
    if (char !== ' ' && char !== '\t' && char !== '\u00a0') return false
  }

  return true
}

export function splitWords(text: string): Word[] {
  const words: Word[] = []
  for (const match of text.matchAll(WORD)) {
    const raw = match[0]
    const word = raw.length > 2 && POSSESSIVE.test(raw) ? raw.slice(0, -2) : raw
    const start = match.index
    const capital = isCapital(word[0])
    words.push({
      capital,
      end: start + word.length,
      joinedToNext: false,
      // Only a capital at the start of a sentence needs to be told apart; spare the look-back for the rest.
      sentenceStart: capital && startsSentence(text, start),
      start,
      text: word,
    })
  }

  for (let i = 0; i + 1 < words.length; i++) {
    // "in 't Veld", "van ’t Hof": the apostrophe of 't belongs to the name.
    const between = text.slice(words[i].end, words[i + 1].start)
    words[i].joinedToNext = onlySpaces(text, words[i].end, words[i + 1].start) || (words[i + 1].text === 't' && /^[ \t\u00a0]+['’]$/.test(between))
  }
  return words
}

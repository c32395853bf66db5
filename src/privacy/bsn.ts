import type {Candidate} from './kinds.js'

// Nine digits, solid or grouped the way people copy them from a letter or read them out (123.456.782,
// 123 456 782, 1234.56.782, 12 34 56 782, 123-45-67-82). The same separator must be used throughout,
// and the number may not be part of a longer one.
const NINE_DIGITS =
  /(?<![\p{L}\p{N}.,/-])(?<!\d[ \u00a0])(?:\d{9}|\d{3}([. -])\d{3}\1\d{3}|\d{4}([. -])\d{2}\2\d{3}|\d{2}([. -])\d{2}\3\d{2}\3\d{3}|\d{3}([. -])\d{2}\4\d{2}\4\d{2})(?![\p{N}]|[.,-]\d|[ \u00a0]\d)/gu
// A BSN below 100000000 is often written without its leading zero; eight digits are only taken
// for a BSN when the sentence names a BSN before them.
const EIGHT_DIGITS = /(?<![\p{L}\p{N}.,/-])\d{8}(?![\p{N}]|[.,]\d)/gu
const BSN_WORDS = /\b(?:bsn|burgerservicenummer|sofi-?nummer|sofinr|sofi)\b/gi
const MONEY_BEFORE = /(?:€|eur|euro)\s*$/i
const UNIT_AFTER = /^\s*(?:euro|eur|inwoners|mensen|bezoekers|kwh|liter|ton|kilo)\b/i
// Numbers of organisations and files pass the 11-test too (an RSIN does by design): when the note names such a
// number closer before the digits than it names a BSN, the digits are not a BSN.
const OTHER_NUMBER_WORDS =
  /\b(?:rsin|kvk|kamer van koophandel|btw|dossier|zaak|factuur|klant|order|polis|contract|registratie|referentie|kenmerk|artikel|ean|lidnummer|pasnummer)(?:[\s-]*(?:nummer|nr))?\b/gi

/** Where the last match of `pattern` in `text` starts, or -1. */
function lastIndex(pattern: RegExp, text: string): number {
  let at = -1
  for (const match of text.matchAll(pattern)) at = match.index
  return at
}

/** The 11-test: weights 9 down to 2 and -1 for the last digit; the sum must be a multiple of 11. */
export function passesElevenTest(digits: string): boolean {
  const padded = digits.padStart(9, '0')
  if (!/^\d{9}$/.test(padded)) return false
  let sum = 0
  for (let i = 0; i < 8; i++) sum += Number(padded[i]) * (9 - i)
  sum -= Number(padded[8])
  return sum !== 0 && sum % 11 === 0
}

export function findBsns(text: string): Candidate[] {
  const found: Candidate[] = []
  const consider = (start: number, end: number, needsWord: boolean) => {
    // What the same sentence says before the digits (at most 80 characters back).
    const before = text.slice(Math.max(0, start - 80), start).split(/[.!?]\s|\n\s*\n/).at(-1)!
    if (MONEY_BEFORE.test(before) || UNIT_AFTER.test(text.slice(end, end + 15))) return
    const bsnWord = lastIndex(BSN_WORDS, before)
    if (lastIndex(OTHER_NUMBER_WORDS, before) > bsnWord) return
    if (needsWord && bsnWord < 0) return
    if (!passesElevenTest(text.slice(start, end).replace(/\D/g, ''))) return
    const reason = needsWord
      ? 'BSN: acht cijfers (zonder voorloopnul) die de elfproef doorstaan, in een zin over een BSN'
      : 'BSN: negen cijfers die de elfproef doorstaan'
    found.push({end, kind: 'bsn', reason, start})
  }

  for (const match of text.matchAll(NINE_DIGITS)) consider(match.index, match.index + match[0].length, false)
  for (const match of text.matchAll(EIGHT_DIGITS)) consider(match.index, match.index + match[0].length, true)
  return found
}

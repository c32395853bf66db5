import type {Candidate} from './kinds.js'

// Where a phone number can begin: +31, 0031, another country's +xx, "(0" or a 0 followed by a
// digit, "(0)6", never inside a word or a longer number.
const START = /(?<![\p{L}\p{N}+.,/])(?:\+\s?[1-9]|00[1-9]|\(\s?0\d|\(0\)\s?[-–]?\s?[1-9]|0[1-9])/gu
// Between groups of digits: a space, a (spaced) hyphen or dash, a slash, or a dot. A dot only
// counts when every separator is one and there are three groups or more (06.12.34.56.78): 06.30 is
// a time, 1.250 an amount.
const SEPARATOR = /^(?:[ \u00a0]?[-–‑/][ \u00a0]?|[ \u00a0]|\.)/
// Numbers of organisations, not of people: free (0800), paid (090x) and company-wide (088)
// numbers. A municipality's 14 + area code never starts with 0, so it is not even a candidate.
const SERVICE = /^(?:0800|090[069]|088)/
// A number written with dots is as often an order or version number: "ordernummer 0612.3456.78".
const OTHER_NUMBER_BEFORE = /\b(?:order|artikel|bestel|factuur|klant|dossier|zaak|versie|referentie|kenmerk|polis|contract)\w*[\s:.#]*$/i
const IBAN_BEFORE = /\b[A-Z]{2}\d{2}\s?[A-Z0-9]{4}\s?$/i

interface Parsed {
  /** A dot was one of the separators. */
  dotted: boolean
  /** Something else than a dot was one of the separators. */
  undotted: boolean
  digits: string
  end: number
  groups: number[]
  international: boolean
}

/** Reads groups of digits from `at`, at most `limit` digits, each group after a separator. */
function readGroups(text: string, at: number, parsed: Parsed, limit: number): void {
  let i = at
  while (parsed.digits.length < limit) {
    const group = /^\d+/.exec(text.slice(i, i + 12))
    if (!group) break
    parsed.digits += group[0]
    parsed.groups.push(group[0].length)
    i += group[0].length
    parsed.end = i
    if (parsed.digits.length >= limit) break
    const separator = SEPARATOR.exec(text.slice(i, i + 4))
    if (!separator || !/\d/.test(text[i + separator[0].length] ?? '')) break
    if (separator[0] === '.') parsed.dotted = true
    else parsed.undotted = true
    i += separator[0].length
  }
}

function parse(text: string, start: number): Parsed {
  const parsed: Parsed = {digits: '', dotted: false, end: start, groups: [], international: false, undotted: false}
  // (0)6-12345678, (0)50 123 45 67: the trunk 0 between brackets, as after +31.
  const trunk = /^\(0\)\s?[-–]?\s?/.exec(text.slice(start, start + 6))
  if (trunk) {
    parsed.digits = '0'
    readGroups(text, start + trunk[0].length, parsed, 10)
    return parsed
  }

  const country = /^(?:\+\s?|00)(?=[1-9])/.exec(text.slice(start, start + 3))
  if (country) {
    let i = start + country[0].length
    if (text.startsWith('31', i)) {
      // +31 6 …, +31(0)6-…, +31 (0)50 …, 0031 6 …: the national number without its leading 0.
      i += 2
      parsed.digits = '0'
      i += /^ ?(?:\( ?0 ?\) ?|[-–] ?)?/.exec(text.slice(i, i + 8))![0].length
      if (/\d/.test(text[i] ?? '')) readGroups(text, i, parsed, 10)
      return parsed
    }

    // Another country: up to fifteen digits, country code included (E.164).
    parsed.international = true
    readGroups(text, i, parsed, 15)
    return parsed
  }

  // (06) 1234 5678, (010) 123 45 67
  const area = /^\(\s?(0\d{1,3})\s?\)\s?[-–]?\s?/.exec(text.slice(start, start + 12))
  if (area) {
    parsed.digits = area[1]
    parsed.groups.push(area[1].length)
    readGroups(text, start + area[0].length, parsed, 10)
    return parsed
  }

  // A number between brackets: "(0592-123456)".
  const from = text[start] === '(' ? start + /^\(\s?/.exec(text.slice(start))![0].length : start
  readGroups(text, from, parsed, 10)
  return parsed
}

function isPlausibleDutch(parsed: Parsed, afterCountryCode: boolean): boolean {
  if (parsed.digits.length !== 10 || parsed.digits[1] === '0' || SERVICE.test(parsed.digits)) return false
  if (parsed.groups.length > 6) return false
  if (parsed.dotted && (parsed.undotted || parsed.groups.length < 3)) return false
  // Every group but the first has at least two digits; the first has at least two as well,
  // unless it comes straight after +31 ("+31 6 12345678").
  return parsed.groups.every((length, index) => length >= 2 || (index === 0 && afterCountryCode))
}

/** Dutch phone numbers in their common spellings, and other countries' numbers written with +. */
export function findPhoneNumbers(text: string): Candidate[] {
  const found: Candidate[] = []
  let after = 0
  for (const match of text.matchAll(START)) {
    if (match.index < after) continue
    // The digits of an IBAN with a wrong checksum are no phone number either: NL12 ABNA 0123 4567 89.
    if (IBAN_BEFORE.test(text.slice(Math.max(0, match.index - 12), match.index))) continue
    const parsed = parse(text, match.index)
    if (parsed.groups.length === 0) continue
    // Not followed by more digits, a decimal part or a range.
    const rest = text.slice(parsed.end, parsed.end + 3)
    if (/^(?:\d|[.,:]\d|[-–/]\d)/.test(rest)) continue
    const dutch = !parsed.international && isPlausibleDutch(parsed, /^(?:\+|00|\(0\))/.test(match[0]))
    const foreign = parsed.international && !parsed.dotted && parsed.digits.length >= 9 && parsed.digits.length <= 15 && parsed.groups.slice(1).every((g) => g >= 2)
    if (!dutch && !foreign) continue
    if (parsed.dotted && OTHER_NUMBER_BEFORE.test(text.slice(Math.max(0, match.index - 30), match.index))) continue
    const reason = foreign
      ? 'buitenlands telefoonnummer (met landnummer)'
      : parsed.digits.startsWith('06')
        ? 'mobiel telefoonnummer (06)'
        : 'vast telefoonnummer (netnummer en abonneenummer)'
    // "(0592-123456)": the brackets around a whole number are not part of it.
    const bracketed = text[match.index] === '(' && !/^\(\s?0\d{0,3}\s?\)/.test(text.slice(match.index, match.index + 8))
    const start = bracketed ? match.index + /^\(\s*/.exec(text.slice(match.index))![0].length : match.index
    found.push({end: parsed.end, kind: 'telefoonnummer', reason, start})
    after = parsed.end
  }

  return found
}

import type {Candidate} from './kinds.js'

/** IBAN length per country (ISO 13616 registry); a candidate must have exactly this length. */
const IBAN_LENGTHS: Record<string, number> = {
  AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BR: 29, CH: 21, CR: 22, CY: 28,
  CZ: 24, DE: 22, DK: 18, DO: 28, EE: 20, EG: 29, ES: 24, FI: 18, FO: 18, FR: 27, GB: 22, GE: 22, GI: 23,
  GL: 18, GR: 27, GT: 28, HR: 21, HU: 28, IE: 22, IL: 23, IQ: 23, IS: 26, IT: 27, JO: 30, KW: 30, KZ: 20,
  LB: 28, LC: 32, LI: 21, LT: 20, LU: 20, LV: 21, MC: 27, MD: 24, ME: 22, MK: 19, MR: 27, MT: 31, MU: 30,
  NL: 18, NO: 15, PK: 24, PL: 28, PS: 29, PT: 25, QA: 29, RO: 24, RS: 22, SA: 24, SC: 31, SE: 24, SI: 19,
  SK: 24, SM: 27, ST: 25, SV: 28, TL: 23, TN: 24, TR: 26, UA: 29, VA: 22, VG: 24, XK: 20,
}

// "NL 91 ABNA …": some write a space after the country.
const START = /(?<![\p{L}\p{N}])([A-Za-z]{2})[ \u00a0]?\d{2}/gu
const GAP = /[ \u00a0-]/
const ALPHANUMERIC = /[A-Za-z0-9]/

/** ISO 7064 mod 97-10: move the first four characters to the end, letters become 10..35. */
export function ibanChecksumIsValid(iban: string): boolean {
  const rearranged = iban.slice(4) + iban.slice(0, 4)
  let rest = 0
  for (const char of rearranged.toUpperCase()) {
    const value = char >= 'A' ? char.charCodeAt(0) - 55 : Number(char)
    rest = (value > 9 ? rest * 100 + value : rest * 10 + value) % 97
  }

  return rest === 1
}

/** IBANs of any country, in any case, written solid or in groups (NL91 ABNA 0417 1643 00), with a valid checksum. */
export function findIbans(text: string): Candidate[] {
  const found: Candidate[] = []
  for (const match of text.matchAll(START)) {
    const length = IBAN_LENGTHS[match[1].toUpperCase()]
    if (length === undefined) continue
    let iban = ''
    let end = match.index
    while (end < text.length && iban.length < length) {
      const char = text[end]
      if (ALPHANUMERIC.test(char)) iban += char
      else if (GAP.test(char) && iban.length >= 2) {
        // Two or three spaces between groups, as a copied statement has them.
        let next = end + 1
        while (next < end + 3 && text[next] === char) next++
        if (!ALPHANUMERIC.test(text[next] ?? '')) break
        end = next
        continue
      } else break
      end++
    }

    if (iban.length !== length || /[\p{L}\p{N}]/u.test(text[end] ?? '')) continue
    if (!ibanChecksumIsValid(iban)) continue
    found.push({end, kind: 'iban', reason: 'IBAN met een geldig controlegetal', start: match.index})
  }

  return found
}

import type {Candidate} from './kinds.js'

// Dutch licence plates by RDW side code (L = letter, D = digit), written from memory of the RDW's table
// (the years of issue are approximate and only there to explain the order):
//    1 LL-DD-DD   (1951–1965)      8 D-LLL-DD    (2005–2009)
//    2 DD-DD-LL   (1965–1973)      9 LL-DDD-L    (2006–2008)
//    3 DD-LL-DD   (1973–1978)     10 L-DDD-LL    (2008–2013)
//    4 LL-DD-LL   (1978–1991)     11 LLL-DD-L    (2013–2015)
//    5 LL-LL-DD   (1991–1999)     12 L-DD-LLL    (2015–2019)
//    6 DD-LL-LL   (1999–2008)     13 D-LL-DDD    (2019– )
//    7 DD-LLL-D   (2008–2013)     14 DDD-LL-D    (since 2022)
// Since side code 4 the RDW issues no vowels (A E I O U) and no C or Q (they read as G, O and 0).
// Written with dashes in capitals the shape alone is specific enough (a note may invent "12-ABC-3",
// so the letters are not checked then); with spaces, without dashes or in small letters a word
// like "kenteken" or "auto" must be near, and then the RDW's letters are required from side code 4 on.
const SIDE_CODES = [
  'LL-DD-DD', 'DD-DD-LL', 'DD-LL-DD', 'LL-DD-LL', 'LL-LL-DD', 'DD-LL-LL', 'DD-LLL-D', 'D-LLL-DD', 'LL-DDD-L', 'L-DDD-LL',
  'LLL-DD-L', 'L-DD-LLL', 'D-LL-DDD', 'DDD-LL-D',
]
const SIDE_CODE = new Map(SIDE_CODES.map((shape, index) => [shape, index + 1]))
const SOLID_SIDE_CODE = new Map(SIDE_CODES.map((shape, index) => [shape.replaceAll('-', ''), index + 1]))
const NOT_ISSUED = /[AEIOUCQ]/
// Every side code, with a dash or a space between its groups or solid; the separators are checked to be the same.
const group = (run: string) => (run[0] === 'L' ? `[A-Za-z]{${run.length}}` : String.raw`\d{${run.length}}`)
const PLATE = new RegExp(
  String.raw`(?<![\p{L}\p{N}@._/-])(?:` +
    SIDE_CODES.flatMap((shape) => {
      const runs = shape.split('-').map(group)
      return [runs.join('[- ]'), runs.join('')]
    }).join('|') +
    String.raw`)(?![\p{L}\p{N}]|[-/.,]\p{N}|-\p{L})`,
  'uy',
)
const DIGITS = /\d+/g
const VEHICLE_WORDS =
  /\b(?:kentekens?|kentekenplaat|nummerbord|nummerplaat|auto(?:'s)?|wagen|busje|bestelbus|bestelauto|bus|scooter|brommer|motor|camper|caravan|aanhanger|vrachtwagen|truck|taxi|rijdt|reed|geparkeerd|parkeert|parkeerde|foutparkeerder)\b/i
const PLATE_WORDS = /\b(?:kentekens?|kentekenplaat|nummerbord|nummerplaat)\b/i
// The words right before a solid DDDDLL: that shape is a postcode unless the plate is named.
const PLATE_WORD_BEFORE = /\b(?:kenteken|kentekenplaat|nummerbord|nummerplaat)[\s:]*$/i
// Codes of products, forms and files share the shapes: "type RS-232-C", "artikel 12-AB-34".
const PRODUCT_BEFORE =
  /\b(?:type|typenummer|model|modelnummer|artikel\w*|product\w*|code|serie\w*|versie|onderdeel\w*|bestelnummer|bestelcode|formulier|norm|order\w*|referentie|kenmerk|zaak\w*|dossier\w*|factuur\w*|klant\w*)[\s:.#]*$/i
// A sentence about a device or a part and not about a vehicle: "de kabel heet RS-232-C".
const PRODUCT_WORDS = /\b(?:kabel|stekker|aansluiting|poort|printer|beamer|apparaat|laptop|telefoon|toestel|onderdeel|chip|lamp|batterij|accu|pakket|formulier)\b/i
const MONTHS = /^(?:JAN|FEB|MRT|MAR|APR|MEI|JUN|JUL|AUG|SEP|OKT|OCT|NOV|DEC)$/i

const shapeOf = (group: string) => group.replace(/[A-Za-z]/g, 'L').replace(/\d/g, 'D')

/** What the sentence says around `start..end` (at most 60 characters each side, not past a sentence end). */
function around(text: string, start: number, end: number): string {
  const before = text.slice(Math.max(0, start - 60), start).split(/[.!?]\s/).at(-1)!
  const after = text.slice(end, end + 60).split(/[.!?](?:\s|$)/)[0]
  return `${before} ${after}`
}

/** The first plate that starts between `from` and `to` (inclusive). */
function plateFrom(text: string, from: number, to: number): null | RegExpExecArray {
  for (let at = from; at <= to; at++) {
    PLATE.lastIndex = at
    const match = PLATE.exec(text)
    if (match) return match
  }

  return null
}

export function findLicencePlates(text: string): Candidate[] {
  const found: Candidate[] = []
  // Every plate holds a digit, and most of a note holds none: try the pattern only at the (at most
  // nine) places before each run of digits where a plate could start.
  let after = 0
  for (const digits of text.matchAll(DIGITS)) {
    const match = plateFrom(text, Math.max(after, digits.index - 8), digits.index)
    if (!match) continue
    const plate = match[0]
    const start = match.index
    const end = start + plate.length
    after = end
    const separators = plate.replace(/[A-Za-z0-9]/g, '')
    if (separators.length === 2 && separators[0] !== separators[1]) continue
    const grouped = separators.length === 2
    const sideCode = grouped ? SIDE_CODE.get(plate.split(/[- ]/).map(shapeOf).join('-')) : SOLID_SIDE_CODE.get(shapeOf(plate))
    if (sideCode === undefined) continue
    const letters = plate.replace(/[^A-Za-z]/g, '')
    const capitals = letters === letters.toUpperCase()
    if (!capitals && letters !== letters.toLowerCase()) continue
    if (grouped && plate.split(/[- ]/).some((part) => MONTHS.test(part))) continue
    const before = text.slice(Math.max(0, start - 30), start)
    if (PRODUCT_BEFORE.test(before)) continue
    const dashed = separators === '--' && capitals
    const context = around(text, start, end)
    if (PRODUCT_WORDS.test(context) && !VEHICLE_WORDS.test(context)) continue
    if (!dashed) {
      // In small letters "100 km 3" has a plate's shape too: then only the word for a plate will do.
      if (!(capitals ? VEHICLE_WORDS : PLATE_WORDS).test(context)) continue
      if (sideCode >= 4 && NOT_ISSUED.test(letters.toUpperCase())) continue
      if (sideCode === 2 && !grouped && !PLATE_WORD_BEFORE.test(before)) continue
    }

    found.push({end, kind: 'kenteken', reason: `Nederlands kenteken (sidecode ${sideCode})`, start})
  }

  return found
}

import type {Candidate} from './kinds.js'

// A date alone is no personal data ("op 12 juni was de bijeenkomst"); it is a date of birth only
// where the sentence says so: "geboren op 12 juni 1950", "geb. 03-04-1961", "geboortedatum
// 1-2-1950", "zij is van 14 februari 1948", "op 3 mei 1950 werd hij geboren".
const MONTHS: Record<string, number> = {
  januari: 1, jan: 1, februari: 2, feb: 2, febr: 2, maart: 3, mrt: 3, mar: 3, april: 4, apr: 4, mei: 5, juni: 6, jun: 6,
  juli: 7, jul: 7, augustus: 8, aug: 8, september: 9, sep: 9, sept: 9, oktober: 10, okt: 10, november: 11, nov: 11,
  december: 12, dec: 12,
}
const MONTH_NAMES = Object.keys(MONTHS).sort((a, b) => b.length - a.length).join('|')
// 12 juni 1950, 1 jan. '61, 3e maart 1950; 03-04-1961, 1/2/50, 3.4.1961; 1950-06-12.
const DATE = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(?:` +
    String.raw`(?<d1>[0-3]?\d)(?:e|ste|de)?[ \u00a0]+(?<m1>${MONTH_NAMES})\.?(?:[ \u00a0]+(?<y1>(?:19|20)\d{2}|['’]\d{2}))?` +
    String.raw`|(?<d2>[0-3]?\d)(?<sep>[-/.])(?<m2>[01]?\d)\k<sep>(?<y2>(?:19|20)?\d{2})` +
    String.raw`|(?<y3>(?:19|20)\d{2})-(?<m3>[01]\d)-(?<d3>[0-3]\d)` +
    String.raw`)(?![\p{L}\p{N}]|[-/.]\d)`,
  'giu',
)
// Right before the date. After the strong words at most a few words ("geboortedatum van haar zoon:
// …"); after "geboren" or "geb." only a place and "op" ("geboren in Emmen op …"), because "de
// nieuw geboren kinderen krijgen op 12 juni …" is about a party.
const STRONG_BEFORE = /(?:\bgeboortedatum|\bgeboortedag)[^.!?\n\d]{0,30}$/i
const BORN_BEFORE = /(?:\bgeboren|\bgeb(?:\.|\b))[ \u00a0]*(?:(?:in|te)[ \u00a0]+\p{Lu}[\p{L}-]*[ \u00a0]*)?(?:,|:|\(|op|den|de)?[ \u00a0]*$/iu
// "zij is van 14 februari 1948": a person (a pronoun, a relative, a capitalised word) is of a date with a year.
const IS_OF_BEFORE =
  /(?:\b(?:hij|zij|ze|ik|jij|je|u|moeder|vader|oma|opa|zoon|dochter|man|vrouw|broer|zus)|(?<![\p{L}])(?!(?:Dit|Dat|Het|Die|Deze|Er|Alles|Niets|Iets|Wat|Wie)\b)\p{Lu}[\p{Ll}’'-]+)[ \u00a0]+(?:is|ben|bent|was)[ \u00a0]+van[ \u00a0]+$/u
// "op 3 mei 1950 werd hij geboren", "12-06-1950 geboren": the word after, in the same sentence.
const CONTEXT_AFTER = /^[^.!?\n\d]{0,60}\bgeboren\b/i
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
const CONTEXT_HINT = /geb|°|\bis van|\bben van|\bbent van|\bwas van/i

function isValid(day: number, month: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= DAYS_IN_MONTH[month - 1]
}

export function findBirthDates(text: string): Candidate[] {
  const found: Candidate[] = []
  if (!CONTEXT_HINT.test(text)) return found // most notes mention no birth: skip the date pattern
  for (const match of text.matchAll(DATE)) {
    const g = match.groups!
    const day = Number(g.d1 ?? g.d2 ?? g.d3)
    const month = g.m1 ? MONTHS[g.m1.toLowerCase()] : Number(g.m2 ?? g.m3)
    if (!isValid(day, month)) continue
    const hasYear = Boolean(g.y1 ?? g.y2 ?? g.y3)
    const end = match.index + match[0].length
    const before = text.slice(Math.max(0, match.index - 50), match.index)
    const told = STRONG_BEFORE.test(before) || BORN_BEFORE.test(before) || CONTEXT_AFTER.test(text.slice(end, end + 70)) || (hasYear && IS_OF_BEFORE.test(before))
    if (!told) continue
    found.push({end, kind: 'geboortedatum', reason: 'geboortedatum: een datum die de zin als geboortedag noemt', start: match.index})
  }

  return found
}

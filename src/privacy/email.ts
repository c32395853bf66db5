import type {Candidate} from './kinds.js'

// The usual address, with subdomains and plus-addressing, and the Dutch habit of writing "(at)" or
// "[at]" to fool spam robots: jan.devries(at)ziggo.nl is as much an address as jan.devries@ziggo.nl.
const LOCAL = String.raw`[\p{L}\p{N}](?:[\p{L}\p{N}._%+-]*[\p{L}\p{N}_])?`
const AT = String.raw`(?:@|\s?[(\[](?:at|apenstaartje)[)\]]\s?)`
// The dot may be written the same way: "gmail [dot] com", "ziggo(punt)nl".
const DOT = String.raw`(?:\.|\s?[(\[](?:dot|punt)[)\]]\s?)`
const DOMAIN = String.raw`(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?${DOT})+\p{L}{2,}`
const EMAIL = new RegExp(String.raw`(?<![\p{L}\p{N}._%+-])${LOCAL}${AT}${DOMAIN}(?![\p{L}\p{N}-]|\.[\p{L}\p{N}])`, 'giu')

const AT_SIGN = /@|[(\[](?:at|apenstaartje)[)\]]/i

// An address read aloud and written down as heard: "piet punt smit at hotmail punt com", "janssen
// apenstaartje gmail punt com", "info at bakkerij punt nl". It must end in "punt" and a known
// top-level domain, so "kijk at home" or "punt uit" are no address.
const SPOKEN_DOT = String.raw`(?:[ \u00a0]+(?:punt|dot)[ \u00a0]+|\.)`
const SPOKEN_JOIN = String.raw`(?:${SPOKEN_DOT}|[ \u00a0]+(?:streepje|koppelteken|liggend[ \u00a0]streepje|underscore|laag[ \u00a0]streepje)[ \u00a0]+|[-_])`
const SPOKEN_WORD = String.raw`[\p{L}\p{N}]+`
const TLD = String.raw`(?:nl|com|org|net|be|de|eu|info|nu|frl|io|fr|uk)`
const SPOKEN_EMAIL = new RegExp(
  String.raw`(?<![\p{L}\p{N}])${SPOKEN_WORD}(?:${SPOKEN_JOIN}${SPOKEN_WORD}){0,3}` +
    String.raw`[ \u00a0]+(?:at|apenstaartje|@)[ \u00a0]+` +
    String.raw`${SPOKEN_WORD}(?:${SPOKEN_DOT}${SPOKEN_WORD}){0,2}?${SPOKEN_DOT}${TLD}(?![\p{L}\p{N}]|\.[\p{L}\p{N}])`,
  'giu',
)
const SPOKEN_HINT = /(?:^|[ \u00a0])(?:at|apenstaartje|@)[ \u00a0]/i
// Words a spoken address cannot start with: "mail naar piet punt smit at …" starts at "piet".
const NOT_LOCAL = /^(?:mail|mailen|mailde|naar|op|aan|via|is|adres|e-mail|email|het|de|zijn|haar|mijn|stuur|stuurde)$/i

export function findEmailAddresses(text: string): Candidate[] {
  const found: Candidate[] = []
  if (AT_SIGN.test(text)) {
    for (const match of text.matchAll(EMAIL)) {
      found.push({end: match.index + match[0].length, kind: 'e-mailadres', reason: 'e-mailadres', start: match.index})
    }
  }

  if (SPOKEN_HINT.test(text)) {
    for (const match of text.matchAll(SPOKEN_EMAIL)) {
      if (found.some((f) => f.start < match.index + match[0].length && match.index < f.end)) continue
      const first = /^[\p{L}\p{N}]+/u.exec(match[0])![0]
      if (NOT_LOCAL.test(first)) continue
      found.push({end: match.index + match[0].length, kind: 'e-mailadres', reason: 'e-mailadres, uitgeschreven zoals het werd uitgesproken', start: match.index})
    }
  }

  return found
}

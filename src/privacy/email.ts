import type {Candidate} from './kinds.js'

// The usual address, with subdomains and plus-addressing, and the Dutch habit of writing "(at)" or
// "[at]" to fool spam robots: jan.devries(at)ziggo.nl is as much an address as jan.devries@ziggo.nl.
const LOCAL = String.raw`[\p{L}\p{N}](?:[\p{L}\p{N}._%+-]*[\p{L}\p{N}_])?`
const AT = String.raw`(?:@|\s?[(\[](?:at|apenstaartje)[)\]]\s?)`
const DOMAIN = String.raw`(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?\.)+\p{L}{2,}`
const EMAIL = new RegExp(String.raw`(?<![\p{L}\p{N}._%+-])${LOCAL}${AT}${DOMAIN}(?![\p{L}\p{N}-]|\.[\p{L}\p{N}])`, 'giu')

const AT_SIGN = /@|[(\[](?:at|apenstaartje)[)\]]/i

export function findEmailAddresses(text: string): Candidate[] {
  const found: Candidate[] = []
  if (!AT_SIGN.test(text)) return found // most notes have none: skip the slower pattern
  for (const match of text.matchAll(EMAIL)) {
    found.push({end: match.index + match[0].length, kind: 'e-mailadres', reason: 'e-mailadres', start: match.index})
  }

  return found
}

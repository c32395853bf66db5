import type {Candidate} from './kinds.js'
import {nameLists} from './name-lists.js'
import {openLists} from './open-lists.js'

// A handle on Instagram, TikTok, X and the like: "@sanne_uit_oost", "@fatima.k". Never the middle of
// an e-mail address (a letter or digit before the @), never a lone "@" or "@ 19 uur", and never a
// handle that ends in a web domain ("@gmail.com" is half an e-mail address).
const HANDLE = /(?<![\p{L}\p{N}._%+-])@([A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?)(?![\p{L}\p{N}_@]|\.[A-Za-z0-9])/gu
const DOMAIN_END = /\.(?:nl|com|org|net|be|de|eu|info|nu|frl|io|uk|fr)$/i
// The handles of groups, shops and institutions are no personal data: "de buurtgroep @buurtkanaalzone",
// "@gemeente_veenstad". Said before the handle, or in the handle itself.
const ORGANISATION_BEFORE =
  /(?:groep|groepsapp|stichting|vereniging|club|gemeente|team|bibliotheek|school|kerk|moskee|bedrijf|winkel|bakkerij|zaak|pagina|kanaal|organisatie|platform|krant|omroep|centrum|huis|\baccount van (?:de|het)(?: [\p{L}-]+)?)[\s:,]*$/iu
const ORGANISATION_IN_HANDLE =
  /^vv|buurt|wijk|gemeente|dorp|stichting|vereniging|club|school|bieb|bibliotheek|kerk|moskee|team|nieuws|official|info|radio|omroep|krant|politie|brandweer|zorg|welzijn/i

export function findAccounts(text: string): Candidate[] {
  const found: Candidate[] = []
  if (!text.includes('@')) return found
  for (const match of text.matchAll(HANDLE)) {
    const handle = match[1]
    if (/^[\d_.]+$/.test(handle) || DOMAIN_END.test(handle)) continue
    // "@sanne_uit_oosterwijk", "@bierteam_henk7": a first name in the handle makes it a person's.
    const personal = handle
      .toLowerCase()
      .split(/[_.\d]+/)
      .some((part) => part.length >= 3 && (nameLists().firstNamesLower.has(part) || openLists().names.has(part[0].toUpperCase() + part.slice(1))))
    if (!personal && ORGANISATION_IN_HANDLE.test(handle)) continue
    if (!personal && ORGANISATION_BEFORE.test(text.slice(Math.max(0, match.index - 40), match.index))) continue
    found.push({end: match.index + match[0].length, kind: 'account', reason: 'gebruikersnaam op sociale media', start: match.index})
  }

  return found
}

/**
 * The personal-data guard: finds e-mail addresses, phone numbers, addresses, BSNs, IBANs, names,
 * dates of birth, licence plates, social media accounts and special categories of personal data
 * in a note before it is stored, and replaces them by placeholders on request.
 */
import {findAccounts} from './account.js'
import {findAddresses} from './address.js'
import {findBirthDates} from './birth-date.js'
import {findBsns} from './bsn.js'
import {findEmailAddresses} from './email.js'
import {findIbans} from './iban.js'
import {type Candidate, KIND_LABELS, type PersonalDataHit, type PersonalDataKind, placeholder, PLACEHOLDERS} from './kinds.js'
import {findLicencePlates} from './licence-plate.js'
import {findNames} from './names.js'
import {findPhoneNumbers} from './phone.js'
import {linesAndColumns} from './position.js'
import {PSEUDONYM_DIGITS, type Pseudonyms} from './pseudonyms.js'
import {findSpecialCategories} from './special-category.js'
import {splitWords} from './words.js'

export {KIND_LABELS, type PersonalDataHit, type PersonalDataKind, placeholder, PLACEHOLDERS}

// When two findings overlap, the more specific kind wins: a name inside an e-mail address is part
// of the address, the digits of an IBAN are no phone number, a street named after a person is an address.
const PRIORITY: PersonalDataKind[] = ['e-mailadres', 'iban', 'telefoonnummer', 'bsn', 'geboortedatum', 'kenteken', 'account', 'adres', 'naam', 'bijzonder']

function withoutOverlaps(candidates: Candidate[], kept: Candidate[] = []): Candidate[] {
  candidates.sort((a, b) => PRIORITY.indexOf(a.kind) - PRIORITY.indexOf(b.kind) || b.end - b.start - (a.end - a.start) || a.start - b.start)
  for (const candidate of candidates) {
    if (!kept.some((k) => k.start < candidate.end && candidate.start < k.end)) kept.push(candidate)
  }

  return kept
}

// A stable placeholder of pseudonymise is no personal data, whatever its digits look like: the
// "8595ff" of [adres-8595ff] is shaped like a postcode. An edited note keeps its placeholders.
const STABLE_PLACEHOLDER = new RegExp(String.raw`\[(?:${Object.values(PLACEHOLDERS).map((p) => p.slice(1, -1)).join('|')})-[\da-f]{${PSEUDONYM_DIGITS}}\]`, 'g')

function stablePlaceholders(text: string): Array<{end: number; start: number}> {
  if (!text.includes('[')) return []
  return [...text.matchAll(STABLE_PLACEHOLDER)].map((match) => ({end: match.index + match[0].length, start: match.index}))
}

export function findPersonalData(text: string): PersonalDataHit[] {
  const words = splitWords(text)
  const placeholders = stablePlaceholders(text)
  const outside = (c: Candidate) => !placeholders.some((p) => p.start < c.end && c.start < p.end)
  const candidates = [
    ...findEmailAddresses(text),
    ...findIbans(text),
    ...findPhoneNumbers(text),
    ...findBsns(text),
    ...findBirthDates(text),
    ...findLicencePlates(text),
    ...findAccounts(text),
    ...findAddresses(text, words),
    ...findNames(text, words),
  ]
  const kept = withoutOverlaps(placeholders.length > 0 ? candidates.filter(outside) : candidates)
  // A special category counts only next to a name that survived: not one inside a street name or an address.
  const special = findSpecialCategories(text, kept.filter((k) => k.kind === 'naam'))
  withoutOverlaps(placeholders.length > 0 ? special.filter(outside) : special, kept)
  kept.sort((a, b) => a.start - b.start)
  const positions = linesAndColumns(text, kept.map((k) => k.start))
  return kept.map((k, i) => ({...k, ...positions[i], text: text.slice(k.start, k.end)}))
}

/**
 * Replaces each hit by its placeholder; by default every hit in the text. With the study's
 * pseudonyms the same person gets the same placeholder everywhere ([naam-3f7a9c]); without them
 * every name is [naam], every phone number [telefoonnummer], ….
 */
export function pseudonymise(text: string, hits: PersonalDataHit[] = findPersonalData(text), pseudonyms?: Pseudonyms): string {
  let result = ''
  let at = 0
  for (const hit of [...hits].sort((a, b) => a.start - b.start)) {
    if (hit.start < at) continue
    result += text.slice(at, hit.start) + (pseudonyms ? pseudonyms.placeholder(hit) : placeholder(hit.kind))
    at = hit.end
  }

  return result + text.slice(at)
}

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
import {type Candidate, KIND_LABELS, MORE_PLACEHOLDERS, type PersonalDataHit, type PersonalDataKind, placeholder, PLACEHOLDERS} from './kinds.js'
import {findLicencePlates} from './licence-plate.js'
import {findNames} from './names.js'
import {findPhoneNumbers} from './phone.js'
import {linesAndColumns} from './position.js'
import {findSpecialCategories} from './special-category.js'
import {splitWords} from './words.js'

export {KIND_LABELS, MORE_PLACEHOLDERS, type PersonalDataHit, type PersonalDataKind, placeholder, PLACEHOLDERS}

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

export function findPersonalData(text: string): PersonalDataHit[] {
  const words = splitWords(text)
  const kept = withoutOverlaps([
    ...findEmailAddresses(text),
    ...findIbans(text),
    ...findPhoneNumbers(text),
    ...findBsns(text),
    ...findBirthDates(text),
    ...findLicencePlates(text),
    ...findAccounts(text),
    ...findAddresses(text, words),
    ...findNames(text, words),
  ])
  // A special category counts only next to a name that survived: not one inside a street name or an address.
  withoutOverlaps(findSpecialCategories(text, kept.filter((k) => k.kind === 'naam')), kept)
  kept.sort((a, b) => a.start - b.start)
  const positions = linesAndColumns(text, kept.map((k) => k.start))
  return kept.map((k, i) => ({...k, ...positions[i], text: text.slice(k.start, k.end)}))
}

/** Replaces each hit by its placeholder ([naam], [telefoonnummer], …); by default every hit in the text. */
export function pseudonymise(text: string, hits: PersonalDataHit[] = findPersonalData(text)): string {
  let result = ''
  let at = 0
  for (const hit of [...hits].sort((a, b) => a.start - b.start)) {
    if (hit.start < at) continue
    result += text.slice(at, hit.start) + placeholder(hit.kind)
    at = hit.end
  }

  return result + text.slice(at)
}

import {createHmac} from 'node:crypto'

import {type PersonalDataKind, PLACEHOLDERS} from './kinds.js'

/**
 * Hex digits after the kind word. Each kind is its own space (the kind is part of the HMAC input
 * and of the placeholder), so only two values of one kind can collide. With n distinct names in a
 * study the chance of any collision is about n² / 2^(4·digits + 1): with 4 digits that is 4% for
 * 60 names and 16% for 150, plausible in a study of four areas and eight groups; with 6 digits it
 * is 0.07% for 150 names and 3% for 1,000. A collision would show two people as one.
 */
export const PSEUDONYM_DIGITS = 6

/** The key, or a way to get it that is used only when a hit is really replaced. */
export type PseudonymKey = Buffer | (() => Buffer)

/**
 * Stable placeholders: the same value of a kind gets the same placeholder wherever the key is the
 * same ("[naam-3f7a9c]" for Sanne de Vries in every note of the study), a different value a
 * different one. HMAC-SHA256 with the study's secret key: without the key nobody can test a guess
 * ("is [naam-3f7a9c] Sanne?"), with it anyone can, so the key is as confidential as the notes.
 */
export class Pseudonyms {
  private key?: Buffer
  private readonly made = new Map<string, string>()

  constructor(private readonly source: PseudonymKey) {}

  placeholder(hit: {kind: PersonalDataKind; text: string}): string {
    // A special category is a fact about someone (an illness, a faith), not someone: a stable code
    // would only tell a reader which notes share the same fact.
    if (hit.kind === 'bijzonder') return PLACEHOLDERS.bijzonder
    const input = `${hit.kind}\u0000${normalisedValue(hit.kind, hit.text)}`
    let made = this.made.get(input)
    if (made === undefined) {
      this.key ??= typeof this.source === 'function' ? this.source() : this.source
      const digits = createHmac('sha256', this.key).update(input, 'utf8').digest('hex').slice(0, PSEUDONYM_DIGITS)
      made = `${PLACEHOLDERS[hit.kind].slice(0, -1)}-${digits}]`
      this.made.set(input, made)
    }

    return made
  }
}

// A form of address the hit may begin with; "mevrouw Jansen" and "Jansen" are the same person.
const TITLES = new Set(['meneer', 'mijnheer', 'menheer', 'mevrouw', 'mevr', 'mvr', 'mw', 'dhr', 'heer', 'juf', 'juffrouw', 'meester', 'mr', 'dr', 'drs', 'ir', 'ing', 'prof', 'ds', 'familie', 'fam'])
const MONTHS: Record<string, string> = {
  jan: '1', feb: '2', mrt: '3', mar: '3', apr: '4', mei: '5', jun: '6', jul: '7', aug: '8', sep: '9', okt: '10', nov: '11', dec: '12',
}

/** Lower case without accents: "Şahin" and "Sahin", "Müller" and "Muller" are one person written in a hurry. */
const plain = (text: string) => text.normalize('NFKD').replaceAll(/\p{M}/gu, '').toLowerCase()
const alphanumeric = (text: string) => plain(text).replaceAll(/[^\p{L}\p{N}]/gu, '')

/**
 * The form of a hit that is the same for every way of writing the same value: a phone number
 * with or without +31, spaces or dashes; an IBAN with or without spaces; a name with or without
 * "mevrouw", in capitals or not.
 */
export function normalisedValue(kind: PersonalDataKind, text: string): string {
  switch (kind) {
    case 'naam': {
      const words = plain(text).replaceAll(/['’`]/g, '').split(/[^\p{L}\p{N}]+/u).filter(Boolean)
      while (words.length > 1 && (TITLES.has(words[0]) || (words[0] === 'de' && words[1] === 'heer'))) words.shift()
      return words.join(' ')
    }

    case 'telefoonnummer': {
      const international = /^\s*(?:\+|00)/.test(text)
      // "+31 (0)6 …": the trunk 0 between brackets is written only after a country code.
      let digits = (international ? text.replace(/\(\s*0\s*\)/, '') : text).replaceAll(/\D/g, '')
      if (/^\s*\+/.test(text)) digits = `00${digits}`
      return digits.startsWith('0031') ? `0${digits.slice(4)}` : digits
    }

    case 'bsn':
      return text.replaceAll(/\D/g, '')

    case 'e-mailadres': {
      let address = plain(text).trim()
      // Spoken or disguised: "piet punt smit at hotmail punt com", "jan(at)ziggo.nl".
      address = address.replaceAll(/\s*[(\[](?:at|apenstaartje)[)\]]\s*/g, '@')
      if (/\s/.test(address)) {
        address = address
          .replaceAll(/\s+(?:at|apenstaartje)\s+/g, '@')
          .replaceAll(/\s+(?:punt|dot)\s+/g, '.')
          .replaceAll(/\s+(?:liggend streepje|laag streepje|underscore)\s+/g, '_')
          .replaceAll(/\s+(?:streepje|koppelteken)\s+/g, '-')
      }

      return address.replaceAll(/\s/g, '')
    }

    case 'account':
      return plain(text).replace(/^@/, '')

    case 'geboortedatum': {
      // 12 juni 1950, 12-06-1950 and 1950-06-12 are one date.
      const parts = [...plain(text).matchAll(/\d+|\p{L}+/gu)].map(([part]) => (/^\d/.test(part) ? String(Number(part)) : MONTHS[part.slice(0, 3)]))
      const numbers = parts.filter((part): part is string => part !== undefined)
      return (numbers[0]?.length === 4 ? numbers.reverse() : numbers).join('-')
    }

    default:
      // Addresses, IBANs, licence plates: the letters and digits, so "7811 AB" is "7811AB" and "12-ABC-3" is "12ABC3".
      return alphanumeric(text)
  }
}

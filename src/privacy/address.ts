import type {Candidate} from './kinds.js'
import {nameLists} from './name-lists.js'
import {splitWords, type Word} from './words.js'

// The last part of a Dutch street name. A street name alone ("op de Kanaalweg") is no personal
// data; followed by a house number it is an address.
const STREET_ENDINGS = [
  'straat', 'straatje', 'weg', 'wegje', 'laan', 'laantje', 'plein', 'pleintje', 'gracht', 'kade', 'dijk', 'singel',
  'hof', 'hofje', 'pad', 'steeg', 'steegje', 'dreef', 'wal', 'markt', 'baan', 'park', 'plantsoen', 'erf',
  'boulevard', 'burgwal', 'haven', 'vaart', 'veld', 'weide', 'akker', 'rug', 'zoom', 'zijde', 'hoek', 'brink',
  'drift', 'wierde', 'allee', 'passage', 'galerij', 'hove', 'donk', 'berg', 'horst', 'esch',
  // Frisian: "Hegedyk 12", "Tsjerkepaed 5", "Buorren 3", "Skoalstrjitte 8".
  'dyk', 'wei', 'paed', 'strjitte', 'leane', 'loane', 'buorren', 'hiem', 'reed', 'wâl', 'fjild',
]
const STREET_ENDING = new RegExp(`[\\p{L}-](?:${STREET_ENDINGS.join('|')})$`, 'u')
const STREET_ALONE = new Set(['Brink', 'Markt', 'Kade', 'Singel', 'Dijk', 'Wal', 'Haven', 'Plein', 'Laan', 'Boulevard', 'Esplanade'])
// Words that may come before the last part: "Prins Hendrikkade", "Willem de Zwijgerlaan", "Oude Kerkstraat".
const STREET_TITLES = new Set([
  'Oude', 'Nieuwe', 'Lange', 'Korte', 'Grote', 'Kleine', 'Hoge', 'Lage', 'Eerste', 'Tweede', 'Derde', 'Prins', 'Prinses',
  'Koning', 'Koningin', 'Burgemeester', 'Dokter', 'Pastoor', 'Pater', 'Sint', 'Generaal', 'Admiraal', 'Graaf',
  'Gravin', 'Hertog', 'Professor', 'Meester', 'Dominee', 'Van', 'Ter', 'Ten', 'Noord', 'Zuid', 'Oost', 'West',
  'Noorder', 'Zuider', 'Ooster', 'Wester', 'Binnen', 'Buiten', 'Achter', 'Voor', 'Hogere', 'Lagere',
])
const PARTICLES = new Set(['de', 'van', 'der', 'den', 'ter', 'ten', "'t", 'het', 'la', 'le'])

// A house number with an optional addition: 12, 3a, 7 b, 14-2, 12 II, 8 hs, 8-bis.
const HOUSE_NUMBER = /^([1-9]\d{0,3})(?:\s?-?\s?(?:(bis|hs|huis|zw|bg|rd|III|II|I)|([A-Za-z]))(?![\p{L}\p{N}])|-([1-9]\d{0,2})(?!\d))?/u
// After the number: a unit, a decimal part, a time, a percentage or a range means it was no house number.
const NOT_AFTER_NUMBER = new RegExp(
  '^(?:[.,:]\\d|\\s?%|\\s?(?:tot|t/m|t\\.m\\.|à|a|-|–)\\s?\\d|\\s(?:' +
    [
      'meter', 'm', 'm2', 'km', 'kilometer', 'cm', 'minuten', 'minuut', 'min', 'uur', 'jaar', 'jaren', 'keer', 'maal', 'x',
      'procent', 'euro', 'eur', 'mensen', 'personen', 'bewoners', 'inwoners', 'huizen', 'woningen', 'huishoudens',
      'kramen', 'leerlingen', 'kinderen', "auto's", 'woonboten', 'stuks', 'deelnemers', 'leden', 'dagen', 'weken',
      'maanden', 'plekken', 'panden', 'appartementen', 'bomen', 'parkeerplaatsen', 'hectare', 'ha', 'turbines',
      'bankjes', 'lantaarnpalen', 'tot', 't/m',
    ].join('|') +
    ')(?![\\p{L}]))',
  'u',
)
// A full postcode: four digits (not starting with 0) and two capitals, or two small letters written against the digits.
const POSTCODE = /(?<![\p{L}\p{N}])([1-9]\d{3})(?:\s?([A-Z]{2})|([a-z]{2}))(?![\p{L}\p{N}])/gu
const NOT_POSTCODE_LETTERS = new Set(['SA', 'SD', 'SS', 'km', 'kg', 'cm', 'mm', 'ml', 'kw', 'mb', 'gb', 'ha', 'uur', 'ct'])
const NUMBER_LEAD = /^,?[ \t\u00a0]+(?:(?:huisnummer|huisnr\.?|nr\.?|nummer)[ \t\u00a0]*)?/u
const AFTER_POSTCODE_CITY = /^,?[ \t\u00a0]+(\p{Lu}[\p{L}'’]*(?:[- ]\p{Lu}[\p{L}'’]*){0,2})/u

// Between a street and its number: spaces and "nr."/"nummer", or a comma or "op" before "nummer":
// "Kanaalweg 12", "Kanaalweg nr. 12", "Lindelaan nummer 7", "Dorpsstraat, nummer 12", "Dorpsstraat op nummer 12".
const GAP_BEFORE_NUMBER =
  /^(?:(?:,|[ \t\u00a0]+op)[ \t\u00a0]+(?:(?:nr|no|huisnr)\.?[ \t\u00a0]*|(?:huis)?nummer[ \t\u00a0]+)|[ \t\u00a0]+(?:(?:nr|no)\.?[ \t\u00a0]*|(?:huis)?nummer[ \t\u00a0]+)?)/
const NUMBER_BEFORE_STREET =
  /(?:(?<![\p{L}])(?:huis)?nummer|(?<![\p{L}])(?:nr|no)\.?|(?<![\p{L}])op)[ \t\u00a0]+([1-9]\d{0,3}(?:[ \t\u00a0]?[a-zA-Z]|-bis)?)[ \t\u00a0]+(?:van|in|aan|op)[ \t\u00a0]+(?:de|het)[ \t\u00a0]+$/u

/** Reads a house number at `at`; returns where it ends, or -1 when what follows is no house number. */
function houseNumberEnd(text: string, at: number): number {
  const match = HOUSE_NUMBER.exec(text.slice(at, at + 16))
  if (!match) return -1
  const main = Number(match[1])
  if (match[4] !== undefined && Number(match[4]) > main) return -1 // 1-40 is a range, 14-2 an addition
  if (match[1].length === 4 && main >= 1800 && main <= 2099) return -1 // a year
  const end = at + match[0].length
  if (NOT_AFTER_NUMBER.test(text.slice(end, end + 20))) return -1
  return end
}

function isStreetWord(word: Word): boolean {
  return word.capital && (STREET_ENDING.test(word.text) || STREET_ALONE.has(word.text))
}

function streetStart(words: Word[], index: number): number {
  const {firstNames, surnames} = nameLists()
  let first = index
  while (first > 0) {
    const before = words[first - 1]
    if (!before.joinedToNext) break
    const fits =
      PARTICLES.has(before.text) ||
      (before.capital && (STREET_TITLES.has(before.text) || firstNames.has(before.text) || surnames.has(before.text.toLowerCase())))
    if (!fits || index - first >= 4) break
    first--
  }

  // "op de Kanaalweg 12", "De Kanaalweg 12": the article is not part of the name.
  while (first < index && (PARTICLES.has(words[first].text) || words[first].text === 'De' || words[first].text === 'Het')) first++
  return first
}

function findPostcodes(text: string): Candidate[] {
  const found: Candidate[] = []
  for (const match of text.matchAll(POSTCODE)) {
    const letters = match[2] ?? match[3]
    if (NOT_POSTCODE_LETTERS.has(letters)) continue
    // A postbus or antwoordnummer belongs to an organisation; "7811 AB–7812 ZZ" is an area.
    if (/(?:postbus|antwoordnummer)\s+\d+\s*[,|]?\s*$/i.test(text.slice(Math.max(0, match.index - 30), match.index))) continue
    const before = text.slice(Math.max(0, match.index - 6), match.index)
    const after = text.slice(match.index + match[0].length, match.index + match[0].length + 16)
    if (/\d\s?[A-Z]{0,2}\s*(?:[-–]|t\/m|tot)\s*$/.test(before) || /^\s*(?:[-–]|t\/m|tot(?: en met)?)\s*[1-9]\d{3}/.test(after)) continue
    let end = match.index + match[0].length
    let reason = 'volledige postcode (vier cijfers en twee letters): wijst maar een handvol huizen aan'
    const lead = NUMBER_LEAD.exec(text.slice(end, end + 20))
    const numberEnd = lead ? houseNumberEnd(text, end + lead[0].length) : -1
    if (numberEnd > 0) {
      end = numberEnd
      reason = 'postcode met huisnummer'
    } else {
      const city = AFTER_POSTCODE_CITY.exec(text.slice(end, end + 60))
      if (city) end += city[0].length
    }

    found.push({end, kind: 'adres', reason, start: match.index})
  }

  return found
}

/** Street + house number ("Kanaalweg 12", "Dorpsstraat 3a") and full postcodes, merged when they belong together. */
export function findAddresses(text: string, words: Word[] = splitWords(text)): Candidate[] {
  const streets: Candidate[] = []
  words.forEach((word, index) => {
    if (!isStreetWord(word)) return
    const first = streetStart(words, index)
    // "nummer 12 van de Dorpsstraat", "op 12 in de Dorpsstraat": the number told before the street.
    const told = NUMBER_BEFORE_STREET.exec(text.slice(Math.max(0, words[first].start - 40), words[first].start))
    if (told && houseNumberEnd(text, words[first].start - told[0].length + told[0].indexOf(told[1])) > 0) {
      streets.push({end: word.end, kind: 'adres', reason: 'huisnummer met straatnaam', start: words[first].start - told[0].length + (told[0].startsWith('op') ? told[0].indexOf(told[1]) : 0)})
      return
    }

    const gap = GAP_BEFORE_NUMBER.exec(text.slice(word.end, word.end + 24))
    if (!gap) return
    const end = houseNumberEnd(text, word.end + gap[0].length)
    if (end < 0) return
    streets.push({end, kind: 'adres', reason: 'straatnaam met huisnummer', start: words[first].start})
  })

  const postcodes = findPostcodes(text)
  const merged: Candidate[] = []
  for (const street of streets) {
    const postcode = postcodes.find((p) => p.start >= street.end && /^,?\s+$/.test(text.slice(street.end, p.start)))
    if (postcode) {
      postcodes.splice(postcodes.indexOf(postcode), 1)
      merged.push({end: postcode.end, kind: 'adres', reason: 'straatnaam met huisnummer en postcode', start: street.start})
    } else merged.push(street)
  }

  return [...merged, ...postcodes]
}

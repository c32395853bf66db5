import {readFileSync} from 'node:fs'
import {fileURLToPath} from 'node:url'

/** The word lists in ./data, read once, the first time a note is checked. */
export interface NameLists {
  /** First names as written ("Sanne", "Ayşe"). */
  firstNames: Set<string>
  /** First names in lower case, for "juf fatima". */
  firstNamesLower: Set<string>
  /** Surnames in lower case with their tussenvoegsels: "de vries", "van den berg", "el amrani", "jansen". */
  surnames: Set<string>
  /** The longest surname in words, so a match never looks further than it must. */
  longestSurname: number
  /** Names that are also ordinary words: they count only where the sentence makes clear it is a person. */
  ordinaryWords: Set<string>
  /** Phrases that contain a name but point at no person (places, shops, organisations, sayings). */
  notNames: RegExp
}

let lists: NameLists | undefined

/** The lines of a list in ./data, without blank lines and # comments. */
export function readList(file: string): string[] {
  const url = new URL(`./data/${file}`, import.meta.url)
  let text: string
  try {
    text = readFileSync(url, 'utf8')
  } catch (error) {
    // Not something the user can fix: the build must copy src/privacy/data beside the compiled guard.
    throw new Error(`De woordenlijst ${fileURLToPath(url)} van de privacycontrole ontbreekt; karavaan is niet goed geïnstalleerd.`, {cause: error})
  }

  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

export function nameLists(): NameLists {
  if (lists) return lists
  const firstNames = new Set(readList('voornamen.txt'))
  const surnameLines = readList('achternamen.txt')
  const phrases = readList('geen-namen.txt').sort((a, b) => b.length - a.length)
  lists = {
    firstNames,
    firstNamesLower: new Set([...firstNames].map((name) => name.toLowerCase())),
    longestSurname: Math.max(...surnameLines.map((line) => line.split(/\s+/).length)),
    notNames: new RegExp(`(?<![\\p{L}\\p{N}])(?:${phrases.map((p) => escape(p).replace(/[\s-]+/g, '[\\s-]+')).join('|')})(?![\\p{L}\\p{N}])`, 'gu'),
    ordinaryWords: new Set(readList('gewone-woorden.txt')),
    surnames: new Set(surnameLines.map((line) => line.toLowerCase().split(/\s+/).join(' '))),
  }
  return lists
}

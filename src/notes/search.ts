import {UserError} from '../errors.js'
import type {Store} from '../store/store.js'
import type {NoteFilter, SearchHit} from '../model/note.js'

const OPERATORS = new Set(['AND', 'NOT', 'OR'])

/**
 * Turns what a user types into an FTS5 query: words (all must occur), "phrases", prefixes
 * (vertrouw*), and OR / NOT between them. Punctuation that FTS5 would read as syntax is dropped,
 * so a query can only fail for a reason we can explain in Dutch.
 */
export function toFtsQuery(input: string): string {
  const query = input.trim()
  if (!query) throw new UserError('Geef een zoekopdracht, bijvoorbeeld: karavaan note search loket')
  if ((query.match(/"/g)?.length ?? 0) % 2 === 1) {
    throw new UserError(`In "${query}" ontbreekt een afsluitend aanhalingsteken.`, {hint: 'Zet een woordgroep tussen twee aanhalingstekens, zoals "geen loket".'})
  }

  const parts: string[] = []
  const tokens = query.match(/"[^"]*"|\S+/g) ?? []
  for (const token of tokens) {
    if (token.startsWith('"')) {
      const words = words_(token.slice(1, -1))
      if (words.length > 0) parts.push(`"${words.join(' ')}"`)
      continue
    }

    if (OPERATORS.has(token)) {
      if (parts.length === 0 || OPERATORS.has(parts.at(-1)!)) throw operatorError(query, token)
      parts.push(token)
      continue
    }

    const prefix = token.endsWith('*')
    const words = words_(token)
    if (words.length === 0) continue
    if (prefix && words.at(-1)!.length < 2) throw new UserError(`"${token}" is te kort om op te zoeken met *.`, {hint: 'Geef minstens twee letters voor de *, zoals vertrouw*.'})
    parts.push(words.map((word, i) => `"${word}"${prefix && i === words.length - 1 ? '*' : ''}`).join(' '))
  }

  if (parts.length === 0) throw new UserError(`"${query}" bevat geen woorden om op te zoeken.`)
  if (OPERATORS.has(parts.at(-1)!)) throw operatorError(query, parts.at(-1)!)
  return parts.join(' ')
}

function words_(text: string): string[] {
  return text.split(/[^\p{L}\p{N}]+/u).filter(Boolean)
}

function operatorError(query: string, operator: string): UserError {
  return new UserError(`In "${query}" staat ${operator} op een plek waar het niets verbindt.`, {
    hint: 'Gebruik OR en NOT tussen twee zoekwoorden, zoals: loket OR balie, of: loket NOT gemeente.',
  })
}

/**
 * Above this many matching notes the results are not ranked but shown newest first: ranking
 * scores every match (~45 ms for 80,000 notes), and a word found in most notes says little about
 * which note fits best. The user is told, and can narrow the search.
 */
export const RANKING_LIMIT = 10_000

export interface SearchResult {
  hits: SearchHit[]
  matches: number
  ranked: boolean
}

export function searchNotes(store: Store, query: string, filter: NoteFilter = {}, limit = 50, rankingLimit = RANKING_LIMIT): SearchResult {
  const fts = toFtsQuery(query)
  try {
    const matches = store.notes.countMatches(fts)
    const ranked = matches <= rankingLimit
    return {hits: store.notes.search(fts, filter, limit, ranked), matches, ranked}
  } catch (error) {
    if ((error as {code?: string}).code?.startsWith('SQLITE_')) {
      throw new UserError(`De zoekopdracht "${query}" is niet te begrijpen.`, {
        hint: 'Zoek op woorden, "een woordgroep" tussen aanhalingstekens, of het begin van een woord met *, zoals vertrouw*.',
      })
    }

    throw error
  }
}

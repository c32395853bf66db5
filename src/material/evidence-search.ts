import type {NoteFilter} from '../model/note.js'
import type {EvidenceRef} from '../model/material.js'
import type {TagKind} from '../model/tag.js'
import {searchNotes} from '../notes/search.js'
import {attribution} from '../privacy/attribution.js'
import type {Store} from '../store/store.js'
import type {Study} from '../study/load.js'

/*
 * Searching for a finding's evidence: notes found with the search language of `note search`, and
 * the tagged passages in them whose words hold what was searched for. Without search words the
 * filters alone choose: the tagged passages of the chosen code(s), then a few notes.
 */

/** Marks around what the search found in a hit's words, as the search engine's snippets carry them. */
export const MARK_START = '\u0001'
export const MARK_END = '\u0002'

export interface EvidenceHit {
  /** "moeder, halteplaats Wendelo": group type and halteplaats only, as a quote may be attributed. */
  attribution: string
  /** The tag's narrative or theme; null for a note. */
  code: null | string
  date: string
  halteplaats: string
  kind: 'notitie' | 'tag'
  noteId: string
  /** The hit is evidence of the finding already. */
  present: boolean
  tagId: null | string
  tagKind: null | TagKind
  /** The passage's words, or the words of the note around the matches (or its start), matches between MARK_START and MARK_END. */
  words: string
}

export interface EvidenceSearch {
  /** The note filter, checked (checkFilter): halteplaats, group or activity, narrative, theme. */
  filter: NoteFilter
  /** The page of hits, from 1: page 2 holds the hits after the first `limit`. */
  page?: number
  /** Evidence the finding has, so a hit can say it is there already. */
  present?: readonly EvidenceRef[]
  /** Words in the language of `note search`; empty: the filters alone. */
  query?: string
}

export interface EvidenceSearchResult {
  hits: EvidenceHit[]
  /** More hits after these: on a next page, or the search should be narrowed. */
  more: boolean
  /** The page these hits are, from 1. */
  page: number
}

/** Hits on a page of the picker. */
export const EVIDENCE_PAGE = 50

const NOTE_START = 280
const NOTES_WITHOUT_QUERY = 10

const fold = (text: string) => text.normalize('NFKD').replaceAll(/\p{M}/gu, '').toLowerCase()
const escape = (text: string) => text.replaceAll(/[.*+?^${}()|[\]\\]/g, '\\$&')
const WORD = /[\p{L}\p{N}]+/gu

/**
 * The patterns a passage must hold to count as found, from a `note search` query: its words,
 * "phrases" and prefixes*, leaving out what follows NOT. Matching ignores case and accents, as the
 * search index does (unicode61, remove_diacritics).
 */
export function queryPatterns(query: string): RegExp[] {
  const patterns: RegExp[] = []
  let negated = false
  for (const token of query.match(/"[^"]*"|\S+/g) ?? []) {
    if (token === 'NOT') {
      negated = true
      continue
    }

    if (token === 'AND' || token === 'OR') continue
    const skip = negated
    negated = false
    if (skip) continue
    const prefix = !token.startsWith('"') && token.endsWith('*')
    const words = fold(token).match(WORD) ?? []
    if (words.length === 0) continue
    const body = words.map(escape).join('[^\\p{L}\\p{N}]+')
    patterns.push(new RegExp(`(?<![\\p{L}\\p{N}])${body}${prefix ? '[\\p{L}\\p{N}]*' : '(?![\\p{L}\\p{N}])'}`, 'gu'))
  }

  return patterns
}

/** The text with every match of the patterns between MARK_START and MARK_END; null when nothing matches. */
export function markMatches(text: string, patterns: readonly RegExp[]): null | string {
  // Folding keeps the length only per character; fold each one alone so positions stay the text's.
  const chars = [...text]
  const folded: string[] = []
  const owner: number[] = []
  chars.forEach((ch, i) => {
    const f = fold(ch)
    for (const unit of f) {
      folded.push(unit)
      owner.push(i)
    }
  })
  const flat = folded.join('')
  // Positions in the folded string are in UTF-16 units; map each back to its character.
  const unitOwner: number[] = []
  folded.forEach((unit, i) => {
    for (let k = 0; k < unit.length; k++) unitOwner.push(owner[i])
  })
  const marked = new Array<boolean>(chars.length).fill(false)
  let any = false
  for (const pattern of patterns) {
    for (const match of flat.matchAll(pattern)) {
      if (match[0].length === 0) continue
      any = true
      const from = unitOwner[match.index]
      const to = unitOwner[match.index + match[0].length - 1]
      for (let i = from; i <= to; i++) marked[i] = true
    }
  }

  if (!any) return null
  let out = ''
  chars.forEach((ch, i) => {
    if (marked[i] && !marked[i - 1]) out += MARK_START
    out += ch
    if (marked[i] && !marked[i + 1]) out += MARK_END
  })
  return out
}

const cut = (text: string, length: number) => {
  const line = text.replaceAll(/\s+/g, ' ').trim()
  const chars = [...line]
  return chars.length > length ? `${chars.slice(0, length - 1).join('').trimEnd()}…` : line
}

/** The codes whose passages the filter asks for: its narrative and theme, or every code. */
function wantedCodes(study: Study, filter: NoteFilter): Array<readonly [TagKind, string]> {
  const chosen = [...(filter.narrative ? [['narrative', filter.narrative] as const] : []), ...(filter.theme ? [['theme', filter.theme] as const] : [])]
  if (chosen.length > 0) return chosen
  const method = study.methodDefinition
  return [...method.narratives.map((n) => ['narrative', n.id] as const), ...method.themes.map((t) => ['theme', t.id] as const)]
}

function isPresent(present: readonly EvidenceRef[], hit: {noteId: string; tagId: null | string}): boolean {
  return present.some((e) => (hit.tagId ? e.tagId === hit.tagId : e.noteId === hit.noteId && e.tagId === null && e.quote === null))
}

/**
 * Notes and tagged passages that could back a finding, at most `limit` of them. With search words:
 * the notes `note search` finds (best first, with the same filters), each after the passages in it
 * that hold the words (of the filter's narrative or theme, when one is chosen). Without: the
 * passages of the chosen code(s) in the notes the filters allow, then the newest few notes. The
 * same words tagged with the same code by two coders are one hit. A page after the first skips
 * the hits of the pages before it; each page reads only the notes it needs.
 */
export function searchEvidence(store: Store, study: Study, search: EvidenceSearch, limit = EVIDENCE_PAGE): EvidenceSearchResult {
  const present = search.present ?? []
  const page = Math.max(1, Math.floor(search.page ?? 1))
  const skip = (page - 1) * limit
  let passed = 0
  const {filter} = search
  const query = search.query?.trim()
  const hits: EvidenceHit[] = []
  const seen = new Set<string>()
  const codes = wantedCodes(study, filter)
  const fits = (tag: {code: string; kind: TagKind}) => codes.some(([kind, code]) => kind === tag.kind && code === tag.code)
  const place = (note: {activity: null | string; group: null | string; halteplaats: string}) => attribution(study, note)
  let more = false
  const push = (hit: Omit<EvidenceHit, 'present'>, key: string) => {
    if (seen.has(key)) return
    if (hits.length >= limit) {
      more = true
      return
    }

    seen.add(key)
    if (passed++ < skip) return
    hits.push({...hit, present: isPresent(present, hit)})
  }

  if (query) {
    const patterns = queryPatterns(query)
    // Every note is a hit of its own, so the pages so far, this one and one note more are enough
    // notes to fill the page and to know whether another hit follows.
    const result = searchNotes(store, query, filter, skip + limit + 1)
    for (const {note, snippet} of result.hits) {
      const base = {attribution: place(note), date: note.date, halteplaats: note.halteplaats, noteId: note.id}
      for (const tag of store.tags.list({noteId: note.id})) {
        if (tag.quote === null || tag.start === null || !fits(tag)) continue
        const words = markMatches(tag.quote, patterns)
        if (words === null) continue
        push({...base, code: tag.code, kind: 'tag', tagId: tag.id, tagKind: tag.kind, words}, `${note.id}:${tag.start}:${tag.end}:${tag.code}`)
      }

      push({...base, code: null, kind: 'notitie', tagId: null, tagKind: null, words: snippet}, note.id)
      if (more) break
    }

    return {hits, more, page}
  }

  for (const [kind, code] of codes) {
    for (const tag of store.tags.passages(kind, code)) {
      if (filter.halteplaats && tag.halteplaats !== filter.halteplaats) continue
      if (filter.group && tag.group !== filter.group) continue
      if (filter.activity && tag.activity !== filter.activity) continue
      push({attribution: place(tag), code, date: tag.date, halteplaats: tag.halteplaats, kind: 'tag', noteId: tag.noteId, tagId: tag.id, tagKind: kind, words: tag.quote ?? ''}, `${tag.noteId}:${tag.start}:${tag.end}:${code}`)
      if (more) break
    }

    if (more) break
  }

  for (const note of store.notes.page(filter, NOTES_WITHOUT_QUERY, 0)) {
    push({attribution: place(note), code: null, date: note.date, halteplaats: note.halteplaats, kind: 'notitie', noteId: note.id, tagId: null, tagKind: null, words: cut(note.text, NOTE_START)}, note.id)
  }

  return {hits, more, page}
}

import {UserError} from '../errors.js'
import {resolveShortId, shortId} from '../records/ids.js'
import {requireNote} from '../notes/lookup.js'
import type {Store} from '../store/store.js'
import type {Study} from '../study/load.js'
import {describeChoice, findCodeAmong} from '../study/lookup.js'
import {codePointLength, findQuote, sliceCodePoints} from './passage.js'
import type {NewTag} from '../store/tags.js'
import type {Tag, TagKind, TagOrigin} from '../model/tag.js'
import {plural} from '../model/plural.js'

export interface TagRequest {
  origin?: TagOrigin
  /** A narrative (id or number 1-5) or a theme id. */
  code: string
  coder?: string
  end?: number
  note: string
  /** Which occurrence of the quote, when it occurs more than once (1 = the first). */
  occurrence?: number
  quote?: string
  start?: number
}

/** A narrative by id, number or name, or a theme by id or name: what a code means in this method. */
export function resolveCode(study: Study, code: string): {code: string; kind: TagKind} {
  const method = study.methodDefinition
  const found = findCodeAmong(study, ['narrative', 'theme'], code)
  if (found) return {code: found.id, kind: found.part === 'narrative' ? 'narrative' : 'theme'}
  throw new UserError(`"${code}" is geen narratief en geen thema.`, {
    hint: `Narratieven: ${describeChoice(method.narratives.map((n) => `${n.number} ${n.id}`))}. Thema's: ${describeChoice(method.themes.map((t) => t.id))}.`,
  })
}

/**
 * Tags a note, or a passage of it given by its exact words or by start and end (code points).
 * The same tag by the same coder on the same place is not stored twice.
 */
export function addTag(store: Store, study: Study, request: TagRequest): {created: boolean; tag: Tag} {
  const wanted = prepareTag(store, study, request)
  return store.transaction(() => saveTag(store, wanted))
}

/**
 * Stores a checked tag and records that its coder has coded the note. A theme on the whole note
 * by its interviewer that the note's front matter already has is that coding, not a second one.
 */
export function saveTag(store: Store, wanted: NewTag): {created: boolean; tag: Tag} {
  if (wanted.kind === 'narrative') store.tags.markCoded(wanted.noteId, wanted.coder)
  if (wanted.kind === 'theme' && wanted.start === null) {
    const own = store.tags.codings({code: wanted.code, coder: wanted.coder, kind: 'theme', noteId: wanted.noteId}).find((t) => t.origin === 'note')
    if (own) return {created: false, tag: own}
  }

  const same = store.tags.findSame(wanted)
  return same ? {created: false, tag: same} : {created: true, tag: store.tags.insert(wanted)}
}

/** Checks a tag request against the note, the method and the team; nothing is written. */
export function prepareTag(store: Store, study: Study, request: TagRequest & {noteId?: string}): NewTag {
  const note = request.noteId ? store.notes.get(request.noteId)! : requireNote(store, request.note)
  if (note.deletedAt) throw new UserError(`Notitie ${request.note} staat in de prullenbak; zet haar eerst terug.`)
  const {code, kind} = resolveCode(study, request.code)
  const coder = request.coder
  if (!coder) throw new UserError('Wie tagt er? Geef --coder ID, of stel je id in met: karavaan config set interviewer ID')
  if (!study.team.some((m) => m.id === coder)) throw new UserError(`"${coder}" staat niet in het team van study.yaml (--coder).`, {hint: `Kies uit: ${describeChoice(study.team.map((m) => m.id))}.`})

  let start: null | number = null
  let end: null | number = null
  if (request.quote !== undefined) {
    if (request.start !== undefined || request.end !== undefined) throw new UserError('Geef een passage met --quote of met --start en --end, niet met allebei.')
    const places = findQuote(note.text, request.quote)
    if (!request.quote.trim() || places.length === 0) {
      throw new UserError(`De passage "${request.quote}" staat niet letterlijk in notitie ${request.note}.`, {hint: 'Kopieer de woorden precies uit karavaan note show, met dezelfde hoofdletters en leestekens.'})
    }

    const occurrence = request.occurrence ?? (places.length === 1 ? 1 : undefined)
    if (occurrence === undefined) throw new UserError(`De passage "${request.quote}" staat ${places.length} keer in de notitie.`, {hint: 'Zeg welke je bedoelt met --occurrence N (1 = de eerste), of gebruik --start en --end.'})
    if (occurrence < 1 || occurrence > places.length) throw new UserError(`--occurrence ${occurrence} bestaat niet; de passage staat ${places.length} keer in de notitie.`)
    start = places[occurrence - 1]
    end = start + codePointLength(request.quote)
  } else if (request.start !== undefined || request.end !== undefined) {
    const length = codePointLength(note.text)
    if (request.start === undefined || request.end === undefined) throw new UserError('Geef --start en --end allebei.')
    if (request.start < 0 || request.end > length || request.start >= request.end) {
      throw new UserError(`De passage ${request.start}-${request.end} valt buiten de notitie (die is ${plural(length, 'teken', 'tekens')} lang).`, {hint: 'Posities tellen tekens vanaf 0; --end wijst net voorbij het laatste teken.'})
    }

    start = request.start
    end = request.end
  }

  return {code, coder, end, kind, noteId: note.id, origin: request.origin ?? 'coder', quote: start === null ? null : sliceCodePoints(note.text, start, end!), start}
}

export function requireTag(store: Store, id: string): Tag {
  return store.tags.get(resolveShortId(id, (short) => store.tags.matchIds(short), {hint: 'Zoek de id op met: karavaan tag list', name: 'tag'}))!
}

/**
 * Takes a tag off; the tag stays in the database with the time it was removed. A theme of a
 * note's front matter is listed as a tag but is a field of the note: it goes with the note's
 * next version, so that its history keeps it.
 */
export function removeTag(store: Store, id: string): Tag {
  const own = frontMatterCoding(store, id)
  if (own) {
    throw new UserError(`Tag ${shortId(own.id)} is het thema "${own.code}" uit het gegevensblok van notitie ${shortId(own.noteId)}; dat haal je niet weg met tag rm.`, {
      hint: `Geef de notitie haar thema's opnieuw, zonder dit thema: karavaan note edit ${shortId(own.noteId)} --theme … (of in een terminal: karavaan note edit ${shortId(own.noteId)}).`,
    })
  }

  const tag = requireTag(store, id)
  if (tag.deletedAt) throw new UserError(`Tag ${id} is al verwijderd.`)
  return store.transaction(() => store.tags.remove(tag.id))
}

/** The theme of a note's front matter that a typed tag id names, when no stored tag has that id. */
function frontMatterCoding(store: Store, typed: string): Tag | undefined {
  const wanted = typed.trim().toLowerCase()
  if (wanted.length < 6 || store.tags.matchIds(wanted).length > 0) return undefined
  return store.tags.codings({kind: 'theme'}).find((t) => t.origin === 'note' && (t.id === wanted || t.id.startsWith(wanted) || t.id.endsWith(wanted)))
}

import {UserError} from '../errors.js'
import {shortId} from '../records/ids.js'
import {requireNote} from '../notes/lookup.js'
import type {Note} from '../model/note.js'
import type {Store} from '../store/store.js'
import {codePointLength, findQuote} from '../tagging/passage.js'
import {requireTag} from '../tagging/tags.js'
import type {EvidenceRef} from '../model/material.js'

/** Evidence as a user gives it: a tag id, or a note (id, short id or import path) with optional exact words. */
export interface EvidenceInput {
  note?: string
  quote?: string
  tag?: string
}

/** A note by id, short id or the path it was imported from (inbox/wendelo/…md). */
export function requireNoteRef(store: Store, ref: string): Note {
  const bySource = store.notes.bySource(ref.replaceAll('\\', '/'))
  return bySource ?? requireNote(store, ref)
}

/** Where a piece of evidence is: enough to tell two pieces apart. */
export type EvidencePlace = Pick<EvidenceRef, 'end' | 'noteId' | 'start' | 'tagId'>

/** Turns what a user gave as evidence into stored references; a tag or quote must really be there. */
export function resolveEvidence(store: Store, input: EvidenceInput): EvidenceRef {
  if (input.tag) {
    const tag = requireTag(store, input.tag)
    if (tag.deletedAt) throw new UserError(`tag ${shortId(tag.id)} is verwijderd`)
    const note = store.notes.get(tag.noteId)!
    if (note.deletedAt) throw new UserError(`de notitie van tag ${shortId(tag.id)} staat in de prullenbak`)
    return {end: null, noteId: tag.noteId, quote: null, start: null, tagId: tag.id}
  }

  if (!input.note) throw new UserError('geef een notitie of een tag als onderbouwing')
  const note = requireNoteRef(store, input.note)
  if (note.deletedAt) throw new UserError(`notitie ${shortId(note.id)} staat in de prullenbak; zet haar eerst terug`)
  const quote = input.quote?.trim()
  if (!quote) return {end: null, noteId: note.id, quote: null, start: null, tagId: null}
  // The same words tagged by a coder are that tag; otherwise the passage stands on its own.
  const tag = store.tags.list({noteId: note.id}).find((t) => t.quote === quote)
  if (tag) return {end: null, noteId: note.id, quote: null, start: null, tagId: tag.id}
  const places = findQuote(note.text, quote)
  if (places.length === 0) throw new UserError(`de passage "${quote}" staat niet letterlijk in notitie ${note.source ?? shortId(note.id)}`)
  return {end: places[0] + codePointLength(quote), noteId: note.id, quote, start: places[0], tagId: null}
}

export function sameEvidence(a: EvidencePlace, b: EvidencePlace): boolean {
  return a.noteId === b.noteId && a.tagId === b.tagId && a.start === b.start && a.end === b.end
}

import {UserError} from '../errors.js'
import {allowedNames} from '../privacy/allowed.js'
import {studyPseudonyms} from '../privacy/pseudonym-key.js'
import type {Store} from '../store/store.js'
import type {Study} from '../study/load.js'
import {checkNoteFields, type FieldProblem, type RawNoteFields} from './fields.js'
import type {PersonalDataPolicy} from '../privacy/guard.js'
import {guardNote, type LocatedHit} from './guard.js'
import {requireEditable} from '../records/trash.js'
import type {Note, NoteFields} from '../model/note.js'

export interface WriteOptions {
  by?: null | string
  policy?: PersonalDataPolicy
}

export interface WriteOutcome {
  change: 'bewerkt' | 'nieuw' | 'ongewijzigd'
  note: Note
  replaced: LocatedHit[]
}

/** A note whose fields do not all hold; in a terminal the person corrects them instead of starting over. */
export class NoteFieldsError extends UserError {
  constructor(readonly problems: FieldProblem[]) {
    super('De notitie is niet opgeslagen: niet alle gegevens kloppen.', {
      details: problems.map((p) => `${p.field}: ${p.message}`),
      hint: 'Verbeter deze gegevens en probeer het opnieuw.',
    })
  }
}

export function requireFields(study: Study, raw: RawNoteFields): NoteFields {
  const {fields, problems} = checkNoteFields(study, raw)
  if (!fields) throw new NoteFieldsError(problems)
  return fields
}

/** Checks a new note, runs the personal-data guard over it and stores it as version 1. */
export function addNote(store: Store, study: Study, raw: RawNoteFields, options: WriteOptions = {}): WriteOutcome {
  const by = options.by ?? null
  const guarded = guardNote(requireFields(study, raw), options.policy ?? 'refuse', by, allowedNames(study), studyPseudonyms(study))
  const note = store.transaction(() => store.notes.insert(guarded.fields, {by, personalData: guarded.override}))
  return {change: 'nieuw', note, replaced: guarded.override ? [] : guarded.hits}
}

/** A new version with the given changes; an edit that changes nothing stores nothing. */
export function editNote(store: Store, study: Study, id: string, changes: RawNoteFields, options: WriteOptions = {}): WriteOutcome {
  const note = requireEditable(store, 'note', id)
  const by = options.by ?? null
  // The note's own narratives are the interviewer's; tags of other coders are not part of an edit.
  const current = {...fieldsOf(note), narratives: store.notes.ownNarratives(note.id)}
  const merged: RawNoteFields = {...current, ...definedOnly(changes)}
  if (changes.group !== undefined) merged.activity = null
  if (changes.activity !== undefined) merged.group = null
  const guarded = guardNote(requireFields(study, merged), options.policy ?? 'refuse', by, allowedNames(study), studyPseudonyms(study))
  if (sameFields(current, guarded.fields)) return {change: 'ongewijzigd', note, replaced: []}
  const override = guarded.override ?? (note.personalData && options.policy !== 'pseudonymise' ? note.personalData : null)
  const updated = store.transaction(() => store.notes.update(note, guarded.fields, {by, personalData: override}))
  return {change: 'bewerkt', note: updated, replaced: guarded.override ? [] : guarded.hits}
}

export function fieldsOf(note: NoteFields): NoteFields {
  return {
    activity: note.activity,
    date: note.date,
    group: note.group,
    halteplaats: note.halteplaats,
    interviewer: note.interviewer,
    narratives: note.narratives,
    participants: note.participants,
    roles: note.roles,
    text: note.text,
    themes: note.themes,
  }
}

export function sameFields(a: NoteFields, b: NoteFields): boolean {
  const norm = (f: NoteFields) => JSON.stringify({...fieldsOf(f), narratives: [...f.narratives].sort(), themes: [...f.themes].sort()})
  return norm(a) === norm(b)
}

function definedOnly(raw: RawNoteFields): RawNoteFields {
  return Object.fromEntries(Object.entries(raw).filter(([, value]) => value !== undefined)) as RawNoteFields
}

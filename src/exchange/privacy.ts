import {GUARDED_TEXTS} from '../material/kinds.js'
import type {MaterialKindId} from '../model/kinds.js'
import type {EvidenceRef} from '../model/material.js'
import type {Note} from '../model/note.js'
import type {PersonalDataOverride} from '../model/record.js'
import type {GateItem, PrivacyGate} from '../privacy/gate.js'
import type {MaterialVersionRecord, NoteVersionRecord, RejectionRecord, TagRecord} from '../store/exchange.js'
import type {Store} from '../store/store.js'
import type {TableId} from './tables/tables.js'

/*
 * What each export holds, as the privacy gate reads it: the same items for the scan before
 * anything is written and for the pass while it is written, so the two cannot drift apart.
 * Tables and REFI-QDA hold the current notes (text and roles), the tags' passages and, in a
 * REFI-QDA project, the findings (as memos); a bundle holds every version it carries of notes,
 * findings, reflection meetings and advice, and the tags' passages. Ids, dates, codes, the
 * codebook and study.yaml hold no respondent's words and are not read.
 */

type NoteTexts = {rollen: readonly string[]; tekst: string}
type Passage = {end: null | number; quote: null | string; start: null | number}

export const noteItem = (note: Pick<Note, 'id' | 'roles' | 'text' | 'version'>): GateItem<NoteTexts> => ({
  fields: {rollen: note.roles, tekst: note.text},
  id: note.id,
  key: `note:${note.id}@${note.version}`,
  record: 'note',
})

/** A tag's passage; in a bundle it is kept like its note's own words when the note's current version keeps them by a recorded choice. */
export const tagItem = (tag: {id: string; quote: null | string}, noteId: string, kept?: NoteOverrides): GateItem<{passage: string}> => ({
  fields: {passage: tag.quote ?? ''},
  id: tag.id,
  key: `tag:${tag.id}`,
  ...(kept ? {kept: kept.get(noteId) ?? null} : {}),
  note: noteId,
  record: 'tag',
})

/** Notes whose current version keeps personal data by a recorded choice (store.notes.overrides()). */
export type NoteOverrides = ReadonlyMap<string, PersonalDataOverride>

export const findingItem = (finding: {id: string; text: string; title: string; version: number}): GateItem<{tekst: string; titel: string}> => ({
  fields: {tekst: finding.text, titel: finding.title},
  id: finding.id,
  key: `finding:${finding.id}@${finding.version}`,
  record: 'finding',
})

export const noteVersionItem = (version: NoteVersionRecord): GateItem<NoteTexts> => ({
  fields: {rollen: version.roles, tekst: version.text},
  id: version.note,
  key: `version:${version.id}`,
  kept: version.personalData,
  record: 'note',
  version: version.version,
})

/** A version of a finding, reflection or advice: the texts the guard reads when it is stored. */
export function materialVersionItem(kind: MaterialKindId, version: MaterialVersionRecord): GateItem<Record<string, string>> {
  return {
    // A bundle's versions were checked against their schema, but an old version may lack a text.
    fields: Object.fromEntries(Object.entries(GUARDED_TEXTS[kind].read(version.data as never)).map(([name, text]) => [name, typeof text === 'string' ? text : ''])),
    id: version.record,
    key: `version:${version.id}`,
    kept: (version.data.personalData as null | PersonalDataOverride | undefined) ?? null,
    record: kind,
    version: version.version,
  }
}

/** The passages a version of a finding quotes from notes, each kept like its note's own words (as a tag's passage). */
export function evidenceItems(version: MaterialVersionRecord, kept: NoteOverrides): Array<GateItem<{passage: string}>> {
  return evidenceOf(version).map((e, i) => ({
    fields: {passage: e.quote ?? ''},
    id: version.record,
    key: `version:${version.id}:${i}`,
    kept: kept.get(e.noteId) ?? null,
    note: e.noteId,
    record: 'finding',
    version: version.version,
  }))
}

const evidenceOf = (version: MaterialVersionRecord) => (version.data.evidence as EvidenceRef[] | undefined) ?? []

/** Everything tables will hold: the notes table its notes, the tags table its passages; matrix and coverage only counts. */
export function scanTables(store: Store, gate: PrivacyGate, which: readonly TableId[]): void {
  if (which.includes('notes')) for (const note of store.notes.iterate()) gate.scan(noteItem(note))
  if (which.includes('tags')) for (const tag of store.tags.list()) gate.scan(tagItem(tag, tag.noteId))
}

/** Everything a REFI-QDA project will hold: the notes, the tags' passages (their positions move with the text) and the findings as memos. */
export function scanQdpx(store: Store, gate: PrivacyGate, findings: ReadonlyArray<{id: string; text: string; title: string; version: number}>): void {
  scanTables(store, gate, ['notes', 'tags'])
  for (const finding of findings) gate.scan(findingItem(finding))
}

/**
 * Everything a bundle will carry: every version of notes and material it carries, the tags'
 * passages and the passages findings quote. What a version (or, for a passage, its note's current
 * version) keeps by a recorded choice is reported but does not block.
 */
export function scanBundle(store: Store, gate: PrivacyGate, kept: NoteOverrides, since?: string): void {
  store.snapshot(() => {
    for (const version of store.exchange.noteVersions(since)) gate.scan(noteVersionItem(version))
    for (const tag of store.exchange.tags(since)) gate.scan(tagItem(tag, tag.note, kept))
    for (const kind of ['finding', 'reflection', 'advice'] as const) {
      for (const version of store.exchange.materialVersions(kind, since)) {
        gate.scan(materialVersionItem(kind, version))
        if (kind === 'finding') for (const item of evidenceItems(version, kept)) gate.scan(item)
      }
    }
  })
}

/**
 * The writers' side of the gate: each record as the output holds it. Without a choice to
 * pseudonymise it is the record itself; with one, a copy with placeholders, and passages moved
 * to where their words now stand. The store is only read.
 */
export class GatedOutput {
  constructor(
    readonly gate: PrivacyGate,
    private readonly store: Store,
    /** For a bundle: the notes whose current version keeps personal data by a recorded choice. */
    private readonly kept?: NoteOverrides,
  ) {}

  note<N extends Pick<Note, 'id' | 'roles' | 'text' | 'version'>>(note: N): N {
    const texts = this.gate.pass(noteItem(note))
    return texts.tekst === note.text && texts.rollen === note.roles ? note : {...note, roles: [...texts.rollen], text: texts.tekst}
  }

  /** A tag's passage: its quote, and its start and end in the note's text as the output holds it. */
  tag<T extends Passage & {id: string}>(tag: T, noteId: string): T {
    const {passage} = this.gate.pass(tagItem(tag, noteId, this.kept))
    return this.gate.passage(noteId, () => this.currentText(noteId), tag, tag.quote === null ? null : passage)
  }

  finding<F extends {id: string; text: string; title: string; version: number}>(finding: F): F {
    const texts = this.gate.pass(findingItem(finding))
    return texts.tekst === finding.text && texts.titel === finding.title ? finding : {...finding, text: texts.tekst, title: texts.titel}
  }

  noteVersion(version: NoteVersionRecord): NoteVersionRecord {
    const texts = this.gate.pass(noteVersionItem(version))
    return texts.tekst === version.text && texts.rollen === version.roles ? version : {...version, roles: [...texts.rollen], text: texts.tekst}
  }

  tagRecord(tag: TagRecord): TagRecord {
    return this.tag(tag, tag.note)
  }

  /**
   * A rejected suggestion's sentence, moved along with the placeholders like a tag's passage. It
   * is moved on the note's current text, which is the judged version's unless the note was edited
   * after the rejection.
   */
  rejectionRecord(rejection: RejectionRecord): RejectionRecord {
    const moved = this.gate.passage(rejection.note, () => this.currentText(rejection.note), {end: rejection.end, quote: null, start: rejection.start}, null)
    return moved.start === rejection.start && moved.end === rejection.end ? rejection : {...rejection, end: moved.end, start: moved.start}
  }

  materialVersion(kind: MaterialKindId, version: MaterialVersionRecord): MaterialVersionRecord {
    const item = materialVersionItem(kind, version)
    const texts = this.gate.pass(item)
    let {data} = version
    if (texts !== item.fields) data = GUARDED_TEXTS[kind].write(data as never, texts) as unknown as Record<string, unknown>
    if (kind === 'finding') {
      const items = evidenceItems(version, this.kept ?? new Map())
      const quotes = items.map((e) => this.gate.pass(e).passage)
      if (items.some((e, i) => quotes[i] !== e.fields.passage)) {
        data = {...data, evidence: evidenceOf(version).map((e, i) => (e.quote === null ? e : this.gate.passage(e.noteId, () => this.currentText(e.noteId), e, quotes[i])))}
      }
    }

    return data === version.data ? version : {...version, data}
  }

  private currentText(noteId: string): string {
    return this.store.notes.get(noteId)?.text ?? ''
  }
}

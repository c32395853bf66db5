import type Database from 'better-sqlite3'

import type {MaterialKind} from '../model/material.js'
import type {PersonalDataOverride, RecordMeta, VersionChange} from '../model/record.js'
import type {Tag, TagKind, TagOrigin} from '../model/tag.js'
import {MATERIAL_VERSIONS, type MaterialQueries, type MaterialVersionRow} from './material.js'
import {NOTE_VERSIONS, type NoteQueries, type NoteState, type NoteVersionRow, toVersion} from './notes.js'
import {Queries} from './statements.js'
import {parentsOf, Versions} from './versions.js'

/*
 * The rows that travel between laptops in a bundle, and the rules that merge them. Every rule is a
 * function of the set of rows alone, never of the order they arrive in, so bundles merged in any
 * order, or twice, give the same study:
 * - note versions are immutable and known by their id: a version already present is skipped;
 *   the notes row is then derived from all versions (see refreshNote);
 * - a tag is known by its id; its removal (deleted_at) is a tombstone, the earliest one wins;
 * - a coding (note, coder) keeps the earliest time;
 * - a rejected suggestion is known by its id; taking it back (withdrawn_at) is a tombstone, the
 *   earliest one wins, as for tags;
 * - findings, reflections and advice travel as versions like notes; each version holds the whole
 *   record (links included) as JSON, and the rows and links are derived from the current head.
 */

/** One note version as it travels: a whole snapshot of the note, so any subset of versions is usable. */
export interface NoteVersionRecord {
  activity: null | string
  change: VersionChange
  changedAt: string
  changedBy: null | string
  date: string
  device: string
  group: null | string
  halteplaats: string
  id: string
  interviewer: string
  narratives: string[]
  note: string
  parents: string[]
  participants: null | number
  personalData: null | PersonalDataOverride
  roles: string[]
  text: string
  themes: string[]
  version: number
}

/** One version of a finding, reflection or advice as it travels; data is the whole record. */
export interface MaterialVersionRecord {
  change: VersionChange
  changedAt: string
  changedBy: null | string
  data: Record<string, unknown>
  device: string
  id: string
  parents: string[]
  record: string
  version: number
}

const toMaterialRecord = (row: MaterialVersionRow): MaterialVersionRecord => ({
  change: row.change,
  changedAt: row.changed_at,
  changedBy: row.changed_by,
  data: JSON.parse(row.data) as Record<string, unknown>,
  device: row.device,
  id: row.id,
  parents: parentsOf(row),
  record: row.record_id,
  version: row.version,
})

export type MaterialTables = Record<MaterialKind, MaterialQueries<RecordMeta>>

/** A tag as it travels: the note's id is called `note` in a bundle. */
export type TagRecord = Omit<Tag, 'noteId'> & {note: string}

export interface CodingRecord {
  codedAt: string
  coder: string
  note: string
}

/** A rejected suggestion as it travels: ids and positions only; its sentence is in the note version. */
export interface RejectionRecord {
  at: string
  coder: string
  end: number
  id: string
  narrative: string
  note: string
  start: number
  versionId: string
  withdrawnAt: null | string
}

/** A note version as it travels: the note's id is called `note` in a bundle. */
const toVersionRecord = (row: NoteVersionRow): NoteVersionRecord => {
  const {noteId, ...version} = toVersion(row)
  return {...version, note: noteId}
}

/** What travels in a bundle, read from and written to the study database. */
export class ExchangeQueries extends Queries {
  private readonly materialLog: Versions<RecordMeta, MaterialVersionRow>
  private readonly noteLog: Versions<NoteState, NoteVersionRow>

  constructor(
    db: Database.Database,
    private readonly notes: NoteQueries,
    private readonly material: MaterialTables,
  ) {
    super(db)
    this.noteLog = new Versions(db, NOTE_VERSIONS)
    this.materialLog = new Versions(db, MATERIAL_VERSIONS)
  }

  // ── notes ──────────────────────────────────────────────────────────────────────────────

  /** Note versions changed at or after `since` (all without it), oldest first. */
  *noteVersions(since?: string): Generator<NoteVersionRecord> {
    for (const row of this.noteLog.changedSince(since)) yield toVersionRecord(row)
  }

  hasNote(id: string): boolean {
    return this.prepare('SELECT 1 FROM notes WHERE id = ?').get(id) !== undefined
  }

  hasNoteVersion(versionId: string): boolean {
    return this.noteLog.has(versionId)
  }

  /** Stores a version unless it is there already; true when it was new. */
  insertNoteVersion(record: NoteVersionRecord): boolean {
    if (this.noteLog.has(record.id)) return false
    // The version refers to its note; a note new to this laptop starts as this version's snapshot,
    // and refreshNote settles it once all versions are in. Its text comes only then: the search
    // index is the costly part of a merge, and this way each note is indexed once.
    this.prepare(
      `INSERT INTO notes (id, halteplaats, group_id, activity, date, interviewer, participants, roles, themes, text, version, version_id,
         created_at, created_by, updated_at, updated_by)
       VALUES (@note, @halteplaats, @group, @activity, @date, @interviewer, @participants, @roles, @themes, '', @version, @id,
         @changedAt, @changedBy, @changedAt, @changedBy)
       ON CONFLICT (id) DO NOTHING`,
    ).run({...record, roles: JSON.stringify(record.roles), themes: JSON.stringify(record.themes)})
    const {change, changedAt, changedBy, device, id, parents, version} = record
    return this.noteLog.insert({change, changedAt, changedBy, device, id, parents, record: record.note, state: record, version})
  }

  /** Derives the notes row from the note's versions, once all of a bundle's versions are in (NoteQueries.refresh). */
  refreshNote(noteId: string): void {
    this.notes.refresh(noteId)
  }

  /** The heads of a note, in compareVersions order (the last is the current state). */
  heads(noteId: string): NoteVersionRecord[] {
    return this.noteLog.heads(noteId).map(toVersionRecord)
  }

  /** Notes with more than one head: edited on two laptops from the same version. */
  conflictedNotes(): string[] {
    return this.noteLog.conflicted().map((conflict) => conflict.id)
  }

  // ── findings, reflections and advice ──────────────────────────────────────────────────

  /** Versions of one kind changed at or after `since` (all without it), oldest first; without the local import key. */
  *materialVersions(kind: MaterialKind, since?: string): Generator<MaterialVersionRecord> {
    for (const row of this.materialLog.changedSince(since, kind)) {
      const record = toMaterialRecord(row)
      // Versions made before migration 006 may still hold it.
      yield {...record, data: {...record.data, source: null}}
    }
  }

  /** The kind of a record this study has versions of, or undefined. */
  materialKind(recordId: string): MaterialKind | undefined {
    return this.prepare('SELECT kind FROM material_versions WHERE record_id = ? LIMIT 1').pluck().get(recordId) as MaterialKind | undefined
  }

  hasTag(id: string): boolean {
    return this.prepare('SELECT 1 FROM tags WHERE id = ?').get(id) !== undefined
  }

  /** Stores a version unless it is there already; true when it was new. */
  insertMaterialVersion(kind: MaterialKind, record: MaterialVersionRecord): boolean {
    const state = {...record.data, id: record.record, version: record.version} as unknown as RecordMeta
    const {change, changedAt, changedBy, device, id, parents, version} = record
    return this.materialLog.insert({change, changedAt, changedBy, device, id, kind, parents, record: record.record, state, version})
  }

  /** The heads of a record, in compareVersions order (the last is the current state). */
  materialHeads(recordId: string): MaterialVersionRecord[] {
    return this.materialLog.heads(recordId).map(toMaterialRecord)
  }

  /** Derives the record's row and links from its versions, once all of a bundle's versions are in (MaterialQueries.refresh). */
  refreshMaterial(kind: MaterialKind, recordId: string): void {
    this.material[kind].refresh(recordId)
  }

  /** Findings, reflections and advice with more than one head, oldest conflict first. */
  conflictedMaterial(): Array<{id: string; kind: MaterialKind}> {
    return this.materialLog.conflicted() as Array<{id: string; kind: MaterialKind}>
  }

  // ── tags and codings ───────────────────────────────────────────────────────────────────

  *tags(since?: string): Generator<TagRecord> {
    const statement = this.db.prepare(
      `SELECT * FROM tags WHERE @since IS NULL OR created_at >= @since OR deleted_at >= @since ORDER BY created_at, id`,
    )
    for (const row of statement.iterate({since: since ?? null}) as IterableIterator<Record<string, unknown>>) {
      yield {
        code: row.code as string,
        coder: row.coder as string,
        createdAt: row.created_at as string,
        deletedAt: row.deleted_at as null | string,
        end: row.end_pos as null | number,
        id: row.id as string,
        kind: row.kind as TagKind,
        note: row.note_id as string,
        origin: row.origin as TagOrigin,
        quote: row.quote as null | string,
        start: row.start_pos as null | number,
      }
    }
  }

  /** A new tag, or the earliest removal of one already here; true when something changed. */
  applyTag(record: TagRecord): boolean {
    const result = this.prepare(
      `INSERT INTO tags (id, note_id, kind, code, coder, origin, start_pos, end_pos, quote, created_at, deleted_at)
       VALUES (@id, @note, @kind, @code, @coder, @origin, @start, @end, @quote, @createdAt, @deletedAt)
       ON CONFLICT (id) DO UPDATE SET deleted_at = excluded.deleted_at
       WHERE excluded.deleted_at IS NOT NULL AND (tags.deleted_at IS NULL OR excluded.deleted_at < tags.deleted_at)`,
    ).run(record)
    return result.changes > 0
  }

  *codings(since?: string): Generator<CodingRecord> {
    const statement = this.db.prepare('SELECT * FROM codings WHERE @since IS NULL OR coded_at >= @since ORDER BY coded_at, note_id, coder')
    for (const row of statement.iterate({since: since ?? null}) as IterableIterator<{coded_at: string; coder: string; note_id: string}>) {
      yield {codedAt: row.coded_at, coder: row.coder, note: row.note_id}
    }
  }

  applyCoding(record: CodingRecord): boolean {
    const result = this.prepare(
      `INSERT INTO codings (note_id, coder, coded_at) VALUES (@note, @coder, @codedAt)
       ON CONFLICT (note_id, coder) DO UPDATE SET coded_at = excluded.coded_at WHERE excluded.coded_at < codings.coded_at`,
    ).run(record)
    return result.changes > 0
  }

  // ── rejected suggestions ───────────────────────────────────────────────────────────────

  /** Rejections made or taken back at or after `since` (all without it), oldest first. */
  *rejections(since?: string): Generator<RejectionRecord> {
    const statement = this.db.prepare(
      'SELECT * FROM rejections WHERE @since IS NULL OR created_at >= @since OR withdrawn_at >= @since ORDER BY created_at, id',
    )
    for (const row of statement.iterate({since: since ?? null}) as IterableIterator<Record<string, unknown>>) {
      yield {
        at: row.created_at as string,
        coder: row.coder as string,
        end: row.end_pos as number,
        id: row.id as string,
        narrative: row.narrative as string,
        note: row.note_id as string,
        start: row.start_pos as number,
        versionId: row.version_id as string,
        withdrawnAt: row.withdrawn_at as null | string,
      }
    }
  }

  /** A new rejection, or the earliest withdrawal of one already here; true when something changed. */
  applyRejection(record: RejectionRecord): boolean {
    const result = this.prepare(
      `INSERT INTO rejections (id, note_id, version_id, narrative, coder, start_pos, end_pos, created_at, withdrawn_at)
       VALUES (@id, @note, @versionId, @narrative, @coder, @start, @end, @at, @withdrawnAt)
       ON CONFLICT (id) DO UPDATE SET withdrawn_at = excluded.withdrawn_at
       WHERE excluded.withdrawn_at IS NOT NULL AND (rejections.withdrawn_at IS NULL OR excluded.withdrawn_at < rejections.withdrawn_at)`,
    ).run(record)
    return result.changes > 0
  }

  // ── bundles taken in ───────────────────────────────────────────────────────────────────

  mergedBefore(bundleId: string): string | undefined {
    return this.prepare('SELECT merged_at FROM bundles_merged WHERE bundle_id = ?').pluck().get(bundleId) as string | undefined
  }

  recordMerged(entry: {added: number; bundleId: string; createdAt: string; device: string; mergedAt: string}): void {
    this.prepare(
      `INSERT INTO bundles_merged (bundle_id, device, created_at, merged_at, added) VALUES (@bundleId, @device, @createdAt, @mergedAt, @added)
       ON CONFLICT (bundle_id) DO NOTHING`,
    ).run(entry)
  }
}

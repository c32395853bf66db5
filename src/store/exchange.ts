import type Database from 'better-sqlite3'

import type {MaterialChange, MaterialKind, RecordMeta} from '../model/material.js'
import type {NoteChange, PersonalDataOverride} from '../model/note.js'
import type {TagKind, TagOrigin} from '../model/tag.js'
import {canonicalJson, type MaterialQueries} from './material.js'
import {toVersion, type VersionRow} from './notes.js'

/*
 * The rows that travel between laptops in a bundle, and the rules that merge them. Every rule is a
 * function of the set of rows alone, never of the order they arrive in, so bundles merged in any
 * order, or twice, give the same study:
 * - note versions are immutable and known by their id: a version already present is skipped;
 *   the notes row is then derived from all versions (see refreshNote);
 * - a tag is known by its id; its removal (deleted_at) is a tombstone, the earliest one wins;
 * - a coding (note, coder) keeps the earliest time;
 * - findings, reflections and advice travel as versions like notes; each version holds the whole
 *   record (links included) as JSON, and the rows and links are derived from the current head.
 */

/** One note version as it travels: a whole snapshot of the note, so any subset of versions is usable. */
export interface NoteVersionRecord {
  activity: null | string
  change: NoteChange
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
  change: MaterialChange
  changedAt: string
  changedBy: null | string
  data: Record<string, unknown>
  device: string
  id: string
  parents: string[]
  record: string
  version: number
}

interface MaterialVersionRow {
  change: MaterialChange
  changed_at: string
  changed_by: null | string
  data: string
  device: string
  id: string
  kind: MaterialKind
  merged_ids: null | string
  parent_id: null | string
  record_id: string
  version: number
}

const toMaterialRecord = (row: MaterialVersionRow): MaterialVersionRecord => ({
  change: row.change,
  changedAt: row.changed_at,
  changedBy: row.changed_by,
  data: JSON.parse(row.data) as Record<string, unknown>,
  device: row.device,
  id: row.id,
  parents: row.parent_id ? [row.parent_id, ...(row.merged_ids ? (JSON.parse(row.merged_ids) as string[]) : [])] : [],
  record: row.record_id,
  version: row.version,
})

export type MaterialTables = Record<MaterialKind, MaterialQueries<RecordMeta>>

export interface TagRecord {
  code: string
  coder: string
  createdAt: string
  deletedAt: null | string
  end: null | number
  id: string
  kind: TagKind
  note: string
  origin: TagOrigin
  quote: null | string
  start: null | number
}

export interface CodingRecord {
  codedAt: string
  coder: string
  note: string
}

/** A note version as it travels: the note's id is called `note` in a bundle. */
const toVersionRecord = (row: VersionRow): NoteVersionRecord => {
  const {noteId, ...version} = toVersion(row)
  return {...version, note: noteId}
}

/** The order that decides which head is a note's current state: time, then laptop, then id. */
export function compareVersions(a: {changedAt: string; device: string; id: string}, b: {changedAt: string; device: string; id: string}): number {
  return compare(a.changedAt, b.changedAt) || compare(a.device, b.device) || compare(a.id, b.id)
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

// A version is a head when no other version was made from it, as first parent or as one of the
// further parents of a version that settled a conflict.
const HEADS = `SELECT v.* FROM note_versions v WHERE v.note_id = ?
  AND NOT EXISTS (SELECT 1 FROM note_versions c WHERE c.parent_id = v.id)
  AND NOT EXISTS (SELECT 1 FROM note_versions c, json_each(c.merged_ids) j WHERE c.note_id = v.note_id AND c.merged_ids IS NOT NULL AND j.value = v.id)`

const MATERIAL_HEAD = `NOT EXISTS (SELECT 1 FROM material_versions c WHERE c.parent_id = v.id)
  AND NOT EXISTS (SELECT 1 FROM material_versions c, json_each(c.merged_ids) j WHERE c.record_id = v.record_id AND c.merged_ids IS NOT NULL AND j.value = v.id)`

/** What travels in a bundle, read from and written to the study database. */
export class ExchangeQueries {
  private readonly statements = new Map<string, Database.Statement>()

  constructor(
    private readonly db: Database.Database,
    private readonly material: MaterialTables,
  ) {}

  // ── notes ──────────────────────────────────────────────────────────────────────────────

  /** Note versions changed at or after `since` (all without it), oldest first. */
  *noteVersions(since?: string): Generator<NoteVersionRecord> {
    const statement = this.db.prepare('SELECT * FROM note_versions WHERE (@since IS NULL OR changed_at >= @since) ORDER BY changed_at, id')
    for (const row of statement.iterate({since: since ?? null}) as IterableIterator<VersionRow>) yield toVersionRecord(row)
  }

  hasNote(id: string): boolean {
    return this.prepare('SELECT 1 FROM notes WHERE id = ?').get(id) !== undefined
  }

  /** Stores a version unless it is there already; true when it was new. */
  insertNoteVersion(record: NoteVersionRecord): boolean {
    if (this.prepare('SELECT 1 FROM note_versions WHERE id = ?').get(record.id)) return false
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
    const result = this.prepare(
      `INSERT INTO note_versions (id, note_id, version, parent_id, merged_ids, device, change, halteplaats, group_id, activity, date,
         interviewer, participants, roles, themes, narratives, text, personal_data, changed_at, changed_by)
       VALUES (@id, @note, @version, @parent, @merged, @device, @change, @halteplaats, @group, @activity, @date,
         @interviewer, @participants, @roles, @themes, @narratives, @text, @personalData, @changedAt, @changedBy)
       ON CONFLICT (id) DO NOTHING`,
    ).run({
      ...record,
      merged: record.parents.length > 1 ? JSON.stringify(record.parents.slice(1)) : null,
      narratives: JSON.stringify(record.narratives),
      parent: record.parents[0] ?? null,
      personalData: record.personalData ? JSON.stringify(record.personalData) : null,
      roles: JSON.stringify(record.roles),
      themes: JSON.stringify(record.themes),
    })
    return result.changes > 0
  }

  /**
   * Derives the notes row from the note's versions: the current state is the head that comes last
   * in compareVersions, a note is in the trash when that head is a removal, and it was created by
   * the first version. The search index follows the text through the triggers on notes.
   */
  refreshNote(noteId: string): void {
    const heads = (this.prepare(HEADS).all(noteId) as VersionRow[]).map(toVersionRecord).sort(compareVersions)
    const current = heads.at(-1)
    if (!current) return
    const first = this.prepare('SELECT changed_at, changed_by FROM note_versions WHERE note_id = ? ORDER BY changed_at, device, id LIMIT 1').get(noteId) as {
      changed_at: string
      changed_by: null | string
    }
    this.prepare(
      `INSERT INTO notes (id, halteplaats, group_id, activity, date, interviewer, participants, roles, themes, text, version, version_id,
         created_at, created_by, updated_at, updated_by, deleted_at, personal_data)
       VALUES (@note, @halteplaats, @group, @activity, @date, @interviewer, @participants, @roles, @themes, @text, @version, @id,
         @createdAt, @createdBy, @changedAt, @changedBy, @deletedAt, @personalData)
       ON CONFLICT (id) DO UPDATE SET halteplaats = excluded.halteplaats, group_id = excluded.group_id, activity = excluded.activity,
         date = excluded.date, interviewer = excluded.interviewer, participants = excluded.participants, roles = excluded.roles,
         themes = excluded.themes, version = excluded.version, version_id = excluded.version_id,
         created_at = excluded.created_at, created_by = excluded.created_by, updated_at = excluded.updated_at,
         updated_by = excluded.updated_by, deleted_at = excluded.deleted_at, personal_data = excluded.personal_data`,
    ).run({
      ...current,
      createdAt: first.changed_at,
      createdBy: first.changed_by,
      deletedAt: current.change === 'verwijderd' ? current.changedAt : null,
      personalData: current.personalData ? JSON.stringify(current.personalData) : null,
      roles: JSON.stringify(current.roles),
      themes: JSON.stringify(current.themes),
    })
    // Apart, and only when it differs: every write of text re-indexes the note (notes_fts_update).
    this.prepare('UPDATE notes SET text = @text WHERE id = @note AND text IS NOT @text').run({note: noteId, text: current.text})
  }

  /** The heads of a note, in compareVersions order (the last is the current state). */
  heads(noteId: string): NoteVersionRecord[] {
    return (this.prepare(HEADS).all(noteId) as VersionRow[]).map(toVersionRecord).sort(compareVersions)
  }

  /** Notes with more than one head: edited on two laptops from the same version. */
  conflictedNotes(): string[] {
    return this.prepare(
      `SELECT v.note_id FROM note_versions v
       WHERE NOT EXISTS (SELECT 1 FROM note_versions c WHERE c.parent_id = v.id)
         AND NOT EXISTS (SELECT 1 FROM note_versions c, json_each(c.merged_ids) j WHERE c.note_id = v.note_id AND c.merged_ids IS NOT NULL AND j.value = v.id)
       GROUP BY v.note_id HAVING count(*) > 1 ORDER BY min(v.changed_at), v.note_id`,
    )
      .pluck()
      .all() as string[]
  }

  // ── findings, reflections and advice ──────────────────────────────────────────────────

  /** Versions of one kind changed at or after `since` (all without it), oldest first; without the local import key. */
  *materialVersions(kind: MaterialKind, since?: string): Generator<MaterialVersionRecord> {
    const statement = this.db.prepare('SELECT * FROM material_versions WHERE kind = @kind AND (@since IS NULL OR changed_at >= @since) ORDER BY changed_at, id')
    for (const row of statement.iterate({kind, since: since ?? null}) as IterableIterator<MaterialVersionRow>) {
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
    const result = this.prepare(
      `INSERT INTO material_versions (id, record_id, kind, version, parent_id, merged_ids, device, change, data, changed_at, changed_by)
       VALUES (@id, @record, @kind, @version, @parent, @merged, @device, @change, @data, @changedAt, @changedBy)
       ON CONFLICT (id) DO NOTHING`,
    ).run({
      ...record,
      data: canonicalJson({...record.data, id: record.record, source: null, version: record.version}),
      kind,
      merged: record.parents.length > 1 ? JSON.stringify(record.parents.slice(1)) : null,
      parent: record.parents[0] ?? null,
    })
    return result.changes > 0
  }

  /** The heads of a record, in compareVersions order (the last is the current state). */
  materialHeads(recordId: string): MaterialVersionRecord[] {
    return (this.prepare(`SELECT v.* FROM material_versions v WHERE v.record_id = ? AND ${MATERIAL_HEAD}`).all(recordId) as MaterialVersionRow[])
      .map(toMaterialRecord)
      .sort(compareVersions)
  }

  /**
   * Derives the record's row and links from its versions, by the rule for notes: the head that
   * comes last in compareVersions is the current state, the record is in the trash when that head
   * is a removal, and it was created by the first version.
   */
  refreshMaterial(kind: MaterialKind, recordId: string): void {
    const current = this.materialHeads(recordId).at(-1)
    if (!current) return
    const first = this.prepare('SELECT changed_at, changed_by FROM material_versions WHERE record_id = ? ORDER BY changed_at, device, id LIMIT 1').get(recordId) as {
      changed_at: string
      changed_by: null | string
    }
    const state = {
      ...current.data,
      createdAt: first.changed_at,
      createdBy: first.changed_by,
      deletedAt: current.change === 'verwijderd' ? current.changedAt : null,
      id: recordId,
      updatedAt: current.changedAt,
      updatedBy: current.changedBy,
      version: current.version,
    } as unknown as RecordMeta
    this.material[kind].showState(state, current.id)
  }

  /** Findings, reflections and advice with more than one head, oldest conflict first. */
  conflictedMaterial(): Array<{id: string; kind: MaterialKind}> {
    return this.prepare(
      `SELECT v.record_id AS id, v.kind FROM material_versions v WHERE ${MATERIAL_HEAD}
       GROUP BY v.record_id HAVING count(*) > 1 ORDER BY min(v.changed_at), v.record_id`,
    ).all() as Array<{id: string; kind: MaterialKind}>
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

  private prepare(sql: string): Database.Statement {
    let statement = this.statements.get(sql)
    if (!statement) {
      statement = this.db.prepare(sql)
      this.statements.set(sql, statement)
    }

    return statement
  }
}

import type Database from 'better-sqlite3'

import type {Note, NoteFields, NoteFilter, NoteVersion, SearchHit} from '../model/note.js'
import type {PersonalDataOverride} from '../model/record.js'
import {newId, nowIso} from './ids.js'
import {changeStamp, Queries} from './statements.js'
import {type Derived, parentsOf, RecordVersions, type VersionRow, type VersionTable} from './versions.js'

interface NoteRow {
  activity: null | string
  content_hash: null | string
  created_at: string
  created_by: null | string
  date: string
  deleted_at: null | string
  group_id: null | string
  halteplaats: string
  id: string
  interviewer: string
  narratives: string
  participants: null | number
  personal_data: null | string
  roles: string
  source: null | string
  text: string
  themes: string
  updated_at: string
  updated_by: null | string
  version: number
  version_id: null | string
}

export interface NoteVersionRow
  extends VersionRow,
    Omit<NoteRow, 'content_hash' | 'created_at' | 'created_by' | 'deleted_at' | 'id' | 'source' | 'updated_at' | 'updated_by' | 'version' | 'version_id'> {
  note_id: string
}

/** What a version of a note holds: its fields, and the choice to keep personal data in it. */
export type NoteState = NoteFields & {personalData: null | PersonalDataOverride}

/** note_versions: a note's state in columns of its own. */
export const NOTE_VERSIONS: VersionTable<NoteState> = {
  columns: (state) => ({
    activity: state.activity,
    date: state.date,
    group_id: state.group,
    halteplaats: state.halteplaats,
    interviewer: state.interviewer,
    narratives: JSON.stringify(state.narratives),
    participants: state.participants,
    personal_data: json(state.personalData),
    roles: JSON.stringify(state.roles),
    text: state.text,
    themes: JSON.stringify(state.themes),
  }),
  kinds: false,
  record: 'note_id',
  stateColumns: ['halteplaats', 'group_id', 'activity', 'date', 'interviewer', 'participants', 'roles', 'themes', 'narratives', 'text', 'personal_data'],
  table: 'note_versions',
}

export interface NoteWriteMeta {
  by?: null | string
  contentHash?: null | string
  personalData?: null | PersonalDataOverride
  source?: null | string
}

// The unary + keeps SQLite from looking the tags up through tags_code (kind, code), which it
// would otherwise pick to save the sort of DISTINCT … ORDER BY code: that reads every narrative tag
// of the study for each note. Through tags_note (note_id) it reads only this note's few tags.
/** Below this offset a page is found by walking the date index; deeper, from the matching rowids first. */
const SHALLOW_PAGES = 1000

const NARRATIVES_OF = `(SELECT json_group_array(code) FROM (SELECT DISTINCT code FROM tags t
  WHERE t.note_id = n.id AND +t.kind = 'narrative' AND t.deleted_at IS NULL ORDER BY code)) AS narratives`

const toNote = (row: NoteRow): Note => ({
  activity: row.activity,
  createdAt: row.created_at,
  createdBy: row.created_by,
  date: row.date,
  deletedAt: row.deleted_at,
  group: row.group_id,
  halteplaats: row.halteplaats,
  id: row.id,
  interviewer: row.interviewer,
  narratives: JSON.parse(row.narratives) as string[],
  participants: row.participants,
  personalData: row.personal_data ? (JSON.parse(row.personal_data) as PersonalDataOverride) : null,
  roles: JSON.parse(row.roles) as string[],
  source: row.source,
  text: row.text,
  themes: JSON.parse(row.themes) as string[],
  updatedAt: row.updated_at,
  updatedBy: row.updated_by,
  version: row.version,
})

/** A row of note_versions as a NoteVersion; the bundle code reads the same rows. */
export const toVersion = (row: NoteVersionRow): NoteVersion => ({
  activity: row.activity,
  change: row.change,
  changedAt: row.changed_at,
  changedBy: row.changed_by,
  date: row.date,
  device: row.device,
  group: row.group_id,
  halteplaats: row.halteplaats,
  id: row.id,
  interviewer: row.interviewer,
  narratives: JSON.parse(row.narratives) as string[],
  noteId: row.note_id,
  parents: parentsOf(row),
  participants: row.participants,
  personalData: row.personal_data ? (JSON.parse(row.personal_data) as PersonalDataOverride) : null,
  roles: JSON.parse(row.roles) as string[],
  text: row.text,
  themes: JSON.parse(row.themes) as string[],
  version: row.version,
})

/** Notes, their versions, the interviewer's narrative tags and the search index. */
export class NoteQueries extends Queries {
  private readonly log: RecordVersions<NoteState, NoteVersionRow>

  constructor(db: Database.Database) {
    super(db)
    this.log = new RecordVersions<NoteState, NoteVersionRow>(db, NOTE_VERSIONS, {rows: 'notes'})
  }

  /** The content hash of the note imported from a source, to see if a file changed. */
  bySource(source: string): Note | undefined {
    const row = this.prepare(`SELECT n.*, ${NARRATIVES_OF} FROM notes n WHERE source = ?`).get(source) as NoteRow | undefined
    return row && toNote(row)
  }

  contentHash(id: string): null | string {
    const row = this.prepare('SELECT content_hash FROM notes WHERE id = ?').get(id) as undefined | {content_hash: null | string}
    return row?.content_hash ?? null
  }

  /** Notes that are not in the trash, counted per halteplaats and group or activity. */
  countByCell(): Array<{activity: null | string; count: number; group: null | string; halteplaats: string}> {
    return this.prepare(
      `SELECT halteplaats, group_id AS "group", activity, count(*) AS count
       FROM notes WHERE deleted_at IS NULL GROUP BY halteplaats, group_id, activity`,
    ).all() as Array<{activity: null | string; count: number; group: null | string; halteplaats: string}>
  }

  /** The notes whose current version was stored with a recorded choice to keep personal data, in the trash or not. */
  overrides(): Map<string, PersonalDataOverride> {
    const rows = this.prepare('SELECT id, personal_data FROM notes WHERE personal_data IS NOT NULL').all() as Array<{id: string; personal_data: string}>
    return new Map(rows.map((row) => [row.id, JSON.parse(row.personal_data) as PersonalDataOverride]))
  }

  get(id: string): Note | undefined {
    const row = this.prepare(`SELECT n.*, ${NARRATIVES_OF} FROM notes n WHERE id = ?`).get(id) as NoteRow | undefined
    return row && toNote(row)
  }

  /** Notes by id, in the trash or not, in one query per 10,000 ids; ids that are no note are left out. */
  getMany(ids: string[]): Map<string, Note> {
    const found = new Map<string, Note>()
    const statement = this.prepare(`SELECT n.*, ${NARRATIVES_OF} FROM notes n WHERE id IN (SELECT value FROM json_each(?))`)
    for (let i = 0; i < ids.length; i += 10_000) {
      for (const row of statement.all(JSON.stringify(ids.slice(i, i + 10_000))) as NoteRow[]) found.set(row.id, toNote(row))
    }

    return found
  }

  insert(fields: NoteFields, meta: NoteWriteMeta = {}): Note {
    const id = newId()
    const now = nowIso()
    const state = stateOf(fields, meta)
    this.prepare(
      `INSERT INTO notes (id, halteplaats, group_id, activity, date, interviewer, participants, roles, themes, text, version,
         created_at, created_by, updated_at, updated_by, source, content_hash, personal_data)
       VALUES (@id, @halteplaats, @group_id, @activity, @date, @interviewer, @participants, @roles, @themes, @text, 1,
         @now, @by, @now, @by, @source, @hash, @personal_data)`,
    ).run(Object.assign(NOTE_VERSIONS.columns(state), {by: meta.by ?? null, hash: meta.contentHash ?? null, id, now, source: meta.source ?? null}))
    this.log.write(id, 'nieuw', state, {by: meta.by, now, parents: [], version: 1})
    this.syncNoteTags(id, fields, now)
    return this.get(id)!
  }

  /** Notes matching a filter, oldest conversation first. */
  list(filter: NoteFilter = {}): Note[] {
    const {params, where} = this.where(filter)
    const rows = this.prepare(`SELECT n.*, ${NARRATIVES_OF} FROM notes n WHERE ${where} ORDER BY n.date, n.halteplaats, n.id`).all(params) as NoteRow[]
    return rows.map(toNote)
  }

  /**
   * One page of the notes matching a filter, for the browser's list: newest conversation first
   * (same date: stored last first). The page's rowids are found first in the indexes alone: the
   * matching rowids (for the filters on place, group and trash, the covering notes_cell index),
   * walked in notes_date order, so OFFSET skips index entries and never reads the skipped notes'
   * rows, text and all. Then only those rows are read.
   */
  page(filter: NoteFilter, limit: number, offset: number): Note[] {
    const {params, where} = this.where(filter)
    // Near the start, walking the date index and checking each note stops after a few rows.
    if (offset < SHALLOW_PAGES) {
      const rows = this.prepare(
        `SELECT n.*, ${NARRATIVES_OF} FROM notes n INDEXED BY notes_date WHERE ${where} ORDER BY n.date DESC, n.rowid DESC LIMIT @limit OFFSET @offset`,
      ).all({...params, limit, offset}) as NoteRow[]
      return rows.map(toNote)
    }

    const rows = this.prepare(
      `SELECT n.*, ${NARRATIVES_OF} FROM notes n WHERE n.rowid IN (
         SELECT d.rowid FROM notes d INDEXED BY notes_date WHERE d.rowid IN (SELECT n.rowid FROM notes n WHERE ${where})
         ORDER BY d.date DESC, d.rowid DESC LIMIT @limit OFFSET @offset)
       ORDER BY n.date DESC, n.rowid DESC`,
    ).all({...params, limit, offset}) as NoteRow[]
    return rows.map(toNote)
  }

  /**
   * The notes stored last (not in the trash), newest first. By rowid, which grows with every
   * insert: no sort and no index needed, so it reads only `limit` rows on 100,000 notes.
   */
  latest(limit: number): Note[] {
    const rows = this.prepare(`SELECT n.*, ${NARRATIVES_OF} FROM notes n WHERE n.deleted_at IS NULL ORDER BY n.rowid DESC LIMIT ?`).all(limit) as NoteRow[]
    return rows.map(toNote)
  }

  /**
   * Notes (not in the trash) without any tag: how many, and the first `limit` of them, oldest
   * conversation first. Counted as the living notes less the living notes with a tag, each from
   * indexes only (notes_cell, tags_note and the index on notes.id): asking each note whether it has
   * a tag would read every note's row, text and all.
   */
  untagged(limit: number): {count: number; notes: Note[]} {
    // Remembered like countRemembered: the overview asks it on every visit.
    const count = this.remembered('untagged', () => {
      const living = this.prepare('SELECT count(*) FROM notes n WHERE n.deleted_at IS NULL').pluck().get() as number
      // Each tagged note's rowid from the index on id, looked up in the living rowids of notes_cell.
      const tagged = this.prepare(
        `SELECT count(*) FROM (SELECT DISTINCT note_id FROM tags WHERE deleted_at IS NULL) t
         WHERE (SELECT n.rowid FROM notes n WHERE n.id = t.note_id) IN (SELECT rowid FROM notes WHERE deleted_at IS NULL)`,
      ).pluck().get() as number
      return living - tagged
    })
    // In date order the first untagged notes come soon: only the rows up to them are read.
    const rows = count === 0 ? [] : this.prepare(
      `SELECT n.*, ${NARRATIVES_OF} FROM notes n INDEXED BY notes_date
       WHERE n.deleted_at IS NULL AND NOT EXISTS (SELECT 1 FROM tags t WHERE t.note_id = n.id AND t.deleted_at IS NULL)
       ORDER BY n.date, n.rowid LIMIT ?`,
    ).all(limit) as NoteRow[]
    return {count, notes: rows.map(toNote)}
  }

  /**
   * The next notes (not in the trash) in the order they were stored, after the one with this
   * rowid: for work over a whole study in small batches, with nothing left open between them.
   */
  batchAfter(rowid: number, limit: number): Array<{note: Note; rowid: number}> {
    const rows = this.prepare(`SELECT n.rowid AS stored_rowid, n.*, ${NARRATIVES_OF} FROM notes n WHERE n.rowid > ? AND n.deleted_at IS NULL ORDER BY n.rowid LIMIT ?`).all(rowid, limit) as Array<NoteRow & {stored_rowid: number}>
    return rows.map((row) => ({note: toNote(row), rowid: row.stored_rowid}))
  }

  /** The narratives written on the note itself (its latest version), not other coders' tags. */
  ownNarratives(id: string): string[] {
    const row = this.prepare('SELECT v.narratives FROM notes n JOIN note_versions v ON v.id = n.version_id WHERE n.id = ?').get(id) as undefined | {narratives: string}
    return row ? (JSON.parse(row.narratives) as string[]) : []
  }

  /**
   * The notes matching a filter one by one, for work over a whole large study (suggestions)
   * without holding every note in memory.
   */
  *iterate(filter: NoteFilter = {}): Generator<Note> {
    const {params, where} = this.where(filter)
    // A separate statement: an iterating statement cannot be reused while it runs.
    const statement = this.db.prepare(`SELECT n.*, ${NARRATIVES_OF} FROM notes n WHERE ${where} ORDER BY n.date, n.halteplaats, n.id`)
    for (const row of statement.iterate(params) as IterableIterator<NoteRow>) yield toNote(row)
  }

  /** How many notes match a filter. */
  count(filter: NoteFilter = {}): number {
    const {params, where} = this.where(filter)
    return this.prepare(`SELECT count(*) FROM notes n WHERE ${where}`).pluck().get(params) as number
  }

  private counted = {entries: new Map<string, number>(), stamp: ''}

  /**
   * count(), remembered until the database changes: a filter on a theme or a narrative reads
   * every matching note's row (about half a second for a theme over 100,000 notes), and the
   * browser's list asks the same count again for every page of it. A change by this connection
   * (total_changes) or by any other process, such as a CLI command beside the workspace
   * (PRAGMA data_version), starts afresh.
   */
  countRemembered(filter: NoteFilter = {}): number {
    return this.remembered(`count ${JSON.stringify(filter, Object.keys(filter).sort())}`, () => this.count(filter))
  }

  private remembered(key: string, count: () => number): number {
    const stamp = changeStamp(this.db)
    if (stamp !== this.counted.stamp) this.counted = {entries: new Map(), stamp}
    let value = this.counted.entries.get(key)
    if (value === undefined) {
      value = count()
      this.counted.entries.set(key, value)
    }

    return value
  }

  /**
   * Only what suggestions read (id, text, narratives) of the notes matching a filter, one by one:
   * a third faster than whole notes over 100,000 of them, since the sort carries less.
   */
  *iterateTexts(filter: NoteFilter = {}): Generator<{id: string; narratives: string[]; text: string}> {
    const {params, where} = this.where(filter)
    const statement = this.db.prepare(`SELECT n.id, n.text, ${NARRATIVES_OF} FROM notes n WHERE ${where} ORDER BY n.date, n.halteplaats, n.id`)
    for (const row of statement.iterate(params) as IterableIterator<{id: string; narratives: string; text: string}>) {
      yield {id: row.id, narratives: JSON.parse(row.narratives) as string[], text: row.text}
    }
  }

  /** Ids that start or end with a short form a user typed. */
  matchIds(short: string): string[] {
    const rows = this.prepare("SELECT id FROM notes WHERE id = @s OR id LIKE @s || '%' OR id LIKE '%' || @s LIMIT 5").all({s: short.toLowerCase()}) as Array<{id: string}>
    return rows.map((row) => row.id)
  }

  /**
   * matchIds for many lookups in a row, such as every row of a CSV: the LIKE on the end of an id
   * can use no index, so each call of matchIds reads every id of the study. This reads them once
   * and searches them in memory, with the same answers in the same order (the smallest ids
   * first, at most 5). A value with a LIKE wildcard (% or _) that might match still goes to
   * SQLite, and so does every value when an id is not plain lower-case ASCII, where LIKE's
   * case rules and SQLite's byte order could differ from JavaScript's.
   */
  idMatcher(): (short: string) => string[] {
    const ids = this.prepare('SELECT id FROM notes ORDER BY id').pluck().all() as string[]
    if (!ids.every((id) => /^[\x21-\x40\x5B-\x7E]*$/.test(id))) return (short) => this.matchIds(short)
    const reverse = (text: string) => [...text].reverse().join('')
    const reversed = ids.map(reverse).sort()
    const longest = ids.reduce((max, id) => Math.max(max, id.length), 0)
    return (typed) => {
      const short = typed.toLowerCase()
      // Without %, every character of the pattern (_ too) stands for one character of the id.
      if (!short.includes('%') && [...short].length > longest) return []
      if (short.includes('%') || short.includes('_')) return this.matchIds(short)
      // An id equal to the short form also starts with it.
      const found = new Set(startingWith(ids, short, 5))
      for (const end of startingWith(reversed, reverse(short))) found.add(reverse(end))
      return [...found].sort().slice(0, 5)
    }
  }

  /**
   * Full-text search, best matches first; query is already in FTS5 syntax.
   *
   * Ordered by the hidden rank column of notes_fts (bm25, as bm25(notes_fts) would give), and with
   * notes_fts first in the join (CROSS JOIN fixes the order): then FTS5 hands the matches over best
   * first, and SQLite reads a note, checks the filters and makes its snippet and narratives only
   * until it has `limit` rows. Ordered by an expression instead, SQLite would sort every match and
   * compute all of that for each of them (a common word is in most notes).
   */
  /** How many notes (trash included) contain the query: cheap, since nothing is ranked. */
  countMatches(query: string): number {
    return this.prepare('SELECT count(*) FROM notes_fts WHERE notes_fts MATCH ?').pluck().get(query) as number
  }

  /**
   * Full-text search. `ranked`: best matches first (bm25), which scores every match; otherwise
   * the most recently stored matches first, which stops after `limit` and stays fast for a word
   * that occurs in most notes.
   */
  search(query: string, filter: NoteFilter = {}, limit = 50, ranked = true): SearchHit[] {
    const {params, where} = this.where(filter)
    const rows = this.prepare(
      `SELECT n.*, ${NARRATIVES_OF}, snippet(notes_fts, 0, char(1), char(2), '…', 24) AS snippet, ${ranked ? 'notes_fts.rank' : '0'} AS rank
       FROM notes_fts CROSS JOIN notes n ON n.rowid = notes_fts.rowid
       WHERE notes_fts MATCH @query AND ${where}
       ORDER BY ${ranked ? 'notes_fts.rank' : 'notes_fts.rowid DESC'} LIMIT @limit`,
    ).all({...params, limit, query}) as Array<NoteRow & {rank: number; snippet: string}>
    return rows.map((row) => ({note: toNote(row), rank: row.rank, snippet: row.snippet}))
  }

  /** Moves a note to the trash or back; both are versions, so history shows them. */
  setDeleted(note: Note, deleted: boolean, by?: null | string): Note {
    this.log.setDeleted(note.id, deleted, by, () => ({...note, narratives: this.ownNarratives(note.id)}))
    return this.get(note.id)!
  }

  /** A new version of a note; the previous ones stay in note_versions. */
  update(note: Note, fields: NoteFields, meta: NoteWriteMeta = {}): Note {
    const now = nowIso()
    const version = note.version + 1
    const state = stateOf(fields, meta)
    this.prepare(
      `UPDATE notes SET halteplaats = @halteplaats, group_id = @group_id, activity = @activity, date = @date, interviewer = @interviewer,
         participants = @participants, roles = @roles, themes = @themes, text = @text, version = @version, updated_at = @now,
         updated_by = @by, content_hash = coalesce(@hash, content_hash), personal_data = @personal_data
       WHERE id = @id`,
    ).run(Object.assign(NOTE_VERSIONS.columns(state), {by: meta.by ?? null, hash: meta.contentHash ?? null, id: note.id, now, version}))
    this.log.write(note.id, 'bewerkt', state, {by: meta.by, now, version})
    this.syncNoteTags(note.id, fields, now)
    return this.get(note.id)!
  }

  /** Every version, in the order of the merge rule: number, then time, laptop and id (siblings from two laptops share a number). */
  versions(id: string): NoteVersion[] {
    return this.log.history(id).map(toVersion)
  }

  /**
   * A version that settles a conflict: made from all the heads at once, so it is the only head
   * left, here and on every laptop that takes it in. `from` is the head it continues.
   */
  resolve(note: Note, fields: NoteFields, from: string, heads: string[], meta: NoteWriteMeta & {deleted: boolean}): Note {
    const state = stateOf(fields, meta)
    this.log.resolve(note.id, from, heads, meta, ({deletedAt, now, version, versionId}) => {
      this.prepare(
        `UPDATE notes SET halteplaats = @halteplaats, group_id = @group_id, activity = @activity, date = @date, interviewer = @interviewer,
           participants = @participants, roles = @roles, themes = @themes, text = @text, version = @version, version_id = @versionId,
           updated_at = @now, updated_by = @by, personal_data = @personal_data, deleted_at = @deletedAt
         WHERE id = @id`,
      ).run(Object.assign(NOTE_VERSIONS.columns(state), {by: meta.by ?? null, deletedAt, id: note.id, now, version, versionId}))
      this.syncNoteTags(note.id, fields, now)
      return state
    })
    return this.get(note.id)!
  }

  /**
   * Derives the notes row from the note's versions (after a merge): the current head's state, in the
   * trash when that head is a removal, created by the first version. The search index follows the
   * text through the triggers on notes.
   */
  refresh(id: string): void {
    const derived = this.log.derive(id)
    if (derived) this.show(derived)
  }

  private show({createdAt, createdBy, current, deletedAt}: Derived<NoteVersionRow>): void {
    this.prepare(
      `INSERT INTO notes (id, halteplaats, group_id, activity, date, interviewer, participants, roles, themes, text, version, version_id,
         created_at, created_by, updated_at, updated_by, deleted_at, personal_data)
       VALUES (@note_id, @halteplaats, @group_id, @activity, @date, @interviewer, @participants, @roles, @themes, @text, @version, @id,
         @createdAt, @createdBy, @changed_at, @changed_by, @deletedAt, @personal_data)
       ON CONFLICT (id) DO UPDATE SET halteplaats = excluded.halteplaats, group_id = excluded.group_id, activity = excluded.activity,
         date = excluded.date, interviewer = excluded.interviewer, participants = excluded.participants, roles = excluded.roles,
         themes = excluded.themes, version = excluded.version, version_id = excluded.version_id,
         created_at = excluded.created_at, created_by = excluded.created_by, updated_at = excluded.updated_at,
         updated_by = excluded.updated_by, deleted_at = excluded.deleted_at, personal_data = excluded.personal_data`,
    ).run(Object.assign(current, {createdAt, createdBy, deletedAt}))
    // Apart, and only when it differs: every write of text re-indexes the note (notes_fts_update).
    this.prepare('UPDATE notes SET text = @text WHERE id = @note AND text IS NOT @text').run({note: current.note_id, text: current.text})
  }

  /** The narratives written on the note itself are tags of the interviewer; keep them in step. */
  private syncNoteTags(id: string, fields: NoteFields, now: string): void {
    const current = this.prepare("SELECT id, code FROM tags WHERE note_id = ? AND origin = 'note' AND deleted_at IS NULL").all(id) as Array<{code: string; id: string}>
    for (const tag of current) {
      if (!fields.narratives.includes(tag.code)) this.prepare('UPDATE tags SET deleted_at = ? WHERE id = ?').run(now, tag.id)
    }

    for (const code of fields.narratives) {
      if (current.some((tag) => tag.code === code)) continue
      this.prepare("INSERT INTO tags (id, note_id, kind, code, coder, origin, created_at) VALUES (?, ?, 'narrative', ?, ?, 'note', ?)").run(newId(), id, code, fields.interviewer, now)
    }
  }

  private where(filter: NoteFilter): {params: Record<string, unknown>; where: string} {
    const clauses = [filter.deleted ? 'n.deleted_at IS NOT NULL' : 'n.deleted_at IS NULL']
    const params: Record<string, unknown> = {}
    const equal = (column: string, key: keyof NoteFilter) => {
      if (filter[key] === undefined) return
      clauses.push(`${column} = @${key}`)
      params[key] = filter[key]
    }

    equal('n.halteplaats', 'halteplaats')
    equal('n.group_id', 'group')
    equal('n.activity', 'activity')
    equal('n.interviewer', 'interviewer')
    if (filter.since) {
      clauses.push('n.date >= @since')
      params.since = filter.since
    }

    if (filter.until) {
      clauses.push('n.date <= @until')
      params.until = filter.until
    }

    if (filter.theme) {
      clauses.push('EXISTS (SELECT 1 FROM json_each(n.themes) WHERE value = @theme)')
      params.theme = filter.theme
    }

    if (filter.narrative) {
      // Through tags_note, the few tags of this note; not through tags_code, every tag with this code (see NARRATIVES_OF).
      clauses.push("EXISTS (SELECT 1 FROM tags t WHERE t.note_id = n.id AND +t.kind = 'narrative' AND +t.code = @narrative AND t.deleted_at IS NULL)")
      params.narrative = filter.narrative
    }

    return {params, where: clauses.join(' AND ')}
  }

  /**
   * What a list to pick notes from shows, oldest conversation first: the first `textLength`
   * characters of each text instead of the whole of it, so a study of long notes does not pass
   * through memory to fill a checkbox list. No halteplaatsen: every note not in the trash.
   */
  pickerRows(
    filter: {halteplaatsen?: string[]} = {},
    textLength = 120,
  ): Array<{activity: null | string; date: string; group: null | string; halteplaats: string; id: string; narratives: string[]; start: string; themes: string[]}> {
    const rows = this.prepare(
      `SELECT n.id, n.halteplaats, n.group_id, n.activity, n.date, substr(n.text, 1, @textLength) AS start, n.themes, ${NARRATIVES_OF}
       FROM notes n
       WHERE n.deleted_at IS NULL AND (@places IS NULL OR n.halteplaats IN (SELECT value FROM json_each(@places)))
       ORDER BY n.date, n.halteplaats, n.id`,
    ).all({places: filter.halteplaatsen?.length ? JSON.stringify(filter.halteplaatsen) : null, textLength}) as Array<{
      activity: null | string
      date: string
      group_id: null | string
      halteplaats: string
      id: string
      narratives: string
      start: string
      themes: string
    }>
    return rows.map((row) => ({
      activity: row.activity,
      date: row.date,
      group: row.group_id,
      halteplaats: row.halteplaats,
      id: row.id,
      narratives: JSON.parse(row.narratives) as string[],
      start: row.start,
      themes: JSON.parse(row.themes) as string[],
    }))
  }
}

const stateOf = (fields: NoteFields, meta: NoteWriteMeta): NoteState => ({...fields, personalData: meta.personalData ?? null})

function json(value: unknown): null | string {
  return value === undefined || value === null ? null : JSON.stringify(value)
}

/** The strings of a sorted list that start with `prefix`, in order, at most `limit` of them. */
function startingWith(sorted: string[], prefix: string, limit = Number.POSITIVE_INFINITY): string[] {
  let low = 0
  let high = sorted.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if (sorted[middle] < prefix) low = middle + 1
    else high = middle
  }

  const found: string[] = []
  for (let i = low; i < sorted.length && found.length < limit && sorted[i].startsWith(prefix); i++) found.push(sorted[i])
  return found
}

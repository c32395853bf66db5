import {frontMatterThemeId, type Tag, type TagFilter, type TagKind, type TagOrigin} from '../model/tag.js'
import {newId, nowIso} from './ids.js'
import {Queries} from './statements.js'

interface TagRow {
  code: string
  coder: string
  created_at: string
  deleted_at: null | string
  end_pos: null | number
  /** Null for a theme of the note's front matter: its id follows from the note and the theme. */
  id: null | string
  kind: TagKind
  note_id: string
  origin: TagOrigin
  quote: null | string
  start_pos: null | number
}

/**
 * The WHERE conditions of a tag filter on tags t, only for what the filter gives: with
 * "(@noteId IS NULL OR t.note_id = @noteId)" SQLite can use no index and walked every tag for
 * each note (5 ms a note on 100,000 notes, paid per note by the evidence picker and per row by
 * tag import). With a note, "+t.kind" and "+t.code" keep it on the index by note: on the index by
 * (kind, code) it would read every tag of that code in the study.
 */
function tagConditions(filter: TagFilter): string {
  const byNote = filter.noteId !== undefined
  return [
    byNote ? ' AND t.note_id = @noteId' : '',
    filter.coder === undefined ? '' : ' AND t.coder = @coder',
    filter.kind === undefined ? '' : ` AND ${byNote ? '+' : ''}t.kind = @kind`,
    filter.code === undefined ? '' : ` AND ${byNote ? '+' : ''}t.code = @code`,
  ].join('')
}

/** The same for the themes in a note's front matter (notes n, json_each j): a note is found by its key. */
function frontMatterConditions(filter: TagFilter): string {
  return [
    filter.noteId === undefined ? '' : ' AND n.id = @noteId',
    filter.coder === undefined ? '' : ' AND n.interviewer = @coder',
    filter.code === undefined ? '' : ' AND j.value = @code',
  ].join('')
}

/** The named parameters of a tag filter; the ones a statement does not use are ignored. */
const tagParameters = (filter: TagFilter) => ({code: filter.code ?? null, coder: filter.coder ?? null, kind: filter.kind ?? null, noteId: filter.noteId ?? null})

const toTag = (row: TagRow): Tag => ({
  code: row.code,
  coder: row.coder,
  createdAt: row.created_at,
  deletedAt: row.deleted_at,
  end: row.end_pos,
  id: row.id ?? frontMatterThemeId(row.note_id, row.code),
  kind: row.kind,
  noteId: row.note_id,
  origin: row.origin,
  quote: row.quote,
  start: row.start_pos,
})

export type NewTag = Pick<Tag, 'code' | 'coder' | 'end' | 'kind' | 'noteId' | 'origin' | 'quote' | 'start'>

/** Tags on notes. Removing one sets deleted_at; no tag row is ever deleted. */
/** A note that is not in the trash, with the codes of one kind of tag on it (none: an empty list). */
export interface CodedNote {
  activity: null | string
  codes: string[]
  date: string
  group: null | string
  halteplaats: string
  interviewer: string
  noteId: string
}

/** The rows of TagQueries.trainingRecords. */
export interface TrainingRecords {
  codings: Array<{coder: string; note: string}>
  notes: Array<{id: string; interviewer: string; version: null | string}>
  tags: Array<{code: string; coder: string; end: null | number; note: string; origin: TagOrigin; start: null | number}>
}

export class TagQueries extends Queries {

  /** The same tag by the same coder on the same place, if it is there already. */
  findSame(tag: NewTag): Tag | undefined {
    // "+kind" and "+code" keep SQLite on the index by note (a handful of tags): on the index by
    // (kind, code) it reads every tag of that code in the study, for every tag a CSV or bundle brings.
    const row = this.prepare(
        `SELECT * FROM tags WHERE note_id = @noteId AND +kind = @kind AND +code = @code AND coder = @coder
           AND coalesce(start_pos, -1) = coalesce(@start, -1) AND coalesce(end_pos, -1) = coalesce(@end, -1)
           AND deleted_at IS NULL`,
      )
      .get(tag) as TagRow | undefined
    return row && toTag(row)
  }

  /** Which of these ids are tags, removed ones included: to recognise the kit's own tags coming back. */
  known(ids: string[]): Set<string> {
    const found = new Set<string>()
    const statement = this.prepare('SELECT id FROM tags WHERE id IN (SELECT value FROM json_each(?))').pluck()
    for (let i = 0; i < ids.length; i += 10_000) for (const id of statement.all(JSON.stringify(ids.slice(i, i + 10_000))) as string[]) found.add(id)
    return found
  }

  /** Which of these notes have at least one tag (through tags_note: only the index is read). */
  taggedAmong(noteIds: string[]): Set<string> {
    const ids = this.prepare('SELECT DISTINCT note_id FROM tags WHERE deleted_at IS NULL AND note_id IN (SELECT value FROM json_each(?))').pluck().all(JSON.stringify(noteIds)) as string[]
    return new Set(ids)
  }

  get(id: string): Tag | undefined {
    const row = this.prepare('SELECT * FROM tags WHERE id = ?').get(id) as TagRow | undefined
    return row && toTag(row)
  }

  insert(tag: NewTag): Tag {
    const id = newId()
    this.prepare(
        `INSERT INTO tags (id, note_id, kind, code, coder, origin, start_pos, end_pos, quote, created_at)
         VALUES (@id, @noteId, @kind, @code, @coder, @origin, @start, @end, @quote, @now)`,
      )
      .run({...tag, id, now: nowIso()})
    return this.get(id)!
  }

  /** Active tags on notes that are not in the trash, in the order they were made. */
  list(filter: TagFilter = {}): Tag[] {
    const rows = this.prepare(
        `SELECT t.* FROM tags t JOIN notes n ON n.id = t.note_id
         WHERE t.deleted_at IS NULL AND n.deleted_at IS NULL${tagConditions(filter)}
         ORDER BY t.note_id, t.id`,
      )
      .all(tagParameters(filter)) as TagRow[]
    return rows.map(toTag)
  }

  /**
   * Everything that is coded, the one list every output follows (tag list, the Tags table of CSV
   * and Excel, REFI-QDA): the active tags, and each theme in a note's front matter as a theme code
   * on the whole note by its interviewer, made when the note was (origin `note`). Notes in the
   * trash count for nothing. Per note: the tags in the order they were made, then its themes.
   */
  codings(filter: TagFilter = {}): Tag[] {
    const rows = this.prepare(
        `SELECT * FROM (
           SELECT t.id, t.note_id, t.kind, t.code, t.coder, t.origin, t.start_pos, t.end_pos, t.quote, t.created_at, t.deleted_at, 0 AS part, 0 AS position
           FROM tags t JOIN notes n ON n.id = t.note_id
           WHERE t.deleted_at IS NULL AND n.deleted_at IS NULL${tagConditions(filter)}
           UNION ALL
           SELECT NULL, n.id, 'theme', j.value, n.interviewer, 'note',
             NULL, NULL, NULL, n.created_at, NULL, 1, j.key
           FROM notes n, json_each(n.themes) j
           WHERE n.deleted_at IS NULL AND (@kind IS NULL OR @kind = 'theme')${frontMatterConditions(filter)}
         ) ORDER BY note_id, part, id, position`,
      )
      .all(tagParameters(filter)) as TagRow[]
    return rows.map(toTag)
  }

  // In the correlated subqueries below, "+t.kind" keeps SQLite on the index by note: with the
  // index on (kind, code) it would scan every tag of the study for every note.

  /**
   * Every note that is not in the trash, with the codes of one kind that any coder gave it: as in
   * codings(), a theme in the note's front matter is one of them.
   */
  codesPerNote(kind: TagKind): CodedNote[] {
    // In the order of notes.list(), so a report can list these instead of loading every note's text.
    const statement = this.prepare(
      `SELECT n.id AS noteId, n.halteplaats, n.group_id AS "group", n.activity, n.interviewer, n.date,
         (SELECT json_group_array(DISTINCT t.code) FROM tags t WHERE t.note_id = n.id AND +t.kind = @kind AND t.deleted_at IS NULL) AS codes,
         ${kind === 'theme' ? 'n.themes' : "'[]'"} AS themes
       FROM notes n WHERE n.deleted_at IS NULL ORDER BY n.date, n.halteplaats, n.id`,
    )
    // Kept whole by Analyse and read whole by a report: on 100,000 notes one copy per row of each
    // repeated value (a halteplaats, a date, the same few lists of codes) took 60 MB, and reading
    // every row before mapping doubled that. Rows are mapped one by one, and the values they share
    // are one string or one frozen list each; nobody changes a CodedNote.
    const strings = new Map<string, string>()
    const same = <T extends null | string>(value: T): T => {
      if (value === null) return value
      const known = strings.get(value)
      if (known !== undefined) return known as T
      strings.set(value, value)
      return value
    }

    const lists = new Map<string, string[]>()
    const notes: CodedNote[] = []
    for (const row of statement.iterate({kind}) as IterableIterator<Omit<CodedNote, 'codes'> & {codes: string; themes: string}>) {
      const key = `${row.codes}|${row.themes}`
      let codes = lists.get(key)
      if (codes === undefined) {
        const tagged = JSON.parse(row.codes) as string[]
        const own = (JSON.parse(row.themes) as string[]).filter((theme) => !tagged.includes(theme))
        codes = Object.freeze((own.length > 0 ? [...tagged, ...own] : tagged).map(same)) as string[]
        lists.set(key, codes)
      }

      // The keys in the order of the columns, as before: a CodedNote may end up in JSON.
      notes.push({noteId: row.noteId, halteplaats: same(row.halteplaats), group: same(row.group), activity: same(row.activity), interviewer: same(row.interviewer), date: same(row.date), codes})
    }

    return notes
  }

  /**
   * Tagged passages of one code, with the note's halteplaats, group and interviewer (to filter a
   * matrix row by; quotes never show who interviewed), for quotes.
   */
  passages(kind: TagKind, code: string): Array<Tag & {activity: null | string; date: string; group: null | string; halteplaats: string; interviewer: string}> {
    const rows = this.prepare(
        `SELECT t.*, n.halteplaats, n.group_id, n.activity, n.date, n.interviewer FROM tags t JOIN notes n ON n.id = t.note_id
         WHERE t.kind = ? AND t.code = ? AND t.quote IS NOT NULL AND t.deleted_at IS NULL AND n.deleted_at IS NULL
         ORDER BY n.halteplaats, n.date, t.start_pos`,
      )
      .all(kind, code) as Array<TagRow & {activity: null | string; date: string; group_id: null | string; halteplaats: string; interviewer: string}>
    return rows.map((row) => ({...toTag(row), activity: row.activity, date: row.date, group: row.group_id, halteplaats: row.halteplaats, interviewer: row.interviewer}))
  }

  /** Records that a coder has coded a note for the narratives (also when they found none). */
  markCoded(noteId: string, coder: string): void {
    this.prepare('INSERT INTO codings (note_id, coder, coded_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING').run(noteId, coder, nowIso())
  }

  /**
   * The coders other than a note's own interviewer who made a coding decision (a tag, a coding, a
   * rejected suggestion not taken back) on a note that is not in the trash, sorted: the ones
   * `decisions` names besides "interviewer", without reading every decision.
   */
  decisionCoders(): string[] {
    return this.prepare(
        // Per coder, the first note not in the trash is enough: no join over every coding.
        `SELECT d.coder FROM (SELECT DISTINCT coder FROM codings UNION SELECT DISTINCT coder FROM rejections WHERE withdrawn_at IS NULL) d
         WHERE EXISTS (SELECT 1 FROM codings c JOIN notes n ON n.id = c.note_id WHERE c.coder = d.coder AND n.deleted_at IS NULL)
            OR EXISTS (SELECT 1 FROM rejections r JOIN notes n ON n.id = r.note_id WHERE r.coder = d.coder AND r.withdrawn_at IS NULL AND n.deleted_at IS NULL)
         ORDER BY d.coder`,
      )
      .pluck()
      .all() as string[]
  }

  /**
   * Every coding decision on notes that are not in the trash: per note, the narratives its own
   * interviewer gave it (as the coder "interviewer"), and per other coder who coded it, theirs.
   * A coder who rejected a suggestion on a note (and did not take it back) has judged that note
   * too, as one who accepted one has.
   */
  decisions(): Array<{coder: string; narratives: string[]; note: string}> {
    // The training counter goes up with every change these decisions are read from (notes, their
    // trash, narrative tags, codings, rejections; kept by triggers, from any process), so while it
    // stands the last answer holds: a page asked for again, or a second page, reads one row.
    const counter = this.trainingCounter()
    if (this.decided?.counter !== counter) this.decided = {counter, decisions: this.readDecisions()}
    // A new list each time: a caller may add to it (the kit's decisions); the decisions are shared and never changed.
    return [...this.decided.decisions]
  }

  private decided?: {counter: string; decisions: Array<{coder: string; narratives: string[]; note: string}>}

  private readDecisions(): Array<{coder: string; narratives: string[]; note: string}> {
    // Three plain scans joined here rather than a subquery per note: on 10,000 notes that is the
    // difference between a page that answers at once and one that does not.
    const notes = this.prepare('SELECT n.id FROM notes n WHERE n.deleted_at IS NULL').pluck().all() as string[]
    // Codings and tags of notes in the trash count for nothing: they are left out below, by the notes' ids.
    const coded = this.prepare('SELECT note_id AS note, coder FROM codings UNION SELECT note_id, coder FROM rejections WHERE withdrawn_at IS NULL')
      .all() as Array<{coder: string; note: string}>
    const tags = this.prepare("SELECT note_id AS note, coder, code, origin FROM tags WHERE kind = 'narrative' AND deleted_at IS NULL")
      .all() as Array<{code: string; coder: string; note: string; origin: TagOrigin}>
    const own = new Map<string, string[]>()
    const others = new Map<string, string[]>()
    const add = (map: Map<string, string[]>, key: string, code: string) => {
      const list = map.get(key)
      if (!list) map.set(key, [code])
      else if (!list.includes(code)) list.push(code)
    }

    for (const tag of tags) {
      if (tag.origin === 'note') add(own, tag.note, tag.code)
      else add(others, `${tag.note}\u0000${tag.coder}`, tag.code)
    }

    // The other coders' decisions in the order of the notes, as the interviewers' are.
    const position = new Map(notes.map((note, i) => [note, i]))
    const theirs = coded.filter(({note}) => position.has(note)).sort((a, b) => position.get(a.note)! - position.get(b.note)!)
    return [
      ...notes.map((note) => ({coder: 'interviewer', narratives: own.get(note) ?? [], note})),
      ...theirs.map(({coder, note}) => ({coder, narratives: others.get(`${note}\u0000${coder}`) ?? [], note})),
    ]
  }

  /**
   * What the study's model learns from, without the texts: the newest `limit` notes not in the
   * trash that someone may have coded (a narrative tag, a coding, a rejected suggestion, or an
   * interviewer who gives narratives in notes), with their interviewer and current version, their active narrative
   * tags and who coded them. Only those notes, so that a large study stays small in memory.
   */
  trainingRecords(limit = -1): TrainingRecords {
    const ids = this.prepare(
        `SELECT n.id FROM notes n WHERE n.deleted_at IS NULL AND (
           n.interviewer IN (SELECT DISTINCT m.interviewer FROM tags t JOIN notes m ON m.id = t.note_id
                             WHERE t.kind = 'narrative' AND t.origin = 'note' AND t.deleted_at IS NULL AND m.deleted_at IS NULL)
           OR EXISTS (SELECT 1 FROM tags t WHERE t.note_id = n.id AND +t.kind = 'narrative' AND t.deleted_at IS NULL)
           OR EXISTS (SELECT 1 FROM codings c WHERE c.note_id = n.id)
           OR EXISTS (SELECT 1 FROM rejections r WHERE r.note_id = n.id AND r.withdrawn_at IS NULL))
         ORDER BY n.id DESC LIMIT ?`,
      )
      .pluck()
      .all(limit) as string[]
    const list = JSON.stringify(ids)
    const notes = this.prepare('SELECT id, interviewer, version_id AS version FROM notes WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id').all(list) as TrainingRecords['notes']
    const tags = this.prepare(
        `SELECT t.note_id AS note, t.code, t.coder, t.origin, t.start_pos AS start, t.end_pos AS "end" FROM tags t
         WHERE t.note_id IN (SELECT value FROM json_each(?)) AND t.kind = 'narrative' AND t.deleted_at IS NULL ORDER BY t.note_id, t.id`,
      )
      .all(list) as TrainingRecords['tags']
    const codings = this.prepare('SELECT note_id AS note, coder FROM codings WHERE note_id IN (SELECT value FROM json_each(?)) ORDER BY note_id, coder').all(list) as TrainingRecords['codings']
    return {codings, notes, tags}
  }

  /** The texts of some notes, by id: only what the model learns from. */
  trainingTexts(ids: string[]): Map<string, string> {
    const texts = new Map<string, string>()
    const statement = this.prepare('SELECT id, text FROM notes WHERE id IN (SELECT value FROM json_each(?))').raw()
    for (let i = 0; i < ids.length; i += 10_000) for (const [id, text] of statement.all(JSON.stringify(ids.slice(i, i + 10_000))) as Array<[string, string]>) texts.set(id, text)
    return texts
  }

  /**
   * How often what the study's model learns from has changed on this laptop (tags, codings,
   * rejections, notes; kept by the triggers of migration 009): one row, so that checking
   * whether the model is up to date costs nothing on a large study.
   */
  trainingCounter(): string {
    const row = this.prepare('SELECT changes, token FROM training_counter WHERE id = 1').get() as {changes: number; token: string}
    return `${row.changes}-${row.token}`
  }

  matchIds(short: string): string[] {
    return this.prepare("SELECT id FROM tags WHERE id = @s OR id LIKE @s || '%' OR id LIKE '%' || @s LIMIT 5").pluck().all({s: short.toLowerCase()}) as string[]
  }

  remove(id: string): Tag {
    this.prepare('UPDATE tags SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL').run(nowIso(), id)
    return this.get(id)!
  }
}

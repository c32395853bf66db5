import type {Store} from './store.js'

/**
 * The questions `karavaan doctor` asks the database. Each returns what is wrong (empty when all
 * is well); only rebuildSearchIndex changes anything, and only the index, which is derived data.
 */

/** SQLite's own check of every page and index; ['ok'] when sound. */
export function integrityProblems(store: Store, max = 20): string[] {
  const rows = store.db.prepare(`PRAGMA integrity_check(${max})`).pluck().all() as string[]
  return rows.length === 1 && rows[0] === 'ok' ? [] : rows
}

/** Rows that point at a row that does not exist, per table. */
export function foreignKeyProblems(store: Store): Array<{count: number; parent: string; table: string}> {
  const rows = store.db.prepare('PRAGMA foreign_key_check').all() as Array<{parent: string; table: string}>
  const counts = new Map<string, {count: number; parent: string; table: string}>()
  for (const row of rows) {
    const key = `${row.table}\u0000${row.parent}`
    const entry = counts.get(key) ?? {count: 0, parent: row.parent, table: row.table}
    entry.count++
    counts.set(key, entry)
  }

  return [...counts.values()]
}

/** Whether the full-text index holds exactly the current text of every note. */
export function searchIndexInStep(store: Store): boolean {
  try {
    // rank 1: also compare the index with the notes table it is built from.
    store.db.prepare("INSERT INTO notes_fts (notes_fts, rank) VALUES ('integrity-check', 1)").run()
    return true
  } catch (error) {
    if (String((error as {code?: unknown}).code ?? '').startsWith('SQLITE_CORRUPT')) return false
    throw error
  }
}

/** Builds the full-text index anew from the notes; the notes themselves are not touched. */
export function rebuildSearchIndex(store: Store): void {
  store.transaction(() => store.db.prepare("INSERT INTO notes_fts (notes_fts) VALUES ('rebuild')").run())
}

/** Tags whose note does not exist (possible only when foreign keys were off, e.g. in another tool). */
export function orphanTags(store: Store): number {
  return store.db.prepare('SELECT count(*) FROM tags WHERE note_id NOT IN (SELECT id FROM notes)').pluck().get() as number
}

/** Notes whose current state has no matching row in their history, or whose history has gaps. */
export function notesWithBrokenHistory(store: Store): string[] {
  return store.db
    .prepare(
      `SELECT n.id FROM notes n
       LEFT JOIN note_versions v ON v.note_id = n.id AND v.version = n.version
       WHERE v.note_id IS NULL OR v.text <> n.text
          OR (SELECT count(*) FROM note_versions w WHERE w.note_id = n.id) <> n.version
       ORDER BY n.id`,
    )
    .pluck()
    .all() as string[]
}

/** Every halteplaats a note, plan item or context figure refers to, with how many rows. */
export function halteplaatsenInUse(store: Store): Map<string, number> {
  const rows = store.db
    .prepare(
      `SELECT halteplaats, sum(n) AS n FROM (
         SELECT halteplaats, count(*) AS n FROM notes GROUP BY halteplaats
         UNION ALL SELECT halteplaats, count(*) FROM plan_items GROUP BY halteplaats
         UNION ALL SELECT halteplaats, count(*) FROM context_figures GROUP BY halteplaats)
       GROUP BY halteplaats`,
    )
    .all() as Array<{halteplaats: string; n: number}>
  return new Map(rows.map((row) => [row.halteplaats, row.n]))
}

/** Every interviewer id on a note, with how many notes. */
export function interviewersInUse(store: Store): Map<string, number> {
  const rows = store.db.prepare('SELECT interviewer, count(*) AS n FROM notes GROUP BY interviewer').all() as Array<{interviewer: string; n: number}>
  return new Map(rows.map((row) => [row.interviewer, row.n]))
}

/** Every narrative or theme code on a tag that is not removed, with how many tags. */
export function tagCodesInUse(store: Store): Array<{code: string; count: number; kind: 'narrative' | 'theme'}> {
  return store.db
    .prepare('SELECT kind, code, count(*) AS count FROM tags WHERE deleted_at IS NULL GROUP BY kind, code ORDER BY kind, code')
    .all() as Array<{code: string; count: number; kind: 'narrative' | 'theme'}>
}

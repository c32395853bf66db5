import type Database from 'better-sqlite3'

// One cache per connection, shared by every query class: a statement is prepared once however
// many classes use the same SQL, and is gone with its connection.
const caches = new WeakMap<Database.Database, Map<string, Database.Statement>>()

/**
 * The statement for `sql` on this connection, prepared the first time it is asked for. It comes
 * back returning whole rows: a caller that wants one column calls .pluck() itself, so a class that
 * plucks cannot change what another one gets from the same SQL.
 *
 * Not for a statement that is iterated: it cannot run again while the iteration is under way, so
 * iterate() prepares its own.
 */
export function prepare(db: Database.Database, sql: string): Database.Statement {
  let cache = caches.get(db)
  if (!cache) {
    cache = new Map()
    caches.set(db, cache)
  }

  let statement = cache.get(sql)
  if (!statement) {
    statement = db.prepare(sql)
    cache.set(sql, statement)
  } else if (statement.reader) {
    statement.pluck(false)
  }

  return statement
}

/**
 * A stamp that changes whenever anything in the database changed: a commit by another process
 * (data_version) or a write on this connection (total_changes). Two equal stamps mean nothing
 * was written in between, so what was read before may be kept; it costs no table read.
 */
export function changeStamp(db: Database.Database): string {
  return `${db.pragma('data_version', {simple: true})}:${prepare(db, 'SELECT total_changes()').pluck().get()}`
}

/** What every query class of the store starts from: its connection and the shared statements. */
export abstract class Queries {
  constructor(protected readonly db: Database.Database) {}

  protected prepare(sql: string): Database.Statement {
    return prepare(this.db, sql)
  }
}

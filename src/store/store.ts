import type Database from 'better-sqlite3'

import {databaseProblem, DEFAULT_WAIT_SECONDS} from './errors.js'
import {ExchangeQueries, type MaterialTables} from './exchange.js'
import {AdviceQueries, FindingQueries, ReflectionQueries} from './material.js'
import {ContextQueries, PlanQueries} from './fieldwork.js'
import {NoteQueries} from './notes.js'
import {OverrideQueries} from './overrides.js'
import {RejectionQueries} from './rejections.js'
import {changeStamp, Queries} from './statements.js'
import {TagQueries} from './tags.js'

/** The study database. The only place in the kit that speaks SQL. */
export class Store {
  readonly advice: AdviceQueries
  readonly context: ContextQueries
  readonly exchange: ExchangeQueries
  readonly findings: FindingQueries
  readonly meta: MetaQueries
  readonly notes: NoteQueries
  /** Choices to let personal data leave the laptop in an export or a report. */
  readonly overrides: OverrideQueries
  readonly plan: PlanQueries
  readonly reflections: ReflectionQueries
  /** Suggestions coders rejected in tag review. */
  readonly rejections: RejectionQueries
  readonly tags: TagQueries

  constructor(
    readonly db: Database.Database,
    readonly file: string,
    /** Seconds a write waits for another process before giving up (the busy timeout). */
    readonly waitSeconds = DEFAULT_WAIT_SECONDS,
  ) {
    this.meta = new MetaQueries(db)
    this.context = new ContextQueries(db)
    this.plan = new PlanQueries(db)
    this.notes = new NoteQueries(db)
    this.overrides = new OverrideQueries(db)
    this.tags = new TagQueries(db)
    this.rejections = new RejectionQueries(db)
    this.findings = new FindingQueries(db)
    this.reflections = new ReflectionQueries(db)
    this.advice = new AdviceQueries(db)
    this.exchange = new ExchangeQueries(db, this.notes, {advice: this.advice, finding: this.findings, reflection: this.reflections} as unknown as MaterialTables)
  }

  close(): void {
    if (this.db.open) this.db.close()
  }

  /**
   * Runs fn as one write transaction: all of it is stored, or none of it. A study kept busy by
   * another process too long, or a full disk, becomes a Dutch message; SQLite has rolled back.
   */
  transaction<T>(fn: () => T): T {
    try {
      return this.db.transaction(fn).immediate()
    } catch (error) {
      throw databaseProblem(error, this.file, this.waitSeconds) ?? error
    }
  }

  /** Runs fn as one read transaction: everything it reads is from the same moment. */
  snapshot<T>(fn: () => T): T {
    try {
      return this.db.transaction(fn).deferred()
    } catch (error) {
      throw databaseProblem(error, this.file, this.waitSeconds) ?? error
    }
  }
}

class MetaQueries extends Queries {

  get(key: string): string | undefined {
    const row = this.prepare('SELECT value FROM meta WHERE key = ?').get(key) as undefined | {value: string}
    return row?.value
  }

  /** Changes whenever anything in the database changed, here or in another process (see changeStamp). */
  changeMark(): string {
    return changeStamp(this.db)
  }

  set(key: string, value: string): void {
    this.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value)
  }
}

import type Database from 'better-sqlite3'

import type {ContextFigure, ContextFigureInput} from '../model/context.js'
import type {PlanItem, PlanState} from '../model/plan.js'
import {databaseProblem, DEFAULT_WAIT_SECONDS} from './errors.js'
import {ExchangeQueries, type MaterialTables} from './exchange.js'
import {AdviceQueries, FindingQueries, ReflectionQueries} from './material.js'
import {newId, nowIso} from './ids.js'
import {NoteQueries} from './notes.js'
import {OverrideQueries} from './overrides.js'
import {RejectionQueries} from './rejections.js'
import {Queries} from './statements.js'
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

  set(key: string, value: string): void {
    this.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value)
  }
}

interface ContextRow {
  created_at: string
  halteplaats: string
  id: string
  indicator: string
  source: string
  unit: string
  updated_at: string
  value: number
  version: number
  year: number
}

const toFigure = (row: ContextRow): ContextFigure => ({
  createdAt: row.created_at,
  halteplaats: row.halteplaats,
  id: row.id,
  indicator: row.indicator,
  source: row.source,
  unit: row.unit,
  updatedAt: row.updated_at,
  value: row.value,
  version: row.version,
  year: row.year,
})

class ContextQueries extends Queries {

  find(halteplaats: string, indicator: string, year: number): ContextFigure | undefined {
    const row = this.prepare('SELECT * FROM context_figures WHERE halteplaats = ? AND indicator = ? AND year = ?')
      .get(halteplaats, indicator, year) as ContextRow | undefined
    return row && toFigure(row)
  }

  insert(input: ContextFigureInput, by?: string): ContextFigure {
    const now = nowIso()
    const id = newId()
    this.prepare(
        `INSERT INTO context_figures (id, halteplaats, indicator, value, unit, source, year, created_at, created_by, updated_at)
         VALUES (@id, @halteplaats, @indicator, @value, @unit, @source, @year, @now, @by, @now)`,
      )
      .run({...input, by: by ?? null, id, now})
    return this.find(input.halteplaats, input.indicator, input.year)!
  }

  list(halteplaats?: string): ContextFigure[] {
    const rows = this.prepare('SELECT * FROM context_figures WHERE (@hp IS NULL OR halteplaats = @hp) ORDER BY halteplaats, indicator, year')
      .all({hp: halteplaats ?? null}) as ContextRow[]
    return rows.map(toFigure)
  }

  /** A new value for an existing figure; the old one is kept as a version. */
  update(existing: ContextFigure, input: ContextFigureInput): ContextFigure {
    const now = nowIso()
    this.prepare('INSERT INTO context_figure_versions (figure_id, version, value, unit, source, replaced_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(existing.id, existing.version, existing.value, existing.unit, existing.source, now)
    this.prepare('UPDATE context_figures SET value = ?, unit = ?, source = ?, updated_at = ?, version = version + 1 WHERE id = ?')
      .run(input.value, input.unit, input.source, now, existing.id)
    return this.find(existing.halteplaats, existing.indicator, existing.year)!
  }

  versions(id: string): Array<Pick<ContextFigure, 'source' | 'unit' | 'value' | 'version'> & {replacedAt: string}> {
    return (
      this.prepare('SELECT * FROM context_figure_versions WHERE figure_id = ? ORDER BY version').all(id) as Array<{
        replaced_at: string
        source: string
        unit: string
        value: number
        version: number
      }>
    ).map((row) => ({replacedAt: row.replaced_at, source: row.source, unit: row.unit, value: row.value, version: row.version}))
  }
}

interface PlanRow {
  activity: null | string
  group_id: null | string
  halteplaats: string
  id: string
  planned_date: null | string
  state: PlanState
  updated_at: string
  updated_by: null | string
  version: number
}

const toPlanItem = (row: PlanRow): PlanItem => ({
  activity: row.activity,
  date: row.planned_date,
  group: row.group_id,
  halteplaats: row.halteplaats,
  id: row.id,
  state: row.state,
  updatedAt: row.updated_at,
  updatedBy: row.updated_by,
  version: row.version,
})

export type PlanChange = Pick<PlanItem, 'date' | 'state'>

class PlanQueries extends Queries {

  conversation(halteplaats: string, group: string): PlanItem | undefined {
    const row = this.prepare('SELECT * FROM plan_items WHERE halteplaats = ? AND group_id = ?').get(halteplaats, group) as PlanRow | undefined
    return row && toPlanItem(row)
  }

  get(id: string): PlanItem | undefined {
    const row = this.prepare('SELECT * FROM plan_items WHERE id = ?').get(id) as PlanRow | undefined
    return row && toPlanItem(row)
  }

  insert(item: Pick<PlanItem, 'activity' | 'date' | 'group' | 'halteplaats' | 'state'>, by?: string): PlanItem {
    const now = nowIso()
    const id = newId()
    this.prepare(
        `INSERT INTO plan_items (id, halteplaats, group_id, activity, planned_date, state, created_at, updated_at, updated_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(id, item.halteplaats, item.group, item.activity, item.date, item.state, now, now, by ?? null)
    return this.get(id)!
  }

  list(): PlanItem[] {
    const rows = this.prepare('SELECT * FROM plan_items ORDER BY halteplaats, planned_date, id').all() as PlanRow[]
    return rows.map(toPlanItem)
  }

  observations(halteplaats: string, activity: string): PlanItem[] {
    const rows = this.prepare('SELECT * FROM plan_items WHERE halteplaats = ? AND activity = ? ORDER BY planned_date, id')
      .all(halteplaats, activity) as PlanRow[]
    return rows.map(toPlanItem)
  }

  /** A new date or state; the previous one is kept as a version. */
  update(existing: PlanItem, change: PlanChange, by?: string): PlanItem {
    const now = nowIso()
    this.prepare('INSERT INTO plan_item_versions (item_id, version, planned_date, state, replaced_at, replaced_by) VALUES (?, ?, ?, ?, ?, ?)')
      .run(existing.id, existing.version, existing.date, existing.state, now, by ?? null)
    this.prepare('UPDATE plan_items SET planned_date = ?, state = ?, updated_at = ?, updated_by = ?, version = version + 1 WHERE id = ?')
      .run(change.date, change.state, now, by ?? null, existing.id)
    return this.get(existing.id)!
  }
}

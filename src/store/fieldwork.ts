import type Database from 'better-sqlite3'

import type {ContextFigure, ContextFigureInput} from '../model/context.js'
import type {PlanItem, PlanState} from '../model/plan.js'
import type {VersionChange} from '../model/record.js'
import {keyId, newId, nowIso} from './ids.js'
import {Queries} from './statements.js'
import {parentsOf, RecordVersions, type VersionRow, type VersionTable} from './versions.js'

/*
 * Context figures and the fieldwork plan: the lead's data, typed once, versioned like notes
 * (src/store/versions.ts) so they travel in bundles (migration 009). A figure is known by its
 * halteplaats, indicator and year, a conversation by its halteplaats and group: their ids are
 * derived from those keys, so the same figure typed on two laptops is one record. A version's id
 * is derived from its record, parents, change and state, so the same change made on two laptops
 * is one version; a merge keeps the earliest stamp of it (mergeVersion).
 */

/** The state of a context figure in one version. */
export interface FigureState {
  halteplaats: string
  indicator: string
  source: string
  unit: string
  value: number
  year: number
}

export interface FigureVersionRow extends VersionRow {
  figure_id: string
  halteplaats: string
  indicator: string
  source: string
  unit: string
  value: number
  year: number
}

export const FIGURE_VERSIONS: VersionTable<FigureState> = {
  columns: (s) => ({halteplaats: s.halteplaats, indicator: s.indicator, source: s.source, unit: s.unit, value: s.value, year: s.year}),
  kinds: false,
  record: 'figure_id',
  stateColumns: ['halteplaats', 'indicator', 'year', 'value', 'unit', 'source'],
  table: 'context_figure_versions',
}

/** The state of a planned conversation or observation in one version. */
export interface PlanItemState {
  activity: null | string
  date: null | string
  group: null | string
  halteplaats: string
  state: PlanState
}

export interface PlanVersionRow extends VersionRow {
  activity: null | string
  group_id: null | string
  halteplaats: string
  item_id: string
  planned_date: null | string
  state: PlanState
}

export const PLAN_VERSIONS: VersionTable<PlanItemState> = {
  columns: (s) => ({activity: s.activity, group_id: s.group, halteplaats: s.halteplaats, planned_date: s.date, state: s.state}),
  kinds: false,
  record: 'item_id',
  stateColumns: ['halteplaats', 'group_id', 'activity', 'planned_date', 'state'],
  table: 'plan_item_versions',
}

/** The id of a context figure: the same on every laptop for the same halteplaats, indicator and year. */
export function figureId(halteplaats: string, indicator: string, year: number): string {
  return keyId('context', halteplaats, indicator, year)
}

/** The id of a conversation in the plan (one per halteplaats and group); an observation's is random. */
export function conversationId(halteplaats: string, group: string): string {
  return keyId('plan', halteplaats, group)
}

/** A figure version's id from what it is (as migration 009 computes it for the versions before it). */
export function figureVersionId(figure: string, parents: string[], change: VersionChange, s: FigureState): string {
  return keyId('context-version', figure, parents.join(' '), change, s.halteplaats, s.indicator, s.year, s.value, s.unit, s.source)
}

export function planVersionId(item: string, parents: string[], change: VersionChange, s: PlanItemState): string {
  return keyId('plan-version', item, parents.join(' '), change, s.halteplaats, s.group, s.activity, s.date, s.state)
}

/** One version as it travels and as history shows it. */
export interface FieldworkVersion<S> {
  change: VersionChange
  changedAt: string
  changedBy: null | string
  device: string
  id: string
  parents: string[]
  /** The figure's or plan item's id. */
  record: string
  state: S
  version: number
}

/** What context figures and the plan share: their versions, merging versions in, conflicts. */
abstract class VersionedQueries<S, R extends VersionRow> extends Queries {
  protected readonly log: RecordVersions<S, R>
  private readonly stampSql: string

  constructor(
    db: Database.Database,
    protected readonly spec: VersionTable<S>,
    protected readonly rows: string,
  ) {
    super(db)
    this.log = new RecordVersions<S, R>(db, spec, {rows})
    // The earliest stamp of a version two laptops both made: min is order-independent.
    this.stampSql = `UPDATE ${spec.table} SET changed_at = @changedAt, device = @device, changed_by = @changedBy
      WHERE id = @id AND (changed_at > @changedAt OR (changed_at = @changedAt AND device > @device))`
  }

  /** Records with more than one head: changed on two laptops from the same version. */
  conflicted(): string[] {
    return this.log.conflicted().map((c) => c.id)
  }

  /** The heads of a record, in merge order (the last is the current state). */
  heads(id: string): Array<FieldworkVersion<S>> {
    return this.log.heads(id).map((row) => this.toVersion(row))
  }

  /** Every version of a record, oldest first. */
  history(id: string): Array<FieldworkVersion<S>> {
    return this.log.history(id).map((row) => this.toVersion(row))
  }

  /** Ids that start or end with a short form a user typed. */
  matchIds(short: string): string[] {
    return this.prepare(`SELECT id FROM ${this.rows} WHERE id = @s OR id LIKE @s || '%' OR id LIKE '%' || @s LIMIT 5`).pluck().all({s: short.toLowerCase()}) as string[]
  }

  /**
   * Takes in a version from a bundle: a new one is stored, one already here keeps the earlier of
   * the two stamps. True when something changed (the row is then derived again with refresh).
   */
  mergeVersion(version: FieldworkVersion<S>): boolean {
    const {change, changedAt, changedBy, device, id, parents, record, state} = version
    if (this.log.insert({change, changedAt, changedBy, device, id, parents, record, state, version: version.version})) return true
    return this.prepare(this.stampSql).run({changedAt, changedBy, device, id}).changes > 0
  }

  /** Derives the row from the record's versions: the current head's state, created by the first version. */
  refresh(id: string): void {
    const derived = this.log.derive(id)
    if (!derived) return
    this.showRow(id, derived.current, derived.createdAt, derived.createdBy)
  }

  /** Settles a conflict with a version made from every head, continuing the chosen one's state. */
  resolve(id: string, from: string, heads: string[], by: null | string): void {
    const chosen = this.heads(id).find((head) => head.id === from)!
    this.log.resolve(id, from, heads, {by, deleted: false}, () => chosen.state)
    this.refresh(id)
  }

  /** Versions changed at or after `since` (all without it), oldest first. */
  *versionsSince(since?: string): Generator<FieldworkVersion<S>> {
    for (const row of this.log.changedSince(since)) yield this.toVersion(row)
  }

  protected abstract showRow(id: string, current: R, createdAt: string, createdBy: null | string): void
  protected abstract stateOf(row: R): S
  protected abstract recordOf(row: R): string

  private toVersion(row: R): FieldworkVersion<S> {
    return {
      change: row.change,
      changedAt: row.changed_at,
      changedBy: row.changed_by,
      device: row.device,
      id: row.id,
      parents: parentsOf(row),
      record: this.recordOf(row),
      state: this.stateOf(row),
      version: row.version,
    }
  }
}

interface ContextRow {
  created_at: string
  created_by: null | string
  halteplaats: string
  id: string
  indicator: string
  source: string
  unit: string
  updated_at: string
  updated_by: null | string
  value: number
  version: number
  version_id: null | string
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

const figureState = (f: ContextFigureInput): FigureState => ({
  halteplaats: f.halteplaats,
  indicator: f.indicator,
  source: f.source,
  unit: f.unit,
  value: f.value,
  year: f.year,
})

export class ContextQueries extends VersionedQueries<FigureState, FigureVersionRow> {
  constructor(db: Database.Database) {
    super(db, FIGURE_VERSIONS, 'context_figures')
  }

  find(halteplaats: string, indicator: string, year: number): ContextFigure | undefined {
    const row = this.prepare('SELECT * FROM context_figures WHERE halteplaats = ? AND indicator = ? AND year = ?').get(halteplaats, indicator, year) as ContextRow | undefined
    return row && toFigure(row)
  }

  get(id: string): ContextFigure | undefined {
    const row = this.prepare('SELECT * FROM context_figures WHERE id = ?').get(id) as ContextRow | undefined
    return row && toFigure(row)
  }

  insert(input: ContextFigureInput, by?: string): ContextFigure {
    const now = nowIso()
    const id = figureId(input.halteplaats, input.indicator, input.year)
    this.prepare(
      `INSERT INTO context_figures (id, halteplaats, indicator, value, unit, source, year, created_at, created_by, updated_at, updated_by)
         VALUES (@id, @halteplaats, @indicator, @value, @unit, @source, @year, @now, @by, @now, @by)`,
    ).run({...input, by: by ?? null, id, now})
    const state = figureState(input)
    this.log.write(id, 'nieuw', state, {by, now, parents: [], version: 1, versionId: figureVersionId(id, [], 'nieuw', state)})
    return this.get(id)!
  }

  list(halteplaats?: string): ContextFigure[] {
    const rows = this.prepare('SELECT * FROM context_figures WHERE (@hp IS NULL OR halteplaats = @hp) ORDER BY halteplaats, indicator, year').all({hp: halteplaats ?? null}) as ContextRow[]
    return rows.map(toFigure)
  }

  /** A new value for an existing figure: a new version, made from the one the row shows. */
  update(existing: ContextFigure, input: ContextFigureInput, by?: string): ContextFigure {
    const now = nowIso()
    const parents = [this.log.shown(existing.id)].filter((p): p is string => p !== null)
    const state = figureState({...input, halteplaats: existing.halteplaats, indicator: existing.indicator, year: existing.year})
    this.prepare('UPDATE context_figures SET value = ?, unit = ?, source = ?, updated_at = ?, updated_by = ?, version = version + 1 WHERE id = ?').run(
      state.value,
      state.unit,
      state.source,
      now,
      by ?? null,
      existing.id,
    )
    this.log.write(existing.id, 'bewerkt', state, {by, now, parents, version: existing.version + 1, versionId: figureVersionId(existing.id, parents, 'bewerkt', state)})
    return this.get(existing.id)!
  }

  protected recordOf(row: FigureVersionRow): string {
    return row.figure_id
  }

  protected showRow(id: string, current: FigureVersionRow, createdAt: string, createdBy: null | string): void {
    this.prepare(
      `INSERT INTO context_figures (id, halteplaats, indicator, value, unit, source, year, created_at, created_by, updated_at, updated_by, version, version_id)
       VALUES (@id, @halteplaats, @indicator, @value, @unit, @source, @year, @createdAt, @createdBy, @updatedAt, @updatedBy, @version, @versionId)
       ON CONFLICT (id) DO UPDATE SET value = excluded.value, unit = excluded.unit, source = excluded.source, created_at = excluded.created_at,
         created_by = excluded.created_by, updated_at = excluded.updated_at, updated_by = excluded.updated_by, version = excluded.version, version_id = excluded.version_id`,
    ).run({
      ...this.stateOf(current),
      createdAt,
      createdBy,
      id,
      updatedAt: current.changed_at,
      updatedBy: current.changed_by,
      version: current.version,
      versionId: current.id,
    })
  }

  protected stateOf(row: FigureVersionRow): FigureState {
    return {halteplaats: row.halteplaats, indicator: row.indicator, source: row.source, unit: row.unit, value: row.value, year: row.year}
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

export class PlanQueries extends VersionedQueries<PlanItemState, PlanVersionRow> {
  constructor(db: Database.Database) {
    super(db, PLAN_VERSIONS, 'plan_items')
  }

  conversation(halteplaats: string, group: string): PlanItem | undefined {
    const row = this.prepare('SELECT * FROM plan_items WHERE halteplaats = ? AND group_id = ?').get(halteplaats, group) as PlanRow | undefined
    return row && toPlanItem(row)
  }

  get(id: string): PlanItem | undefined {
    const row = this.prepare('SELECT * FROM plan_items WHERE id = ?').get(id) as PlanRow | undefined
    return row && toPlanItem(row)
  }

  insert(item: PlanItemState, by?: string): PlanItem {
    const now = nowIso()
    const id = item.group ? conversationId(item.halteplaats, item.group) : newId()
    this.prepare(
      `INSERT INTO plan_items (id, halteplaats, group_id, activity, planned_date, state, created_at, updated_at, updated_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(id, item.halteplaats, item.group, item.activity, item.date, item.state, now, now, by ?? null)
    const state = planState(item)
    this.log.write(id, 'nieuw', state, {by, now, parents: [], version: 1, versionId: planVersionId(id, [], 'nieuw', state)})
    return this.get(id)!
  }

  list(): PlanItem[] {
    const rows = this.prepare('SELECT * FROM plan_items ORDER BY halteplaats, planned_date, id').all() as PlanRow[]
    return rows.map(toPlanItem)
  }

  observations(halteplaats: string, activity: string): PlanItem[] {
    const rows = this.prepare('SELECT * FROM plan_items WHERE halteplaats = ? AND activity = ? ORDER BY planned_date, id').all(halteplaats, activity) as PlanRow[]
    return rows.map(toPlanItem)
  }

  /** A new date or state: a new version, made from the one the row shows. */
  update(existing: PlanItem, change: PlanChange, by?: string): PlanItem {
    const now = nowIso()
    const parents = [this.log.shown(existing.id)].filter((p): p is string => p !== null)
    const state = planState({...existing, date: change.date, state: change.state})
    this.prepare('UPDATE plan_items SET planned_date = ?, state = ?, updated_at = ?, updated_by = ?, version = version + 1 WHERE id = ?').run(
      change.date,
      change.state,
      now,
      by ?? null,
      existing.id,
    )
    this.log.write(existing.id, 'bewerkt', state, {by, now, parents, version: existing.version + 1, versionId: planVersionId(existing.id, parents, 'bewerkt', state)})
    return this.get(existing.id)!
  }

  protected recordOf(row: PlanVersionRow): string {
    return row.item_id
  }

  protected showRow(id: string, current: PlanVersionRow, createdAt: string): void {
    this.prepare(
      `INSERT INTO plan_items (id, halteplaats, group_id, activity, planned_date, state, created_at, updated_at, updated_by, version, version_id)
       VALUES (@id, @halteplaats, @group, @activity, @date, @state, @createdAt, @updatedAt, @updatedBy, @version, @versionId)
       ON CONFLICT (id) DO UPDATE SET planned_date = excluded.planned_date, state = excluded.state, created_at = excluded.created_at,
         updated_at = excluded.updated_at, updated_by = excluded.updated_by, version = excluded.version, version_id = excluded.version_id`,
    ).run({...this.stateOf(current), createdAt, id, updatedAt: current.changed_at, updatedBy: current.changed_by, version: current.version, versionId: current.id})
  }

  protected stateOf(row: PlanVersionRow): PlanItemState {
    return {activity: row.activity, date: row.planned_date, group: row.group_id, halteplaats: row.halteplaats, state: row.state}
  }
}

const planState = (item: PlanItemState): PlanItemState => ({activity: item.activity, date: item.date, group: item.group, halteplaats: item.halteplaats, state: item.state})

import type Database from 'better-sqlite3'

import type {Advice, AdviceFields, AdviceFilter, EvidenceRef, FigureRef, Finding, FindingFields, FindingFilter, MaterialKind, MaterialVersion, Reflection, ReflectionFields, ReflectionFilter, Verdict} from '../model/material.js'
import type {PersonalDataOverride, RecordMeta, VersionChange} from '../model/record.js'
import {newId, nowIso} from './ids.js'
import {Queries} from './statements.js'
import {parentsOf, RecordVersions, type VersionRow, type VersionTable} from './versions.js'

export interface MaterialWriteMeta {
  by?: null | string
  personalData?: null | PersonalDataOverride
  source?: null | string
}

interface MetaRow {
  created_at: string
  created_by: null | string
  deleted_at: null | string
  id: string
  personal_data: null | string
  source: null | string
  updated_at: string
  updated_by: null | string
  version: number
}

const toMeta = (row: MetaRow): RecordMeta => ({
  createdAt: row.created_at,
  createdBy: row.created_by,
  deletedAt: row.deleted_at,
  id: row.id,
  personalData: row.personal_data ? (JSON.parse(row.personal_data) as PersonalDataOverride) : null,
  source: row.source,
  updatedAt: row.updated_at,
  updatedBy: row.updated_by,
  version: row.version,
})

/** JSON with the keys of every object sorted: the same record gives the same text on every laptop. */
export function canonicalJson(value: unknown): string {
  const canonical = (item: unknown): unknown =>
    Array.isArray(item)
      ? item.map(canonical)
      : item && typeof item === 'object'
        ? Object.fromEntries(Object.keys(item).sort().map((key) => [key, canonical((item as Record<string, unknown>)[key])]))
        : item
  return JSON.stringify(canonical(value))
}

export interface MaterialVersionRow extends VersionRow {
  data: string
  kind: MaterialKind
  record_id: string
}

/**
 * material_versions: the whole record as canonical JSON, links included. The import key is left
 * out: it is local to this laptop.
 */
export const MATERIAL_VERSIONS: VersionTable<RecordMeta> = {
  columns: (state) => ({data: canonicalJson({...state, source: null})}),
  kinds: true,
  record: 'record_id',
  stateColumns: ['data'],
  table: 'material_versions',
}

/** The fields every table row of the material has besides its own, from a whole record. */
function metaColumns(state: RecordMeta) {
  return {
    by: state.updatedBy,
    createdAt: state.createdAt,
    createdBy: state.createdBy,
    deletedAt: state.deletedAt,
    id: state.id,
    personalData: json(state.personalData),
    updatedAt: state.updatedAt,
    version: state.version,
  }
}

const META_INSERT = 'personal_data, version, created_at, created_by, updated_at, updated_by, deleted_at'
const META_VALUES = '@personalData, @version, @createdAt, @createdBy, @updatedAt, @by, @deletedAt'
const META_UPDATE = `personal_data = excluded.personal_data, version = excluded.version, created_at = excluded.created_at,
  created_by = excluded.created_by, updated_at = excluded.updated_at, updated_by = excluded.updated_by, deleted_at = excluded.deleted_at`

/**
 * What the three kinds share: short ids, the trash and the version rows. Every write ends with the
 * record's whole new state as a row in material_versions, with its own id, this laptop's device id
 * and the version it was made from (the row's version_id), so versions from several laptops can
 * meet in a merge (src/store/exchange.ts).
 */
export abstract class MaterialQueries<T extends RecordMeta> extends Queries {
  private readonly log: RecordVersions<T, MaterialVersionRow>

  constructor(
    db: Database.Database,
    private readonly table: string,
    readonly kind: MaterialKind,
  ) {
    super(db)
    this.log = new RecordVersions<T, MaterialVersionRow>(db, MATERIAL_VERSIONS, {kind, rows: table})
  }

  abstract get(id: string): T | undefined

  bySource(source: string): T | undefined {
    const row = this.prepare(`SELECT id FROM ${this.table} WHERE source = ?`).get(source) as undefined | {id: string}
    return row && this.get(row.id)
  }

  /** Ids that start or end with a short form a user typed. */
  matchIds(short: string): string[] {
    return this.prepare(`SELECT id FROM ${this.table} WHERE id = @s OR id LIKE @s || '%' OR id LIKE '%' || @s LIMIT 5`).pluck().all({s: short.toLowerCase()}) as string[]
  }

  /** Moves a record to the trash or back; both are versions. */
  setDeleted(record: T, deleted: boolean, by?: null | string): T {
    return this.log.setDeleted(record.id, deleted, by, () => this.get(record.id)!)
  }

  /**
   * Makes the row (and its links) show a state that came from the versions: a merge's current
   * head, or a conflict's resolution. `source` stays as it is: it is where this laptop imported
   * the record from, and does not travel.
   */
  showState(state: T, versionId: string): void {
    this.writeState(state)
    this.log.showVersion(state.id, versionId)
  }

  /**
   * Derives the row and links from the record's versions (after a merge), by the rule for notes:
   * the current head's state, in the trash when that head is a removal, created by the first version.
   */
  refresh(id: string): void {
    const derived = this.log.derive(id)
    if (!derived) return
    const {createdAt, createdBy, current, deletedAt} = derived
    const data = this.fromVersion(JSON.parse(current.data) as T)
    this.showState({...data, createdAt, createdBy, deletedAt, id, updatedAt: current.changed_at, updatedBy: current.changed_by, version: current.version}, current.id)
  }

  /**
   * A version that settles a conflict: made from all the heads at once, so it is the only head
   * left, here and on every laptop that takes it in. `from` is the head whose state it continues.
   */
  resolve(state: T, from: string, heads: string[], meta: {by: null | string; deleted: boolean}): T {
    return this.log.resolve(state.id, from, heads, meta, ({deletedAt, now, version, versionId}) => {
      this.showState({...state, deletedAt, updatedAt: now, updatedBy: meta.by, version}, versionId)
      return this.get(state.id)!
    })
  }

  /** Every version, in the order of the merge rule: number, then time, laptop and id (siblings from two laptops share a number). */
  versions(id: string): Array<MaterialVersion<T>> {
    return this.log.history(id).map((row) => ({
      change: row.change,
      changedAt: row.changed_at,
      changedBy: row.changed_by,
      data: this.fromVersion(JSON.parse(row.data) as T),
      device: row.device,
      id: row.id,
      parents: parentsOf(row),
      recordId: row.record_id,
      version: row.version,
    }))
  }

  /** Stores the record's state, as the row shows it now, as a version made from the one the row showed. */
  protected recordVersion(id: string, change: VersionChange, by: null | string | undefined, now: string): T {
    const record = this.get(id)!
    this.log.write(id, change, record, {by, now, version: record.version})
    return record
  }

  /** Inserts the meta columns of a new record; the caller adds its own columns and links. */
  protected stamp(meta: MaterialWriteMeta, now: string) {
    return {by: meta.by ?? null, now, personalData: json(meta.personalData), source: meta.source ?? null}
  }

  /** Writes the row and links of a whole state, leaving source alone. */
  protected abstract writeState(state: T): void

  /** A stored version as the record's type now has it: a field added later gets its empty value. */
  protected fromVersion(data: T): T {
    return data
  }
}

interface FindingRow extends MetaRow {
  halteplaatsen: string
  narratives: string
  text: string
  themes: string
  title: string
}

export class FindingQueries extends MaterialQueries<Finding> {
  constructor(db: Database.Database) {
    super(db, 'findings', 'finding')
  }

  /** How many findings (not in the trash) have no evidence: the drafts. */
  countDrafts(): {drafts: number; total: number} {
    return this.prepare(
      `SELECT count(*) AS total, coalesce(sum(NOT EXISTS (SELECT 1 FROM finding_evidence e WHERE e.finding_id = f.id)), 0) AS drafts
       FROM findings f WHERE f.deleted_at IS NULL`,
    ).get() as {drafts: number; total: number}
  }

  get(id: string): Finding | undefined {
    const row = this.prepare('SELECT * FROM findings WHERE id = ?').get(id) as FindingRow | undefined
    return row && this.toFinding(row)
  }

  insert(fields: FindingFields, meta: MaterialWriteMeta = {}): Finding {
    const id = newId()
    const now = nowIso()
    this.prepare(
      `INSERT INTO findings (id, title, text, themes, narratives, halteplaatsen, personal_data, source, version, created_at, created_by, updated_at, updated_by)
       VALUES (@id, @title, @text, @themes, @narratives, @halteplaatsen, @personalData, @source, 1, @now, @by, @now, @by)`,
    ).run({...this.columns(fields), ...this.stamp(meta, now), id})
    this.writeEvidence(id, fields.evidence)
    this.writeFigures(id, fields.figures)
    return this.recordVersion(id, 'nieuw', meta.by, now)
  }

  /** Findings matching a filter, in the order they were made (UUIDv7 ids sort by time). */
  list(filter: FindingFilter = {}): Finding[] {
    const rows = this.prepare(
      `SELECT f.* FROM findings f
       WHERE (CASE WHEN @deleted THEN f.deleted_at IS NOT NULL ELSE f.deleted_at IS NULL END)
         AND (@halteplaats IS NULL OR EXISTS (SELECT 1 FROM json_each(f.halteplaatsen) WHERE value = @halteplaats))
         AND (@theme IS NULL OR EXISTS (SELECT 1 FROM json_each(f.themes) WHERE value = @theme))
         AND (@narrative IS NULL OR EXISTS (SELECT 1 FROM json_each(f.narratives) WHERE value = @narrative))
         AND (@draft IS NULL OR @draft = NOT EXISTS (SELECT 1 FROM finding_evidence e WHERE e.finding_id = f.id))
       ORDER BY f.id`,
    ).all({
      deleted: filter.deleted ? 1 : 0,
      draft: filter.draft === undefined ? null : filter.draft ? 1 : 0,
      halteplaats: filter.halteplaats ?? null,
      narrative: filter.narrative ?? null,
      theme: filter.theme ?? null,
    }) as FindingRow[]
    return rows.map((row) => this.toFinding(row))
  }

  update(finding: Finding, fields: FindingFields, meta: MaterialWriteMeta = {}): Finding {
    const now = nowIso()
    this.prepare(
      `UPDATE findings SET title = @title, text = @text, themes = @themes, narratives = @narratives, halteplaatsen = @halteplaatsen,
         personal_data = @personalData, version = version + 1, updated_at = @now, updated_by = @by WHERE id = @id`,
    ).run({...this.columns(fields), ...this.stamp(meta, now), id: finding.id})
    this.prepare('DELETE FROM finding_evidence WHERE finding_id = ?').run(finding.id)
    this.writeEvidence(finding.id, fields.evidence)
    this.writeFigures(finding.id, fields.figures)
    return this.recordVersion(finding.id, 'bewerkt', meta.by, now)
  }

  protected writeState(state: Finding): void {
    this.prepare(
      `INSERT INTO findings (id, title, text, themes, narratives, halteplaatsen, ${META_INSERT})
       VALUES (@id, @title, @text, @themes, @narratives, @halteplaatsen, ${META_VALUES})
       ON CONFLICT (id) DO UPDATE SET title = excluded.title, text = excluded.text, themes = excluded.themes, narratives = excluded.narratives,
         halteplaatsen = excluded.halteplaatsen, ${META_UPDATE}`,
    ).run({...this.columns(state), ...metaColumns(state)})
    this.prepare('DELETE FROM finding_evidence WHERE finding_id = ?').run(state.id)
    this.writeEvidence(state.id, state.evidence)
    // Versions made before migration 009 have no figures.
    this.writeFigures(state.id, state.figures)
  }

  /** How many findings (not in the trash) cite no context figure, and how many there are. */
  countWithoutFigures(): {total: number; without: number} {
    return this.prepare(
      `SELECT count(*) AS total, coalesce(sum(NOT EXISTS (SELECT 1 FROM finding_figures c WHERE c.finding_id = f.id)), 0) AS without
       FROM findings f WHERE f.deleted_at IS NULL`,
    ).get() as {total: number; without: number}
  }

  private writeFigures(id: string, figures: FigureRef[] | undefined): void {
    this.prepare('DELETE FROM finding_figures WHERE finding_id = ?').run(id)
    for (const [position, f] of (figures ?? []).entries()) {
      this.prepare('INSERT INTO finding_figures (finding_id, position, figure_id, verdict) VALUES (?, ?, ?, ?)').run(id, position, f.figureId, f.verdict)
    }
  }

  private columns(fields: FindingFields) {
    return {
      halteplaatsen: JSON.stringify(fields.halteplaatsen),
      narratives: JSON.stringify(fields.narratives),
      text: fields.text,
      themes: JSON.stringify(fields.themes),
      title: fields.title,
    }
  }

  private toFinding(row: FindingRow): Finding {
    const evidence = (
      this.prepare('SELECT note_id, tag_id, start_pos, end_pos, quote FROM finding_evidence WHERE finding_id = ? ORDER BY position').all(row.id) as Array<{
        end_pos: null | number
        note_id: string
        quote: null | string
        start_pos: null | number
        tag_id: null | string
      }>
    ).map((e): EvidenceRef => ({end: e.end_pos, noteId: e.note_id, quote: e.quote, start: e.start_pos, tagId: e.tag_id}))
    const figures = (
      this.prepare('SELECT figure_id, verdict FROM finding_figures WHERE finding_id = ? ORDER BY position').all(row.id) as Array<{figure_id: string; verdict: FigureRef['verdict']}>
    ).map((f): FigureRef => ({figureId: f.figure_id, verdict: f.verdict}))
    return {
      ...toMeta(row),
      evidence,
      figures,
      halteplaatsen: JSON.parse(row.halteplaatsen) as string[],
      narratives: JSON.parse(row.narratives) as string[],
      text: row.text,
      themes: JSON.parse(row.themes) as string[],
      title: row.title,
    }
  }

  private writeEvidence(id: string, evidence: EvidenceRef[]): void {
    for (const [position, e] of evidence.entries()) {
      this.prepare('INSERT INTO finding_evidence (finding_id, position, note_id, tag_id, start_pos, end_pos, quote) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
        id,
        position,
        e.noteId,
        e.tagId,
        e.start,
        e.end,
        e.quote,
      )
    }
  }

  /** Title and text of every finding not in the trash, in the order they were made: to find one that a new finding repeats. */
  titlesAndTexts(): Array<{id: string; text: string; title: string}> {
    return this.prepare('SELECT id, title, text FROM findings WHERE deleted_at IS NULL ORDER BY id').all() as Array<{id: string; text: string; title: string}>
  }

  /** What a list to pick findings from shows (not in the trash), in the order they were made; no texts, no evidence. */
  pickerRows(titleLength = 80): Array<{id: string; title: string}> {
    return this.prepare('SELECT id, substr(title, 1, ?) AS title FROM findings WHERE deleted_at IS NULL ORDER BY id').all(titleLength) as Array<{id: string; title: string}>
  }
}

interface ReflectionRow extends MetaRow {
  added: string
  confirmed: string
  date: string
  halteplaats: string
  nuanced: string
  participants: string
}

export class ReflectionQueries extends MaterialQueries<Reflection> {
  constructor(db: Database.Database) {
    super(db, 'reflections', 'reflection')
  }

  get(id: string): Reflection | undefined {
    const row = this.prepare('SELECT * FROM reflections WHERE id = ?').get(id) as ReflectionRow | undefined
    return row && this.toReflection(row)
  }

  insert(fields: ReflectionFields, meta: MaterialWriteMeta = {}): Reflection {
    const id = newId()
    const now = nowIso()
    this.prepare(
      `INSERT INTO reflections (id, halteplaats, date, participants, confirmed, nuanced, added, personal_data, source, version, created_at, created_by, updated_at, updated_by)
       VALUES (@id, @halteplaats, @date, @participants, @confirmed, @nuanced, @added, @personalData, @source, 1, @now, @by, @now, @by)`,
    ).run({...this.columns(fields), ...this.stamp(meta, now), id})
    this.writeLinks(id, fields)
    return this.recordVersion(id, 'nieuw', meta.by, now)
  }

  /** Reflection meetings, per halteplaats by date. */
  list(filter: ReflectionFilter = {}): Reflection[] {
    const rows = this.prepare(
      `SELECT * FROM reflections WHERE (CASE WHEN @deleted THEN deleted_at IS NOT NULL ELSE deleted_at IS NULL END)
         AND (@halteplaats IS NULL OR halteplaats = @halteplaats) ORDER BY date, halteplaats, id`,
    ).all({deleted: filter.deleted ? 1 : 0, halteplaats: filter.halteplaats ?? null}) as ReflectionRow[]
    return rows.map((row) => this.toReflection(row))
  }

  update(reflection: Reflection, fields: ReflectionFields, meta: MaterialWriteMeta = {}): Reflection {
    const now = nowIso()
    this.prepare(
      `UPDATE reflections SET halteplaats = @halteplaats, date = @date, participants = @participants, confirmed = @confirmed, nuanced = @nuanced,
         added = @added, personal_data = @personalData, version = version + 1, updated_at = @now, updated_by = @by WHERE id = @id`,
    ).run({...this.columns(fields), ...this.stamp(meta, now), id: reflection.id})
    this.prepare('DELETE FROM reflection_findings WHERE reflection_id = ?').run(reflection.id)
    this.writeLinks(reflection.id, fields)
    return this.recordVersion(reflection.id, 'bewerkt', meta.by, now)
  }

  protected writeState(state: Reflection): void {
    this.prepare(
      `INSERT INTO reflections (id, halteplaats, date, participants, confirmed, nuanced, added, ${META_INSERT})
       VALUES (@id, @halteplaats, @date, @participants, @confirmed, @nuanced, @added, ${META_VALUES})
       ON CONFLICT (id) DO UPDATE SET halteplaats = excluded.halteplaats, date = excluded.date, participants = excluded.participants,
         confirmed = excluded.confirmed, nuanced = excluded.nuanced, added = excluded.added, ${META_UPDATE}`,
    ).run({...this.columns(state), ...metaColumns(state)})
    this.prepare('DELETE FROM reflection_findings WHERE reflection_id = ?').run(state.id)
    this.writeLinks(state.id, state)
  }

  private columns(fields: ReflectionFields) {
    return {
      added: fields.added.text,
      confirmed: fields.confirmed.text,
      date: fields.date,
      halteplaats: fields.halteplaats,
      nuanced: fields.nuanced.text,
      participants: JSON.stringify(fields.participants),
    }
  }

  private toReflection(row: ReflectionRow): Reflection {
    // rowid keeps the order in which the links were given.
    const links = this.prepare('SELECT finding_id, verdict FROM reflection_findings WHERE reflection_id = ? ORDER BY rowid').all(row.id) as Array<{finding_id: string; verdict: Verdict}>
    const findings = (verdict: Verdict) => links.filter((l) => l.verdict === verdict).map((l) => l.finding_id)
    return {
      ...toMeta(row),
      added: {findings: findings('added'), text: row.added},
      confirmed: {findings: findings('confirmed'), text: row.confirmed},
      date: row.date,
      halteplaats: row.halteplaats,
      nuanced: {findings: findings('nuanced'), text: row.nuanced},
      participants: JSON.parse(row.participants) as Reflection['participants'],
    }
  }

  private writeLinks(id: string, fields: ReflectionFields): void {
    for (const verdict of ['confirmed', 'nuanced', 'added'] as const) {
      for (const finding of fields[verdict].findings) {
        this.prepare('INSERT OR IGNORE INTO reflection_findings (reflection_id, finding_id, verdict) VALUES (?, ?, ?)').run(id, finding, verdict)
      }
    }
  }
}

interface AdviceRow extends MetaRow {
  audience: string
  frame: null | string
  text: string
  title: string
}

export class AdviceQueries extends MaterialQueries<Advice> {
  constructor(db: Database.Database) {
    super(db, 'advice', 'advice')
  }

  get(id: string): Advice | undefined {
    const row = this.prepare('SELECT * FROM advice WHERE id = ?').get(id) as AdviceRow | undefined
    return row && this.toAdvice(row)
  }

  insert(fields: AdviceFields, meta: MaterialWriteMeta = {}): Advice {
    const id = newId()
    const now = nowIso()
    this.prepare(
      `INSERT INTO advice (id, audience, title, text, frame, personal_data, source, version, created_at, created_by, updated_at, updated_by)
       VALUES (@id, @audience, @title, @text, @frame, @personalData, @source, 1, @now, @by, @now, @by)`,
    ).run({...this.columns(fields), ...this.stamp(meta, now), id})
    this.writeLinks(id, fields)
    return this.recordVersion(id, 'nieuw', meta.by, now)
  }

  /** Advice in the order it was made, optionally for one audience or answering one finding. */
  list(filter: AdviceFilter = {}): Advice[] {
    const rows = this.prepare(
      `SELECT a.* FROM advice a WHERE (CASE WHEN @deleted THEN a.deleted_at IS NOT NULL ELSE a.deleted_at IS NULL END)
         AND (@audience IS NULL OR a.audience = @audience)
         AND (@finding IS NULL OR EXISTS (SELECT 1 FROM advice_findings l WHERE l.advice_id = a.id AND l.finding_id = @finding))
       ORDER BY a.id`,
    ).all({audience: filter.audience ?? null, deleted: filter.deleted ? 1 : 0, finding: filter.finding ?? null}) as AdviceRow[]
    return rows.map((row) => this.toAdvice(row))
  }

  update(advice: Advice, fields: AdviceFields, meta: MaterialWriteMeta = {}): Advice {
    const now = nowIso()
    this.prepare(
      `UPDATE advice SET audience = @audience, title = @title, text = @text, frame = @frame, personal_data = @personalData,
         version = version + 1, updated_at = @now, updated_by = @by WHERE id = @id`,
    ).run({...this.columns(fields), ...this.stamp(meta, now), id: advice.id})
    this.writeLinks(advice.id, fields)
    return this.recordVersion(advice.id, 'bewerkt', meta.by, now)
  }

  protected writeState(state: Advice): void {
    this.prepare(
      `INSERT INTO advice (id, audience, title, text, frame, ${META_INSERT})
       VALUES (@id, @audience, @title, @text, @frame, ${META_VALUES})
       ON CONFLICT (id) DO UPDATE SET audience = excluded.audience, title = excluded.title, text = excluded.text, frame = excluded.frame, ${META_UPDATE}`,
    ).run({...this.columns(state), ...metaColumns(state)})
    this.writeLinks(state.id, state)
  }

  /** A version made before advice could cite examples (migration 010), here or in a bundle, has none. */
  protected override fromVersion(data: Advice): Advice {
    return data.examples ? data : {...data, examples: []}
  }

  private columns(fields: AdviceFields) {
    return {audience: fields.audience, frame: fields.frame, text: fields.text, title: fields.title}
  }

  private toAdvice(row: AdviceRow): Advice {
    const findings = this.prepare('SELECT finding_id FROM advice_findings WHERE advice_id = ? ORDER BY position').pluck().all(row.id) as string[]
    const examples = this.prepare('SELECT example_id FROM advice_examples WHERE advice_id = ? ORDER BY position').pluck().all(row.id) as string[]
    return {...toMeta(row), audience: row.audience, examples, findings, frame: row.frame, text: row.text, title: row.title}
  }

  /** Replaces the advice's links to findings and examples with those of `fields`. */
  private writeLinks(id: string, fields: Pick<AdviceFields, 'examples' | 'findings'>): void {
    this.prepare('DELETE FROM advice_findings WHERE advice_id = ?').run(id)
    this.prepare('DELETE FROM advice_examples WHERE advice_id = ?').run(id)
    for (const [position, finding] of fields.findings.entries()) {
      this.prepare('INSERT INTO advice_findings (advice_id, position, finding_id) VALUES (?, ?, ?)').run(id, position, finding)
    }

    for (const [position, example] of fields.examples.entries()) {
      this.prepare('INSERT INTO advice_examples (advice_id, position, example_id) VALUES (?, ?, ?)').run(id, position, example)
    }
  }
}

function json(value: unknown): null | string {
  return value === undefined || value === null ? null : JSON.stringify(value)
}

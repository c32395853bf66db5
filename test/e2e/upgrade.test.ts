import Database from 'better-sqlite3'
import {cpSync, readFileSync, rmSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'

import {bundledMigrations, migrate} from '../../src/store/migrate.js'
import {json, karavaan, makeStudy, ROOT} from '../helpers/cli.js'

const MIGRATIONS = join(ROOT, 'src', 'store', 'migrations')

describe('a study made by an older kit', () => {
  it('is brought up to date on the first command, which says so first, and only once', () => {
    const study = makeStudy()
    const file = join(study, 'karavaan.db')
    rmSync(file)
    for (const suffix of ['-wal', '-shm']) rmSync(`${file}${suffix}`, {force: true})
    const db = new Database(file)
    migrate(db, file, bundledMigrations(MIGRATIONS).filter((m) => m.version <= 3))
    db.close()

    const first = karavaan(['status', '--study', study])
    expect(first.code, first.stderr).toBe(0)
    expect(first.stderr).toContain('Let op: de database van deze studie wordt bijgewerkt')
    const version = new Database(file, {readonly: true})
    expect(version.pragma('user_version', {simple: true})).toBe(bundledMigrations(MIGRATIONS).length)
    version.close()

    const second = karavaan(['status', '--study', study])
    expect(second.code).toBe(0)
    expect(second.stderr).not.toContain('bijgewerkt')
  })
})

describe('a study from before migration 009 (context figures and the plan without version ids)', () => {
  /** A study whose database stops at 008, with figures and a plan written as the kit before 009 wrote them. */
  function oldStudy(figureId: string, device: string, sameStudyAs?: string): {file: string; study: string} {
    const study = makeStudy()
    if (sameStudyAs) cpSync(join(sameStudyAs, 'study.yaml'), join(study, 'study.yaml'))
    const studyId = /^id: *"?([^"\n]+)"?$/m.exec(readFileSync(join(study, 'study.yaml'), 'utf8'))![1]
    const file = join(study, 'karavaan.db')
    rmSync(file)
    for (const suffix of ['-wal', '-shm']) rmSync(`${file}${suffix}`, {force: true})
    const db = new Database(file)
    migrate(db, file, bundledMigrations(MIGRATIONS).filter((m) => m.version <= 8))
    db.exec(`
      INSERT INTO meta (key, value) VALUES ('study_id', '${studyId}'), ('device_id', '${device}'), ('created_at', '2026-01-01T00:00:00.000Z');
      -- A figure updated once: the replaced state in the versions table, the current one in the row.
      INSERT INTO context_figures (id, halteplaats, indicator, value, unit, source, year, created_at, created_by, updated_at, version)
        VALUES ('${figureId}', 'dorp', 'Aandeel 65-plussers', 22.1, '%', 'CBS', 2024, '2026-01-05T10:00:00.000Z', 'anna', '2026-02-01T10:00:00.000Z', 2);
      INSERT INTO context_figure_versions (figure_id, version, value, unit, source, replaced_at)
        VALUES ('${figureId}', 1, 21.4, '%', 'CBS', '2026-02-01T10:00:00.000Z');
      -- A conversation held after it was planned, and an observation.
      INSERT INTO plan_items (id, halteplaats, group_id, activity, planned_date, state, created_at, updated_at, updated_by, version)
        VALUES ('old-conversation-${device}', 'dorp', 'ouderen', NULL, '2026-03-01', 'gehouden', '2026-01-06T10:00:00.000Z', '2026-03-01T18:00:00.000Z', 'bram', 2);
      INSERT INTO plan_item_versions (item_id, version, planned_date, state, replaced_at, replaced_by)
        VALUES ('old-conversation-${device}', 1, '2026-03-01', 'gepland', '2026-03-01T18:00:00.000Z', 'bram');
      INSERT INTO plan_items (id, halteplaats, group_id, activity, planned_date, state, created_at, updated_at, updated_by, version)
        VALUES ('old-walk', 'dorp', NULL, 'wijkwandeling', '2026-03-02', 'gepland', '2026-01-06T10:00:00.000Z', '2026-01-06T10:00:00.000Z', NULL, 1);
    `)
    db.close()
    return {file, study}
  }

  it('keeps every figure, plan item and earlier state as versions with ids, and a new edit continues the current one', async () => {
    const {file, study} = oldStudy('random-id-1', 'laptop-a')
    const upgraded = karavaan(['context', 'list', '--json', '--study', study])
    expect(upgraded.code, upgraded.stderr).toBe(0)
    const {figureId, figureVersionId, conversationId, planVersionId} = await import('../../src/store/fieldwork.js')
    const id = figureId('dorp', 'Aandeel 65-plussers', 2024)
    expect(JSON.parse(upgraded.stdout)).toEqual([expect.objectContaining({id, value: 22.1, version: 2})])

    const state = (value: number) => ({halteplaats: 'dorp', indicator: 'Aandeel 65-plussers', source: 'CBS', unit: '%', value, year: 2024})
    const v1 = figureVersionId(id, [], 'nieuw', state(21.4))
    const v2 = figureVersionId(id, [v1], 'bewerkt', state(22.1))
    const db = new Database(file, {fileMustExist: true})
    try {
      const versions = db.prepare('SELECT id, version, parent_id, device, change, value, changed_at, changed_by FROM context_figure_versions WHERE figure_id = ? ORDER BY version').all(id) as Array<Record<string, unknown>>
      // The same ids the kit computes for new versions: a laptop that migrated and one that typed the figure anew agree.
      expect(versions).toEqual([
        {change: 'nieuw', changed_at: '2026-01-05T10:00:00.000Z', changed_by: 'anna', device: 'laptop-a', id: v1, parent_id: null, value: 21.4, version: 1},
        {change: 'bewerkt', changed_at: '2026-02-01T10:00:00.000Z', changed_by: null, device: 'laptop-a', id: v2, parent_id: v1, value: 22.1, version: 2},
      ])
      expect(db.prepare('SELECT version_id FROM context_figures WHERE id = ?').pluck().get(id)).toBe(v2)

      const conversation = conversationId('dorp', 'ouderen')
      const plan = db.prepare('SELECT id, item_id, version, parent_id, state, changed_at, changed_by FROM plan_item_versions ORDER BY item_id, version').all() as Array<Record<string, unknown>>
      const p1 = planVersionId(conversation, [], 'nieuw', {activity: null, date: '2026-03-01', group: 'ouderen', halteplaats: 'dorp', state: 'gepland'})
      expect(plan).toEqual([
        {changed_at: '2026-01-06T10:00:00.000Z', changed_by: null, id: p1, item_id: conversation, parent_id: null, state: 'gepland', version: 1},
        {changed_at: '2026-03-01T18:00:00.000Z', changed_by: 'bram', id: expect.any(String), item_id: conversation, parent_id: p1, state: 'gehouden', version: 2},
        {changed_at: '2026-01-06T10:00:00.000Z', changed_by: null, id: expect.any(String), item_id: 'old-walk', parent_id: null, state: 'gepland', version: 1},
      ])
      expect(db.prepare('SELECT count(*) FROM plan_items WHERE version_id IS NULL').pluck().get()).toBe(0)
    } finally {
      db.close()
    }

    // A new value continues the current version; a finding can cite the migrated figure.
    expect(karavaan(['context', 'add', '--halteplaats', 'dorp', '--indicator', 'Aandeel 65-plussers', '--value', '23', '--unit', '%', '--source', 'CBS', '--year', '2024', '--study', study]).code).toBe(0)
    expect(karavaan(['finding', 'add', '--title', 'Het dorp vergrijst', '--context', `${id}:bevestigt`, '--study', study]).code).toBe(0)
    const after = new Database(file, {readonly: true})
    try {
      expect(after.prepare('SELECT version, parent_id FROM context_figure_versions WHERE figure_id = ? ORDER BY version DESC LIMIT 1').get(id)).toEqual({parent_id: v2, version: 3})
      expect(after.prepare('SELECT count(*) FROM finding_figures').pluck().get()).toBe(1)
    } finally {
      after.close()
    }

    const plan = json<Array<{group: null | string; id: null | string; state: string}>>(karavaan(['plan', '--json', '--study', study]))
    expect(plan.find((r) => r.group === 'ouderen' && r.id !== null)).toMatchObject({state: 'gehouden'})
  })

  it('makes the same figure imported on two laptops before 009 one record after it, so a merge brings no conflict', () => {
    // Two laptops of one study, each with the figure typed on its own under a random id.
    const a = oldStudy('random-id-a', 'laptop-a')
    const b = oldStudy('random-id-b', 'laptop-b', a.study)
    const bundle = join(a.study, '..', 'a.karavaan')
    expect(karavaan(['export', '--format', 'bundle', '--out', bundle, '--study', a.study]).code).toBe(0)
    const merged = karavaan(['merge', bundle, '--study', b.study])
    expect(merged.code, merged.stderr).toBe(0)
    expect(json<unknown[]>(karavaan(['conflicts', '--json', '--study', b.study]))).toEqual([])
    expect(json<Array<{value: number}>>(karavaan(['context', 'list', '--json', '--study', b.study]))).toEqual([expect.objectContaining({value: 22.1, version: 2})])
  })
})

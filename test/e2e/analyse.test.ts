import {cpSync, mkdirSync, readdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {parse} from 'yaml'

import {EXAMPLE, expectRefusal, json, karavaan, tempDir} from '../helpers/cli.js'

interface Matrix {
  columns: Array<{id: string}>
  rows: Array<{cells: Record<string, {count: number; share: number}>; id: string; notes: number}>
  total: {cells: Record<string, {count: number}>; notes: number}
}

/** What the example notes' own front matter says, counted independently of the kit. */
function expectedCounts(by: 'group' | 'halteplaats'): Map<string, Map<string, number>> {
  const counts = new Map<string, Map<string, number>>()
  for (const area of readdirSync(join(EXAMPLE, 'inbox'))) {
    for (const file of readdirSync(join(EXAMPLE, 'inbox', area))) {
      const front = parse(readFileSync(join(EXAMPLE, 'inbox', area, file), 'utf8').split('---')[1]) as Record<string, string | string[]>
      const key = front[by] as string | undefined
      if (!key) continue
      const row = counts.get(key) ?? new Map<string, number>()
      for (const narrative of front.narratives as string[]) row.set(narrative, (row.get(narrative) ?? 0) + 1)
      counts.set(key, row)
    }
  }

  return counts
}

describe('karavaan analyse matrix', () => {
  let study: string
  beforeAll(() => {
    study = join(tempDir(), 'voorbeeld')
    mkdirSync(study)
    cpSync(join(EXAMPLE, 'study.yaml'), join(study, 'study.yaml'))
    cpSync(join(EXAMPLE, 'inbox'), join(study, 'inbox'), {recursive: true})
    expect(karavaan(['import', '--study', study]).code).toBe(0)
  })

  for (const by of ['halteplaats', 'group'] as const) {
    it(`counts the narratives per ${by} as the notes say them`, () => {
      const matrix = json<Matrix>(karavaan(['analyse', 'matrix', '--rows', by, '--cols', 'narrative', '--study', study, '--json']))
      const expected = expectedCounts(by)
      expect(matrix.columns.map((c) => c.id)).toEqual(['onzichtbare-overheid', 'onzichtbare-burger', 'ongelijke-behandeling', 'ongehoorde-burger', 'ervaren-incompetentie'])
      for (const row of matrix.rows) {
        for (const column of matrix.columns) {
          expect(row.cells[column.id].count, `${row.id} × ${column.id}`).toBe(expected.get(row.id)?.get(column.id) ?? 0)
          expect(row.cells[column.id].share).toBeCloseTo(row.cells[column.id].count / row.notes, 6)
        }
      }
    })
  }

  it('counts a narrative once per note, whoever tagged it', () => {
    const before = json<Matrix>(karavaan(['analyse', 'matrix', '--study', study, '--json']))
    const [note] = json<Array<{id: string; narratives: string[]}>>(karavaan(['note', 'list', '--study', study, '--narrative', '1', '--json']))
    expect(karavaan(['tag', 'add', note.id, '1', '--coder', 'joost', '--study', study]).code).toBe(0)
    const after = json<Matrix>(karavaan(['analyse', 'matrix', '--study', study, '--json']))
    expect(after.total.cells['onzichtbare-overheid'].count).toBe(before.total.cells['onzichtbare-overheid'].count)
  })

  it('prints a readable table and CSV', () => {
    const table = karavaan(['analyse', 'matrix', '--rows', 'group', '--study', study])
    expect(table.stdout).toMatch(/1\. ondernemers\s+8/)
    expect(table.stdout).toMatch(/^totaal/m)
    const csv = karavaan(['analyse', 'matrix', '--cols', 'theme', '--csv', '--study', study])
    const lines = csv.stdout.trim().split('\n')
    expect(lines[0]).toMatch(/^halteplaats,naam,notities,vertrouwen-instanties,/)
    expect(lines).toHaveLength(6)
  })

  it('refuses unknown rows or columns as wrong usage', () => {
    expectRefusal(karavaan(['analyse', 'matrix', '--rows', 'gemeente', '--study', study]), 2, /Ongeldige waarde "gemeente" voor --rows/)
  })
})

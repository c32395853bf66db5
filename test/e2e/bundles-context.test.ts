import Database from 'better-sqlite3'
import {cpSync} from 'node:fs'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'

import {expectRefusal, json, karavaan, makeStudy, snapshot, tempDir} from '../helpers/cli.js'

/*
 * Issue 16: context figures and the plan travel in bundles, with the merge rules of notes. The
 * lead types figures and a plan and sends a bundle; two interviewers join, each changes a figure
 * and a conversation, and sends a bundle back.
 */

interface Figure {
  id: string
  indicator: string
  value: number
  version: number
}

interface PlanRow {
  group: null | string
  halteplaats: string
  id: null | string
  state: string
}

interface ConflictJson {
  id: string
  kind: string
  title: string
  versions: Array<{id: string; text: string; version: number}>
}

/** The rows a merge may touch for figures, the plan and findings' links. */
function dump(dir: string): string {
  const db = new Database(join(dir, 'karavaan.db'), {fileMustExist: true})
  try {
    const rows = (sql: string) => db.prepare(sql).all()
    return JSON.stringify({
      figureVersions: rows('SELECT * FROM context_figure_versions ORDER BY id'),
      figures: rows('SELECT * FROM context_figures ORDER BY id'),
      links: rows('SELECT * FROM finding_figures ORDER BY finding_id, position'),
      plan: rows('SELECT * FROM plan_items ORDER BY id'),
      planVersions: rows('SELECT * FROM plan_item_versions ORDER BY id'),
    })
  } finally {
    db.close()
  }
}

describe('context figures and the plan in bundles', () => {
  const out = tempDir('karavaan-bundles-context-')
  const file = (name: string) => join(out, name)
  const k = (dir: string, ...args: string[]) => karavaan([...args, '--study', dir])
  let lead: string
  let leadAfterStart: string
  const laptops: Record<string, string> = {}
  const copy = (dir: string) => {
    const to = join(tempDir(), 'kopie')
    cpSync(dir, to, {recursive: true})
    return to
  }

  const figure = (dir: string, indicator: string) => json<Figure[]>(k(dir, 'context', 'list', '--json')).find((f) => f.indicator === indicator)!
  const conversation = (dir: string, halteplaats: string, group: string) => json<PlanRow[]>(k(dir, 'plan', '--json')).find((r) => r.halteplaats === halteplaats && r.group === group)!
  const addFigure = (dir: string, indicator: string, value: string) =>
    expect(k(dir, 'context', 'add', '--halteplaats', 'dorp', '--indicator', indicator, '--value', value, '--unit', '%', '--source', 'CBS', '--year', '2024').code).toBe(0)

  beforeAll(() => {
    lead = makeStudy()
    addFigure(lead, 'Aandeel 65-plussers', '21,4')
    addFigure(lead, 'Opkomst', '40')
    expect(k(lead, 'plan', 'set', '--halteplaats', 'dorp', '--group', 'ouderen', '--date', '2026-03-01').code).toBe(0)
    expect(k(lead, 'plan', 'set', '--halteplaats', 'dorp', '--activity', 'wijkwandeling', '--date', '2026-03-02').code).toBe(0)
    expect(k(lead, 'finding', 'add', '--title', 'Het dorp vergrijst', '--halteplaats', 'dorp', '--context', 'Aandeel 65-plussers@dorp:bevestigt').code).toBe(0)
    const start = k(lead, 'export', '--format', 'bundle', '--out', file('start.karavaan'))
    expect(start.code, start.stderr).toBe(0)
    expect(start.stdout).toContain('2 versies van contextcijfers, 2 versies van de planning')
    leadAfterStart = copy(lead)
    for (const name of ['anna', 'bram']) {
      laptops[name] = join(tempDir(), name)
      const joined = karavaan(['join', file('start.karavaan'), laptops[name]])
      expect(joined.code, joined.stderr).toBe(0)
    }

    // Both change the same figure and the same conversation from the same version: two conflicts.
    addFigure(laptops.anna, 'Aandeel 65-plussers', '22')
    addFigure(laptops.bram, 'Aandeel 65-plussers', '23')
    expect(k(laptops.anna, 'plan', 'set', '--halteplaats', 'dorp', '--group', 'ouderen', '--state', 'gehouden').code).toBe(0)
    expect(k(laptops.bram, 'plan', 'set', '--halteplaats', 'dorp', '--group', 'ouderen', '--state', 'vervallen').code).toBe(0)
    // Both add the same new figure with the same value (a shared CSV): one record, one version.
    addFigure(laptops.anna, 'Werkloosheid', '3,1')
    addFigure(laptops.bram, 'Werkloosheid', '3,1')
    // One of them changes something the other does not touch.
    addFigure(laptops.bram, 'Opkomst', '41')
    for (const name of ['anna', 'bram']) expect(k(laptops[name], 'export', '--format', 'bundle', '--out', file(`${name}.karavaan`)).code).toBe(0)
  }, 180_000)

  it('joins with the figures, the plan and the finding that cites a figure', () => {
    expect(figure(laptops.anna, 'Opkomst').value).toBe(40)
    const finding = json<Array<{figures: Array<{indicator: string; verdict: string}>}>>(k(laptops.anna, 'finding', 'list', '--json'))[0]
    expect(finding.figures).toEqual([expect.objectContaining({indicator: 'Aandeel 65-plussers', verdict: 'bevestigt'})])
    // The same ids on every laptop: a figure and a conversation are known by their keys.
    expect(figure(laptops.anna, 'Opkomst').id).toBe(figure(lead, 'Opkomst').id)
    expect(conversation(laptops.bram, 'dorp', 'ouderen').id).toBe(conversation(lead, 'dorp', 'ouderen').id)
  })

  it('merges in any order into the same study, and the same bundle twice changes nothing', () => {
    const one = copy(leadAfterStart)
    expect(k(one, 'merge', file('anna.karavaan')).code).toBe(0)
    expect(k(one, 'merge', file('bram.karavaan')).code).toBe(0)
    const two = copy(leadAfterStart)
    expect(k(two, 'merge', file('bram.karavaan'), file('anna.karavaan')).code).toBe(0)
    expect(dump(two)).toBe(dump(one))
    const before = dump(one)
    const again = k(one, 'merge', file('anna.karavaan'))
    expect(again.stdout).toContain('niets nieuws')
    expect(dump(one)).toBe(before)
    // Anna, merging Bram's bundle, ends with the same rows as the lead.
    const anna = copy(laptops.anna)
    expect(k(anna, 'merge', file('bram.karavaan')).code).toBe(0)
    expect(dump(anna)).toBe(before)
  }, 120_000)

  it('lists the figure and the conversation changed on two laptops as conflicts, and a resolution travels', () => {
    const merged = k(lead, 'merge', file('anna.karavaan'), file('bram.karavaan'))
    expect(merged.code, merged.stderr).toBe(0)
    expect(merged.stdout).toMatch(/nieuw of bijgewerkt: .*versies? van (een )?contextcijfers?/)
    // The figure both typed alike is one figure without a conflict; Bram's other change simply arrives.
    expect(figure(lead, 'Werkloosheid').version).toBe(1)
    expect(figure(lead, 'Opkomst').value).toBe(41)

    const conflicts = json<ConflictJson[]>(k(lead, 'conflicts', '--json'))
    expect(conflicts.map((c) => [c.kind, c.title])).toEqual([
      ['contextcijfer', 'Aandeel 65-plussers · dorp · 2024'],
      ['planning', 'dorp · ouderen'],
    ])
    const [fig, plan] = conflicts
    expect(fig.versions.map((v) => v.text).sort()).toEqual(['22 % · bron: CBS', '23 % · bron: CBS'])
    const listed = k(lead, 'conflicts')
    expect(listed.stdout).toContain(`Contextcijfer ${fig.id.slice(-8)}: 2 versies`)
    expect(listed.stdout).toContain(`Planning ${plan.id.slice(-8)}: 2 versies`)

    // --text has nothing to merge here; refused, nothing changed.
    const before = snapshot(lead)
    expectRefusal(karavaan(['conflicts', 'resolve', fig.id.slice(-8), '--text', '-', '--study', lead], {input: 'tekst'}), 1, 'Een contextcijfer heeft geen tekst om samen te voegen')
    expect(snapshot(lead)).toEqual(before)

    const keep22 = fig.versions.find((v) => v.text.startsWith('22'))!
    const resolved = k(lead, 'conflicts', 'resolve', fig.id.slice(-8), '--choose', keep22.id.slice(-8))
    expect(resolved.stdout).toContain(`Conflict in contextcijfer ${fig.id.slice(-8)} opgelost met versie ${keep22.id.slice(-8)}; bewaard als versie 3.`)
    const held = plan.versions.find((v) => v.text.endsWith('gehouden'))!
    expect(k(lead, 'conflicts', 'resolve', plan.id, '--choose', held.id).code).toBe(0)
    expect(json<ConflictJson[]>(k(lead, 'conflicts', '--json'))).toEqual([])
    expect(figure(lead, 'Aandeel 65-plussers')).toMatchObject({value: 22, version: 3})
    expect(conversation(lead, 'dorp', 'ouderen').state).toBe('gehouden')

    // The resolution travels: on Bram's laptop both conflicts are settled the same way.
    expect(k(lead, 'export', '--format', 'bundle', '--out', file('lead.karavaan')).code).toBe(0)
    expect(k(laptops.bram, 'merge', file('lead.karavaan'), file('anna.karavaan')).code).toBe(0)
    expect(json<ConflictJson[]>(k(laptops.bram, 'conflicts', '--json'))).toEqual([])
    expect(dump(laptops.bram)).toBe(dump(lead))
  }, 120_000)

  it('refuses a --since bundle whose finding cites a figure that is neither here nor in the bundle, changing nothing', () => {
    const anna = copy(laptops.anna)
    // A laptop as the lead's was at the start: the same study, without Anna's new figure.
    const fresh = copy(leadAfterStart)
    addFigure(anna, 'Nieuw cijfer', '5')
    const id = figure(anna, 'Nieuw cijfer').id
    // Made long ago, so a bundle --since now leaves the figure out and takes only the finding.
    const db = new Database(join(anna, 'karavaan.db'), {fileMustExist: true})
    db.prepare("UPDATE context_figure_versions SET changed_at = '2026-01-01T00:00:00.000Z' WHERE figure_id = ?").run(id)
    db.close()
    const since = new Date().toISOString()
    expect(k(anna, 'finding', 'add', '--title', 'Met een nieuw cijfer', '--context', `${id}:nuanceert`).code).toBe(0)
    expect(k(anna, 'export', '--format', 'bundle', '--since', since, '--out', file('since.karavaan')).code).toBe(0)
    const before = snapshot(fresh)
    expectRefusal(k(fresh, 'merge', file('since.karavaan')), 1, `noemt contextcijfer ${id}, dat niet in deze studie staat en niet in de bundel`)
    expect(snapshot(fresh)).toEqual(before)
  }, 60_000)
})


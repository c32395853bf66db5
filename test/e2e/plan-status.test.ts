import Database from 'better-sqlite3'
import {copyFileSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'

import {type CliResult, EXAMPLE, expectRefusal, json, karavaan, makeStudy, snapshot, tempDir} from '../helpers/cli.js'

const GROUPS = ['ondernemers', 'voetbalelftal', 'schoolklas', 'moeders', 'ouderen', 'actieve-bewoners', 'wijkprofessionals', 'gemeente']
const HALTEPLAATS_IDS = ['noord', 'dorp', 'nieuw', 'kust']
const EXAMPLE_IDS = ['kanaalzone', 'wendelo', 'vlonders', 'havenkwartier']

interface PlanRow {
  activity: null | string
  date: null | string
  group: null | string
  halteplaats: string
  id: null | string
  state: string
}

interface Status {
  cells: Array<{date: null | string; group: string; halteplaats: string; notes: number; state: string}>
  complete: boolean
  groups: string[]
  halteplaatsen: Array<{contextFigures: number; id: string; name: string}>
  missing: Array<{group?: string; halteplaats: string; kind: string; message: string}>
  observations: Array<{activity: string; halteplaats: string; held: number; notes: number}>
  totals: {conversations: number; conversationsHeld: number; conversationsPlanned: number; notes: number; observationsHeld: number}
}

const plan = (dir: string): PlanRow[] => json<PlanRow[]>(karavaan(['plan', '--json'], {cwd: dir}))
const planSet = (dir: string, ...flags: string[]): CliResult => karavaan(['plan', 'set', ...flags], {cwd: dir})
const cell = (rows: PlanRow[], halteplaats: string, group: string) => rows.find((r) => r.halteplaats === halteplaats && r.group === group)!

function exampleStudy(): string {
  const dir = tempDir()
  copyFileSync(join(EXAMPLE, 'study.yaml'), join(dir, 'study.yaml'))
  return dir
}

describe('a new study', () => {
  let dir: string

  beforeAll(() => {
    dir = makeStudy()
  })

  it('plan --json has the 32 conversations, all "niet gepland", by halteplaats and group id', () => {
    const rows = plan(dir)
    expect(rows).toHaveLength(32)
    expect(rows.map((r) => [r.halteplaats, r.group])).toEqual(HALTEPLAATS_IDS.flatMap((h) => GROUPS.map((g) => [h, g])))
    for (const row of rows) expect(row).toMatchObject({activity: null, date: null, id: null, state: 'niet gepland'})
  })

  it('plan shows every halteplaats by name with its eight conversations "niet gepland"', () => {
    const result = karavaan(['plan'], {cwd: dir})
    expect(result.code, result.stderr).toBe(0)
    for (const heading of ['Noord (Emmen)', 'Het Dorp (Borger-Odoorn)', 'Nieuwbouw (Almere)', 'De Kust (Den Helder)']) expect(result.stdout).toMatch(new RegExp(`^${heading.replaceAll(/[()]/g, '\\$&')}$`, 'm'))
    expect(result.stdout.match(/niet gepland$/gm)).toHaveLength(32)
    expect(result.stdout).toContain('Moeders uit de buurt')
  })

  it('status --json has 32 cells "niet gepland" without notes, keyed by halteplaats and group ids', () => {
    const status = json<Status>(karavaan(['status', '--json'], {cwd: dir}))
    expect(status.cells).toHaveLength(32)
    expect(status.cells.map((c) => `${c.halteplaats}/${c.group}`).sort()).toEqual(HALTEPLAATS_IDS.flatMap((h) => GROUPS.map((g) => `${h}/${g}`)).sort())
    for (const c of status.cells) expect(c).toMatchObject({date: null, notes: 0, state: 'niet gepland'})
    expect(status.groups).toEqual(GROUPS)
    expect(status.halteplaatsen.map((h) => h.id)).toEqual(HALTEPLAATS_IDS)
    expect(status.totals).toEqual({conversations: 32, conversationsHeld: 0, conversationsPlanned: 0, notes: 0, observationsHeld: 0})
    expect(status.observations).toEqual([])
    expect(status.complete).toBe(false)
    expect(status.missing.filter((m) => m.kind === 'gesprek')).toHaveLength(32)
  })

  it('status shows the halteplaats names as columns and what is still to do', () => {
    const result = karavaan(['status'], {cwd: dir})
    expect(result.code, result.stderr).toBe(0)
    expect(result.stdout).toMatch(/^groep +Noord +Het Dorp +Nieuwbouw +De Kust$/m)
    expect(result.stdout).toMatch(/^1\. ondernemers +– +– +– +–$/m)
    expect(result.stdout).toContain('Gesprekken: 0 van 32 gehouden')
    expect(result.stdout).toMatch(/^Nog te doen voor een complete Karavaan \(\d+\):$/m)
    expect(result.stdout).toMatch(/Noord: 8 gesprekken nog niet gehouden/)
  })
})

describe('karavaan plan set', () => {
  let dir: string

  beforeAll(() => {
    dir = makeStudy()
  })

  // These run in order on one study.
  it('plans a conversation by group id', () => {
    const result = planSet(dir, '--halteplaats', 'noord', '--group', 'moeders', '--date', '2026-03-11')
    expect(result.code, result.stderr).toBe(0)
    expect(result.stdout).toContain('Gepland: gesprek met moeders in Noord, 11 maart 2026, gepland.')
    expect(cell(plan(dir), 'noord', 'moeders')).toMatchObject({date: '2026-03-11', state: 'gepland'})
  })

  it('plans a conversation by group number (5 = ouderen)', () => {
    const result = json<{change: string; item: {group: string; halteplaats: string; state: string}}>(planSet(dir, '--halteplaats', 'dorp', '--group', '5', '--date', '2026-04-09', '--json'))
    expect(result).toMatchObject({change: 'nieuw', item: {group: 'ouderen', halteplaats: 'dorp', state: 'gepland'}})
    expect(cell(plan(dir), 'dorp', 'ouderen')).toMatchObject({date: '2026-04-09', state: 'gepland'})
  })

  it('changes the state and keeps the earlier state as a version', () => {
    const result = planSet(dir, '--halteplaats', 'noord', '--group', 'moeders', '--state', 'gehouden')
    expect(result.code, result.stderr).toBe(0)
    expect(result.stdout).toContain('Bijgewerkt: gesprek met moeders in Noord, 11 maart 2026, gehouden.')
    const row = cell(plan(dir), 'noord', 'moeders')
    expect(row).toMatchObject({date: '2026-03-11', state: 'gehouden'})

    const again = planSet(dir, '--halteplaats', 'noord', '--group', 'moeders', '--state', 'gehouden')
    expect(again.stdout).toContain('Ongewijzigd')

    const db = new Database(join(dir, 'karavaan.db'), {fileMustExist: true}) // not readonly: closing it then removes the -wal and -shm files
    try {
      expect(db.prepare('SELECT version, state FROM plan_items WHERE id = ?').get(row.id)).toEqual({state: 'gehouden', version: 2})
      // Every state is a version (migration 009), the current one too; the earlier state is kept.
      expect(db.prepare('SELECT version, planned_date, state FROM plan_item_versions WHERE item_id = ? ORDER BY version').all(row.id)).toEqual([
        {planned_date: '2026-03-11', state: 'gepland', version: 1},
        {planned_date: '2026-03-11', state: 'gehouden', version: 2},
      ])
    } finally {
      db.close()
    }
  })

  const refusals = [
    {name: 'an unknown group, listing the groups', flags: ['--halteplaats', 'noord', '--group', 'kinderen'], exit: 1, mentions: [/Onbekende groep "kinderen" \(--group\)/, /ondernemers, voetbalelftal, .* of gemeente/]},
    {name: 'a group number outside 1-8', flags: ['--halteplaats', 'noord', '--group', '9'], exit: 1, mentions: [/Onbekende groep "9"/, /1-8/]},
    {name: 'an unknown halteplaats, listing the ids', flags: ['--halteplaats', 'zuid', '--group', 'moeders'], exit: 1, mentions: [/Onbekende halteplaats "zuid" \(--halteplaats\)/, /noord, dorp, nieuw of kust/]},
    {name: 'an unknown observation', flags: ['--halteplaats', 'noord', '--activity', 'zwemles'], exit: 1, mentions: [/Onbekende observatie "zwemles"/, /wijkwandeling/]},
    {name: 'an unknown state (an oclif option, so exit 2)', flags: ['--halteplaats', 'noord', '--group', 'moeders', '--state', 'klaar'], exit: 2, mentions: [/Ongeldige waarde "klaar" voor --state/, /gepland, gehouden, vervallen/]},
    {name: 'a date that does not exist', flags: ['--halteplaats', 'noord', '--group', 'moeders', '--date', '2026-13-01'], exit: 1, mentions: [/De datum "2026-13-01" bestaat niet: er is geen maand 13 \(--date\)/]},
    {name: 'neither group nor activity', flags: ['--halteplaats', 'noord', '--date', '2026-03-01'], exit: 2, mentions: [/Geef precies één van deze opties: --activity, --group/]},
  ]

  // "Nothing changed" is checked on the files themselves: not a byte of the study may differ.
  it.each(refusals)('refuses $name, and changes nothing', ({exit, flags, mentions}) => {
    const before = snapshot(dir)
    expectRefusal(planSet(dir, ...flags), exit, ...mentions)
    expect(snapshot(dir)).toEqual(before)
  })

  it('keeps an observation twice on different dates as two items', () => {
    expect(planSet(dir, '--halteplaats', 'noord', '--activity', 'wijkwandeling', '--date', '2026-04-01').code).toBe(0)
    expect(planSet(dir, '--halteplaats', 'noord', '--activity', 'wijkwandeling', '--date', '2026-05-01', '--state', 'gehouden').code).toBe(0)
    const walks = plan(dir).filter((r) => r.activity === 'wijkwandeling')
    expect(walks.map((r) => [r.halteplaats, r.date, r.state])).toEqual([
      ['noord', '2026-04-01', 'gepland'],
      ['noord', '2026-05-01', 'gehouden'],
    ])
  })

  it('refuses a third plan set --activity without a date as ambiguous, and changes nothing', () => {
    const before = plan(dir)
    const files = snapshot(dir)
    expectRefusal(planSet(dir, '--halteplaats', 'noord', '--activity', 'wijkwandeling', '--state', 'vervallen'), 1, /Er zijn 2 observaties "wijkwandeling" in noord/, /--date/, /--id/)
    expect(snapshot(dir)).toEqual(files)
    expect(plan(dir)).toEqual(before)
  })

  it('changes one of two observations by its id', () => {
    const first = plan(dir).find((r) => r.activity === 'wijkwandeling' && r.date === '2026-04-01')!
    expect(planSet(dir, '--halteplaats', 'noord', '--activity', 'wijkwandeling', '--id', first.id!, '--state', 'vervallen').code).toBe(0)
    const walks = plan(dir).filter((r) => r.activity === 'wijkwandeling')
    expect(walks.map((r) => [r.date, r.state])).toEqual([
      ['2026-04-01', 'vervallen'],
      ['2026-05-01', 'gehouden'],
    ])
  })

  it('warns about a date outside the period of the study, but stores it', () => {
    const result = planSet(dir, '--halteplaats', 'kust', '--group', 'gemeente', '--date', '2027-03-01')
    expect(result.code, result.stderr).toBe(0)
    expect(result.stderr).toMatch(/1 maart 2027 valt buiten de periode van de studie/)
    expect(cell(plan(dir), 'kust', 'gemeente')).toMatchObject({date: '2027-03-01', state: 'gepland'})
  })

  // Regression (found in review): the warning is printed through oclif's this.warn, which prefixes the English word
  // "Warning:" (" ›   Warning: Let op: 2027-… valt buiten de periode …").
  it('warns in Dutch only, without the English word "Warning"', () => {
    const result = planSet(dir, '--halteplaats', 'kust', '--group', 'gemeente', '--date', '2027-04-01')
    expect(result.stderr).toMatch(/valt buiten de periode/)
    expect(result.stderr).not.toMatch(/Warning/)
  })
})

describe('karavaan plan import and status on the example study', () => {
  let dir: string
  const file = join(EXAMPLE, 'plan.csv')
  const rows = readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split(','))
  const heldObservations = rows.filter(([, group, activity, , state]) => !group && activity && state === 'gehouden').length

  beforeAll(() => {
    dir = exampleStudy()
  })

  // These run in order on one study.
  it('stores all 48 rows', () => {
    expect(rows).toHaveLength(48)
    const result = karavaan(['plan', 'import', file], {cwd: dir})
    expect(result.code, result.stderr).toBe(0)
    expect(result.stdout).toContain('plan.csv: 48 nieuw, 0 bijgewerkt, 0 ongewijzigd.')
    const planned = plan(dir)
    expect(planned.filter((r) => r.group)).toHaveLength(32)
    expect(planned.filter((r) => r.activity)).toHaveLength(16)
    expect(cell(planned, 'kanaalzone', 'moeders')).toMatchObject({date: '2026-03-11', state: 'gehouden'})
  })

  it('changes nothing when imported again', () => {
    const before = plan(dir)
    const result = karavaan(['plan', 'import', file], {cwd: dir})
    expect(result.code, result.stderr).toBe(0)
    expect(result.stdout).toContain('0 nieuw, 0 bijgewerkt, 48 ongewijzigd.')
    expect(plan(dir)).toEqual(before)
  })

  it('refuses a CSV with bad rows as a whole, naming each line', () => {
    const before = plan(dir)
    const bad = join(tempDir(), 'planning.csv')
    writeFileSync(
      bad,
      'halteplaats,group,activity,date,state\n' +
        'kanaalzone,moeders,,2026-03-20,vervallen\n' +
        'kanaalzone,kinderen,,2026-03-21,gepland\n' +
        'wendelo,,wijkwandeling,31-04-2026,gehouden\n' +
        'vlonders,ouderen,,2026-06-01,klaar\n',
    )
    expectRefusal(
      karavaan(['plan', 'import', bad], {cwd: dir}),
      1,
      /3 regels zijn niet in orde; er is niets opgeslagen/,
      /regel 3: Onbekende groep "kinderen"/,
      /regel 4: De datum "31-04-2026" bestaat niet: april heeft 30 dagen/,
      /regel 5: Onbekende status "klaar"/,
    )
    expect(plan(dir)).toEqual(before)
  })

  it('status --json: 32 conversations held, the observations counted, notes missing', () => {
    const status = json<Status>(karavaan(['status', '--json'], {cwd: dir}))
    expect(status.cells).toHaveLength(32)
    expect(new Set(status.cells.map((c) => c.halteplaats))).toEqual(new Set(EXAMPLE_IDS))
    for (const c of status.cells) expect(c.state).toBe('gehouden')
    expect(status.totals).toMatchObject({conversations: 32, conversationsHeld: 32, conversationsPlanned: 0, notes: 0, observationsHeld: heldObservations})
    expect(status.observations.find((o) => o.halteplaats === 'kanaalzone' && o.activity === 'wijkwandeling')).toMatchObject({held: 1, notes: 0})
    expect(status.complete).toBe(false)
    const notes = status.missing.filter((m) => m.kind === 'notitie')
    expect(notes).toHaveLength(32)
    expect(notes[0].message).toMatch(/gehouden, maar nog geen notitie/)
    expect(status.missing.filter((m) => m.kind === 'gesprek')).toEqual([])
  })

  it('status shows the halteplaats names as columns and a line "Nog te doen"', () => {
    const result = karavaan(['status'], {cwd: dir})
    expect(result.code, result.stderr).toBe(0)
    expect(result.stdout).toMatch(/^groep +Kanaalzone +Wendelo +De Vlonders +Havenkwartier$/m)
    expect(result.stdout).toMatch(/^5\. ouderen +✓ 0 +✓ 0 +✓ 0 +✓ 0$/m)
    expect(result.stdout).toContain('Gesprekken: 32 van 32 gehouden')
    expect(result.stdout).toMatch(/^Nog te doen voor een complete Karavaan/m)
    expect(result.stdout).toMatch(/Kanaalzone: 8 gesprekken gehouden, nog zonder notitie/)
  })
})

import Database from 'better-sqlite3'
import {readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'

import {expectRefusal, json, karavaan, makeStudy, snapshot} from '../helpers/cli.js'
import {Terminal} from '../helpers/terminal.js'

/*
 * Issue 16, "Findings tested against figures": a finding cites context figures beside its notes,
 * each with a verdict; show, history, the report and analyse context say what the figures say,
 * and status counts the findings that cite none.
 */

interface FindingJson {
  figures: Array<{figureId: string; indicator: string; source: string; verdict: string; year: number}>
  id: string
  title: string
  version: number
}

interface Figure {
  id: string
  indicator: string
}

describe('findings tested against context figures', () => {
  let study: string
  let note: string
  const figures: Record<string, string> = {}
  const run = (...args: string[]) => karavaan(args, {cwd: study})

  beforeAll(() => {
    study = makeStudy()
    const add = (halteplaats: string, indicator: string, value: string, unit: string, source: string, year: string) =>
      expect(run('context', 'add', '--halteplaats', halteplaats, '--indicator', indicator, '--value', value, '--unit', unit, '--source', source, '--year', year).code).toBe(0)
    add('dorp', 'Afstand tot huisartsenpraktijk', '12,1', 'km', 'CBS Nabijheid', '2023')
    add('dorp', 'Vertrouwen in de gemeente', '23', '%', 'Burgerpeiling', '2022')
    add('dorp', 'Vertrouwen in de gemeente', '25', '%', 'Burgerpeiling', '2024')
    add('noord', 'Opkomst verkiezingen', '32,4', '%', 'Kiesraad', '2022')
    for (const f of json<Figure[]>(run('context', 'list', '--json'))) figures[`${f.indicator}`] = f.id
    note = json<{id: string}>(run('note', 'add', '--interviewer', 'anna', '--halteplaats', 'dorp', '--group', 'ouderen', '--date', '2026-03-01', '--text', 'De huisarts zit in de stad.', '--json')).id
  }, 120_000)

  it('cites figures by id or by indicator@halteplaats(@jaar) with a verdict typed in Dutch, and shows them', () => {
    const added = run(
      'finding', 'add', '--title', 'De huisarts is ver weg', '--halteplaats', 'dorp', '--note', note,
      '--context', `${figures['Afstand tot huisartsenpraktijk'].slice(-8)}:bevestigd`,
      '--context', 'vertrouwen in de gemeente@Het Dorp@2024:Spreekt tegen',
      '--json',
    )
    const finding = json<FindingJson>(added)
    expect(finding.figures.map((f) => [f.indicator, f.year, f.verdict])).toEqual([
      ['Afstand tot huisartsenpraktijk', 2023, 'bevestigt'],
      ['Vertrouwen in de gemeente', 2024, 'spreekt-tegen'],
    ])

    const shown = run('finding', 'show', finding.id.slice(-8))
    expect(shown.stdout).toContain('Cijfers (2):')
    expect(shown.stdout).toContain('  - Afstand tot huisartsenpraktijk in Het Dorp (2023): 12,1 km — bron: CBS Nabijheid — bevestigt')
    expect(shown.stdout).toContain('  - Vertrouwen in de gemeente in Het Dorp (2024): 25 % — bron: Burgerpeiling — spreekt tegen')

    // Citing a figure again changes its verdict; --drop-context takes one off; both are versions.
    expect(run('finding', 'edit', finding.id, '--context', 'Afstand tot huisartsenpraktijk@dorp:nuanceert').code).toBe(0)
    expect(run('finding', 'edit', finding.id, '--drop-context', figures['Vertrouwen in de gemeente']).code).toBe(0)
    const now = json<FindingJson>(run('finding', 'show', finding.id, '--json'))
    expect(now.version).toBe(3)
    expect(now.figures.map((f) => [f.indicator, f.verdict])).toEqual([['Afstand tot huisartsenpraktijk', 'nuanceert']])
    const first = json<FindingJson>(run('finding', 'show', finding.id, '--version', '1', '--json'))
    expect(first.figures).toHaveLength(2)
    const history = run('finding', 'history', finding.id)
    expect(history.stdout).toMatch(/cijfers \(\+ contextcijfer \w{8}: nuanceert, − contextcijfer \w{8}: bevestigt\)/)
  })

  const refusals = [
    {name: 'an unknown figure id', flag: 'deadbeef:bevestigt', mentions: ['Er is geen contextcijfer met id "deadbeef"']},
    {name: 'an unknown indicator, listing those there', flag: 'Aantal scholen@dorp:bevestigt', mentions: ['er is geen contextcijfer "Aantal scholen" in Het Dorp; daar zijn: "Afstand tot huisartsenpraktijk", "Vertrouwen in de gemeente"']},
    {name: 'a figure of several years without a year', flag: 'Vertrouwen in de gemeente@dorp:bevestigt', mentions: ['is er voor meer jaren (2022, 2024)']},
    {name: 'a wrong verdict', flag: 'Opkomst verkiezingen@noord:misschien', mentions: ['oordeel "misschien" bij contextcijfer "Opkomst verkiezingen" (Noord, 2022) bestaat niet; kies bevestigt, nuanceert of spreekt-tegen']},
    {name: 'no verdict without a terminal', flag: 'Opkomst verkiezingen@noord', mentions: ['geef bij contextcijfer "Opkomst verkiezingen" (Noord, 2022) het oordeel']},
  ]

  it.each(refusals)('refuses $name in Dutch, and changes nothing', ({flag, mentions}) => {
    const before = snapshot(study)
    expectRefusal(run('finding', 'add', '--title', 'Een bevinding', '--context', flag), 1, 'De bevinding is niet opgeslagen', ...mentions)
    const [finding] = json<FindingJson[]>(run('finding', 'list', '--json'))
    expectRefusal(run('finding', 'edit', finding.id, '--context', flag), 1, ...mentions)
    expect(snapshot(study)).toEqual(before)
  })

  it('reads cijfers in YAML by indicator and halteplaats, and refuses a bad one with its line, storing nothing', () => {
    const file = join(study, 'bevindingen.yaml')
    writeFileSync(
      file,
      `findings:
  - key: opkomst
    title: Stemmen heeft geen zin, zeggen jongeren
    halteplaatsen: [noord]
    cijfers:
      - {indicator: Opkomst verkiezingen, halteplaats: noord, oordeel: bevestigt}
      - {indicator: Vertrouwen in de gemeente, halteplaats: dorp, jaar: 2022, oordeel: nuanceert}
`,
    )
    expect(run('material', 'import', file).code).toBe(0)
    const imported = json<FindingJson[]>(run('finding', 'list', '--json')).find((f) => f.title.startsWith('Stemmen'))!
    expect(imported.figures.map((f) => [f.indicator, f.year, f.verdict])).toEqual([
      ['Opkomst verkiezingen', 2022, 'bevestigt'],
      ['Vertrouwen in de gemeente', 2022, 'nuanceert'],
    ])

    const bad = join(study, 'fout.yaml')
    writeFileSync(bad, `findings:\n  - key: fout\n    title: Nog een\n    cijfers:\n      - {indicator: Opkomst verkiezingen, halteplaats: noord, oordeel: klopt}\n`)
    const before = snapshot(study)
    expectRefusal(run('material', 'import', bad), 1, /regel 5/, 'oordeel "klopt"')
    expect(snapshot(study)).toEqual(before)
  })

  it('puts "De cijfers" under the finding in the report, and analyse context beside the narratives', () => {
    const out = join(study, 'rapport.md')
    expect(run('report', '--format', 'md', '--out', out, '--draft').code).toBe(0)
    const report = readFileSync(out, 'utf8')
    expect(report).toContain('*De cijfers:* Afstand tot huisartsenpraktijk in Het Dorp: 12,1\u00a0km (CBS Nabijheid, 2023) — nuanceert.')
    expect(report).toContain('*De cijfers:* Opkomst verkiezingen in Noord: 32,4\u00a0% (Kiesraad, 2022) — bevestigt; Vertrouwen in de gemeente in Het Dorp: 23\u00a0% (Burgerpeiling, 2022) — nuanceert.')

    expect(run('finding', 'add', '--title', 'Nog niet getoetst', '--halteplaats', 'kust').code).toBe(0)
    const text = run('analyse', 'context', '--halteplaats', 'dorp')
    expect(text.code, text.stderr).toBe(0)
    expect(text.stdout).toContain('Het Dorp (Borger-Odoorn, dorp in krimpregio) — 1 notitie')
    expect(text.stdout).toContain('    Afstand tot huisartsenpraktijk (2023): 12,1 km — bron: CBS Nabijheid')
    expect(text.stdout).toMatch(/ {6}nuanceert: bevinding \w{8} De huisarts is ver weg/)
    expect(text.stdout).toContain('    Vertrouwen in de gemeente (2024): 25 % — bron: Burgerpeiling\n      nog door geen bevinding genoemd')
    // A finding about another halteplaats is not listed for this one.
    expect(text.stdout).not.toContain('Nog niet getoetst')

    const all = json<{halteplaatsen: Array<{figures: Array<{findings: Array<{title: string; verdict: string}>; indicator: string}>; id: string}>; withoutFigures: Array<{title: string}>}>(run('analyse', 'context', '--json'))
    expect(all.halteplaatsen.map((h) => h.id)).toEqual(['noord', 'dorp', 'nieuw', 'kust'])
    const noord = all.halteplaatsen[0].figures.find((f) => f.indicator === 'Opkomst verkiezingen')!
    expect(noord.findings).toEqual([expect.objectContaining({title: 'Stemmen heeft geen zin, zeggen jongeren', verdict: 'bevestigt'})])
    expect(all.withoutFigures.map((f) => f.title)).toEqual(['Nog niet getoetst'])

    const status = run('status')
    expect(status.stdout).toContain('Bevindingen zonder cijfers: 1 van 3; zie: karavaan analyse context')
    expect(json<{material: {findingsWithoutFigures: number}}>(run('status', '--json')).material.findingsWithoutFigures).toBe(1)
  })

  it('keeps the links in every version (material_versions) and in the link table', () => {
    const db = new Database(join(study, 'karavaan.db'), {fileMustExist: true})
    try {
      const rows = db.prepare('SELECT figure_id, verdict FROM finding_figures ORDER BY finding_id, position').all()
      expect(rows).toHaveLength(3)
      const data = db.prepare("SELECT data FROM material_versions WHERE kind = 'finding' AND version = 1 ORDER BY id LIMIT 1").pluck().get() as string
      expect(JSON.parse(data).figures).toHaveLength(2)
    } finally {
      db.close()
    }
  })

  it('offers the figures of the chosen halteplaats in a terminal and asks each verdict', async () => {
    const t = Terminal.start(['finding', 'add', '--title', 'De dokter is ver', '--text', 'Ouderen rijden een half uur.', '--halteplaats', 'dorp', '--theme', 'voorzieningen', '--narrative', '1'], {
      cwd: study,
      env: {EDITOR: '', VISUAL: ''},
    })
    try {
      await t.choose('Welke notities en passages onderbouwen de bevinding?', 'enter', 'escape')
      // Only the figures of the finding's halteplaats are offered.
      await t.waitFor('Het Dorp · Afstand tot huisartsenpraktijk (2023): 12,1 km')
      await t.waitFor('Het Dorp · Vertrouwen in de gemeente (2024): 25 %')
      expect(t.screen.slice(-1500)).not.toContain('Opkomst verkiezingen')
      t.press('space')
      t.press('enter')
      await t.choose('Wat zegt Het Dorp · Afstand tot huisartsenpraktijk (2023): 12,1 km over de bevinding?')
      await t.waitFor('Cijfers')
      await t.choose('De bevinding opslaan?')
      await t.waitFor('Opgeslagen: bevinding')
      expect(await t.exitCode()).toBe(0)
    } finally {
      t.kill()
    }

    const saved = json<FindingJson[]>(run('finding', 'list', '--json')).find((f) => f.title === 'De dokter is ver')!
    expect(saved.figures.map((f) => [f.indicator, f.verdict])).toEqual([['Afstand tot huisartsenpraktijk', 'bevestigt']])
  }, 90_000)

  it('asks only the verdict of a figure given with --context in a terminal', async () => {
    const t = Terminal.start(
      ['finding', 'add', '--title', 'Stemmen in Noord', '--text', 'Weinig opkomst.', '--halteplaats', 'noord', '--theme', 'voorzieningen', '--narrative', '1', '--note', note, '--context', 'Opkomst verkiezingen@noord'],
      {cwd: study, env: {EDITOR: '', VISUAL: ''}},
    )
    try {
      await t.choose('over de bevinding?', 'down', 'down')
      await t.choose('De bevinding opslaan?')
      await t.waitFor('Opgeslagen: bevinding')
      expect(await t.exitCode()).toBe(0)
    } finally {
      t.kill()
    }

    const saved = json<FindingJson[]>(run('finding', 'list', '--json')).find((f) => f.title === 'Stemmen in Noord')!
    expect(saved.figures.map((f) => f.verdict)).toEqual(['spreekt-tegen'])
  }, 90_000)
})

import Database from 'better-sqlite3'
import {copyFileSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'

import {type CliResult, EXAMPLE, expectRefusal, json, karavaan, makeStudy, tempDir} from '../helpers/cli.js'

interface Figure {
  halteplaats: string
  id: string
  indicator: string
  source: string
  unit: string
  value: number
  version: number
  year: number
}

interface SaveResult {
  added: Figure[]
  unchanged: Figure[]
  updated: Figure[]
}

const list = (dir: string): Figure[] => json<Figure[]>(karavaan(['context', 'list', '--json'], {cwd: dir}))

/** `karavaan context add` with the flags of one figure; any field can be changed. */
function add(dir: string, figure: Partial<Record<'halteplaats' | 'indicator' | 'source' | 'unit' | 'value' | 'year', string>>, extra: string[] = []): CliResult {
  const all = {halteplaats: 'noord', indicator: 'Aandeel 65-plussers', source: 'CBS Kerncijfers wijken en buurten', unit: '%', value: '21,4', year: '2024', ...figure}
  return karavaan(['context', 'add', ...Object.entries(all).flatMap(([flag, value]) => [`--${flag}`, value]), ...extra], {cwd: dir})
}

/** A folder with the example's study.yaml and nothing else: the database is made on first use. */
function exampleStudy(): string {
  const dir = tempDir()
  copyFileSync(join(EXAMPLE, 'study.yaml'), join(dir, 'study.yaml'))
  return dir
}

describe('karavaan context add', () => {
  let dir: string

  beforeAll(() => {
    dir = makeStudy()
  })

  // The tests below run in order on one study: add, add the same, add a new value.
  it('stores a value written with a decimal comma', () => {
    const result = add(dir, {value: '21,4'})
    expect(result.code, result.stderr).toBe(0)
    expect(result.stdout).toMatch(/^Vastgelegd: Aandeel 65-plussers in Noord \(2024\) = 21,4 %/m)
    expect(list(dir)).toMatchObject([{halteplaats: 'noord', indicator: 'Aandeel 65-plussers', unit: '%', value: 21.4, version: 1, year: 2024}])
  })

  it('stores a value written with a decimal point, and --json says it was added', () => {
    const result = json<SaveResult>(add(dir, {indicator: 'Opkomst gemeenteraadsverkiezingen', source: 'Kiesraad', value: '55.5', year: '2022'}, ['--json']))
    expect(result.added).toMatchObject([{halteplaats: 'noord', indicator: 'Opkomst gemeenteraadsverkiezingen', source: 'Kiesraad', unit: '%', value: 55.5, year: 2022}])
    expect(result.updated).toEqual([])
    expect(result.unchanged).toEqual([])
  })

  it('leaves the same figure unchanged, whether written with a comma or a point', () => {
    const again = add(dir, {value: '21,4'})
    expect(again.code, again.stderr).toBe(0)
    expect(again.stdout).toMatch(/^Al bekend, niets veranderd: Aandeel 65-plussers/m)
    const asJson = json<SaveResult>(add(dir, {value: '21.4'}, ['--json']))
    expect(asJson.unchanged).toMatchObject([{indicator: 'Aandeel 65-plussers', value: 21.4, version: 1}])
    expect(asJson.added).toEqual([])
    expect(asJson.updated).toEqual([])
  })

  it('updates to a new value and keeps the old one as a version', () => {
    const result = add(dir, {value: '22,1'})
    expect(result.code, result.stderr).toBe(0)
    expect(result.stdout).toMatch(/^Bijgewerkt \(de vorige waarde is bewaard\): Aandeel 65-plussers in Noord \(2024\) = 22,1 %/m)
    const figure = list(dir).find((f) => f.indicator === 'Aandeel 65-plussers')!
    expect(figure).toMatchObject({value: 22.1, version: 2})

    const db = new Database(join(dir, 'karavaan.db'), {fileMustExist: true}) // not readonly: closing it then removes the -wal and -shm files
    try {
      // Every state is a version (migration 009), the current one too; the old value is kept.
      const versions = db.prepare('SELECT version, value, unit, source FROM context_figure_versions WHERE figure_id = ? ORDER BY version').all(figure.id)
      expect(versions).toEqual([
        {source: 'CBS Kerncijfers wijken en buurten', unit: '%', value: 21.4, version: 1},
        {source: 'CBS Kerncijfers wijken en buurten', unit: '%', value: 22.1, version: 2},
      ])
    } finally {
      db.close()
    }
  })

  const refusals = [
    {name: 'an unknown halteplaats, listing the valid ids', figure: {halteplaats: 'zuid'}, exit: 1, mentions: [/onbekende halteplaats "zuid"; kies uit noord, dorp, nieuw of kust/]},
    {name: 'a value that is not a number', figure: {value: 'ongeveer 20'}, exit: 1, mentions: [/waarde "ongeveer 20" is geen getal/]},
    {name: 'a year of two digits', figure: {year: '24'}, exit: 1, mentions: [/jaar "24" is geen jaartal zoals 2024/]},
    {name: 'no source', figure: {source: ' '}, exit: 1, mentions: [/bron ontbreekt/]},
  ]

  it.each(refusals)('refuses $name, and stores nothing', ({exit, figure, mentions}) => {
    const before = list(dir)
    expectRefusal(add(dir, figure), exit, /Het cijfer is niet opgeslagen/, ...mentions)
    expect(list(dir)).toEqual(before)
  })

  it('refuses a missing required flag as wrong usage (exit 2), and stores nothing', () => {
    const before = list(dir)
    const result = karavaan(['context', 'add', '--halteplaats', 'noord', '--indicator', 'Inwoners', '--value', '8940', '--year', '2024'], {cwd: dir})
    expectRefusal(result, 2, /De optie --source is verplicht/)
    expect(list(dir)).toEqual(before)
  })

  // Regression (found in review): parseDecimal (src/parse/csv.ts) reads "1,234.5" (English thousands separator) as 1.2345:
  // it drops every point and turns the comma into the decimal sign. A value written with both
  // separators in English order should be read as 1234.5 or refused, never silently misread.
  it('does not misread 1,234.5 as 1.2345', () => {
    const result = add(dir, {indicator: 'Bijstandsuitkeringen', unit: 'uitkeringen', value: '1,234.5'})
    if (result.code === 0) expect(list(dir).find((f) => f.indicator === 'Bijstandsuitkeringen')?.value).toBe(1234.5)
    else expect(result.code).toBe(1)
  })
})

describe('karavaan context list', () => {
  let dir: string

  beforeAll(() => {
    dir = makeStudy()
  })

  // In order on one study: first empty, then with one figure.
  it('says in Dutch when there are no figures yet', () => {
    const result = karavaan(['context', 'list'], {cwd: dir})
    expect(result.code, result.stderr).toBe(0)
    expect(result.stdout).toMatch(/Nog geen contextcijfers/)
  })

  it('shows the figures under the name of their halteplaats', () => {
    expect(add(dir, {halteplaats: 'dorp', indicator: 'Afstand tot huisartsenpraktijk', source: 'CBS Nabijheidsstatistiek', unit: 'km', value: '12,1', year: '2023'}).code).toBe(0)
    const result = karavaan(['context', 'list'], {cwd: dir})
    expect(result.code, result.stderr).toBe(0)
    expect(result.stdout).toMatch(/^Het Dorp \(Borger-Odoorn, dorp in krimpregio\)$/m)
    expect(result.stdout).toMatch(/^Afstand tot huisartsenpraktijk +12,1 +km +2023 +CBS Nabijheidsstatistiek$/m)
    expect(result.stdout).not.toMatch(/^Noord/m)
  })

  it('refuses an unknown --halteplaats, listing the valid ids', () => {
    expectRefusal(karavaan(['context', 'list', '--halteplaats', 'zuid'], {cwd: dir}), 1, /Onbekende halteplaats "zuid"/, /noord, dorp, nieuw of kust/)
  })
})

describe('karavaan context import', () => {
  it('reads a ;-separated CSV with a BOM, Dutch headers and decimal commas', () => {
    const dir = makeStudy()
    const csv = join(dir, 'cijfers.csv')
    writeFileSync(
      csv,
      '\uFEFFhalteplaats;indicator;waarde;eenheid;bron;jaar\r\n' +
        'noord;Aandeel 65-plussers;21,4;%;CBS Kerncijfers wijken en buurten;2024\r\n' +
        'dorp;Afstand tot huisartsenpraktijk;12,1;km;CBS Nabijheidsstatistiek;2023\r\n' +
        'kust;Gemiddeld inkomen per inwoner;1.234,5;euro;CBS;2022\r\n',
    )
    const result = karavaan(['context', 'import', 'cijfers.csv'], {cwd: dir})
    expect(result.code, result.stderr).toBe(0)
    expect(result.stdout).toContain('cijfers.csv: 3 nieuw, 0 bijgewerkt, 0 ongewijzigd.')
    const figures = list(dir)
    expect(figures.map((f) => [f.halteplaats, f.indicator, f.value, f.unit, f.year])).toEqual([
      ['dorp', 'Afstand tot huisartsenpraktijk', 12.1, 'km', 2023],
      ['kust', 'Gemiddeld inkomen per inwoner', 1234.5, 'euro', 2022],
      ['noord', 'Aandeel 65-plussers', 21.4, '%', 2024],
    ])
  })

  describe('the example context.csv in a fresh study with the example study.yaml', () => {
    let dir: string
    const file = join(EXAMPLE, 'context.csv')
    const rows = readFileSync(file, 'utf8').trim().split('\n').length - 1

    beforeAll(() => {
      dir = exampleStudy()
    })

    it('stores every row', () => {
      const result = karavaan(['context', 'import', file], {cwd: dir})
      expect(result.code, result.stderr).toBe(0)
      expect(result.stdout).toContain(`${rows} nieuw, 0 bijgewerkt, 0 ongewijzigd.`)
      const figures = list(dir)
      expect(figures).toHaveLength(rows)
      expect(new Set(figures.map((f) => f.halteplaats))).toEqual(new Set(['kanaalzone', 'wendelo', 'vlonders', 'havenkwartier']))
    })

    it('changes nothing when imported again', () => {
      const before = list(dir)
      const result = karavaan(['context', 'import', file], {cwd: dir})
      expect(result.code, result.stderr).toBe(0)
      expect(result.stdout).toContain(`0 nieuw, 0 bijgewerkt, ${rows} ongewijzigd.`)
      expect(list(dir)).toEqual(before)
    })

    it('is shown by context list under the names of the halteplaatsen', () => {
      const result = karavaan(['context', 'list'], {cwd: dir})
      expect(result.code).toBe(0)
      for (const heading of ['Kanaalzone (Veenstad, stadswijk)', 'Wendelo (Oost-Veenland, dorp in krimpregio)', 'De Vlonders (Almerwaard, vinex-wijk)', 'Havenkwartier (Westerduin, kustplaats)']) {
        expect(result.stdout).toContain(heading)
      }
    })

    it('refuses a file with two bad rows as a whole, naming both lines', () => {
      const before = list(dir)
      const bad = join(tempDir(), 'fout.csv')
      writeFileSync(
        bad,
        'halteplaats;indicator;waarde;eenheid;bron;jaar\n' +
          'kanaalzone;Nieuwe indicator;10;%;Eigen telling;2025\n' +
          'zuidpunt;Inwoners;1200;inwoners;CBS;2024\n' +
          'wendelo;Nog een indicator;5;%;Eigen telling;2025\n' +
          'wendelo;Opkomst;veel;%;Kiesraad;2022\n',
      )
      expectRefusal(
        karavaan(['context', 'import', bad], {cwd: dir}),
        1,
        /2 regels zijn niet in orde; er is niets opgeslagen/,
        /regel 3: onbekende halteplaats "zuidpunt"/,
        /regel 5: waarde "veel" is geen getal/,
      )
      expect(list(dir)).toEqual(before)
    })

    it('refuses a file without a required column, naming it', () => {
      const before = list(dir)
      const bad = join(tempDir(), 'zonder-bron.csv')
      writeFileSync(bad, 'halteplaats,indicator,value,year\nkanaalzone,Inwoners,1,2024\n')
      expectRefusal(karavaan(['context', 'import', bad], {cwd: dir}), 1, /mist de kolom source/)
      expect(list(dir)).toEqual(before)
    })

    it('refuses a file that does not exist', () => {
      expectRefusal(karavaan(['context', 'import', 'bestaat-niet.csv'], {cwd: dir}), 1, /bestaat-niet\.csv bestaat niet/)
    })
  })
})

import Database from 'better-sqlite3'
import {existsSync, readdirSync, readFileSync, statSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {parse} from 'yaml'

import {type CliResult, expectRefusal, HALTEPLAATSEN, initArgs, json, karavaan, makeStudy, snapshot, tempDir} from '../helpers/cli.js'

/** A refusal as the user sees it: the exit code, a Dutch "Fout:" line that names the input, no stack trace. */
interface InitOptions {
  end?: string
  extra?: string[]
  halteplaatsen?: string[]
  interviewers?: string[]
  start?: string
  title?: null | string
  yes?: boolean
}

/** `karavaan init DIR …` as a script writes it, with one part changed per test. */
function args(dir: string, options: InitOptions = {}): string[] {
  const title = options.title === undefined ? 'Proefstudie' : options.title
  return [
    'init',
    dir,
    ...(options.yes === false ? [] : ['--yes']),
    ...(title === null ? [] : ['--title', title]),
    '--client',
    'Gemeente Proef',
    ...(options.halteplaatsen ?? HALTEPLAATSEN).flatMap((h) => ['--halteplaats', h]),
    ...(options.interviewers ?? ['anna:Anna Visser']).flatMap((m) => ['--interviewer', m]),
    '--start',
    options.start ?? '2026-01-01',
    '--end',
    options.end ?? '2026-12-31',
    ...(options.extra ?? []),
  ]
}

const FOUR = HALTEPLAATSEN

/** The arguments of initArgs() with another --title. */
const retitled = (list: string[], title: string) => list.map((arg, i) => (list[i - 1] === '--title' ? title : arg))

describe('karavaan init, without questions', () => {
  let dir: string
  let result: CliResult

  beforeAll(() => {
    dir = join(tempDir(), 'studie')
    result = karavaan(initArgs(dir))
  })

  it('exits 0 and says in Dutch what it made and what comes next', () => {
    expect(result.code, result.stderr).toBe(0)
    expect(result.stdout).toContain(`Studie "Proefstudie" aangemaakt in ${dir}`)
    expect(result.stdout).toContain('study.yaml, karavaan.db')
    expect(result.stdout).toMatch(/Volgende stap/)
    expect(result.stderr).toBe('')
  })

  it('writes study.yaml in the shape of the contract', () => {
    const study = parse(readFileSync(join(dir, 'study.yaml'), 'utf8'))
    expect(Object.keys(study).sort()).toEqual(['client', 'halteplaatsen', 'id', 'method', 'period', 'team', 'title'])
    expect(study.id).toMatch(/^[0-9A-Za-z-]{10,64}$/)
    expect(study.title).toBe('Proefstudie')
    expect(study.client).toBe('Gemeente Proef')
    expect(study.method).toBe('karavaan')
    expect(study.period).toEqual({end: '2026-12-31', start: '2026-01-01'})
    expect(study.halteplaatsen).toEqual([
      {gemeente: 'Emmen', id: 'noord', name: 'Noord', type: 'stadswijk'},
      {gemeente: 'Borger-Odoorn', id: 'dorp', name: 'Het Dorp', type: 'dorp in krimpregio'},
      {gemeente: 'Almere', id: 'nieuw', name: 'Nieuwbouw', type: 'vinex-wijk'},
      {gemeente: 'Den Helder', id: 'kust', name: 'De Kust', type: 'kustplaats'},
    ])
    expect(study.team).toEqual([
      {id: 'anna', name: 'Anna Visser', role: 'interviewer'},
      {id: 'bram', name: 'bram', role: 'interviewer'},
    ])
  })

  it('makes karavaan.db readable by the owner only, tied to the id in study.yaml', () => {
    const file = join(dir, 'karavaan.db')
    expect(statSync(file).mode & 0o777).toBe(0o600)
    const {id} = parse(readFileSync(join(dir, 'study.yaml'), 'utf8'))
    const db = new Database(file, {fileMustExist: true}) // not readonly: closing it then removes the -wal and -shm files
    try {
      expect(db.prepare("SELECT value FROM meta WHERE key = 'study_id'").pluck().get()).toBe(id)
    } finally {
      db.close()
    }
  })

  it('makes the folders inbox/ and rapporten/', () => {
    expect(statSync(join(dir, 'inbox')).isDirectory()).toBe(true)
    expect(statSync(join(dir, 'rapporten')).isDirectory()).toBe(true)
  })

  it('leaves a study that the other commands can open', () => {
    const status = json<{study: {id: string; title: string}}>(karavaan(['status', '--json'], {cwd: dir}))
    expect(status.study.title).toBe('Proefstudie')
    expect(status.study.id).toBe(parse(readFileSync(join(dir, 'study.yaml'), 'utf8')).id)
  })
})

describe('karavaan init --json', () => {
  it('prints only JSON: the study it made and where', () => {
    const dir = join(tempDir(), 'studie')
    const result = json<{backup: null | string; database: string; dir: string; file: string; keptDatabase: boolean; study: Record<string, unknown>}>(
      karavaan(initArgs(dir, ['--json'])),
    )
    const written = parse(readFileSync(join(dir, 'study.yaml'), 'utf8'))
    expect(result.dir).toBe(dir)
    expect(result.file).toBe(join(dir, 'study.yaml'))
    expect(result.database).toBe(join(dir, 'karavaan.db'))
    expect(result.keptDatabase).toBe(false)
    expect(result.backup).toBeNull()
    expect(result.study).toEqual(written)
  })
})

describe('karavaan init refuses bad input and writes nothing', () => {
  const cases: Array<{exit: number; mentions: Array<RegExp | string>; name: string; options: InitOptions}> = [
    {name: 'three halteplaatsen', options: {halteplaatsen: FOUR.slice(0, 3)}, exit: 1, mentions: [/precies 4 halteplaatsen/, /je gaf er 3 met --halteplaats/]},
    {
      name: 'five halteplaatsen',
      options: {halteplaatsen: [...FOUR, 'zuid:Zuid:Emmen:stadswijk']},
      exit: 1,
      mentions: [/precies 4 halteplaatsen/, /je gaf er 5 met --halteplaats/],
    },
    {
      name: 'two halteplaatsen with the same id',
      options: {halteplaatsen: [...FOUR.slice(0, 3), 'noord:Noord-Oost:Emmen:stadswijk']},
      exit: 1,
      mentions: [/niet in orde; er is niets geschreven/, /de id noord komt twee keer voor/],
    },
    {
      name: 'a halteplaats id with capitals',
      options: {halteplaatsen: [...FOUR.slice(0, 3), 'Noord:Noord:Emmen:stadswijk']},
      exit: 1,
      mentions: ['--halteplaats "Noord:Noord:Emmen:stadswijk"', /"Noord" is geen geldige id/, /kleine letters/],
    },
    {
      name: 'a halteplaats id with a space',
      options: {halteplaatsen: [...FOUR.slice(0, 3), 'de kust:De Kust:Den Helder:kustplaats']},
      exit: 1,
      mentions: [/"de kust" is geen geldige id/, /de-kust/],
    },
    {
      name: 'a --halteplaats with three parts',
      options: {halteplaatsen: [...FOUR.slice(0, 3), 'kust:De Kust:Den Helder']},
      exit: 1,
      mentions: ['--halteplaats "kust:De Kust:Den Helder"', /niet de vorm id:Naam:Gemeente:type/],
    },
    {
      name: 'a --halteplaats with five parts',
      options: {halteplaatsen: [...FOUR.slice(0, 3), 'kust:De Kust:Den Helder:kust:plaats']},
      exit: 1,
      mentions: [/niet de vorm id:Naam:Gemeente:type/],
    },
    {name: 'an interviewer id with capitals', options: {interviewers: ['Anna']}, exit: 1, mentions: ['--interviewer "Anna"', /"Anna" is geen geldige id/]},
    {name: 'no --title, without a terminal', options: {title: null, yes: false}, exit: 1, mentions: [/--title ontbreekt/, /Er is niets geschreven/]},
    {name: 'no --title, with --yes', options: {title: null}, exit: 1, mentions: [/--title ontbreekt/]},
    {name: 'an unknown flag', options: {extra: ['--kleur', 'rood']}, exit: 2, mentions: [/Onbekende optie: --kleur/, /karavaan init --help/]},
    {
      name: 'an end before the start',
      options: {end: '2026-05-01', start: '2026-06-01'},
      exit: 1,
      mentions: [/de periode begint \(2026-06-01\) na het einde \(2026-05-01\)/],
    },
    {name: 'a start date that does not exist', options: {start: '2026-02-30'}, exit: 1, mentions: [/De datum "2026-02-30" bestaat niet: februari 2026 heeft 28 dagen \(--start\)/]},
    {name: 'an end that is not a date', options: {end: 'eind december'}, exit: 1, mentions: [/"eind december" is geen datum \(--end\)/, /Schrijf bijvoorbeeld 2026-03-15, 15-3-2026/]},
  ]

  it.each(cases)('$name', ({exit, mentions, options}) => {
    const parent = tempDir()
    const dir = join(parent, 'studie')
    expectRefusal(karavaan(args(dir, options)), exit, ...mentions)
    expect(existsSync(dir)).toBe(false)
    expect(readdirSync(parent)).toEqual([])
  })

  it('refuses in an existing empty folder and leaves it empty', () => {
    const dir = tempDir()
    expectRefusal(karavaan(args(dir, {halteplaatsen: FOUR.slice(0, 3)})), 1, /precies 4 halteplaatsen/)
    expect(readdirSync(dir)).toEqual([])
  })

  // Regression (found in review): an impossible date given with --start is reported by the field name of study.yaml
  // ("period.start: moet een datum zijn …"), not by the flag the user typed nor the value.
  it('names the flag or the value of an invalid --start', () => {
    const dir = join(tempDir(), 'studie')
    const result = karavaan(args(dir, {start: '2026-02-30'}))
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/--start|2026-02-30/)
  })
})

describe('karavaan init in a folder that already holds a study', () => {
  it('refuses without --force and changes nothing', () => {
    const dir = makeStudy()
    const before = snapshot(dir)
    expectRefusal(karavaan(initArgs(dir)), 1, `In ${dir} staat al een studie`, /er is niets overschreven/, /--force/)
    expect(snapshot(dir)).toEqual(before)
  })

  it('refuses a folder that holds only a karavaan.db, and changes nothing', () => {
    const study = makeStudy()
    const dir = tempDir()
    writeFileSync(join(dir, 'karavaan.db'), readFileSync(join(study, 'karavaan.db')))
    const before = snapshot(dir)
    expectRefusal(karavaan(initArgs(dir)), 1, /staat al een studie/)
    expect(snapshot(dir)).toEqual(before)
  })

  it('with --force rewrites study.yaml, keeps the old one as .bak and keeps the database and its id', () => {
    const dir = makeStudy()
    const oldText = readFileSync(join(dir, 'study.yaml'), 'utf8')
    const oldId = parse(oldText).id
    const add = karavaan(['context', 'add', '--halteplaats', 'noord', '--indicator', 'Inwoners', '--value', '8940', '--source', 'CBS', '--year', '2024'], {cwd: dir})
    expect(add.code, add.stderr).toBe(0)

    const result = karavaan(retitled(initArgs(dir, ['--force']), 'Proefstudie, herzien'))
    expect(result.code, result.stderr).toBe(0)
    expect(result.stdout).toMatch(/bestaande database bewaard/)

    const now = parse(readFileSync(join(dir, 'study.yaml'), 'utf8'))
    expect(now.title).toBe('Proefstudie, herzien')
    expect(now.id).toBe(oldId)
    const backups = readdirSync(dir).filter((name) => /^study\.yaml\..+\.bak$/.test(name))
    expect(backups).toHaveLength(1)
    expect(readFileSync(join(dir, backups[0]), 'utf8')).toBe(oldText)
    expect(result.stdout).toContain(backups[0])

    const figures = json<Array<{indicator: string; value: number}>>(karavaan(['context', 'list', '--json'], {cwd: dir}))
    expect(figures.map((f) => [f.indicator, f.value])).toEqual([['Inwoners', 8940]])
  })

  // Regression (found in review): init --force writes the new study.yaml (and a .bak) before it opens the database; a
  // database from a newer karavaan is refused only then (exit 1), so study.yaml has already been
  // replaced although the help promises "Er wordt pas iets geschreven als alles klopt".
  it('with --force changes nothing when the database is from a newer karavaan', () => {
    const dir = makeStudy()
    const db = new Database(join(dir, 'karavaan.db'))
    db.pragma('user_version = 999')
    db.close()
    const before = snapshot(dir)
    expectRefusal(karavaan(retitled(initArgs(dir, ['--force']), 'Andere titel')), 1, /nieuwere versie/)
    expect(snapshot(dir)).toEqual(before)
  })

  // Regression (found in review): init --force on a folder whose karavaan.db is a SQLite file without karavaan's tables
  // crashes with exit 10 "Er ging iets mis in karavaan: no such table: meta" instead of a Dutch
  // refusal (exit 1) that says the file is not a karavaan database.
  it('with --force refuses a SQLite file that is not a karavaan database as bad input', () => {
    const dir = tempDir()
    const db = new Database(join(dir, 'karavaan.db'))
    db.exec('CREATE TABLE adressen (naam TEXT)')
    db.close()
    expectRefusal(karavaan(initArgs(dir, ['--force'])), 1, /karavaan\.db/)
  })
})

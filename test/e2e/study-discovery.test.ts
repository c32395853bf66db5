import Database from 'better-sqlite3'
import {cpSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {parse} from 'yaml'

import {type CliResult, expectRefusal, json, karavaan, makeStudy, snapshot, tempDir} from '../helpers/cli.js'

const idOf = (dir: string): string => parse(readFileSync(join(dir, 'study.yaml'), 'utf8')).id
const statusId = (result: CliResult): string => json<{study: {id: string}}>(result).study.id

describe('finding the study', () => {
  let first: string
  let second: string

  beforeAll(() => {
    first = makeStudy()
    second = makeStudy()
  })

  it('uses --study, from any folder', () => {
    expect(statusId(karavaan(['status', '--json', '--study', first], {cwd: tempDir()}))).toBe(idOf(first))
  })

  it('uses a --study path relative to the working folder', () => {
    expect(statusId(karavaan(['status', '--json', '--study', 'studie'], {cwd: join(first, '..')}))).toBe(idOf(first))
  })

  it('uses KARAVAAN_STUDY when there is no --study', () => {
    expect(statusId(karavaan(['status', '--json'], {cwd: tempDir(), env: {KARAVAAN_STUDY: first}}))).toBe(idOf(first))
  })

  it('prefers --study over KARAVAAN_STUDY', () => {
    expect(statusId(karavaan(['status', '--json', '--study', second], {env: {KARAVAAN_STUDY: first}}))).toBe(idOf(second))
  })

  it('finds the nearest study.yaml upwards from a subfolder', () => {
    expect(statusId(karavaan(['status', '--json'], {cwd: join(first, 'inbox')}))).toBe(idOf(first))
    const deep = join(second, 'inbox', 'noord', '2026')
    mkdirSync(deep, {recursive: true})
    expect(statusId(karavaan(['status', '--json'], {cwd: deep}))).toBe(idOf(second))
  })

  it('prefers KARAVAAN_STUDY over the folder it is run in', () => {
    expect(statusId(karavaan(['status', '--json'], {cwd: join(first, 'inbox'), env: {KARAVAAN_STUDY: second}}))).toBe(idOf(second))
  })

  it('outside any study says so in Dutch, with exit 1', () => {
    const cwd = tempDir()
    expectRefusal(karavaan(['status'], {cwd}), 1, `Geen studie gevonden: er staat geen study.yaml in ${cwd}`, /--study/, /KARAVAAN_STUDY/, /karavaan init/)
  })

  it('refuses a --study folder without study.yaml', () => {
    const dir = tempDir()
    expectRefusal(karavaan(['status', '--study', dir]), 1, `In ${dir} (uit --study) staat geen study.yaml`)
  })

  it('refuses a KARAVAAN_STUDY that does not exist', () => {
    const dir = join(tempDir(), 'bestaat-niet')
    expectRefusal(karavaan(['status'], {env: {KARAVAAN_STUDY: dir}}), 1, `De map ${dir} (uit KARAVAAN_STUDY) bestaat niet`)
  })
})

describe('a broken study.yaml', () => {
  let original: string

  beforeAll(() => {
    original = makeStudy()
  })

  /** A copy of the study with study.yaml changed; returns the folder and the 1-based line of `marker` in the new text. */
  function broken(change: (text: string) => string, marker: string): {dir: string; line: number} {
    const dir = join(tempDir(), 'studie')
    cpSync(original, dir, {recursive: true})
    const text = change(readFileSync(join(dir, 'study.yaml'), 'utf8'))
    writeFileSync(join(dir, 'study.yaml'), text)
    // The marker is looked for outside comments: the comments of study.yaml mention the keys too.
    const line = text.split('\n').findIndex((l) => !l.trimStart().startsWith('#') && l.includes(marker)) + 1
    expect(line, `marker ${marker}`).toBeGreaterThan(0)
    return {dir, line}
  }

  const cases = [
    {
      name: 'a YAML syntax error (an unclosed quote)',
      change: (text: string) => text.replace('title: Proefstudie', 'title: "Proefstudie'),
      marker: 'title: "Proefstudie',
      problem: /De opbouw van het bestand klopt niet[\s\S]*de inspringing of leestekens kloppen niet/,
    },
    {
      name: 'a wrong type (a list as title)',
      change: (text: string) => text.replace('title: Proefstudie', 'title: [Proef, studie]'),
      marker: 'title: [Proef',
      problem: /title: moet tekst zijn, niet een lijst/,
    },
    {
      name: 'a wrong type (a number as period)',
      change: (text: string) => text.replace(/^period: .*$/m, 'period: 2026'),
      marker: 'period: 2026',
      problem: /period: moet een groep velden \(sleutel: waarde\) zijn, niet het getal 2026/,
    },
    {
      name: 'an unknown key',
      change: (text: string) => text.replace('title: Proefstudie\n', 'title: Proefstudie\nkleur: blauw\n'),
      marker: 'kleur: blauw',
      problem: /kleur: is een onbekend veld/,
    },
    {
      name: 'a key given twice',
      change: (text: string) => text.replace('title: Proefstudie\n', 'title: Proefstudie\ntitle: Tweede titel\n'),
      marker: 'title: Tweede titel',
      problem: /een sleutel staat er twee keer in/,
    },
  ]

  it.each(cases)('names the file, the line and the problem: $name', ({change, marker, problem}) => {
    const {dir, line} = broken(change, marker)
    const before = snapshot(dir)
    const result = karavaan(['status'], {cwd: dir})
    expectRefusal(result, 1, join(dir, 'study.yaml'), new RegExp(`regel ${line}\\b`), problem, /→ Pas .*study\.yaml aan/)
    expect(snapshot(dir)).toEqual(before)
  })

  it('names the file and the problem for three halteplaatsen', () => {
    const {dir} = broken((text) => text.replace(/^ {2}- \{id: kust.*\n/m, ''), 'halteplaatsen:')
    const before = snapshot(dir)
    expectRefusal(karavaan(['status'], {cwd: dir}), 1, join(dir, 'study.yaml'), /precies 4 halteplaatsen, deze studie heeft er 3/)
    expect(snapshot(dir)).toEqual(before)
  })

  // Regression (found in review): rules checked after the schema (count of halteplaatsen, duplicate ids, a period that runs
  // backwards; src/study/validate.ts) carry no line, so the message has no "regel N".
  it('names the line for three halteplaatsen', () => {
    const {dir, line} = broken((text) => text.replace(/^ {2}- \{id: kust.*\n/m, ''), 'halteplaatsen:')
    const result = karavaan(['status'], {cwd: dir})
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(new RegExp(`regel ${line}\\b`))
  })
})

describe('a karavaan.db that karavaan must not touch', () => {
  let original: string

  beforeAll(() => {
    original = makeStudy()
  })

  function copy(): string {
    const dir = join(tempDir(), 'studie')
    cpSync(original, dir, {recursive: true})
    return dir
  }

  it('refuses a file that is not SQLite and leaves it byte for byte', () => {
    const dir = copy()
    writeFileSync(join(dir, 'karavaan.db'), 'Dit is geen database, maar een boodschappenlijstje.\n')
    const bytes = readFileSync(join(dir, 'karavaan.db'))
    const before = snapshot(dir)
    expectRefusal(karavaan(['status'], {cwd: dir}), 1, `${join(dir, 'karavaan.db')} is geen SQLite-database`)
    expect(readFileSync(join(dir, 'karavaan.db')).equals(bytes)).toBe(true)
    expect(snapshot(dir)).toEqual(before)
  })

  it('refuses a database from a newer karavaan and leaves it byte for byte', () => {
    const dir = copy()
    const db = new Database(join(dir, 'karavaan.db'))
    db.pragma('user_version = 999')
    db.close()
    const bytes = readFileSync(join(dir, 'karavaan.db'))
    const before = snapshot(dir)
    expectRefusal(karavaan(['status'], {cwd: dir}), 1, /gemaakt met een nieuwere versie van karavaan/, /databaseversie 999/, /Werk karavaan bij/)
    expect(readFileSync(join(dir, 'karavaan.db')).equals(bytes)).toBe(true)
    expect(snapshot(dir)).toEqual(before)
  })

  // Regression (found in review): openStore (src/store/open.ts) sets journal_mode = WAL before it checks user_version and
  // application_id, so a database in rollback-journal mode is rewritten (header bytes 18-19 go from
  // 1 to 2, the change counter moves) and only then refused with "De database is niet aangeraakt".
  it('leaves a newer database in rollback-journal mode byte for byte', () => {
    const dir = copy()
    const db = new Database(join(dir, 'karavaan.db'))
    db.pragma('journal_mode = DELETE')
    db.pragma('user_version = 999')
    db.close()
    const bytes = readFileSync(join(dir, 'karavaan.db'))
    expectRefusal(karavaan(['status'], {cwd: dir}), 1, /nieuwere versie/, /niet aangeraakt/)
    expect(readFileSync(join(dir, 'karavaan.db')).equals(bytes)).toBe(true)
  })

  // Regression (found in review): same cause as above: the database of another program is switched to WAL before it is
  // refused with "karavaan heeft het niet aangeraakt".
  it('leaves the SQLite database of another program byte for byte', () => {
    const dir = copy()
    writeFileSync(join(dir, 'karavaan.db'), '')
    const db = new Database(join(dir, 'karavaan.db'))
    db.pragma('application_id = 1234')
    db.exec('CREATE TABLE adressen (naam TEXT)')
    db.close()
    const bytes = readFileSync(join(dir, 'karavaan.db'))
    expectRefusal(karavaan(['status'], {cwd: dir}), 1, /van een ander programma/)
    expect(readFileSync(join(dir, 'karavaan.db')).equals(bytes)).toBe(true)
  })
})

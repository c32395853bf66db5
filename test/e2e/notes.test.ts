import Database from 'better-sqlite3'
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'

import {initArgs, json, karavaan, makeStudy, snapshot, tempDir} from '../helpers/cli.js'

interface NoteJson {
  activity: null | string
  createdAt: string
  date: string
  group: null | string
  halteplaats: string
  id: string
  interviewer: string
  narratives: string[]
  participants: null | number
  roles: string[]
  text: string
  themes: string[]
  updatedAt: string
  version: number
}

const add = (study: string, ...extra: string[]) =>
  karavaan(['note', 'add', '--study', study, '--halteplaats', 'noord', '--group', 'moeders', '--interviewer', 'anna', ...(extra.includes('--date') ? [] : ['--date', '2026-03-11']), ...extra])

function rows(study: string, sql: string): unknown[] {
  const db = new Database(join(study, 'karavaan.db'), {readonly: true})
  try {
    return db.prepare(sql).all()
  } finally {
    db.close()
  }
}

describe('karavaan note add', () => {
  let study: string
  beforeAll(() => {
    study = makeStudy()
  })

  it('stores a note given by flags and prints it as JSON with its id', () => {
    const note = json<NoteJson>(add(study, '--participants', '7', '--role', 'moeder', '--role', 'grootmoeder', '--theme', 'voorzieningen', '--narrative', '1', '--narrative', 'ongehoorde-burger', '--text', 'Koffieochtend op school. “Er is geen loket meer.”', '--json'))
    expect(note.id).toMatch(/^[\da-f-]{36}$/)
    expect(note).toMatchObject({
      activity: null,
      date: '2026-03-11',
      group: 'moeders',
      halteplaats: 'noord',
      interviewer: 'anna',
      narratives: ['ongehoorde-burger', 'onzichtbare-overheid'],
      participants: 7,
      roles: ['moeder', 'grootmoeder'],
      text: 'Koffieochtend op school. “Er is geen loket meer.”',
      themes: ['voorzieningen'],
      version: 1,
    })
    const status = json<{cells: Array<{group: string; halteplaats: string; notes: number; state: string}>}>(karavaan(['status', '--study', study, '--json']))
    expect(status.cells.find((c) => c.halteplaats === 'noord' && c.group === 'moeders')).toMatchObject({notes: 1, state: 'gehouden'})
  })

  it('reads the text from a file and takes an observation instead of a group', () => {
    const file = join(tempDir(), 'wandeling.txt')
    writeFileSync(file, '\uFEFFWandeling langs het kanaal.\r\nVeel lege winkels.\r\n')
    const note = json<NoteJson>(karavaan(['note', 'add', '--study', study, '--halteplaats', 'dorp', '--activity', 'wijkwandeling', '--date', '2026-03-12', '--interviewer', 'bram', '--file', file, '--json']))
    expect(note).toMatchObject({activity: 'wijkwandeling', group: null, text: 'Wandeling langs het kanaal.\nVeel lege winkels.'})
  })

  it('takes the interviewer of this laptop from karavaan config', () => {
    const config = tempDir()
    const env = {XDG_CONFIG_HOME: config}
    expect(karavaan(['config', 'set', 'interviewer', 'bram'], {env}).code).toBe(0)
    expect(json<{interviewer: string}>(karavaan(['config', 'get', '--json'], {env})).interviewer).toBe('bram')
    const note = json<NoteJson>(karavaan(['note', 'add', '--study', study, '--halteplaats', 'kust', '--group', '8', '--date', '2026-03-13', '--text', 'Gesprek op het gemeentehuis.', '--json'], {env}))
    expect(note).toMatchObject({group: 'gemeente', interviewer: 'bram'})
  })

  it('refuses unknown ids with the list of valid ones, and stores nothing', () => {
    const before = snapshot(study)
    const cases: Array<[string[], RegExp]> = [
      [['--halteplaats', 'zuid', '--group', 'moeders'], /halteplaats: "zuid" is onbekend; kies uit noord, dorp, nieuw of kust/],
      [['--halteplaats', 'noord', '--group', 'bakkers'], /group: "bakkers" is onbekend; kies uit ondernemers, voetbalelftal/],
      [['--halteplaats', 'noord', '--group', 'moeders', '--theme', 'weer'], /themes: "weer" is geen thema van de methode; kies uit vertrouwen-instanties/],
      [['--halteplaats', 'noord', '--group', 'moeders', '--narrative', '6'], /narratives: "6" is geen narratief; kies uit onzichtbare-overheid/],
    ]
    for (const [flags, message] of cases) {
      const result = karavaan(['note', 'add', '--study', study, '--date', '2026-03-11', '--interviewer', 'anna', '--text', 'tekst', ...flags])
      expect(result.code).toBe(1)
      expect(result.stderr).toMatch(message)
      expect(result.stderr).not.toMatch(/\n\s+at /)
    }

    const interviewer = karavaan(['note', 'add', '--study', study, '--halteplaats', 'noord', '--group', 'moeders', '--date', '2026-03-11', '--interviewer', 'kees', '--text', 't'])
    expect(interviewer.stderr).toMatch(/interviewer: "kees" staat niet in het team van study.yaml; kies uit anna of bram/)
    expect(snapshot(study)).toEqual(before)
  })

  it('names the missing flags without a terminal', () => {
    const result = karavaan(['note', 'add', '--study', study, '--halteplaats', 'noord'])
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/--group of --activity, --interviewer, --text of --file ontbreekt/)
  })

  it('asks for --yes when the date is outside the study period', () => {
    const refused = add(study, '--date', '2025-06-01', '--text', 'Te vroeg.')
    expect(refused.code).toBe(1)
    expect(refused.stderr).toMatch(/1 juni 2025 valt buiten de periode van de studie \(1 januari 2026 tot en met 31 december 2026\)/)
    expect(add(study, '--date', '2025-06-01', '--text', 'Te vroeg, maar het klopt.', '--yes').code).toBe(0)
  })

  it('refuses personal data, or replaces it with --pseudonymise', () => {
    const refused = add(study, '--text', 'Mevrouw Jansen woont op Kanaalweg 12, 7811 AB Emmen.')
    expect(refused.code).toBe(1)
    expect(refused.stderr).toMatch(/De notitie bevat persoonsgegevens/)
    expect(refused.stderr).toMatch(/naam "Jansen" \(naam na de aanspreekvorm/)
    const replaced = json<NoteJson>(add(study, '--text', 'Mevrouw Jansen woont op Kanaalweg 12, 7811 AB Emmen.', '--pseudonymise', '--json'))
    expect(replaced.text).toMatch(/^Mevrouw \[naam-[\da-f]{6}\] woont op \[adres-[\da-f]{6}\]/)
    expect(replaced.text).not.toContain('Jansen')
  })
})

describe('the team rule: a team member passes by name, a respondent with the same surname does not', () => {
  let study: string
  beforeAll(() => {
    study = join(tempDir(), 'studie')
    const init = karavaan(initArgs(study).map((arg) => (arg === 'bram' ? 'bram:Bram Jansen' : arg)))
    expect(init.code, init.stderr).toBe(0)
  })

  it.each([
    ['Mevrouw Jansen zei dat het loket dicht is.', 'Jansen'],
    ['Meneer Visser klaagde.', 'Visser'],
    ['Piet Jansen kwam ook.', 'Piet Jansen'],
    ['Volgens wethouder Jansen komt er geen nieuw loket.', 'Jansen'],
    ['Juf Visser heeft de ouders gebeld.', 'Visser'],
  ])('refuses "%s", exit 1, nothing stored', (text, name) => {
    const before = snapshot(study)
    const refused = add(study, '--text', text)
    expect(refused.code, refused.stderr).toBe(1)
    expect(refused.stderr).toMatch(/De notitie bevat persoonsgegevens/)
    expect(refused.stderr).toContain(`naam "${name}"`)
    expect(snapshot(study)).toEqual(before)
  })

  it('stores the team members by their whole name, their first name and their id', () => {
    for (const text of ['Gesprek met Anna en Bram bij de koffie.', 'Anna Visser schreef mee; Bram Jansen stelde de vragen.']) {
      const stored = add(study, '--text', text)
      expect(stored.code, stored.stderr).toBe(0)
    }

    expect(json<unknown[]>(karavaan(['note', 'list', '--study', study, '--json']))).toHaveLength(2)
  })
})

describe('finding and reading notes', () => {
  let study: string
  const ids: Record<string, string> = {}
  beforeAll(() => {
    study = makeStudy()
    const texts: Array<[string, string[]]> = [
      ['loket', ['--text', 'Het loket is dicht; er is geen loket meer in het dorp. Veel mensen zijn geëmigreerd naar de stad.', '--narrative', '1', '--theme', 'nabije-overheid']],
      ['vertrouwen', ['--group', 'ouderen', '--text', 'Ze vertrouwen de buren, niet de gemeente. Vertrouwd gezicht: de wijkagent.', '--theme', 'onderling-vertrouwen']],
      ['nummer', ['--halteplaats', 'dorp', '--interviewer', 'bram', '--date', '2026-05-02', '--text', '"Ik ben een nummer", zei een vader. Over het loket werd niet gesproken.', '--narrative', '2']],
    ]
    const defaults: Record<string, string> = {'--date': '2026-03-11', '--group': 'moeders', '--halteplaats': 'noord', '--interviewer': 'anna'}
    for (const [key, flags] of texts) {
      const base = Object.entries(defaults).filter(([flag]) => !flags.includes(flag)).flat()
      ids[key] = json<NoteJson>(karavaan(['note', 'add', '--study', study, ...base, ...flags, '--json'])).id
    }
  })

  it('lists notes with all fields in JSON, and filters them', () => {
    const all = json<NoteJson[]>(karavaan(['note', 'list', '--study', study, '--json']))
    expect(all).toHaveLength(3)
    for (const key of ['id', 'halteplaats', 'group', 'activity', 'date', 'interviewer', 'participants', 'roles', 'themes', 'narratives', 'text', 'version', 'createdAt', 'updatedAt']) {
      expect(all[0]).toHaveProperty(key)
    }

    const list = (...flags: string[]) => json<NoteJson[]>(karavaan(['note', 'list', '--study', study, '--json', ...flags])).map((n) => n.id)
    expect(list('--halteplaats', 'dorp')).toEqual([ids.nummer])
    expect(list('--group', '5')).toEqual([ids.vertrouwen])
    expect(list('--narrative', '1')).toEqual([ids.loket])
    expect(list('--narrative', 'onzichtbare-burger')).toEqual([ids.nummer])
    expect(list('--theme', 'onderling-vertrouwen')).toEqual([ids.vertrouwen])
    expect(list('--interviewer', 'bram')).toEqual([ids.nummer])
    expect(list('--since', '2026-04-01')).toEqual([ids.nummer])
    expect(list('--until', '2026-04-01').sort()).toEqual([ids.loket, ids.vertrouwen].sort())
  })

  it('shows a note by its short id in Dutch', () => {
    const result = karavaan(['note', 'show', ids.loket.slice(-8), '--study', study])
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/halteplaats: +Noord \(Emmen\)/)
    expect(result.stdout).toMatch(/narratieven: +1\. onzichtbare overheid/)
    expect(result.stdout).toContain('Het loket is dicht')
  })

  it('searches with and without diacritics, phrases and prefixes, best first', () => {
    const search = (query: string, ...flags: string[]) => json<Array<{note: NoteJson; snippet: string}>>(karavaan(['note', 'search', query, '--study', study, '--json', ...flags]))
    expect(search('geemigreerd').map((h) => h.note.id)).toEqual([ids.loket])
    expect(search('geëmigreerd').map((h) => h.note.id)).toEqual([ids.loket])
    expect(search('"geen loket"').map((h) => h.note.id)).toEqual([ids.loket])
    expect(search('"ik ben een nummer"').map((h) => h.note.id)).toEqual([ids.nummer])
    expect(search('vertrouw*').map((h) => h.note.id)).toEqual([ids.vertrouwen])
    expect(search('loket').map((h) => h.note.id)).toEqual([ids.loket, ids.nummer])
    expect(search('loket', '--halteplaats', 'dorp').map((h) => h.note.id)).toEqual([ids.nummer])
    expect(search('loket NOT dorp').map((h) => h.note.id)).toEqual([ids.nummer])
    expect(search('"geen loket"')[0].snippet).toContain('[[geen loket]]')
  })

  it('highlights matches in the terminal output', () => {
    const result = karavaan(['note', 'search', 'loket', '--study', study])
    expect(result.stdout).toContain('»loket«')
  })

  it('gives a Dutch hint for a malformed query, never a raw SQLite error', () => {
    for (const [query, message] of [
      ['"geen loket', /ontbreekt een afsluitend aanhalingsteken/],
      ['loket OR', /staat OR op een plek waar het niets verbindt/],
      ['v*', /te kort om op te zoeken met \*/],
      ['***', /bevat geen woorden/],
    ] as const) {
      const result = karavaan(['note', 'search', query, '--study', study])
      expect(result.code).toBe(1)
      expect(result.stderr).toMatch(message)
      expect(result.stderr).not.toMatch(/fts5|SQLITE|syntax error/i)
    }
  })
})

describe('nothing is lost: edit, rm, restore, history', () => {
  it('keeps every version and lets a deleted note come back', () => {
    const study = makeStudy()
    const note = json<NoteJson>(add(study, '--text', 'Eerste versie.', '--theme', 'voorzieningen', '--json'))
    const short = note.id.slice(-8)

    const edited = json<{change: string; note: NoteJson}>(karavaan(['note', 'edit', short, '--study', study, '--text', 'Tweede versie.', '--json']))
    expect(edited.change).toBe('bewerkt')
    expect(edited.note.version).toBe(2)
    const same = json<{change: string}>(karavaan(['note', 'edit', short, '--study', study, '--text', 'Tweede versie.', '--json']))
    expect(same.change).toBe('ongewijzigd')
    const regrouped = json<{note: NoteJson}>(karavaan(['note', 'edit', short, '--study', study, '--activity', 'fietstocht', '--json']))
    expect(regrouped.note).toMatchObject({activity: 'fietstocht', group: null, text: 'Tweede versie.', version: 3})

    expect(karavaan(['note', 'rm', short, '--study', study]).stdout).toMatch(/staat in de prullenbak/)
    expect(json<NoteJson[]>(karavaan(['note', 'list', '--study', study, '--json']))).toHaveLength(0)
    expect(json<NoteJson[]>(karavaan(['note', 'list', '--study', study, '--deleted', '--json']))).toHaveLength(1)
    expect(json<{totals: {notes: number}}>(karavaan(['status', '--study', study, '--json'])).totals.notes).toBe(0)
    expect(karavaan(['note', 'search', 'versie', '--study', study, '--json']).stdout).toBe('[]\n')

    const again = karavaan(['note', 'rm', short, '--study', study])
    expect(again.code).toBe(1)
    expect(again.stderr).toMatch(/staat al in de prullenbak/)

    expect(karavaan(['note', 'restore', short, '--study', study]).code).toBe(0)
    const history = json<Array<{change: string; text: string; version: number}>>(karavaan(['note', 'history', short, '--study', study, '--json']))
    expect(history.map((v) => [v.version, v.change])).toEqual([
      [1, 'nieuw'],
      [2, 'bewerkt'],
      [3, 'bewerkt'],
      [4, 'verwijderd'],
      [5, 'teruggezet'],
    ])
    expect(history[0].text).toBe('Eerste versie.')
    const first = json<{text: string; version: number}>(karavaan(['note', 'show', short, '--version', '1', '--study', study, '--json']))
    expect(first).toMatchObject({text: 'Eerste versie.', version: 1})
    const human = karavaan(['note', 'history', short, '--study', study])
    expect(human.stdout).toMatch(/versie 1 · aangemaakt/)
    expect(human.stdout).toMatch(/versie 4 · naar de prullenbak/)
    expect(rows(study, 'SELECT * FROM note_versions')).toHaveLength(5)
  })

  it('refuses unknown ids and versions with a Dutch message', () => {
    const study = makeStudy()
    const note = json<NoteJson>(add(study, '--text', 'Iets.', '--json'))
    expect(karavaan(['note', 'show', 'ffffffff', '--study', study]).stderr).toMatch(/Er is geen notitie met id "ffffffff"/)
    expect(karavaan(['note', 'show', 'abc', '--study', study]).stderr).toMatch(/te kort als notitie-id/)
    expect(karavaan(['note', 'show', note.id, '--version', '9', '--study', study]).stderr).toMatch(/heeft geen versie 9; de nieuwste is versie 1/)
    expect(karavaan(['note', 'restore', note.id, '--study', study]).stderr).toMatch(/staat niet in de prullenbak/)
    const before = snapshot(study)
    const bad = karavaan(['note', 'edit', note.id, '--study', study, '--group', 'bakkers'])
    expect(bad.code).toBe(1)
    expect(snapshot(study)).toEqual(before)
    const nothing = karavaan(['note', 'edit', note.id, '--study', study])
    expect(nothing.code).toBe(1)
    expect(nothing.stderr).toMatch(/Geef op wat er verandert/)
  })
})

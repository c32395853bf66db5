import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'

import {expectRefusal, json, karavaan, makeStudy, snapshot, tempDir} from '../helpers/cli.js'

// Issue 15, points 6 and 9: what a user types as the kit shows it (names, Dutch dates), one way of
// showing dates, and a history that says what changed.

interface NoteJson {
  date: string
  group: null | string
  halteplaats: string
  id: string
  narratives: string[]
  themes: string[]
  updatedAt: string
}

interface VersionJson {
  change: string
  changedAt: string
  text: string
  themes: string[]
  version: number
}

/** The local time zone of the CLI for these tests, so a shown time can be checked against --json. */
const TZ = 'Europe/Amsterdam'
const k = (study: string, ...args: string[]) => karavaan([...args, '--study', study], {env: {TZ}})
const MONTHS = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december']

/** A UTC moment as a person in the Netherlands reads it: "2 december 2026 07:49". */
function amsterdam(iso: string): string {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-GB', {day: 'numeric', hour: '2-digit', hourCycle: 'h23', minute: '2-digit', month: 'numeric', timeZone: TZ, year: 'numeric'}).formatToParts(new Date(iso)).map((p) => [p.type, p.value]))
  return `${Number(parts.day)} ${MONTHS[Number(parts.month) - 1]} ${parts.year} ${parts.hour}:${parts.minute}`
}

function addNote(study: string, ...extra: string[]) {
  return k(study, 'note', 'add', '--interviewer', 'anna', '--text', 'Koffieochtend in het buurthuis.', ...extra)
}

describe('codes typed as the names the kit shows', () => {
  let study: string
  beforeAll(() => {
    study = makeStudy()
  })

  it('takes the group label of note list and the halteplaats name after a flag, and stores the ids', () => {
    const note = json<NoteJson>(addNote(study, '--halteplaats', 'Het Dorp', '--group', 'scholieren', '--theme', 'nabije overheid', '--theme', 'Voorzieningen', '--narrative', 'onzichtbare overheid', '--date', '2026-03-11', '--json'))
    expect(note).toMatchObject({group: 'schoolklas', halteplaats: 'dorp', narratives: ['onzichtbare-overheid'], themes: ['nabije-overheid', 'voorzieningen']})

    // What note list shows can be typed back as a filter.
    const list = k(study, 'note', 'list')
    expect(list.stdout).toMatch(/Het Dorp\s+scholieren/)
    expect(json<NoteJson[]>(k(study, 'note', 'list', '--group', 'scholieren', '--halteplaats', 'het dorp', '--json')).map((n) => n.id)).toEqual([note.id])
    expect(json<NoteJson[]>(k(study, 'note', 'list', '--group', 'SCHOLIER', '--theme', 'nabije overheid', '--json')).map((n) => n.id)).toEqual([note.id])
    expect(json<NoteJson[]>(k(study, 'note', 'list', '--group', 'voetballers', '--json'))).toEqual([])
  })

  it('refuses a name that fits several codes, lists the candidates, and stores nothing', () => {
    const before = snapshot(study)
    expectRefusal(
      addNote(study, '--halteplaats', 'noord', '--group', 'moeders', '--theme', 'vertrouwen'),
      1,
      /themes: "vertrouwen" past bij meer dan één thema: vertrouwen-instanties \(Vertrouwen in gemeente en instanties .*\) of onderling-vertrouwen \(Onderling vertrouwen in de buurt .*\); typ de id/,
    )
    expectRefusal(k(study, 'note', 'list', '--narrative', 'burger'), 1, /"burger" past bij meer dan één narratief \(--narrative\): onzichtbare-burger .* of ongehoorde-burger/, 'Typ de id, of meer woorden van de naam.')
    expectRefusal(k(study, 'note', 'list', '--group', 'bakkers'), 1, 'Onbekende groep "bakkers" (--group).', /Kies uit: ondernemers, voetbalelftal, schoolklas/)
    expect(snapshot(study)).toEqual(before)
  })

  it('takes names and Dutch dates in the front matter of a note file', () => {
    const dir = tempDir()
    writeFileSync(
      join(dir, 'gesprek.md'),
      ['---', 'halteplaats: De Kust', 'group: Voetballers', 'date: 2 februari 2026', 'interviewer: anna', 'themes: [Gemeenschapskracht, veilig en leefbaar]', 'narratives: [ongehoorde burgers, 5]', '---', 'In de kantine na de training.', ''].join('\n'),
    )
    expect(k(study, 'import', dir).code).toBe(0)
    const note = json<NoteJson[]>(k(study, 'note', 'list', '--halteplaats', 'kust', '--json'))[0]
    expect(note).toMatchObject({date: '2026-02-02', group: 'voetbalelftal', halteplaats: 'kust', narratives: ['ervaren-incompetentie', 'ongehoorde-burger'], themes: ['gemeenschapskracht', 'veiligheid-en-leefbaarheid']})
  })

  it('takes names and Dutch dates in a plan CSV, and shows the planned date as the kit shows dates', () => {
    const file = join(tempDir(), 'planning.csv')
    writeFileSync(file, 'halteplaats,groep,observatie,datum,status\nNoord,moeder,,12-3-2026,gepland\nnieuwbouw,,Wijkwandeling,21/4/2026,gehouden\n')
    expect(k(study, 'plan', 'import', file).code).toBe(0)
    const plan = json<Array<{activity: null | string; date: null | string; group: null | string; halteplaats: string; state: string}>>(k(study, 'plan', '--json'))
    expect(plan.find((r) => r.halteplaats === 'noord' && r.group === 'moeders')).toMatchObject({date: '2026-03-12', state: 'gepland'})
    expect(plan.find((r) => r.activity === 'wijkwandeling')).toMatchObject({date: '2026-04-21', halteplaats: 'nieuw', state: 'gehouden'})
    const status = k(study, 'status')
    expect(status.stdout).toMatch(/4\. moeders\s+gepland 12 maart/)
    expect(status.stdout).toContain('Proefstudie (1 januari 2026 t/m 31 december 2026)')
    expect(k(study, 'plan', '--halteplaats', 'noord').stdout).toMatch(/Moeders uit de buurt\s+12 maart 2026\s+gepland/)
    const overview = json<{cells: Array<{date: null | string; group: string; halteplaats: string}>; missing: Array<{group?: string; halteplaats: string; message: string}>; study: {period: {start: string}}}>(k(study, 'status', '--json'))
    expect(overview.cells.find((c) => c.halteplaats === 'noord' && c.group === 'moeders')?.date).toBe('2026-03-12')
    expect(overview.study.period.start).toBe('2026-01-01')
    expect(overview.missing.find((m) => m.halteplaats === 'noord' && m.group === 'moeders')?.message).toBe('Noord: gesprek met moeders gepland op 12 maart 2026, nog niet gehouden')
  })
})

describe('dates as a person writes them', () => {
  let study: string
  beforeAll(() => {
    study = makeStudy()
  })

  it('reads every usual form as the same day', () => {
    for (const date of ['2026-02-02', '2-2-2026', '02-02-2026', '2/2/2026', '2.2.2026', '2 februari 2026', '2 feb. 2026']) {
      const note = json<NoteJson>(addNote(study, '--halteplaats', 'noord', '--group', 'moeders', '--date', date, '--json'))
      expect(note.date, date).toBe('2026-02-02')
    }

    expect(json<NoteJson[]>(k(study, 'note', 'list', '--since', '1-2-2026', '--until', '2 februari 2026', '--json'))).toHaveLength(7)
    expect(json<NoteJson[]>(k(study, 'note', 'list', '--since', '3.2.2026', '--json'))).toHaveLength(0)
  })

  it('says a date that does not exist does not exist, and names the accepted forms for one that is no date', () => {
    const before = snapshot(study)
    expectRefusal(addNote(study, '--halteplaats', 'noord', '--group', 'moeders', '--date', '2026-02-30'), 1, 'De datum "2026-02-30" bestaat niet: februari 2026 heeft 28 dagen (--date).', 'Controleer de dag en de maand.')
    expectRefusal(addNote(study, '--halteplaats', 'noord', '--group', 'moeders', '--date', '31-4-2026'), 1, 'De datum "31-4-2026" bestaat niet: april heeft 30 dagen (--date).')
    const wrong = addNote(study, '--halteplaats', 'noord', '--group', 'moeders', '--date', '2026/02/02')
    expectRefusal(wrong, 1, '"2026/02/02" is geen datum (--date).', 'Schrijf bijvoorbeeld 2026-03-15, 15-3-2026, 15/3/2026, 15.3.2026 of 15 maart 2026.')
    expect(wrong.stderr).not.toMatch(/bestaat niet/)
    expectRefusal(k(study, 'plan', 'set', '--halteplaats', 'noord', '--group', 'moeders', '--date', '29-2-2026'), 1, /De datum "29-2-2026" bestaat niet: februari 2026 heeft 28 dagen \(2026 is geen schrikkeljaar\)/)
    expectRefusal(k(study, 'reflect', 'add', '--halteplaats', 'noord', '--date', '31 juni 2026', '--confirmed', 'x'), 1, 'datum: de datum "31 juni 2026" bestaat niet: juni heeft 30 dagen')
    expect(snapshot(study)).toEqual(before)
  })

  it('shows every date one way, and a time in the local time; --json keeps the stored forms', () => {
    const note = json<NoteJson>(addNote(study, '--halteplaats', 'noord', '--group', 'moeders', '--date', '9-4-2026', '--json'))
    expect(note.date).toBe('2026-04-09')
    expect(note.updatedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/)
    const list = k(study, 'note', 'list', '--since', '2026-04-09')
    expect(list.stdout).toMatch(new RegExp(`${note.id.slice(-8)}\\s+9 april 2026\\s+Noord\\s+moeders`))
    const show = k(study, 'note', 'show', note.id).stdout
    expect(show).toContain('datum:        9 april 2026')
    expect(show).toContain(`versie:       1 (laatst gewijzigd ${amsterdam(note.updatedAt)})`)
    expect(show).not.toMatch(/\d{4}-\d{2}-\d{2}/)

    const reflection = json<{date: string; id: string; updatedAt: string}>(k(study, 'reflect', 'add', '--halteplaats', 'De Kust', '--date', '10 juni 2026', '--participant', 'bewoners:4', '--confirmed', 'Klopt.', '--json'))
    expect(reflection).toMatchObject({date: '2026-06-10', halteplaats: 'kust'})
    expect(k(study, 'reflect', 'list').stdout).toMatch(/10 juni 2026\s+De Kust/)
    const shown = k(study, 'reflect', 'show', reflection.id).stdout
    expect(shown).toContain('Datum:       10 juni 2026')
    expect(shown).toContain(`laatst gewijzigd ${amsterdam(reflection.updatedAt)}`)
  })
})

describe('history shows what changed', () => {
  let study: string
  let id: string
  beforeAll(() => {
    study = makeStudy()
    const first = 'De bus rijdt niet meer naar het dorp.\n\nHet buurthuis is elke dinsdag open.\n\nDe kinderen spelen op het veld.'
    id = json<NoteJson>(k(study, 'note', 'add', '--halteplaats', 'dorp', '--group', 'ouderen', '--interviewer', 'anna', '--date', '2026-03-11', '--theme', 'voorzieningen', '--text', first, '--json')).id
    const second = 'De bus rijdt nooit meer naar het dorp.\n\nHet buurthuis is elke dinsdag open.\n\nDe kinderen spelen op het veld achter de kerk.'
    expect(k(study, 'note', 'edit', id, '--text', second, '--theme', 'nabije overheid', '--date', '12-3-2026').code).toBe(0)
    expect(k(study, 'note', 'edit', id, '--participants', '7').code).toBe(0)
    expect(k(study, 'note', 'rm', id).code).toBe(0)
    expect(k(study, 'note', 'restore', id).code).toBe(0)
  })

  it('shows the first version whole and each later one as the words and fields that changed', () => {
    const history = k(study, 'note', 'history', id)
    expect(history.code).toBe(0)
    const versions = json<VersionJson[]>(k(study, 'note', 'history', id, '--json'))
    const blocks = history.stdout.split('\n\n── ')
    expect(blocks[0]).toBe('Per versie zie je wat er veranderde: [-weggehaald-] en {+toegevoegd+}.')
    // Version 1: whole, with its text.
    expect(blocks[1]).toContain(`versie 1 · aangemaakt · ${amsterdam(versions[0].changedAt)}`)
    expect(blocks[1]).toContain('datum:        11 maart 2026')
    expect(history.stdout).toContain('De bus rijdt niet meer naar het dorp.\n\nHet buurthuis is elke dinsdag open.')
    // Version 2: the changed fields, then only the changed paragraphs, word by word.
    expect(blocks[2]).toBe(
      [
        `versie 2 · bewerkt · ${amsterdam(versions[1].changedAt)}`,
        "Gewijzigd: tekst, datum (11 maart 2026 → 12 maart 2026), thema's (+ nabije overheid, − voorzieningen).",
        '  De bus rijdt [-niet-]{+nooit+} meer naar het dorp.',
        '  …',
        '  De kinderen spelen op het [-veld.-]{+veld achter de kerk.+}',
      ].join('\n'),
    )
    // Version 3: a field only.
    expect(blocks[3]).toBe(`versie 3 · bewerkt · ${amsterdam(versions[2].changedAt)}\nGewijzigd: deelnemers (– → 7).`)
    expect(blocks[4]).toMatch(/^versie 4 · naar de prullenbak · /)
    expect(blocks[5]).toMatch(/^versie 5 · teruggezet uit de prullenbak · /)
    expect(history.stdout).not.toContain('\u001B[')
  })

  it('keeps --json as it was: every version whole', () => {
    const versions = json<VersionJson[]>(k(study, 'note', 'history', id, '--json'))
    expect(versions.map((v) => [v.version, v.change])).toEqual([[1, 'nieuw'], [2, 'bewerkt'], [3, 'bewerkt'], [4, 'verwijderd'], [5, 'teruggezet']])
    expect(versions[1].text).toBe('De bus rijdt nooit meer naar het dorp.\n\nHet buurthuis is elke dinsdag open.\n\nDe kinderen spelen op het veld achter de kerk.')
    expect(versions[1].themes).toEqual(['nabije-overheid'])
    expect(versions[0].changedAt).toMatch(/Z$/)
  })

  it('does the same for a finding: its text whole first, then the changed words and fields', () => {
    const finding = json<{id: string}>(k(study, 'finding', 'add', '--title', 'Het loket wordt gemist', '--text', 'Ouderen missen het loket in het dorp.', '--theme', 'nabije overheid', '--halteplaats', 'Het Dorp', '--json'))
    expect(k(study, 'finding', 'edit', finding.id, '--title', 'Het loket wordt erg gemist', '--text', 'Ouderen en moeders missen het loket in het dorp.', '--narrative', 'onzichtbare overheid').code).toBe(0)
    const history = k(study, 'finding', 'history', finding.id).stdout
    expect(history).toMatch(/Versie 1 — aangemaakt op \d{1,2} [a-z]+ 2\d{3} \d{2}:\d{2}\n {2}Het loket wordt gemist\n\n {2}Ouderen missen het loket in het dorp\./)
    expect(history).toContain(
      [
        '  Het loket wordt erg gemist',
        '  Gewijzigd: titel, tekst, narratieven (+ Onzichtbaarheid van de overheid).',
        '  Titel:',
        '    Het loket wordt {+erg+} gemist',
        '  Tekst:',
        '    Ouderen {+en moeders+} missen het loket in het dorp.',
      ].join('\n'),
    )
  })
})

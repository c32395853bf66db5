import {chmodSync, existsSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {parse} from 'yaml'

import {json, karavaan, makeStudy, tempDir} from '../helpers/cli.js'
import {Terminal} from '../helpers/terminal.js'

// Issue 15, points 2 and 3: what a person types in the terminal is never lost to one mistake, one
// "nee" or a stop; a mistake is put right where it is, and a stop says where the work is kept.

interface NoteJson {
  date: string
  id: string
  roles: string[]
  text: string
  version: number
}

/** A laptop of its own for every terminal: no interviewer set, no editor unless the test gives one. */
function env(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {EDITOR: undefined, VISUAL: undefined, XDG_CONFIG_HOME: tempDir('karavaan-config-'), ...extra}
}

const drafts = (study: string) => (existsSync(join(study, 'concepten')) ? readdirSync(join(study, 'concepten')).filter((name) => !name.startsWith('.')) : [])
const notes = (study: string) => json<NoteJson[]>(karavaan(['note', 'list', '--json'], {cwd: study}))

/** Types the lines of a text at the "> " prompt of the line-by-line input, and the closing dot. */
async function typeLines(terminal: Terminal, lines: string[]): Promise<void> {
  for (const line of [...lines, '.']) {
    await terminal.waitFor('> ')
    terminal.type(line)
    terminal.press('enter')
  }
}

/** note add up to the text: Noord, moeders, the given date answers, anna, 5, moeder, no themes, no narratives. */
async function answerNoteFields(terminal: Terminal, dates: (terminal: Terminal) => Promise<void>): Promise<void> {
  await terminal.choose('Halteplaats')
  await terminal.choose('Gesprek met welke groep')
  await dates(terminal)
  await terminal.choose('Interviewer')
  await terminal.answer('Aantal deelnemers', '5')
  await terminal.answer('Rollen van de deelnemers', 'moeder')
  await terminal.choose("Over welke thema's ging het?")
  await terminal.choose('Welke narratieven')
}

/**
 * An editor for the tests, as EDITOR: each time it is opened it takes the next step of a list (a
 * text to put under the ---, or a header line to replace), and notes what it was shown.
 */
function fakeEditor(steps: Array<{body?: string; header?: [string, string]}>): {env: NodeJS.ProcessEnv; seen: () => string[]} {
  const dir = tempDir('karavaan-editor-')
  const plan = join(dir, 'steps.json')
  const seen = join(dir, 'seen.json')
  writeFileSync(plan, JSON.stringify(steps))
  writeFileSync(seen, '[]')
  const script = join(dir, 'editor.mjs')
  writeFileSync(
    script,
    `import {readFileSync, writeFileSync} from 'node:fs'
const file = process.argv[2]
const steps = JSON.parse(readFileSync(${JSON.stringify(plan)}, 'utf8'))
const seen = JSON.parse(readFileSync(${JSON.stringify(seen)}, 'utf8'))
let text = readFileSync(file, 'utf8')
seen.push(text)
writeFileSync(${JSON.stringify(seen)}, JSON.stringify(seen))
const step = steps.shift() ?? {}
writeFileSync(${JSON.stringify(plan)}, JSON.stringify(steps))
if (step.header) text = text.replace(new RegExp('^' + step.header[0] + ':.*$', 'm'), step.header[0] + ': ' + step.header[1])
if (step.body !== undefined) {
  const lines = text.split('\\n')
  const end = lines.findIndex((line, i) => i > 0 && line.trim() === '---')
  text = [...lines.slice(0, end + 1), step.body, ''].join('\\n')
}
writeFileSync(file, text)
`,
  )
  chmodSync(script, 0o755)
  return {env: {EDITOR: `${process.execPath} ${script}`}, seen: () => JSON.parse(readFileSync(seen, 'utf8')) as string[]}
}

/** A note stored as a script would, to edit in the terminal. */
function storedNote(study: string, text = 'Het loket in het dorpshuis is dicht.'): NoteJson {
  return json<NoteJson>(
    karavaan(['note', 'add', '--halteplaats', 'noord', '--group', 'moeders', '--date', '2026-03-11', '--interviewer', 'anna', '--role', 'moeder', '--text', text, '--json'], {cwd: study}),
  )
}

const SECRET = 'Mevrouw Jansen belde vanaf 06-12345678 over het loket.'

describe('mistakes in the terminal', () => {
  it('note add questions a date outside the period when it is typed, asks again for an empty text, and changes one answer at the summary', async () => {
    const study = makeStudy()
    const terminal = Terminal.start(['note', 'add'], {cwd: study, env: env()})
    try {
      await answerNoteFields(terminal, async (t) => {
        await t.answer('Datum (zoals 9-4-2026 of 9 april 2026)', '2027-03-11')
        // Asked at once, before a word of the text is typed; "nee" asks the date again.
        await t.choose('11 maart 2027 valt buiten de periode van de studie (1 januari 2026 tot en met 31 december 2026). Klopt die datum?')
        await t.answer('Datum (zoals 9-4-2026 of 9 april 2026)', '2026-03-11')
      })
      await typeLines(terminal, [])
      await terminal.waitFor('De notitie heeft nog geen tekst.')
      await typeLines(terminal, ['Koffieochtend in het buurthuis.', 'Het loket is dicht.'])
      await terminal.waitFor('De notitie:')
      await terminal.waitFor('Datum:')
      await terminal.choose('De notitie opslaan?', 'down')
      await terminal.choose('Welk antwoord wil je veranderen?', 'down', 'down', 'down', 'down', 'down')
      await terminal.answer('Rollen van de deelnemers', 'moeder, grootmoeder')
      await terminal.waitFor('moeder, grootmoeder')
      await terminal.choose('De notitie opslaan?')
      await terminal.waitFor('Opgeslagen: notitie')
      expect(await terminal.exitCode()).toBe(0)
    } finally {
      terminal.kill()
    }

    expect(terminal.screen).not.toContain('Fout:')
    const [note] = notes(study)
    expect(note).toMatchObject({date: '2026-03-11', roles: ['moeder', 'grootmoeder'], text: 'Koffieochtend in het buurthuis.\nHet loket is dicht.'})
    expect(drafts(study)).toEqual([])
  }, 90_000)

  it('note add without an editor: personal data found, the person replaces the words here and the note is saved', async () => {
    const study = makeStudy()
    const terminal = Terminal.start(['note', 'add'], {cwd: study, env: env()})
    try {
      await answerNoteFields(terminal, (t) => t.answer('Datum (zoals 9-4-2026 of 9 april 2026)', '2026-04-02'))
      await typeLines(terminal, ['De bus rijdt niet meer.', SECRET])
      await terminal.choose('De notitie opslaan?')
      await terminal.waitFor('De notitie bevat persoonsgegevens:')
      await terminal.waitFor('regel 2, kolom 9: naam "Jansen"')
      await terminal.choose('Wat wil je doen?', 'down')
      await terminal.choose('Hoe wil je de tekst veranderen?')
      await terminal.answer('Welke woorden wil je vervangen?', 'Mevrouw Jansen belde vanaf 06-12345678')
      await terminal.answer('Vervangen door', 'Een moeder belde')
      await terminal.waitFor('Opgeslagen: notitie')
      expect(await terminal.exitCode()).toBe(0)
    } finally {
      terminal.kill()
    }

    expect(notes(study).map((n) => n.text)).toEqual(['De bus rijdt niet meer.\nEen moeder belde over het loket.'])
    expect(drafts(study)).toEqual([])
  }, 90_000)

  it('note add stopped with Ctrl-C while the text is typed names the draft; import reads it in and removes it', async () => {
    const study = makeStudy()
    const terminal = Terminal.start(['note', 'add'], {cwd: study, env: env()})
    try {
      await answerNoteFields(terminal, (t) => t.answer('Datum (zoals 9-4-2026 of 9 april 2026)', '2026-04-02'))
      await terminal.waitFor('> ')
      terminal.type('Op het schoolplein praten de moeders over de bus.')
      terminal.press('enter')
      await terminal.waitFor('> ')
      terminal.press('ctrl-c')
      expect(await terminal.exitCode()).toBe(1)
    } finally {
      terminal.kill()
    }

    const [draft] = drafts(study)
    expect(draft).toMatch(/^notitie-.*\.md$/)
    // Told as a stop, not as a mistake, with the draft and the command that reads it in.
    expect(terminal.screen).toContain(`Gestopt; je notitie staat in concepten/${draft}. Lees hem later in met: karavaan import concepten/${draft}`)
    expect(terminal.screen).not.toContain('Fout:')
    expect(readFileSync(join(study, 'concepten', draft), 'utf8')).toContain('date: 2026-04-02')
    expect(readFileSync(join(study, 'concepten', draft), 'utf8')).toContain('Op het schoolplein praten de moeders over de bus.')
    const read = karavaan(['import', `concepten/${draft}`], {cwd: study})
    expect(read.code, read.stderr).toBe(0)
    expect(notes(study).map((n) => n.text)).toEqual(['Op het schoolplein praten de moeders over de bus.'])
    expect(drafts(study)).toEqual([])
  }, 90_000)

  it('note add stopped at the summary keeps every answer in the draft', async () => {
    const study = makeStudy()
    const terminal = Terminal.start(['note', 'add'], {cwd: study, env: env()})
    try {
      await answerNoteFields(terminal, (t) => t.answer('Datum (zoals 9-4-2026 of 9 april 2026)', '2026-05-06'))
      await typeLines(terminal, ['De bieb gaat dicht.'])
      await terminal.choose('De notitie opslaan?', 'down', 'down')
      expect(await terminal.exitCode()).toBe(1)
    } finally {
      terminal.kill()
    }

    const [draft] = drafts(study)
    expect(terminal.screen).toContain(`Gestopt; je notitie staat in concepten/${draft}. Lees hem later in met: karavaan import concepten/${draft}`)
    expect(terminal.screen).not.toContain('Fout:')
    const content = readFileSync(join(study, 'concepten', draft), 'utf8')
    for (const line of ['halteplaats: noord', 'group: ondernemers', 'date: 2026-05-06', 'interviewer: anna', 'participants: 5', 'roles: [moeder]', 'De bieb gaat dicht.']) expect(content).toContain(line)
    expect(notes(study)).toEqual([])
  }, 90_000)

  it('note edit with a privacy hit in the editor offers the menu, and "vervangen" saves the edit with placeholders', async () => {
    const study = makeStudy()
    const note = storedNote(study)
    const editor = fakeEditor([{body: SECRET}])
    const terminal = Terminal.start(['note', 'edit', note.id], {cwd: study, env: env(editor.env)})
    try {
      await terminal.waitFor('De notitie bevat persoonsgegevens:')
      // The line is the line in the editor: under the eleven lines of the header.
      await terminal.waitFor(/regel 11, kolom \d+: telefoonnummer "06-12345678"/)
      await terminal.choose('Wat wil je doen?')
      await terminal.waitFor('bewaard als versie 2')
      expect(await terminal.exitCode()).toBe(0)
    } finally {
      terminal.kill()
    }

    const [stored] = notes(study)
    expect(stored.version).toBe(2)
    expect(stored.text).toMatch(/^Mevrouw \[naam-[\da-f]{6}\] belde vanaf \[telefoonnummer-[\da-f]{6}\] over het loket\.$/)
    expect(drafts(study)).toEqual([])
  }, 90_000)

  it('note edit with a bad theme in the editor header reopens the editor with the person\'s own text', async () => {
    const study = makeStudy()
    const note = storedNote(study)
    const editor = fakeEditor([{body: 'Nieuwe tekst: de bus rijdt niet meer.', header: ['themes', '[voorzienigen]']}, {header: ['themes', '[voorzieningen]']}])
    const terminal = Terminal.start(['note', 'edit', note.id], {cwd: study, env: env(editor.env)})
    try {
      await terminal.waitFor('Niet alle gegevens van de notitie kloppen:')
      await terminal.waitFor('voorzienigen')
      await terminal.choose('Wat wil je doen?')
      await terminal.waitFor('bewaard als versie 2')
      expect(await terminal.exitCode()).toBe(0)
    } finally {
      terminal.kill()
    }

    // Opened again with what the person wrote the first time, not with the stored note.
    expect(editor.seen()[1]).toContain('Nieuwe tekst: de bus rijdt niet meer.')
    expect(editor.seen()[1]).toContain('themes: [voorzienigen]')
    const [stored] = notes(study)
    expect(stored).toMatchObject({text: 'Nieuwe tekst: de bus rijdt niet meer.', version: 2})
    expect(drafts(study)).toEqual([])
  }, 90_000)

  it('note edit keeps a stopped edit per edit, and the next edit offers to go on with it', async () => {
    const study = makeStudy()
    const note = storedNote(study)
    const first = fakeEditor([{body: SECRET}])
    const terminal = Terminal.start(['note', 'edit', note.id], {cwd: study, env: env(first.env)})
    try {
      await terminal.waitFor('De notitie bevat persoonsgegevens:')
      await terminal.choose('Wat wil je doen?', 'down', 'down', 'down')
      expect(await terminal.exitCode()).toBe(1)
    } finally {
      terminal.kill()
    }

    const [draft] = drafts(study)
    const short = note.id.slice(-8)
    expect(draft).toMatch(new RegExp(`^bewerk-${short}-.*\\.md$`))
    expect(terminal.screen).toContain(`Gestopt; je wijziging staat in concepten/${draft}. Neem hem later over met: karavaan note edit ${short}`)
    expect(terminal.screen).not.toContain('Fout:')
    expect(readFileSync(join(study, 'concepten', draft), 'utf8')).toContain(SECRET)
    expect(notes(study)[0].version).toBe(1)
    expect(karavaan(['doctor'], {cwd: study}).stdout).toContain(`een wijziging van notitie ${short} die niet is opgeslagen: neem hem over met karavaan note edit ${short}`)

    // The next edit does not write over it: it offers to go on, and the editor shows the earlier edit.
    const second = fakeEditor([{}])
    const again = Terminal.start(['note', 'edit', short], {cwd: study, env: env(second.env)})
    try {
      await again.waitFor(`Er staat nog een wijziging van notitie ${short} die niet is opgeslagen: concepten/${draft}`)
      await again.choose('Waar wil je mee verder?')
      await again.waitFor('De notitie bevat persoonsgegevens:')
      await again.choose('Wat wil je doen?')
      await again.waitFor('bewaard als versie 2')
      expect(await again.exitCode()).toBe(0)
    } finally {
      again.kill()
    }

    expect(second.seen()[0]).toContain(SECRET)
    expect(notes(study)[0].text).toMatch(/^Mevrouw \[naam-[\da-f]{6}\] belde/)
    expect(drafts(study)).toEqual([])
  }, 120_000)

  it('note edit without an editor changes one answer here: words in the text replaced, then saved as a new version', async () => {
    const study = makeStudy()
    const note = storedNote(study, 'Het loket in het dorpshuis is dicht. De oudere bewoners missen het.')
    const terminal = Terminal.start(['note', 'edit', note.id], {cwd: study, env: env()})
    try {
      await terminal.waitFor(`Notitie ${note.id.slice(-8)}:`)
      // Nothing changed yet: Enter is "Eén antwoord veranderen".
      await terminal.choose(`Notitie ${note.id.slice(-8)} opslaan als nieuwe versie?`)
      await terminal.choose('Welk antwoord wil je veranderen?', 'down', 'down', 'down', 'down', 'down', 'down', 'down', 'down')
      await terminal.choose('Hoe wil je de tekst veranderen?')
      await terminal.answer('Welke woorden wil je vervangen?', 'dorpshuis')
      await terminal.answer('Vervangen door', 'gemeentehuis')
      await terminal.waitFor('"dorpshuis" 1 keer vervangen door "gemeentehuis".')
      await terminal.choose(`Notitie ${note.id.slice(-8)} opslaan als nieuwe versie?`)
      await terminal.waitFor('bewaard als versie 2')
      expect(await terminal.exitCode()).toBe(0)
    } finally {
      terminal.kill()
    }

    expect(notes(study)[0]).toMatchObject({text: 'Het loket in het gemeentehuis is dicht. De oudere bewoners missen het.', version: 2})
    expect(drafts(study)).toEqual([])
  }, 90_000)

  it('init changes one answer at the summary instead of starting over', async () => {
    const dir = join(tempDir(), 'studie')
    const terminal = Terminal.start(['init', dir], {env: env()})
    try {
      await answerInit(terminal, {title: 'Karavaan Proef'})
      await terminal.waitFor(`De nieuwe studie in ${dir}:`)
      await terminal.choose(`Studie aanmaken in ${dir}?`, 'down')
      // The answers in the order of the summary: the title first.
      await terminal.choose('Welk antwoord wil je veranderen?')
      await terminal.answer('Titel van de studie', 'Karavaan Veenland 2026')
      await terminal.waitFor('Karavaan Veenland 2026')
      await terminal.choose(`Studie aanmaken in ${dir}?`)
      await terminal.waitFor('aangemaakt in')
      expect(await terminal.exitCode()).toBe(0)
    } finally {
      terminal.kill()
    }

    const study = parse(readFileSync(join(dir, 'study.yaml'), 'utf8'))
    expect(study.title).toBe('Karavaan Veenland 2026')
    expect(study.halteplaatsen.map((h: {name: string}) => h.name)).toEqual(['Noord', 'Zuid', 'Oost', 'West'])
    expect(existsSync(join(dir, 'concepten', 'init.yaml'))).toBe(false)
  }, 90_000)

  it('init stopped halfway keeps the answers, and the next init goes on from there', async () => {
    const dir = join(tempDir(), 'studie')
    const terminal = Terminal.start(['init', dir], {env: env()})
    try {
      await answerInit(terminal, {halteplaatsen: 2, title: 'Karavaan Proef'})
      await terminal.waitFor('Halteplaats 3 van 4: naam van het gebied')
      terminal.press('ctrl-c')
      expect(await terminal.exitCode()).toBe(1)
    } finally {
      terminal.kill()
    }

    const kept = join(dir, 'concepten', 'init.yaml')
    expect(terminal.screen).toContain(`Gestopt; je antwoorden staan in ${kept}. Ga later verder met: karavaan init ${dir}`)
    expect(terminal.screen).not.toContain('Fout:')
    expect(existsSync(join(dir, 'study.yaml'))).toBe(false)

    const again = Terminal.start(['init', dir], {env: env()})
    try {
      await again.choose(`In ${kept} staan de antwoorden van een init die niet is afgemaakt.`)
      // Title, client, period and two halteplaatsen are not asked again.
      await answerHalteplaatsen(again, ['Oost', 'West'], 3)
      await answerTeam(again)
      await again.waitFor('Karavaan Proef')
      await again.choose(`Studie aanmaken in ${dir}?`)
      await again.waitFor('aangemaakt in')
      expect(await again.exitCode()).toBe(0)
    } finally {
      again.kill()
    }

    expect(again.screen).not.toContain('Titel van de studie')
    const study = parse(readFileSync(join(dir, 'study.yaml'), 'utf8'))
    expect(study).toMatchObject({client: 'Gemeente Proef', title: 'Karavaan Proef'})
    expect(study.halteplaatsen.map((h: {name: string}) => h.name)).toEqual(['Noord', 'Zuid', 'Oost', 'West'])
    expect(existsSync(kept)).toBe(false)
  }, 120_000)

  it('finding add changes one answer at the summary; stopped, the finding is a draft that material import reads in', async () => {
    const study = makeStudy()
    const terminal = Terminal.start(['finding', 'add'], {cwd: study, env: env()})
    try {
      await terminal.answer('Titel van de bevinding', 'Voorzieningen onder druk')
      await typeLines(terminal, ['In drie halteplaatsen sloot het buurthuis.', 'Ouderen missen de koffieochtend.'])
      await terminal.choose('Over welke halteplaatsen gaat het?')
      await terminal.choose("Welke thema's?")
      await terminal.choose('Welke narratieven')
      await terminal.waitFor('De bevinding:')
      await terminal.choose('De bevinding opslaan?', 'down')
      await terminal.choose('Welk antwoord wil je veranderen?')
      await terminal.answer('Titel van de bevinding', 'Voorzieningen staan onder druk, maar zijn essentieel')
      await terminal.choose('De bevinding opslaan?', 'down', 'down')
      expect(await terminal.exitCode()).toBe(1)
    } finally {
      terminal.kill()
    }

    const [draft] = drafts(study)
    expect(draft).toMatch(/^bevinding-.*\.yaml$/)
    expect(terminal.screen).toContain(`Gestopt; je bevinding staat in concepten/${draft}. Lees hem later in met: karavaan material import concepten/${draft}`)
    expect(terminal.screen).not.toContain('Fout:')
    const kept = parse(readFileSync(join(study, 'concepten', draft), 'utf8')).findings[0]
    expect(kept).toMatchObject({text: 'In drie halteplaatsen sloot het buurthuis.\nOuderen missen de koffieochtend.', title: 'Voorzieningen staan onder druk, maar zijn essentieel'})
    expect(karavaan(['doctor'], {cwd: study}).stdout).toContain(`een bevinding die niet is opgeslagen: lees hem in met karavaan material import concepten/${draft}`)
    const read = karavaan(['material', 'import', `concepten/${draft}`], {cwd: study})
    expect(read.code, read.stderr).toBe(0)
    expect(read.stdout).toContain(`Concept uit concepten/ ingelezen en daarom verwijderd: ${draft}.`)
    const findings = json<Array<{text: string; title: string}>>(karavaan(['finding', 'list', '--json'], {cwd: study}))
    expect(findings).toMatchObject([{text: kept.text, title: kept.title}])
    expect(drafts(study)).toEqual([])
  }, 90_000)

  it('Ctrl-C at the first question is a stop with nothing to keep, not an error', async () => {
    const study = makeStudy()
    const terminal = Terminal.start(['note', 'add'], {cwd: study, env: env()})
    try {
      await terminal.waitFor('Halteplaats')
      terminal.press('ctrl-c')
      expect(await terminal.exitCode()).toBe(1)
    } finally {
      terminal.kill()
    }

    expect(terminal.screen).toContain('Gestopt; er is niets opgeslagen.')
    expect(terminal.screen).not.toContain('Fout:')
    expect(drafts(study)).toEqual([])
  }, 60_000)
})

const AREAS = ['Noord', 'Zuid', 'Oost', 'West']

/** init's questions as a person answers them: the title, four areas in Emmen (or the first few), Anna alone. */
async function answerInit(terminal: Terminal, options: {halteplaatsen?: number; title: string}): Promise<void> {
  await terminal.answer('Titel van de studie', options.title)
  await terminal.answer('Opdrachtgever', 'Gemeente Proef')
  await terminal.answer('Begin', '2026-01-01')
  await terminal.answer('Einde', '2026-12-31')
  await answerHalteplaatsen(terminal, AREAS.slice(0, options.halteplaatsen ?? 4), 1)
  if ((options.halteplaatsen ?? 4) === 4) await answerTeam(terminal)
}

async function answerHalteplaatsen(terminal: Terminal, names: string[], from: number): Promise<void> {
  for (const [i, name] of names.entries()) {
    await terminal.answer(`Halteplaats ${from + i} van 4: naam van het gebied`, name)
    await terminal.answer(`id voor ${name}`, '')
    await terminal.answer('gemeente', 'Emmen')
    await terminal.choose('soort gebied')
  }
}

async function answerTeam(terminal: Terminal): Promise<void> {
  await terminal.answer('Teamlid: naam', 'Anna Visser')
  await terminal.answer('id voor Anna Visser', '')
  await terminal.choose('?   rol')
  await terminal.choose('Nog een teamlid toevoegen?', 'down')
}

import {readdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'

import {json, karavaan, makeStudy} from '../helpers/cli.js'
import {Terminal} from '../helpers/terminal.js'

interface Finding {
  evidence: Array<{kind: string; noteId: string; tagId: null | string}>
  id: string
  title: string
}

// Issue 15, point 4: choosing the evidence of a finding in a list one can search, with passages,
// a count, a summary before saving and a warning for a finding that is already there.
describe('finding add in a terminal', () => {
  let study: string
  const notes: Record<string, string> = {}
  let tag: string

  beforeAll(() => {
    study = makeStudy()
    const add = (key: string, args: string[]) => {
      notes[key] = json<{id: string}>(karavaan(['note', 'add', '--interviewer', 'anna', '--json', ...args], {cwd: study})).id
    }

    add('bus', ['--halteplaats', 'dorp', '--group', 'ouderen', '--date', '2026-03-01', '--text', 'De bus komt nog maar twee keer per dag.\nHet loket in het dorp is dicht.'])
    add('bureau', ['--halteplaats', 'dorp', '--group', 'moeders', '--date', '2026-03-03', '--theme', 'voorzieningen', '--text', 'Het consultatiebureau is weg. Ik kan wel meepraten, maar daar gebeurt toch niets mee.'])
    add('duur', ['--halteplaats', 'kust', '--group', 'ouderen', '--date', '2026-03-04', '--text', 'De bus naar de stad is te duur geworden.'])
    for (let i = 0; i < 30; i++) add(`vul${i}`, ['--halteplaats', 'noord', '--group', 'gemeente', '--date', `2026-04-${String(i + 1).padStart(2, '0')}`, '--text', `Overleg ${i} over de wijkagenda.`])
    tag = json<{id: string}>(karavaan(['tag', 'add', notes.bureau, '4', '--quote', 'Ik kan wel meepraten, maar daar gebeurt toch niets mee', '--coder', 'bram', '--json'], {cwd: study})).id
    expect(karavaan(['finding', 'add', '--title', 'Het loket in het dorp wordt gemist', '--text', 'Ouderen missen het loket.', '--note', notes.bus], {cwd: study}).code).toBe(0)
  }, 120_000)

  /** The text line by line, as a person without EDITOR types it: the lines, then a dot. */
  const typeText = async (t: Terminal, text: string) => {
    await t.waitFor('Schrijf de bevinding uit.')
    await t.waitFor('> ')
    t.type(text)
    t.press('enter')
    await t.waitFor('> ')
    t.type('.')
    t.press('enter')
  }

  const start = () => Terminal.start(['finding', 'add'], {cwd: study, env: {EDITOR: '', VISUAL: ''}})

  it('narrows the list to what is typed, counts what is chosen, offers the tagged passage and shows everything before saving', async () => {
    const t = start()
    try {
      await t.answer('Titel van de bevinding', 'De bus rijdt te weinig en is te duur')
      await typeText(t, 'In Het Dorp en De Kust klagen ouderen over de bus.')
      await t.choose('Over welke halteplaatsen')
      await t.choose("Welke thema's", 'space', 'down', 'space')
      await t.choose('Welke narratieven', 'down', 'down', 'down', 'space')
      await t.waitFor('Welke notities en passages onderbouwen de bevinding? (nog niets gekozen)')
      // The passage of the chosen narrative is offered first, with group, date and its words.
      await t.waitFor('passage  moeders · 3 maart 2026 · Het Dorp · 4. ongehoorde burger: “Ik kan wel meepraten')
      t.type('bus')
      await t.waitFor('zoek: bus')
      // Only the two notes about the bus are left, each with group, date and its first line.
      await t.waitFor('notitie  ouderen · 1 maart 2026 · Het Dorp · De bus komt nog maar twee keer per dag.')
      expect(t.screen.slice(-1500)).not.toContain('Overleg')
      t.press('enter')
      await t.waitFor('1 gekozen')
      t.press('down')
      t.press('enter')
      await t.waitFor('2 gekozen')
      t.press('escape')
      await t.waitFor('Overleg 0')
      t.type('meepraten')
      await t.waitFor('zoek: meepraten')
      t.press('enter')
      await t.waitFor('3 gekozen')
      // Esc empties the search and puts the cursor on "klaar", which finishes.
      t.press('escape')
      await t.waitFor('Overleg 0')
      t.press('enter')
      // Everything on a row before saving, the evidence counted.
      await t.waitFor('De bevinding:')
      await t.waitFor('De bus rijdt te weinig en is te duur')
      await t.waitFor('Onderbouwing')
      await t.waitFor('3 bronnen')
      await t.choose('De bevinding opslaan?')
      await t.waitFor('Opgeslagen: bevinding')
      expect(await t.exitCode()).toBe(0)
    } finally {
      t.kill()
    }

    const findings = json<Finding[]>(karavaan(['finding', 'list', '--json'], {cwd: study}))
    const saved = findings.find((f) => f.title === 'De bus rijdt te weinig en is te duur')!
    expect(saved.evidence.map((e) => [e.kind, e.noteId, e.tagId])).toEqual([
      ['tag', notes.bureau, tag],
      ['notitie', notes.bus, null],
      ['notitie', notes.duur, null],
    ])
  }, 90_000)

  it('warns for a finding with nearly the same title, and stopping stores nothing but keeps the text', async () => {
    const before = json<Finding[]>(karavaan(['finding', 'list', '--json'], {cwd: study})).length
    const t = start()
    try {
      await t.answer('Titel van de bevinding', 'Het loket in het Dorp wordt gemist!')
      await typeText(t, 'Een tweede keer hetzelfde.')
      await t.waitFor('Let op: er is al een bevinding die hier sterk op lijkt:')
      await t.waitFor('Het loket in het dorp wordt gemist (bijna dezelfde titel)')
      await t.choose('Toch een nieuwe bevinding maken?', 'down')
      await t.waitFor('Gestopt; je bevinding staat in concepten/bevinding-')
      expect(await t.exitCode()).toBe(1)
    } finally {
      t.kill()
    }

    expect(json<Finding[]>(karavaan(['finding', 'list', '--json'], {cwd: study}))).toHaveLength(before)
    const drafts = readdirSync(join(study, 'concepten')).filter((name) => name.startsWith('bevinding-'))
    expect(drafts).toHaveLength(1)
    expect(readFileSync(join(study, 'concepten', drafts[0]), 'utf8')).toContain('Een tweede keer hetzelfde.')
  }, 90_000)

  it('going on after the warning, and changing the evidence from the summary', async () => {
    const t = start()
    try {
      await t.answer('Titel van de bevinding', 'Het loket in het dorp wordt gemist')
      await typeText(t, 'Nu over de gemeente.')
      await t.choose('Toch een nieuwe bevinding maken?')
      await t.choose('Over welke halteplaatsen')
      await t.choose("Welke thema's")
      await t.choose('Welke narratieven')
      await t.waitFor('nog niets gekozen')
      t.press('enter')
      await t.waitFor('geen (een concept zonder onderbouwing)')
      // Change one answer: the evidence, the sixth.
      await t.choose('De bevinding opslaan?', 'down')
      await t.choose('Welk antwoord wil je veranderen?', 'down', 'down', 'down', 'down', 'down')
      await t.waitFor('nog niets gekozen')
      // The short id from note list finds the note too.
      t.type(notes.vul7.slice(-8))
      await t.waitFor(`zoek: ${notes.vul7.slice(-8)}`)
      t.press('enter')
      await t.waitFor('1 gekozen')
      t.press('up', 'enter')
      await t.waitFor('1 bron')
      await t.choose('De bevinding opslaan?')
      expect(await t.exitCode()).toBe(0)
    } finally {
      t.kill()
    }

    const findings = json<Finding[]>(karavaan(['finding', 'list', '--json'], {cwd: study}))
    expect(findings.filter((f) => f.title === 'Het loket in het dorp wordt gemist')).toHaveLength(2)
    expect(findings.at(-1)!.evidence.map((e) => e.noteId)).toEqual([notes.vul7])
  }, 90_000)

  it('warns a script about a near-identical finding on stderr, and stores it', () => {
    const result = karavaan(['finding', 'add', '--title', 'het loket in het dorp wordt  gemist.', '--note', notes.bus], {cwd: study})
    expect(result.code).toBe(0)
    expect(result.stderr).toContain('Let op: er zijn al bevindingen die hier sterk op lijken:')
    expect(result.stdout).toContain('Opgeslagen: bevinding')
  })
})

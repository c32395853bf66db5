import Database from 'better-sqlite3'
import {readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {parse, stringify} from 'yaml'

import {json, karavaan, makeStudy, ROOT} from '../helpers/cli.js'
import {Terminal} from '../helpers/terminal.js'

interface Report {
  coders: string[]
  perNarrative: Array<{alpha: null | number; kappa: null | number; narrative: string; observed: number; units: number}>
  units: number
}

/** A study with a method copy of its own cues, so what is suggested does not follow the method file. */
function studyWithCues(): string {
  const study = makeStudy()
  const method = parse(readFileSync(join(ROOT, 'methods', 'karavaan.yaml'), 'utf8')) as {narratives: Array<{cues?: unknown[]}>}
  for (const narrative of method.narratives) narrative.cues = []
  method.narratives[0].cues = ['loket* & dicht']
  method.narratives[1].cues = ['ik ben (gewoon) een nummer']
  method.narratives[3].cues = [{cue: 'inspraak*', weight: 0.55}]
  writeFileSync(join(study, 'methode.yaml'), stringify(method))
  writeFileSync(join(study, 'study.yaml'), readFileSync(join(study, 'study.yaml'), 'utf8').replace('method: karavaan', 'method: ./methode.yaml'))
  return study
}

const rows = (study: string, sql: string) => {
  const db = new Database(join(study, 'karavaan.db'), {readonly: true})
  try {
    return db.prepare(sql).all() as Array<Record<string, unknown>>
  } finally {
    db.close()
  }
}

describe('karavaan tag review', () => {
  let study: string
  let first: string
  const add = (text: string, date = '2026-03-11') =>
    json<{id: string}>(karavaan(['note', 'add', '--study', study, '--halteplaats', 'noord', '--group', 'ouderen', '--date', date, '--interviewer', 'anna', '--text', text, '--json'])).id

  beforeAll(() => {
    study = studyWithCues()
    first = add('Koffieochtend in het buurthuis. De loketten in het dorp zijn allemaal dicht, zeggen ze. Een vader: ik ben gewoon een nummer.')
  })

  it('remembers a rejection: after quitting and starting again it is not offered; undo says what it took back', async () => {
    const t = Terminal.start(['tag', 'review', '--study', study, '--coder', 'bram'])
    try {
      await t.waitFor('2 voorstellen om te beoordelen.')
      // The reason is the words that matched, not the cue pattern of the method file.
      await t.waitFor('Waarom: «loketten» … «dicht» (score 0,80)')
      await t.choose('Voorstel 1 van 2: 1. Onzichtbaarheid van de overheid?', 'down')
      await t.choose('Voorstel 2 van 2', 'down', 'down', 'down', 'down')
      // Wrapped at the terminal's width, as every text of the walk is.
      await t.waitFor(new RegExp(`Teruggedraaid: narratief 1 \\(onzichtbare overheid\\) bij notitie ${first.slice(-8)} weer open; de afwijzing\\s+is\\s+ingetrokken\\.`))
      await t.choose('Voorstel 1 van 2: 1.', 'down')
      await t.waitFor('Waarom: «ik ben gewoon een nummer»')
      await t.choose('Voorstel 2 van 2', 'down', 'down', 'down', 'down', 'down')
      await t.waitFor('Overgenomen: 0, afgewezen: 1, overgeslagen: 0')
      expect(await t.exitCode()).toBe(0)
    } finally {
      t.kill()
    }

    const stored = rows(study, 'SELECT narrative, coder, start_pos, end_pos, withdrawn_at FROM rejections ORDER BY created_at')
    expect(stored).toEqual([
      expect.objectContaining({coder: 'bram', narrative: 'onzichtbare-overheid', start_pos: 32, withdrawn_at: expect.any(String)}),
      {coder: 'bram', end_pos: 87, narrative: 'onzichtbare-overheid', start_pos: 32, withdrawn_at: null},
    ])

    const again = Terminal.start(['tag', 'review', '--study', study, '--coder', 'bram'])
    try {
      await again.waitFor('Eén voorstel om te beoordelen. Eén voorstel dat je eerder afwees, komt niet terug.')
      await again.choose('Voorstel 1 van 1: 2. Onzichtbaarheid van de burger?', 'down', 'down', 'down', 'down', 'down')
      expect(again.screen).not.toContain('Onzichtbaarheid van de overheid?')
      expect(await again.exitCode()).toBe(0)
    } finally {
      again.kill()
    }

    // Another coder is still asked.
    const anna = Terminal.start(['tag', 'review', '--study', study, '--coder', 'anna'])
    try {
      await anna.choose('Voorstel 1 van 2: 1. Onzichtbaarheid van de overheid?', 'down', 'down', 'down', 'down', 'down')
      expect(await anna.exitCode()).toBe(0)
    } finally {
      anna.kill()
    }
  }, 90_000)

  it('counts the note as judged by the coder who rejected, in tag agreement', () => {
    const report = json<Report>(karavaan(['tag', 'agreement', '--coders', 'interviewer,bram', '--study', study, '--json']))
    expect(report.units).toBe(1)
    // The interviewer gave the note no narrative, and bram rejected narrative 1: they agree on it.
    expect(report.perNarrative.find((n) => n.narrative === 'onzichtbare-overheid')).toMatchObject({observed: 1, units: 1})
  })

  it('asks again when the sentence that was judged changed', async () => {
    expect(karavaan(['note', 'edit', first, '--study', study, '--text', 'Koffieochtend in het buurthuis. De loketten in het dorp zijn sinds mei dicht, zeggen ze. Een vader: ik ben gewoon een nummer.']).code).toBe(0)
    const t = Terminal.start(['tag', 'review', '--study', study, '--coder', 'bram'])
    try {
      await t.waitFor('2 voorstellen om te beoordelen.')
      await t.choose('Voorstel 1 van 2: 1. Onzichtbaarheid van de overheid?', 'down', 'down', 'down', 'down', 'down')
      expect(await t.exitCode()).toBe(0)
    } finally {
      t.kill()
    }
  }, 60_000)

  it('keeps the header above the question on a long note, and shows the sentence with some context', async () => {
    const filler = Array.from({length: 40}, (_, i) => `Zin ${i + 1} gaat over de markt en de bus.`).join(' ')
    const long = add(`${filler} Een man zegt: ik ben gewoon een nummer bij de gemeente. ${filler}`, '2026-05-02')
    const t = Terminal.start(['tag', 'review', '--study', study, '--coder', 'bram', '--since', '2026-05-01'])
    try {
      await t.waitFor('Voorstel 1 van 1')
      const screen = t.screen
      const lines = screen.slice(screen.lastIndexOf('────')).split('\n')
      const header = lines.findIndex((line) => line.startsWith(`notitie ${long.slice(-8)} · Noord · ouderen · 2 mei 2026`))
      expect(header).toBeGreaterThan(0)
      expect(lines[header + 1]).toMatch(/^Waarom: «ik ben gewoon een nummer»/)
      expect(lines[header + 2]).toMatch(/Voorstel 1 van 1/)
      expect(screen).toContain('»Een man zegt: ik ben gewoon een nummer bij de gemeente.«')
      expect(screen).toContain('(een deel van de notitie; de hele tekst: karavaan note show')
      expect(screen).not.toContain('Zin 20 gaat')
      t.press('down', 'down', 'down', 'down', 'down', 'enter')
      expect(await t.exitCode()).toBe(0)
    } finally {
      t.kill()
    }
  }, 60_000)

  it('with --order onzeker, brings the suggestion closest to the threshold first', async () => {
    add('Er was een avond met inspraak over het plein.')
    const t = Terminal.start(['tag', 'review', '--study', study, '--coder', 'anna', '--order', 'onzeker'])
    try {
      await t.choose(/Voorstel 1 van \d+: 4\. Ongehoorde burgers\?/, 'down', 'down', 'down', 'down', 'down')
      expect(await t.exitCode()).toBe(0)
    } finally {
      t.kill()
    }
  }, 60_000)
})

describe('karavaan tag suggest shows the words that matched', () => {
  it('marks them with guillemets when the output is no terminal, and gives their places in --json', () => {
    const study = studyWithCues()
    const text = 'Ze zeggen: de loketten zijn dicht.'
    const id = json<{id: string}>(karavaan(['note', 'add', '--study', study, '--halteplaats', 'noord', '--group', 'ouderen', '--date', '2026-03-11', '--interviewer', 'anna', '--text', text, '--json'])).id
    const result = karavaan(['tag', 'suggest', '--study', study])
    // The built-in pattern for a closed loket names these words; the reason shows the words, not the cue syntax.
    expect(result.stdout).toMatch(/1\. onzichtbare overheid \(0,\d+\) — door: «loketten» … «dicht»/)
    expect(result.stdout).not.toContain('loket* & dicht')
    const [suggestion] = json<Array<{cues: string[]; matched: Array<{cue: number; end: number; start: number}>; note: string}>>(karavaan(['tag', 'suggest', '--study', study, '--json']))
    expect(suggestion.note).toBe(id)
    expect(suggestion.matched.map((m) => text.slice(m.start, m.end))).toEqual(['loketten', 'dicht'])
    // Each matched word points at a reason the suggestion gives.
    for (const m of suggestion.matched) expect(suggestion.cues[m.cue]).toBeDefined()
  })
})

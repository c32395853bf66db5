import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'

import {expectRefusal, json, karavaan, makeStudy, snapshot, tempDir} from '../helpers/cli.js'

interface Report {
  coders: string[]
  disagreements: Array<{narrative: string; notTagged: string[]; note: string; tagged: string[]}>
  overall: {kappa: null | number}
  perNarrative: Array<{kappa: null | number; narrative: string; observed: number; units: number}>
  units: number
}

const note = (name: string, narratives: string, text: string) =>
  `---\nhalteplaats: noord\ngroup: moeders\ndate: 2026-04-09\ninterviewer: anna\nnarratives: [${narratives}]\n---\n${text}\n`

describe('karavaan tag import and tag agreement', () => {
  let study: string
  beforeAll(() => {
    study = makeStudy()
    writeFileSync(join(study, 'inbox', 'n1.md'), note('n1', '1', 'Het loket is dicht en alles gaat via de website.'))
    writeFileSync(join(study, 'inbox', 'n2.md'), note('n2', '1, 2', 'Geen loket meer. Ik ben een nummer voor ze.'))
    writeFileSync(join(study, 'inbox', 'n3.md'), note('n3', '', 'De buren helpen elkaar met de boodschappen.'))
    writeFileSync(join(study, 'inbox', 'n4.md'), note('n4', '3', 'Waarom zij wel en wij niet? En ze bakken er niets van.'))
    writeFileSync(join(study, 'inbox', 'n5.md'), note('n5', '4', 'Alleen de interviewer heeft deze gecodeerd.'))
    expect(karavaan(['import', '--study', study]).code).toBe(0)
  })

  it('says there is nothing to compare before a second coder has coded', () => {
    const report = json<Report>(karavaan(['tag', 'agreement', '--study', study, '--json']))
    expect(report.units).toBe(0)
  })

  it('refuses a CSV with a bad row as a whole', () => {
    const file = join(tempDir(), 'fout.csv')
    writeFileSync(file, 'note,code,coder,quote\ninbox/n1.md,1,bram,\ninbox/bestaat-niet.md,1,bram,\ninbox/n2.md,2,kees,\ninbox/n4.md,5,bram,staat er niet in\n')
    const before = snapshot(study)
    expectRefusal(karavaan(['tag', 'import', file, '--study', study]), 1, /3 regels zijn niet in orde/, /regel 3: geen \(unieke\) notitie "inbox\/bestaat-niet\.md"/, /regel 4: codeur "kees"/, /regel 5: De passage "staat er niet in" staat niet letterlijk/)
    expect(snapshot(study)).toEqual(before)
  })

  it('reads a second coder\'s CSV, including "coded, no narrative"', () => {
    const file = join(tempDir(), 'tweede.csv')
    writeFileSync(file, 'note,code,coder,quote\ninbox/n1.md,1,bram,alles gaat via de website\ninbox/n2.md,onzichtbare-overheid,bram,\ninbox/n3.md,,bram,\ninbox/n4.md,3,bram,Waarom zij wel en wij niet?\ninbox/n4.md,5,bram,ze bakken er niets van\n')
    const result = json<{coded: number; tagged: number}>(karavaan(['tag', 'import', file, '--study', study, '--json']))
    expect(result).toMatchObject({coded: 4, tagged: 4})
    expect(json<{tagged: number}>(karavaan(['tag', 'import', file, '--study', study, '--json'])).tagged).toBe(0)
  })

  it('computes kappa per narrative between the interviewer and the second coder, and lists the disagreements', () => {
    const report = json<Report>(karavaan(['tag', 'agreement', '--coders', 'interviewer,bram', '--study', study, '--json']))
    expect(report.coders).toEqual(['interviewer', 'bram'])
    expect(report.units).toBe(4) // n5 was coded by the interviewer only
    const by = Object.fromEntries(report.perNarrative.map((n) => [n.narrative, n]))
    expect(by['onzichtbare-overheid']).toMatchObject({kappa: 1, observed: 1})
    // Narrative 2: the interviewer tagged it once, bram never: p_o = 3/4 and p_e = 3/4, so kappa = 0.
    expect(by['onzichtbare-burger'].kappa).toBeCloseTo(0, 10)
    expect(by['ongehoorde-burger'].kappa).toBeNull() // nobody used it on these notes: undefined, not NaN
    expect(report.disagreements.map((d) => [d.narrative, d.tagged, d.notTagged])).toEqual([
      ['onzichtbare-burger', ['interviewer'], ['bram']],
      ['ervaren-incompetentie', ['bram'], ['interviewer']],
    ])
  })

  it('prints a Dutch table with a verdict, and refuses unknown coders', () => {
    const result = karavaan(['tag', 'agreement', '--study', study])
    expect(result.stdout).toMatch(/Codeurs: interviewer, bram · 4 notities/)
    expect(result.stdout).toMatch(/1\. onzichtbare overheid\s+100%\s+1,00\s+uitstekend/)
    expect(result.stdout).toMatch(/Om te bespreken \(2\)/)
    expectRefusal(karavaan(['tag', 'agreement', '--coders', 'anna,kees', '--study', study]), 1, /"kees" is geen codeur/, /Kies uit: interviewer, kit, anna, bram/)
  })

  it('measures the kit as a coder: its suggestions at the default threshold against a person, on the notes that person coded', () => {
    const report = json<Report & {perNarrative: Array<{alpha: null | number}>}>(karavaan(['tag', 'agreement', '--coders', 'kit,bram', '--study', study, '--json']))
    expect(report.coders).toEqual(['kit', 'bram'])
    expect(report.units).toBe(4) // n5 was coded by the interviewer only, so it is no unit here

    // What the kit decides is what tag suggest proposes, also narratives already on the note.
    const suggested = json<Array<{narrative: string; note: string}>>(karavaan(['tag', 'suggest', '--all', '--study', study, '--json']))
    const bram = json<Array<{code: string; kind: string; noteId: string}>>(karavaan(['tag', 'list', '--coder', 'bram', '--study', study, '--json']))
    const notes = [...new Set(json<Array<{id: string; text: string}>>(karavaan(['note', 'list', '--study', study, '--json'])).filter((n) => !n.text.startsWith('Alleen')).map((n) => n.id))]
    expect(notes).toHaveLength(4)
    for (const row of report.perNarrative) {
      const kit = notes.map((note) => suggested.some((s) => s.note === note && s.narrative === row.narrative))
      const person = notes.map((note) => bram.some((t) => t.noteId === note && t.kind === 'narrative' && t.code === row.narrative))
      const agree = kit.filter((k, i) => k === person[i]).length
      expect(row.observed, row.narrative).toBeCloseTo(agree / 4, 10)
      // Cohen's kappa for two coders on a yes/no question: (po - pe) / (1 - pe), undefined without variation.
      const yes = (xs: boolean[]) => xs.filter(Boolean).length / 4
      const pe = yes(kit) * yes(person) + (1 - yes(kit)) * (1 - yes(person))
      if (pe === 1) expect(row.kappa).toBeNull()
      else expect(row.kappa, row.narrative).toBeCloseTo((agree / 4 - pe) / (1 - pe), 10)
      expect(row.alpha === null || (row.alpha >= -1 && row.alpha <= 1)).toBe(true)
    }

    const table = karavaan(['tag', 'agreement', '--coders', 'kit,bram', '--study', study])
    expect(table.stdout).toMatch(/Codeurs: kit, bram · 4 notities/)
    expect(table.stdout).toContain('kit: de voorstellen van karavaan tag suggest (drempel 0,50)')
    expectRefusal(karavaan(['tag', 'agreement', '--coders', 'kit', '--study', study]), 1, /minstens twee codeurs/)
  })
})

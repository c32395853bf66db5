import {describe, expect, it} from 'vitest'

import {UserError} from '../../src/errors.js'
import {parseStudyText} from '../../src/study/parse.js'
import {renderStudyYaml} from '../../src/study/render.js'
import type {StudyFile} from '../../src/study/schema.js'
import {draftProblems} from '../../src/study/scaffold.js'
import {parseHalteplaatsSpec, parseMemberSpec, slugify} from '../../src/study/specs.js'

const study: StudyFile = {
  client: 'Gemeente Veenstad: afdeling "Wijken"',
  halteplaatsen: [
    {gemeente: 'Veenstad', id: 'kanaalzone', name: 'Kanaalzone', type: 'stadswijk'},
    {gemeente: 'Oost-Veenland', id: 'wendelo', name: 'Wendelo', type: 'dorp in krimpregio'},
    {gemeente: 'Almerwaard', id: 'vlonders', name: 'De Vlonders', type: 'vinex-wijk'},
    {gemeente: 'Westerduin', id: 'havenkwartier', name: "Havenkwartier: 't Hoofd", type: 'kustplaats'},
  ],
  id: '019a0000-0000-7000-8000-000000000001',
  method: 'karavaan',
  period: {end: '2026-12-18', start: '2026-02-02'},
  team: [{id: 'anna', name: 'Anna Visser', role: 'interviewer'}],
  title: 'Karavaan #1: vertrouwen – en wantrouwen',
}

function problemOf(text: string): string {
  try {
    parseStudyText(text, 'study.yaml')
  } catch (error) {
    expect(error).toBeInstanceOf(UserError)
    return [(error as UserError).message, ...(error as UserError).details].join('\n')
  }

  throw new Error('expected a refusal')
}

describe('study.yaml', () => {
  it('round-trips through the writer, also with quotes, colons and dashes in values', () => {
    const text = renderStudyYaml(study)
    expect(text).toContain('# Precies vier halteplaatsen')
    expect(parseStudyText(text, 'study.yaml')).toEqual(study)
  })

  it('names the line and field of a wrong value', () => {
    const text = renderStudyYaml(study).replace('id: wendelo', 'id: Wendelo')
    const line = text.split('\n').findIndex((l) => l.includes('id: Wendelo')) + 1
    expect(problemOf(text)).toContain(`regel ${line}, halteplaatsen[2].id: is geen geldige id`)
  })

  it('refuses three halteplaatsen, duplicate ids and a period that runs backwards, all at once', () => {
    const text = renderStudyYaml({
      ...study,
      halteplaatsen: [study.halteplaatsen[0], study.halteplaatsen[0], study.halteplaatsen[1]],
      period: {end: '2026-01-01', start: '2026-02-02'},
    })
    const problem = problemOf(text)
    expect(problem).toMatch(/3 problemen/)
    expect(problem).toMatch(/precies 4 halteplaatsen, deze studie heeft er 3/)
    expect(problem).toMatch(/de id kanaalzone komt twee keer voor/)
    expect(problem).toMatch(/de periode begint \(2026-02-02\) na het einde/)
  })

  it('refuses an unknown key, a missing title and an impossible date', () => {
    const text = renderStudyYaml(study).replace(/^title: .*$/m, 'titel: Verkeerd').replace('end: 2026-12-18', 'end: 2026-02-30')
    const problem = problemOf(text)
    expect(problem).toMatch(/titel: is een onbekend veld/)
    expect(problem).toMatch(/title: ontbreekt/)
    expect(problem).toMatch(/period.end: de datum "2026-02-30" bestaat niet: februari 2026 heeft 28 dagen/)
  })

  it('reads the period as a person writes dates, and keeps it as 2026-02-02', () => {
    const text = renderStudyYaml(study).replace('start: 2026-02-02', 'start: 2-2-2026').replace('end: 2026-12-18', 'end: 18 december 2026')
    expect(parseStudyText(text, 'study.yaml').period).toEqual({end: '2026-12-18', start: '2026-02-02'})
  })

  it('refuses YAML syntax errors with their line', () => {
    expect(problemOf('id: abc\ntitle: [niet gesloten\n')).toMatch(/regel \d/)
    expect(problemOf('id: a\nid: b\n')).toMatch(/twee keer/)
  })

  it('refuses a billion-laughs style alias bomb', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]', ...'bcdefghij'.split('').map((c, i) => `${c}: &${c} [${Array(9).fill('*' + 'abcdefghij'[i]).join(',')}]`)].join('\n')
    expect(problemOf(bomb)).toMatch(/verwijst te vaak met & en \* naar andere waarden/)
  })
})

describe('init flag values', () => {
  it('parses id:Naam:Gemeente:type and proposes ids from names', () => {
    expect(parseHalteplaatsSpec('noord:Emmen-Noord:Emmen:stadswijk')).toEqual({gemeente: 'Emmen', id: 'noord', name: 'Emmen-Noord', type: 'stadswijk'})
    expect(slugify('De Vlonders')).toBe('de-vlonders')
    expect(slugify('Ëlst aan Zee!')).toBe('elst-aan-zee')
    expect(parseMemberSpec('anna:Anna de Vries')).toEqual({id: 'anna', name: 'Anna de Vries', role: 'interviewer'})
    expect(parseMemberSpec('bram')).toEqual({id: 'bram', name: 'bram', role: 'interviewer'})
  })

  it('refuses malformed specs with a Dutch hint', () => {
    expect(() => parseHalteplaatsSpec('noord:Noord:Emmen')).toThrow(/heeft niet de vorm id:Naam:Gemeente:type/)
    expect(() => parseHalteplaatsSpec('Noord:Noord:Emmen:wijk')).toThrow(/"Noord" is geen geldige id/)
    expect(() => parseMemberSpec('Anna Visser')).toThrow(/geen geldige id/)
  })

  it('lists every problem of a draft', () => {
    const {id: _id, ...draft} = study
    expect(draftProblems(draft)).toEqual([])
    expect(draftProblems({...draft, team: []}).length).toBe(0)
    expect(draftProblems({...draft, title: ' '})).toEqual(['title: mag niet leeg zijn'])
  })
})

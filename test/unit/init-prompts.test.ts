import {beforeEach, describe, expect, it, vi} from 'vitest'

// The prompts wrapper is the one door to inquirer; answering through it tests the flow a person follows.
const answers: Array<boolean | number | string> = []
const asked: string[] = []
vi.mock('../../src/ui/prompts.js', () => {
  const next = (message: string, validate?: (v: string) => boolean | string, fallback?: string) => {
    asked.push(message)
    let answer = answers.shift()
    if (answer === undefined) throw new Error(`no answer prepared for "${message}"`)
    // Like inquirer: an empty answer takes the default, and the result is validated.
    if (answer === '' && fallback !== undefined) answer = fallback
    if (validate && typeof answer === 'string') {
      const verdict = validate(answer)
      if (verdict !== true) throw new Error(`validation: ${verdict}`)
    }

    return answer
  }

  return {
    askConfirm: async (message: string) => next(message),
    askSelect: async (message: string) => next(message),
    askText: async (message: string, options: {default?: string; validate?: (v: string) => boolean | string} = {}) =>
      next(message, options.validate, options.default),
  }
})

const {askStudyDraft, reviewStudyDraft} = await import('../../src/ui/init-prompts.js')
const defaults = {end: '2027-06-30', start: '2026-07-01'}

describe('init in a terminal', () => {
  beforeEach(() => {
    answers.length = 0
    asked.length = 0
  })

  it('asks only for what the flags did not give', async () => {
    answers.push('Gemeente Proef', '', '')
    const draft = await askStudyDraft(
      {
        halteplaatsen: [1, 2, 3, 4].map((i) => ({gemeente: 'Emmen', id: `h${i}`, name: `H${i}`, type: 'dorp'})),
        team: [{id: 'anna', name: 'Anna', role: 'interviewer'}],
        title: 'Gegeven titel',
      },
      defaults,
    )
    expect(asked).toEqual(['Opdrachtgever', 'Begin van het veldwerk (zoals 2-2-2026 of 2 februari 2026)', 'Einde van het veldwerk (zoals 18-12-2026 of 18 december 2026)'])
    expect(draft.title).toBe('Gegeven titel')
    expect(draft.period).toEqual(defaults)
  })

  it('proposes ids from names and refuses a taken id as it is typed', async () => {
    answers.push('T', 'C', '', '')
    for (const name of ['De Vlonders', 'Wendelo', 'Havenkwartier']) answers.push(name, '', 'Almerwaard', 'vinex-wijk')
    answers.push('Kanaalzone', 'wendelo')
    await expect(
      askStudyDraft({team: [{id: 'anna', name: 'Anna', role: 'interviewer'}]}, defaults),
    ).rejects.toThrow('validation: De id wendelo is al gebruikt.')
  })

  it('builds four halteplaatsen and a team with roles', async () => {
    answers.push('T', 'C', '', '')
    for (const name of ['De Vlonders', 'Wendelo', 'Havenkwartier', 'Kanaalzone']) answers.push(name, '', '', 'stadswijk')
    answers.push('Sanne Hoekstra', '', 'projectleider', true, 'Bram de Jong', '', 'interviewer', false)
    answers.splice(6, 1, 'Almerwaard')
    const draft = await askStudyDraft({}, defaults)
    expect(draft.halteplaatsen.map((h) => h.id)).toEqual(['de-vlonders', 'wendelo', 'havenkwartier', 'kanaalzone'])
    expect(draft.halteplaatsen[1].gemeente).toBe('Almerwaard')
    expect(draft.team).toEqual([
      {id: 'sanne', name: 'Sanne Hoekstra', role: 'projectleider'},
      {id: 'bram', name: 'Bram de Jong', role: 'interviewer'},
    ])
  })

  it('refuses an end date before the start', async () => {
    answers.push('T', 'C', '2026-05-01', '1-4-2026')
    await expect(askStudyDraft({}, defaults)).rejects.toThrow('validation: Het einde ligt voor het begin (1 mei 2026).')
  })

  it('reads the dates as a person writes them, and says when one does not exist', async () => {
    answers.push('T', 'C', '2 februari 2026', '18-12-2026')
    for (const name of ['De Vlonders', 'Wendelo', 'Havenkwartier', 'Kanaalzone']) answers.push(name, '', 'Almerwaard', 'stadswijk')
    answers.push('Sanne Hoekstra', '', 'projectleider', false)
    expect((await askStudyDraft({}, defaults)).period).toEqual({end: '2026-12-18', start: '2026-02-02'})
    answers.length = 0
    answers.push('T', 'C', '30-2-2026')
    await expect(askStudyDraft({}, defaults)).rejects.toThrow('validation: De datum "30-2-2026" bestaat niet: februari 2026 heeft 28 dagen.')
  })

  it('keeps every answer as it is given, so a stop halfway loses none', async () => {
    const kept: unknown[] = []
    answers.push('T', 'C', '', '', 'Noord', '')
    await expect(askStudyDraft({}, defaults, (a) => kept.push(structuredClone(a)))).rejects.toThrow('no answer prepared')
    expect(kept.at(-1)).toEqual({client: 'C', period: defaults, title: 'T'})
    // Asked again with what was kept, only the rest is asked.
    asked.length = 0
    answers.push('Noord', '', 'Emmen', 'dorp')
    await expect(askStudyDraft(kept.at(-1) as object, defaults)).rejects.toThrow('no answer prepared')
    expect(asked.slice(0, 4)).toEqual(['Halteplaats 1 van 4: naam van het gebied', '  id voor Noord', '  gemeente', '  soort gebied'])
  })

  it('changes one answer at the summary: a start after the end asks the end again, and nothing else', async () => {
    const draft = {
      client: 'C',
      halteplaatsen: [1, 2, 3, 4].map((i) => ({gemeente: 'Emmen', id: `h${i}`, name: `H${i}`, type: 'dorp'})),
      method: 'karavaan',
      period: {end: '2026-12-31', start: '2026-01-01'},
      team: [{id: 'anna', name: 'Anna', role: 'interviewer' as const}],
      title: 'T',
    }
    const kept: unknown[] = []
    answers.push('change', 'start', '2027-02-01', '', 'save')
    const write = process.stdout.write
    process.stdout.write = (() => true) as typeof process.stdout.write
    try {
      const reviewed = await reviewStudyDraft(draft, {dir: 'studie', keep: (d) => kept.push(d), stop: 'Stoppen'})
      expect(reviewed.action).toBe('save')
      expect(reviewed.draft.period).toEqual({end: '2027-02-01', start: '2027-02-01'})
      expect(reviewed.draft.halteplaatsen).toEqual(draft.halteplaatsen)
    } finally {
      process.stdout.write = write
    }

    expect(asked).toEqual(['Studie aanmaken in studie?', 'Welk antwoord wil je veranderen?', 'Begin van het veldwerk (zoals 2-2-2026 of 2 februari 2026)', 'Einde van het veldwerk (zoals 18-12-2026 of 18 december 2026)', 'Studie aanmaken in studie?'])
    expect(kept).toHaveLength(1)
  })
})

import {describe, expect, it} from 'vitest'

import {karavaan, makeStudy} from '../helpers/cli.js'

// Issue 15, point 5: a typo in a command or a flag gets a suggestion, --json gets the envelope, -h is help.
describe('typos in commands and flags', () => {
  const study = makeStudy()

  it('a mistyped command with --json prints the error envelope on stdout', () => {
    const result = karavaan(['not', 'add', '--json'])
    expect(result.code).toBe(2)
    expect(JSON.parse(result.stdout)).toEqual({error: {details: [], exit: 2, hint: expect.stringContaining('Bedoelde je "karavaan note add"?'), message: '"not add" is geen opdracht van karavaan.'}})
  })

  it.each([
    [['note', 'add', '--groep', 'moeders'], '--group'],
    [['note', 'add', '--tekst', 'x'], '--text'],
    [['note', 'add', '--halteplaat', 'noord'], '--halteplaats'],
    [['export', '--formaat', 'csv', '--out', 'x.csv'], '--format'],
    [['note', 'list', '--haltplaats', 'noord'], '--halteplaats'],
  ])('%j suggests %s', (args, flag) => {
    const result = karavaan([...args, '--study', study])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain(`Onbekende optie: ${args.find((a) => a.startsWith('--'))}.`)
    expect(result.stderr).toContain(`→ Bedoelde je ${flag}?`)
  })

  it('suggests nothing for a flag that looks like none', () => {
    const result = karavaan(['status', '--study', study, '--zonnebloem'])
    expect([result.code, result.stderr]).toEqual([2, 'Fout: Onbekende optie: --zonnebloem.\n→ Zie: karavaan status --help\n'])
  })

  it('-h shows the help, for a command, a topic and the kit', () => {
    for (const args of [['note', 'add', '-h'], ['note', '-h'], ['-h']]) {
      const result = karavaan(args)
      expect(result.code, args.join(' ')).toBe(0)
      expect(result.stdout).toMatch(/GEBRUIK|OPDRACHTEN|VERSIE/)
      expect(result.stderr).toBe('')
    }
  })

  it('names the missing arguments with what they are', () => {
    const result = karavaan(['tag', 'add', '--study', study])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('Fout: Er ontbreken 2 verplichte argumenten: NOTITIE en CODE.')
    expect(result.stderr).toContain('  - NOTITIE: Id van de notitie')
    const one = karavaan(['note', 'show', '--study', study])
    expect(one.stderr).toMatch(/^Fout: Er ontbreekt een verplicht argument: ID\./)
  })
})

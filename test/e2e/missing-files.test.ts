import {describe, expect, it} from 'vitest'

import {json, karavaan, makeStudy, snapshot} from '../helpers/cli.js'

// Issue 15, point 1: a path that does not exist is the user's typo, not a bug in the kit.
describe('a file that is not there', () => {
  const study = makeStudy()
  const noteArgs = ['--study', study, '--halteplaats', 'noord', '--group', 'moeders', '--interviewer', 'anna', '--date', '2026-03-11']
  const cases: Array<[string, string[], string]> = [
    ['note add --file', ['note', 'add', ...noteArgs, '--file', 'nope.txt'], 'Het tekstbestand nope.txt bestaat niet'],
    ['finding add --file', ['finding', 'add', '--study', study, '--title', 'Wachten', '--file', 'nope.txt'], 'Het tekstbestand nope.txt bestaat niet'],
    ['advice add --file', ['advice', 'add', '--study', study, '--title', 'Bellen', '--file', 'nope.txt'], 'Het tekstbestand nope.txt bestaat niet'],
    ['material import', ['material', 'import', '--study', study, 'nope.yaml'], 'Het .yaml-bestand nope.yaml bestaat niet'],
    ['merge', ['merge', '--study', study, 'nope.karavaan'], 'De bundel nope.karavaan bestaat niet'],
    ['import of a .qdpx', ['import', '--study', study, 'nope.qdpx'], 'Het .qdpx-bestand nope.qdpx bestaat niet'],
    ['plan import', ['plan', 'import', '--study', study, 'nope.csv'], 'Het CSV-bestand nope.csv bestaat niet'],
  ]

  it.each(cases)('%s: exit 1, a Dutch message naming the path, nothing stored', (_, args, message) => {
    const before = snapshot(study)
    const result = karavaan(args)
    expect(result.code).toBe(1)
    expect(result.stderr).toContain(message)
    expect(result.stderr).not.toMatch(/fout in karavaan|Error|at .*\.js:\d+/)
    // --debug adds the trace for the team, after the same Dutch message and with the same exit code.
    const debug = karavaan([...args, '--debug'])
    expect([debug.code, debug.stderr.split('\n')[0]]).toEqual([1, `Fout: ${result.stderr.split('\n')[0].slice('Fout: '.length)}`])

    expect(snapshot(study)).toEqual(before)
  })

  it('note edit --file: the same, and the note keeps its text', () => {
    const {id} = json<{id: string}>(karavaan(['note', 'add', ...noteArgs, '--text', 'De bus rijdt niet meer.', '--json']))
    const result = karavaan(['note', 'edit', id, '--study', study, '--file', 'weg.txt'])
    expect([result.code, result.stderr]).toEqual([1, expect.stringContaining('Het tekstbestand weg.txt bestaat niet (gezocht als ')])
    expect(json<{text: string}>(karavaan(['note', 'show', id, '--study', study, '--json'])).text).toBe('De bus rijdt niet meer.')
  })

  it('a folder instead of a file is named as a folder', () => {
    const result = karavaan(['material', 'import', '--study', study, study])
    expect([result.code, result.stderr]).toEqual([1, expect.stringContaining(`${study} is een map, geen bestand.`)])
  })

  it('--file - reads the text from standard input', () => {
    const result = karavaan(['note', 'add', ...noteArgs, '--file', '-', '--json'], {input: 'Via de standaardinvoer: het loket is dicht.'})
    expect(result.code, result.stderr).toBe(0)
    expect(JSON.parse(result.stdout).text).toBe('Via de standaardinvoer: het loket is dicht.')
  })

  it('--json gives the error envelope for a missing file', () => {
    const result = karavaan(['note', 'add', ...noteArgs, '--file', 'nope.txt', '--json'])
    expect(result.code).toBe(1)
    expect(JSON.parse(result.stdout).error.message).toContain('Het tekstbestand nope.txt bestaat niet')
  })
})

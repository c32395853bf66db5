import {readdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'

import {karavaan, makeStudy, ROOT, snapshot, tempDir} from '../helpers/cli.js'

const VERSION = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version as string

// oclif's English section headings, which the Dutch help must have replaced.
const ENGLISH_HEADINGS = /^(USAGE|FLAGS|GLOBAL FLAGS|EXAMPLES|ARGUMENTS|DESCRIPTION|COMMANDS|TOPICS|VERSION|FLAG DESCRIPTIONS)$/m

const COMMANDS = [['init'], ['status'], ['method', 'show'], ['context', 'add'], ['context', 'import'], ['context', 'list'], ['plan'], ['plan', 'set'], ['plan', 'import']]

describe('karavaan --help', () => {
  it('the root help is Dutch and lists the commands and topics', () => {
    const result = karavaan(['--help'])
    expect(result.code, result.stderr).toBe(0)
    expect(result.stdout).toMatch(/^GEBRUIK$/m)
    expect(result.stdout).toMatch(/^OPDRACHTEN$/m)
    expect(result.stdout).toMatch(/^ONDERWERPEN$/m)
    expect(result.stdout).toContain('$ karavaan [OPDRACHT]')
    expect(result.stdout).not.toMatch(ENGLISH_HEADINGS)
    for (const name of ['init', 'status', 'plan', 'context', 'method']) expect(result.stdout).toMatch(new RegExp(`^ {2}${name} +\\S`, 'm'))
  })

  it.each(COMMANDS.map((command) => ({command: command.join(' '), words: command})))('karavaan $command --help is Dutch, with an example', ({command, words}) => {
    const result = karavaan([...words, '--help'])
    expect(result.code, result.stderr).toBe(0)
    const help = result.stdout
    expect(help).toMatch(/^GEBRUIK$/m)
    expect(help).toMatch(/^VOORBEELDEN$/m)
    expect(help).toMatch(/^BESCHRIJVING$/m)
    expect(help).not.toMatch(ENGLISH_HEADINGS)
    expect(help).toContain(`$ karavaan ${command}`)
    const examples = help.slice(help.search(/^VOORBEELDEN$/m))
    expect(examples).toMatch(new RegExp(`^ +\\$ karavaan ${command}\\b`, 'm'))
  })

  // Regression (found in review): a flag with fixed options still shows oclif's English placeholder: "--state=<option>".
  it('plan set --help has no English placeholders', () => {
    const result = karavaan(['plan', 'set', '--help'])
    expect(result.code).toBe(0)
    expect(result.stdout).not.toMatch(/<option>|<value>/)
  })

  // Regression (found in review): the help of a topic shows oclif's English usage line "$ karavaan context COMMAND".
  it('the help of a topic speaks of OPDRACHT, not COMMAND', () => {
    const result = karavaan(['context', '--help'])
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/^OPDRACHTEN$/m)
    expect(result.stdout).not.toMatch(/\bCOMMAND\b/)
  })
})

describe('karavaan --version', () => {
  it('prints the version of the kit', () => {
    const result = karavaan(['--version'])
    expect(result.code, result.stderr).toBe(0)
    expect(result.stdout).toContain(`karavaan/${VERSION}`)
  })
})

describe('wrong commands and arguments', () => {
  it('an unknown command exits non-zero with a Dutch message and a suggestion', () => {
    const result = karavaan(['stauts'])
    expect(result.code).not.toBe(0)
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('Fout: "stauts" is geen opdracht van karavaan.')
    expect(result.stderr).toContain('Bedoelde je "karavaan status"?')
    expect(result.stderr).not.toMatch(/^ {4}at /m)
  })

  it('an unexpected argument exits 2 with "Onverwacht argument", and init writes nothing', () => {
    const cwd = tempDir()
    const result = karavaan(['init', 'studie', 'nog-een-map', '--yes'], {cwd})
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('Fout: Onverwacht argument: nog-een-map.')
    expect(result.stderr).toContain('karavaan init --help')
    expect(result.stderr).not.toMatch(/^ {4}at /m)
    expect(readdirSync(cwd)).toEqual([])
  })

  it('an unexpected second file for context import exits 2 with "Onverwacht argument", and changes nothing', () => {
    const dir = makeStudy()
    const before = snapshot(dir)
    const result = karavaan(['context', 'import', 'a.csv', 'b.csv'], {cwd: dir})
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('Onverwacht argument: b.csv')
    expect(snapshot(dir)).toEqual(before)
  })

  it('an unexpected argument after a flag exits 2 with "Onverwacht argument"', () => {
    const result = karavaan(['status', '--json', 'extra'])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('Onverwacht argument: extra')
  })

  // Regression (found in review): for a command without arguments, an extra word right after the command is taken as part
  // of the command name: `karavaan status extra` says '"status extra" is geen opdracht van
  // karavaan. Bedoelde je "karavaan status"?' instead of "Onverwacht argument: extra".
  it('an unexpected argument right after a command without arguments says "Onverwacht argument"', () => {
    const result = karavaan(['status', 'extra'])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('Onverwacht argument: extra')
  })
})

import {existsSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {parse} from 'yaml'

import {initArgs, karavaan, makeStudy, tempDir} from '../helpers/cli.js'
import {Terminal} from '../helpers/terminal.js'

// Issue 15, point 7: what a person types about the team is checked when it is typed.
describe('team data', () => {
  it('init --interviewer id:Naam:rol keeps the role out of the name', () => {
    const dir = join(tempDir(), 'studie')
    expect(karavaan([...initArgs(dir), '--interviewer', 'sanne:Sanne Hoekstra:projectleider']).code).toBe(0)
    const team = parse(readFileSync(join(dir, 'study.yaml'), 'utf8')).team
    expect(team).toContainEqual({id: 'sanne', name: 'Sanne Hoekstra', role: 'projectleider'})
  })

  it('init --interviewer with a role that does not exist is refused and writes nothing', () => {
    const dir = join(tempDir(), 'studie')
    const result = karavaan([...initArgs(dir), '--interviewer', 'sanne:Sanne Hoekstra:baas'])
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('--interviewer "sanne:Sanne Hoekstra:baas" heeft niet de vorm id, id:Naam of id:Naam:rol.')
    expect(result.stderr).toContain('projectleider, onderzoeker, interviewer, analist')
    expect(existsSync(join(dir, 'study.yaml'))).toBe(false)
  })

  it('config set interviewer inside a study refuses an id that is not in the team, with a suggestion', () => {
    const study = makeStudy()
    const config = tempDir('karavaan-config-')
    const env = {XDG_CONFIG_HOME: config}
    const wrong = karavaan(['config', 'set', 'interviewer', 'anan'], {cwd: study, env})
    expect(wrong.code).toBe(1)
    expect(wrong.stderr).toContain('"anan" staat niet in het team van de studie Proefstudie; er is niets ingesteld.')
    expect(wrong.stderr).toContain('→ Bedoelde je "anna"?')
    expect(karavaan(['config', 'get', 'interviewer', '--json'], {env}).stdout).not.toContain('anan')
    expect(karavaan(['config', 'set', 'interviewer', 'anna'], {cwd: study, env}).code).toBe(0)
    expect(karavaan(['config', 'set', 'interviewer', 'anan', '--study', study], {env}).code).toBe(1)
  })

  it('config set interviewer outside a study is kept, with a notice that it could not be checked', () => {
    const result = karavaan(['config', 'set', 'interviewer', 'anan'], {cwd: tempDir(), env: {XDG_CONFIG_HOME: tempDir('karavaan-config-')}})
    expect(result.code).toBe(0)
    expect(result.stderr).toContain('Let op: hier staat geen studie, dus karavaan kan niet controleren of "anan" in het team staat.')
  })

  it('interactive init proposes an id that is still free for a second Anna', async () => {
    const dir = join(tempDir(), 'studie')
    const terminal = Terminal.start(['init', dir])
    try {
      await terminal.answer('Titel van de studie', 'Proef')
      await terminal.answer('Opdrachtgever', 'Gemeente Proef')
      await terminal.answer('Begin', '')
      await terminal.answer('Einde', '')
      for (const name of ['Noord', 'Zuid', 'Oost', 'West']) {
        await terminal.answer('naam van het gebied', name)
        await terminal.answer(`id voor ${name}`, '')
        await terminal.answer('gemeente', 'Emmen')
        await terminal.choose('soort gebied')
      }

      await terminal.answer('Teamlid: naam', 'Anna Visser')
      await terminal.answer('id voor Anna Visser (kort, bijv. voornaam) (anna)', '')
      await terminal.choose('?   rol')
      await terminal.choose('Nog een teamlid toevoegen?')
      await terminal.answer('Volgend teamlid: naam', 'Anna de Boer')
      // The proposal is free: pressing Enter takes it, and it is stored.
      await terminal.answer('id voor Anna de Boer (kort, bijv. voornaam) (anna-b)', '')
      // The second member is an interviewer and the last one: both are what the kit proposes.
      await terminal.choose('?   rol')
      await terminal.choose('Nog een teamlid toevoegen?')
      await terminal.choose(/klopt dit|Zo goed|aanmaken/i)
      expect(await terminal.exitCode()).toBe(0)
    } finally {
      terminal.kill()
    }

    const team = parse(readFileSync(join(dir, 'study.yaml'), 'utf8')).team
    expect(team).toEqual([
      {id: 'anna', name: 'Anna Visser', role: 'projectleider'},
      {id: 'anna-b', name: 'Anna de Boer', role: 'interviewer'},
    ])
  }, 60_000)
})

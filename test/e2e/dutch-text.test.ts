import {chmodSync, mkdirSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'

import {json, karavaan, makeStudy, tempDir} from '../helpers/cli.js'
import {brokenPlurals, commandNames, englishIn, withoutCode} from '../helpers/dutch.js'
import {run} from '../helpers/processes.js'

// Issue 15, point 8: a user reads Dutch everywhere, in help as in messages, with plurals that fit.
describe('Dutch in what a user reads', () => {
  it('every help page (each command and topic, and the root) is Dutch, names every value and writes out its plurals', async () => {
    const {commands, topics} = commandNames()
    const pages = ['', ...topics, ...commands]
    expect(commands.length).toBeGreaterThan(50)
    const problems: string[] = []
    const help: Record<string, string> = {}
    // Two at a time: the machine is shared.
    for (let i = 0; i < pages.length; i += 2) {
      const results = await Promise.all(pages.slice(i, i + 2).map(async (page) => ({page, result: await run([...page.split(' ').filter(Boolean), '--help'])})))
      for (const {page, result} of results) {
        expect(result.code, page).toBe(0)
        help[page] = result.stdout
        const text = withoutCode(result.stdout)
        for (const word of [...englishIn(text), ...brokenPlurals(text)]) problems.push(`karavaan ${page} --help: ${word}`)
        // Every value is named: <datum>, <id>, <bestand> …, never oclif's bare "value".
        if (/=<waarde>|<value>/.test(result.stdout)) problems.push(`karavaan ${page} --help: <waarde>`)
      }
    }

    expect(problems).toEqual([])
    // The ones issue 15 named.
    expect(help['note list']).toMatch(/^FILTERS$/m)
    expect(help['note list']).not.toContain('FILTER OPTIES')
    expect(help['config set']).toContain('$ karavaan config set INSTELLING WAARDE')
    expect(help.import).toContain('$ karavaan import [BESTANDEN...]')
    expect(help['tag add']).toContain('$ karavaan tag add NOTITIE CODE')
    const flat = (page: string) => help[page].replaceAll(/\s+/g, ' ')
    expect(flat('note add')).toContain('--date=<datum> Datum van het gesprek, zoals 2026-03-15, 15-3-2026 of "15 maart 2026". Standaard: vandaag.')
    expect(flat('note edit')).toContain('--date=<datum> Nieuwe datum van het gesprek, zoals 2026-03-15, 15-3-2026 of "15 maart 2026".')
    expect(help['note edit']).not.toContain('vandaag')
    expect(help['tag review']).toContain('één voor één')
    for (const [page, what] of [['finding add', 'de bevinding'], ['advice edit', 'het advies'], ['reflect add', 'het reflectiegesprek'], ['note add', 'de notitie'], ['import', 'de notities']]) {
      expect(flat(page), page).toContain(`--allow-personal-data Sla ${what} op, ook als de privacycontrole persoonsgegevens vindt`)
    }
  }, 240_000)

  it('template list shows the description of each template without the tags around it', () => {
    const result = karavaan(['template', 'list'])
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/^eindrapport {2}Het adviesrapport van de hele Karavaan: .*bijlage\.$/m)
    expect(result.stdout).not.toContain('{%')
  })

  it('counts of one are singular in what the commands print', () => {
    const study = makeStudy()
    const config = tempDir('karavaan-config-')
    const env = {XDG_CONFIG_HOME: config}
    const k = (...args: string[]) => karavaan(args, {cwd: study, env})
    mkdirSync(join(study, 'inbox', 'dorp'), {mode: 0o700, recursive: true})
    writeFileSync(
      join(study, 'inbox', 'dorp', 'gesprek.md'),
      '---\nhalteplaats: dorp\ngroup: ouderen\ndate: 2026-03-01\ninterviewer: anna\n---\nHet loket is dicht en ik kan er niet bij komen, achter al die websites en callcenters.\n',
    )
    const outputs: Record<string, string> = {}
    const keep = (name: string, result: ReturnType<typeof k>) => {
      outputs[name] = `${result.stdout}\n${result.stderr}`
      return result
    }

    expect(keep('import', k('import')).code).toBe(0)
    const note = json<Array<{id: string}>>(k('note', 'list', '--json'))[0].id
    expect(keep('tag add', k('tag', 'add', note, '1', '--quote', 'Het loket is dicht', '--coder', 'anna')).code).toBe(0)
    keep('tag list', k('tag', 'list'))
    keep('tag suggest', k('tag', 'suggest', '--all'))
    keep('analyse quotes', k('analyse', 'quotes', '--narrative', '1'))
    keep('finding add', k('finding', 'add', '--title', 'Het loket is weg', '--note', note))
    keep('finding list', k('finding', 'list'))
    keep('note list', k('note', 'list'))
    keep('status', k('status'))
    keep('backup', k('backup'))
    keep('export qdpx', k('export', '--out', join(tempDir(), 'studie.qdpx')))
    keep('export csv', k('export', '--out', join(tempDir(), 'notities.csv')))
    // One file that others may read: doctor says so in the singular.
    chmodSync(join(study, 'inbox', 'dorp', 'gesprek.md'), 0o644)
    keep('doctor', k('doctor'))
    writeFileSync(join(study, 'tags.csv'), `note,code,coder\n${note},2,bram\n`)
    keep('tag import', k('tag', 'import', join(study, 'tags.csv')))

    for (const [name, text] of Object.entries(outputs)) {
      expect(brokenPlurals(text), `${name}:\n${text}`).toEqual([])
      expect(englishIn(withoutCode(text)), `${name}:\n${text}`).toEqual([])
    }

    expect(outputs['tag list']).toMatch(/^1 tag\.$/m)
    expect(outputs['analyse quotes']).toContain('(1 passage)')
    expect(outputs.backup).toContain('(1 notitie, ')
    expect(outputs['export qdpx']).toContain('1 notitie, 1 gecodeerde passage')
    expect(outputs.doctor).toContain('1 bestand ook voor anderen leesbaar')
    expect(outputs['tag import']).toContain('1 nieuwe tag, 0 stonden er al')
  }, 120_000)
})

import {mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {PersonalDataOutputError} from '../../src/privacy/gate.js'
import {outputGateRequest} from '../../src/privacy/output-request.js'
import {previewReport} from '../../src/report/build.js'
import {reportHitSources} from '../../src/report/hit-sources.js'
import {studyTemplates} from '../../src/report/templates.js'
import {openStore} from '../../src/store/open.js'
import type {Store} from '../../src/store/store.js'
import {loadStudy, type Study} from '../../src/study/load.js'
import {json, karavaan, makeStudy, tempDir} from '../helpers/cli.js'

// The core the workspace's Rapport page calls: the report's HTML without a file, the study's own
// templates, and where a hit of the report's privacy gate comes from.
describe('previewReport and reportHitSources', () => {
  let dir: string
  let note: string
  let study: Study
  let store: Store

  beforeAll(async () => {
    dir = makeStudy()
    const run = (...args: string[]) => karavaan([...args, '--study', dir])
    note = json<{id: string}>(run('note', 'add', '--halteplaats', 'noord', '--group', 'ouderen', '--date', '2026-03-03', '--interviewer', 'bram', '--text', 'Mevrouw zei: bel me op 06-12345678 als er nieuws is.', '--allow-personal-data', '--json')).id
    expect(run('tag', 'add', note, '1', '--quote', 'bel me op 06-12345678 als', '--coder', 'anna').code).toBe(0)
    expect(run('note', 'add', '--halteplaats', 'noord', '--group', 'moeders', '--date', '2026-03-04', '--interviewer', 'anna', '--text', 'Het loket is dicht.').code).toBe(0)
    study = await loadStudy(dir)
    store = openStore(study.dir, study.id)
  }, 60_000)

  afterAll(() => store?.close())

  it('gives the same HTML as report --format html writes, and writes nothing', async () => {
    const file = join(tempDir(), 'r.html')
    expect(karavaan(['report', '--format', 'html', '--out', file, '--template', 'veldwerk', '--date', '2026-05-01', '--study', dir]).code).toBe(0)
    const preview = await previewReport(store, study, {date: '2026-05-01', privacy: outputGateRequest(study, {by: null}), template: 'veldwerk'})
    expect(preview.html).toBe(readFileSync(file, 'utf8'))
    expect(preview.template).toBe('veldwerk')
  })

  it('refuses personal data as report does, and finds the note the hit comes from', async () => {
    const refused = await previewReport(store, study, {halteplaats: 'noord', privacy: outputGateRequest(study, {by: null}), template: 'halteplaats'}).catch((error: unknown) => error)
    expect(refused).toBeInstanceOf(PersonalDataOutputError)
    const {hits} = (refused as PersonalDataOutputError).data!.privacy as {hits: Array<{context: string; text: string}>}
    expect(hits).toEqual([expect.objectContaining({context: expect.stringContaining('bel me op 06-12345678 als'), text: '06-12345678'})])
    expect(reportHitSources(store, hits)).toEqual([[{id: note, kind: 'note'}]])
    expect(reportHitSources(store, [{text: 'Nergens Tekst'}])).toEqual([[]])
  })

  it('pseudonymises with the study\'s own placeholders when asked, and records nothing', async () => {
    const preview = await previewReport(store, study, {halteplaats: 'noord', privacy: outputGateRequest(study, {by: 'anna', choice: 'pseudonymise'}), template: 'halteplaats'})
    expect(preview.html).toMatch(/bel me op \[telefoonnummer-[\da-f]+\] als/)
    expect(preview.privacy).toMatchObject({choice: 'pseudonymise'})
    expect(json<{overrides?: unknown[]}>(karavaan(['status', '--json', '--study', dir])).overrides ?? []).toEqual([])
  })
})

describe('studyTemplates', () => {
  it('finds templates in the study folder and one folder down, not partials, READMEs, notes or reports', () => {
    const dir = tempDir()
    const put = (path: string, text: string) => {
      mkdirSync(join(dir, path, '..'), {recursive: true})
      writeFileSync(join(dir, path), text)
    }

    put('mijn-sjablonen/eindrapport.md', '# {{ rapport.titel }}')
    put('mijn-sjablonen/_aanpak.md', '{{ x }}')
    put('mijn-sjablonen/README.md', '{{ uitleg }}')
    put('mijn-sjablonen/gewoon.md', '# Geen sjabloontaal')
    put('kort.md', '{% for b in bevindingen %}{{ b.titel }}{% endfor %}')
    put('inbox/notitie.md', '{{ vreemd }}')
    put('rapporten/eindrapport.md', '{{ al gemaakt }}')
    put('a/b/diep.md', '{{ te diep }}')
    expect(studyTemplates(dir).map((t) => t.path)).toEqual(['kort.md', 'mijn-sjablonen/eindrapport.md'])
    expect(studyTemplates(dir)[1]).toEqual({file: join(dir, 'mijn-sjablonen', 'eindrapport.md'), name: 'eindrapport', path: 'mijn-sjablonen/eindrapport.md'})
    expect(studyTemplates(join(dir, 'bestaat-niet'))).toEqual([])
  })
})

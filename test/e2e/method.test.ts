import {readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {parse, stringify} from 'yaml'

import {expectRefusal, json, karavaan, makeStudy, ROOT, snapshot, tempDir} from '../helpers/cli.js'

// The ids of METHOD.md, in its order: a data contract.
const PHASES = ['praktijkonderzoek', 'gesprekken', 'reflectie', 'advies']
const GROUPS = ['ondernemers', 'voetbalelftal', 'schoolklas', 'moeders', 'ouderen', 'actieve-bewoners', 'wijkprofessionals', 'gemeente']
const ACTIVITIES = ['wijkwandeling', 'fietstocht', 'wijkbijeenkomst', 'buurtactiviteit']
const NARRATIVES = ['onzichtbare-overheid', 'onzichtbare-burger', 'ongelijke-behandeling', 'ongehoorde-burger', 'ervaren-incompetentie']
const THEMES = [
  'vertrouwen-instanties',
  'onderling-vertrouwen',
  'gemeenschapskracht',
  'voorzieningen',
  'wijkeconomie',
  'gezien-en-gehoord',
  'nabije-overheid',
  'jongeren-en-democratie',
  'veiligheid-en-leefbaarheid',
]
const AUDIENCES = ['gemeenten', 'professionals', 'rijksoverheid']
const REFLECTION_ROLES = (parse(readFileSync(join(ROOT, 'methods', 'karavaan.yaml'), 'utf8')).reflectionRoles as Part[]).map((r) => r.id)

const BUILT_IN = readFileSync(join(ROOT, 'methods', 'karavaan.yaml'), 'utf8')

interface Part {
  id: string
  name: string
  number?: number
}

interface MethodJson {
  activities: Part[]
  audiences: Part[]
  groups: Part[]
  narratives: Part[]
  phases: Part[]
  themes: Part[]
}

/** A copy of the built-in method without one item of a list, as a user might make by mistake. */
function withoutItem(list: 'groups' | 'narratives', id: string): string {
  const method = parse(BUILT_IN)
  method[list] = method[list].filter((item: Part) => item.id !== id)
  return stringify(method)
}

const escape = (text: string) => text.replaceAll(/[.*+?^${}()|[\]\\]/g, '\\$&')

describe('karavaan method show, outside a study: the built-in method', () => {
  let text: string

  beforeAll(() => {
    const result = karavaan(['method', 'show'], {cwd: tempDir()})
    expect(result.code, result.stderr).toBe(0)
    text = result.stdout
  })

  it('lists the eight groups with their number and id', () => {
    expect(text).toContain('De acht groepen')
    for (const [i, id] of GROUPS.entries()) expect(text).toMatch(new RegExp(`^${i + 1}\\. .+ \\[${escape(id)}\\]$`, 'm'))
  })

  it('lists the five narratives with numbers 1 to 5 and their ids', () => {
    expect(text).toContain('De vijf narratieven van wantrouwen')
    for (const [i, id] of NARRATIVES.entries()) expect(text).toMatch(new RegExp(`^${i + 1}\\. .+ \\[${escape(id)}\\]$`, 'm'))
    expect(text).toContain('Onzichtbaarheid van de overheid')
  })

  it('lists the themes, the observations and the audiences of the advice', () => {
    for (const heading of ["Thema's", 'Observaties', 'Doelgroepen van het advies', 'Stappen']) expect(text).toMatch(new RegExp(`^${heading}$`, 'm'))
    for (const id of [...THEMES, ...ACTIVITIES, ...AUDIENCES, ...PHASES]) expect(text).toContain(`[${id}]`)
  })

  it('lists the roles of reflection meetings, the ids reflect add --participant takes', () => {
    expect(text).toMatch(/^Deelnemers aan reflectiegesprekken \(naar rol, nooit met namen\)$/m)
    expect(REFLECTION_ROLES).toEqual(expect.arrayContaining(['bewoners', 'jongeren', 'ambtenaren']))
    for (const id of REFLECTION_ROLES) expect(text).toMatch(new RegExp(`^- .+ \\[${escape(id)}\\]$`, 'm'))
    expect(text).toContain('Scholieren en andere jongeren uit het gebied.')
  })

  it('--json gives every part with the exact ids of METHOD.md, in order', () => {
    const method = json<MethodJson>(karavaan(['method', 'show', '--json'], {cwd: tempDir()}))
    expect(method.phases.map((p) => p.id)).toEqual(PHASES)
    expect(method.groups.map((g) => g.id)).toEqual(GROUPS)
    expect(method.groups.map((g) => g.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8])
    expect(method.narratives.map((n) => n.id)).toEqual(NARRATIVES)
    expect(method.narratives.map((n) => n.number)).toEqual([1, 2, 3, 4, 5])
    expect(method.themes.map((t) => t.id)).toEqual(THEMES)
    expect(method.activities.map((a) => a.id)).toEqual(ACTIVITIES)
    expect(method.audiences.map((a) => a.id)).toEqual(AUDIENCES)
    for (const part of [...method.groups, ...method.narratives, ...method.themes]) expect(part.name).not.toBe('')
  })
})

describe('a study with its own copy of the method', () => {
  let dir: string

  beforeAll(() => {
    dir = makeStudy()
    writeFileSync(join(dir, 'mijn-methode.yaml'), BUILT_IN.replace('name: Oudere inwoners', 'name: Senioren in de wijk'))
    const yamlFile = join(dir, 'study.yaml')
    writeFileSync(yamlFile, readFileSync(yamlFile, 'utf8').replace(/^method: karavaan$/m, 'method: ./mijn-methode.yaml'))
  })

  it('shows the changed label inside the study', () => {
    const result = karavaan(['method', 'show'], {cwd: join(dir, 'inbox')})
    expect(result.code, result.stderr).toBe(0)
    expect(result.stdout).toMatch(/^5\. Senioren in de wijk {2}\[ouderen\]$/m)
    expect(result.stdout).not.toMatch(/^5\. Oudere inwoners/m)
  })

  it('shows the changed label with --study and --json, ids unchanged', () => {
    const method = json<MethodJson>(karavaan(['method', 'show', '--json', '--study', dir], {cwd: tempDir()}))
    expect(method.groups.map((g) => g.id)).toEqual(GROUPS)
    expect(method.groups[4]).toMatchObject({id: 'ouderen', name: 'Senioren in de wijk', number: 5})
  })

  it('is used by the other commands of the study', () => {
    expect(karavaan(['status'], {cwd: dir}).code).toBe(0)
  })
})

describe('a method copy that drops a fixed part', () => {
  it('without a group is refused by method show --file, naming the group', () => {
    const folder = tempDir()
    writeFileSync(join(folder, 'zonder-ouderen.yaml'), withoutItem('groups', 'ouderen'))
    expectRefusal(karavaan(['method', 'show', '--file', 'zonder-ouderen.yaml'], {cwd: folder}), 1, 'zonder-ouderen.yaml', /groepen ontbreken: ouderen/)
  })

  it('without a narrative is refused by method show --file, naming the narrative', () => {
    const folder = tempDir()
    writeFileSync(join(folder, 'zonder-narratief.yaml'), withoutItem('narratives', 'ongehoorde-burger'))
    expectRefusal(
      karavaan(['method', 'show', '--file', 'zonder-narratief.yaml'], {cwd: folder}),
      1,
      'zonder-narratief.yaml',
      /narratieven ontbreken: ongehoorde-burger/,
    )
  })

  describe('when a study points at it', () => {
    let dir: string

    beforeAll(() => {
      dir = makeStudy()
      writeFileSync(join(dir, 'mijn-methode.yaml'), withoutItem('groups', 'ouderen'))
      const yamlFile = join(dir, 'study.yaml')
      writeFileSync(yamlFile, readFileSync(yamlFile, 'utf8').replace(/^method: karavaan$/m, 'method: ./mijn-methode.yaml'))
    })

    it('method show is refused, naming the file and the group', () => {
      expectRefusal(karavaan(['method', 'show'], {cwd: dir}), 1, join(dir, 'mijn-methode.yaml'), /groepen ontbreken: ouderen/)
    })

    it('status is refused too, and nothing in the study changes', () => {
      const before = snapshot(dir)
      expectRefusal(karavaan(['status'], {cwd: dir}), 1, join(dir, 'mijn-methode.yaml'), /groepen ontbreken: ouderen/)
      expect(snapshot(dir)).toEqual(before)
    })
  })

  it('refuses a narrative with another number', () => {
    const folder = tempDir()
    writeFileSync(join(folder, 'nummers.yaml'), BUILT_IN.replace(/(id: ongehoorde-burger\n\s+number:) 4/, '$1 7'))
    expectRefusal(karavaan(['method', 'show', '--file', 'nummers.yaml'], {cwd: folder}), 1, /narratief ongehoorde-burger heeft nummer 4 in de methode, niet 7/)
  })
})

describe('method show --file with a broken file', () => {
  it('names the line of a YAML error', () => {
    const folder = tempDir()
    const text = BUILT_IN.replace('name: Oudere inwoners', 'name: "Oudere inwoners')
    const line = text.split('\n').findIndex((l) => l.includes('name: "Oudere inwoners')) + 1
    writeFileSync(join(folder, 'kapot.yaml'), text)
    expectRefusal(karavaan(['method', 'show', '--file', 'kapot.yaml'], {cwd: folder}), 1, 'kapot.yaml', /De opbouw van het bestand klopt niet/, new RegExp(`regel ${line}\\b`))
  })

  it('names the line and field of a wrong value', () => {
    const folder = tempDir()
    const text = BUILT_IN.replace(/^halteplaatsen: 4$/m, 'halteplaatsen: vier')
    const line = text.split('\n').findIndex((l) => l === 'halteplaatsen: vier') + 1
    writeFileSync(join(folder, 'tekst.yaml'), text)
    expectRefusal(karavaan(['method', 'show', '--file', 'tekst.yaml'], {cwd: folder}), 1, new RegExp(`regel ${line}, halteplaatsen: moet een getal zijn`))
  })

  it('refuses a file that does not exist', () => {
    expectRefusal(karavaan(['method', 'show', '--file', 'bestaat-niet.yaml'], {cwd: tempDir()}), 1, /bestaat-niet\.yaml bestaat niet/)
  })
})

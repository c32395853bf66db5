import Database from 'better-sqlite3'
import {readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'

import {expectRefusal, json, karavaan, makeStudy, ROOT, snapshot, tempDir} from '../helpers/cli.js'
import {Terminal} from '../helpers/terminal.js'

/*
 * Instruments and inspiring examples: data in the method file (and a study's own in study.yaml),
 * listed by method show, cited by advice, carried by versions and bundles, and shown in the
 * report's advice chapter as "Zo deed … het".
 */

interface ExampleJson {
  frames: string[]
  id: string
  kind: 'instrument' | 'voorbeeld'
  name: string
  narratives: string[]
  origin?: string
  source: string
  what: string
  where: string
}

interface AdviceJson {
  examples: string[]
  id: string
  title: string
  version: number
}

/** What the seeds name, and the brief asks the method to carry. */
const SEEDED = ['erfturbine-gesprekken', 'citizens-project-arnhem', 'samenleven-vanaf-dag-een', 'dorpscoordinatoren', 'spiegelgesprek', 'lemniscaat-ervaringskennis']

const OWN_EXAMPLE = `
examples:
  - id: buurtkamer-noord
    kind: voorbeeld
    name: Buurtkamer Noord
    where: gemeente Emmen (Noord)
    what: Een vaste avond per week waarop de wijkagent en de wijkambtenaar in de buurtkamer zitten.
    narratives: [onzichtbare-overheid]
    frames: [perspectief-nabij-zichtbaar]
    source: Eigen veldwerk
`

function addToStudyYaml(study: string, text: string): void {
  const file = join(study, 'study.yaml')
  writeFileSync(file, `${readFileSync(file, 'utf8').trimEnd()}\n${text}`)
}

describe('karavaan method show: instruments and inspiring examples', () => {
  it('lists what the seeds name, each with where, what it answers and the source; --json gives the same', () => {
    const shown = karavaan(['method', 'show'], {cwd: tempDir()})
    expect(shown.code, shown.stderr).toBe(0)
    expect(shown.stdout).toMatch(/^Instrumenten \(voor advice add --example\)$/m)
    expect(shown.stdout).toMatch(/^Inspirerende voorbeelden \(voor advice add --example\)$/m)
    for (const id of SEEDED) expect(shown.stdout).toContain(`[${id}]`)
    expect(shown.stdout).toContain('Waar: gemeente Súdwest-Fryslân')
    expect(shown.stdout).toMatch(/Antwoord op: narratief Ongehoorde burgers; kader Responsieve overheid/)

    const method = json<{examples: ExampleJson[]; frames: Array<{id: string}>; narratives: Array<{id: string}>}>(karavaan(['method', 'show', '--json'], {cwd: tempDir()}))
    const ids = method.examples.map((e) => e.id)
    expect(ids).toEqual(expect.arrayContaining(SEEDED))
    expect(new Set(ids).size).toBe(ids.length)
    expect(method.examples.find((e) => e.id === 'spiegelgesprek')?.kind).toBe('instrument')
    expect(method.examples.find((e) => e.id === 'citizens-project-arnhem')).toMatchObject({kind: 'voorbeeld', where: expect.stringContaining('Arnhem')})
    const frames = new Set(method.frames.map((f) => f.id))
    const narratives = new Set(method.narratives.map((n) => n.id))
    for (const e of method.examples) {
      expect(e.source, e.id).not.toBe('')
      expect(e.narratives.length + e.frames.length, e.id).toBeGreaterThan(0)
      for (const f of e.frames) expect(frames.has(f), `${e.id}: ${f}`).toBe(true)
      for (const n of e.narratives) expect(narratives.has(n), `${e.id}: ${n}`).toBe(true)
    }
  })

  it('refuses a method file whose example names a frame that does not exist', () => {
    const dir = tempDir()
    const file = join(dir, 'methode.yaml')
    const method = readFileSync(join(ROOT, 'methods', 'karavaan.yaml'), 'utf8')
    writeFileSync(file, method.replace('frames: [route-responsief, perspectief-rechtvaardig-proces]', 'frames: [route-lekker]'))
    expectRefusal(karavaan(['method', 'show', '--file', file], {cwd: dir}), 1, 'examples[1].frames', 'onbekend kader route-lekker')
  })
})

describe('a study adds its own examples in study.yaml', () => {
  it('shows them beside the method\'s, marked as its own, and an advice can cite them', () => {
    const study = makeStudy()
    addToStudyYaml(study, OWN_EXAMPLE)
    const shown = karavaan(['method', 'show', '--study', study])
    expect(shown.code, shown.stderr).toBe(0)
    expect(shown.stdout).toContain('- Buurtkamer Noord  [buurtkamer-noord]  (eigen voorbeeld van de studie)')
    expect(shown.stdout).toContain('[erfturbine-gesprekken]')
    const listed = json<{examples: ExampleJson[]}>(karavaan(['method', 'show', '--json', '--study', study])).examples
    expect(listed.find((e) => e.id === 'buurtkamer-noord')?.origin).toBe('studie')
    expect(listed.find((e) => e.id === 'spiegelgesprek')?.origin).toBe('methode')

    const advice = json<AdviceJson>(karavaan(['advice', 'add', '--audience', 'gemeenten', '--title', 'Zit op vaste avonden in de buurt', '--example', 'buurtkamer-noord', '--json', '--study', study]))
    expect(advice.examples).toEqual(['buurtkamer-noord'])
  })

  it('refuses an id the method already has, naming the line and what to do; the study is not opened', () => {
    const study = makeStudy()
    addToStudyYaml(study, OWN_EXAMPLE.replace('id: buurtkamer-noord', 'id: spiegelgesprek'))
    const before = snapshot(study)
    const line = readFileSync(join(study, 'study.yaml'), 'utf8').split('\n').findIndex((l) => l.includes('id: spiegelgesprek')) + 1
    const result = karavaan(['advice', 'list', '--study', study])
    expectRefusal(result, 1, `regel ${line}`, 'examples[1].id', 'de id spiegelgesprek bestaat al in de methode ("Spiegelgesprek")', 'andere id')
    expectRefusal(karavaan(['method', 'show', '--study', study]), 1, 'bestaat al in de methode')
    expect(snapshot(study)).toEqual(before)
  })

  it('refuses an own example twice, or with a narrative the method does not know', () => {
    const study = makeStudy()
    const twice = OWN_EXAMPLE + OWN_EXAMPLE.replace('examples:\n', '').replace('narratives: [onzichtbare-overheid]', 'narratives: [boze-burger]')
    addToStudyYaml(study, twice)
    expectRefusal(karavaan(['status', '--study', study]), 1, 'examples[2].id: de id buurtkamer-noord staat er twee keer in', 'examples[2].narratives', 'onbekend narratief boze-burger')
  })
})

describe('karavaan advice --example', () => {
  let study: string
  const run = (...args: string[]) => karavaan([...args, '--study', study])

  beforeAll(() => {
    study = makeStudy()
  })

  it('links an advice to examples by id or name, shows them, keeps them in versions, and --no-example takes them off', () => {
    const finding = json<{id: string}>(run('finding', 'add', '--title', 'Inspraak komt te laat', '--narrative', 'ongehoorde-burger', '--json')).id
    const added = json<AdviceJson>(run('advice', 'add', '--audience', 'gemeenten', '--title', 'Betrek inwoners vóór het besluit', '--finding', finding, '--example', 'erfturbine-gesprekken', '--example', 'Citizens Project', '--json'))
    expect(added.examples).toEqual(['erfturbine-gesprekken', 'citizens-project-arnhem'])
    const shown = run('advice', 'show', added.id).stdout
    expect(shown).toContain('Instrumenten en voorbeelden:')
    expect(shown).toContain('  - Erfturbine-tafelgesprekken (gemeente Súdwest-Fryslân) [erfturbine-gesprekken]')
    expect(shown).toContain('  - Citizens Project (gemeente Arnhem (Arnhem-Oost)) [citizens-project-arnhem]')

    const edited = json<{record: AdviceJson}>(run('advice', 'edit', added.id, '--example', 'spiegelgesprek', '--json')).record
    expect(edited).toMatchObject({examples: ['spiegelgesprek'], version: 2})
    // Other fields stay as they were when only the examples change.
    expect(json<{findings: string[]}>(run('advice', 'show', added.id, '--json')).findings).toEqual([finding])
    expect(run('advice', 'edit', added.id, '--no-example').code).toBe(0)
    expect(json<AdviceJson>(run('advice', 'show', added.id, '--json')).examples).toEqual([])

    const history = json<Array<{data: AdviceJson}>>(run('advice', 'history', added.id, '--json'))
    expect(history.map((v) => v.data.examples)).toEqual([['erfturbine-gesprekken', 'citizens-project-arnhem'], ['spiegelgesprek'], []])
    expect(json<AdviceJson>(run('advice', 'show', added.id, '--version', '1', '--json')).examples).toEqual(['erfturbine-gesprekken', 'citizens-project-arnhem'])
    const text = run('advice', 'history', added.id).stdout
    expect(text).toMatch(/voorbeelden/)
    expect(text).toContain('Spiegelgesprek')
  })

  it('refuses an unknown example, naming it and where the list is; nothing changes', () => {
    const a = json<AdviceJson>(run('advice', 'add', '--audience', 'professionals', '--title', 'Wees een vast gezicht', '--json'))
    const before = snapshot(study)
    expectRefusal(run('advice', 'add', '--audience', 'gemeenten', '--title', 'X', '--example', 'wijkfeest'), 1, 'voorbeeld: "wijkfeest" is geen instrument of voorbeeld', 'karavaan method show')
    expectRefusal(run('advice', 'edit', a.id, '--example', 'spiegelgesprek', '--example', 'wijkfeest'), 1, '"wijkfeest"')
    const both = run('advice', 'edit', a.id, '--example', 'x', '--no-example')
    expect(both.code).toBe(2)
    expect(snapshot(study)).toEqual(before)
  })

  it('reads examples from a YAML file for material import, and refuses an unknown one with the file and line', () => {
    const dir = tempDir()
    const good = join(dir, 'adviezen.yaml')
    writeFileSync(good, ['advice:', '  - key: spreekuur', '    audience: gemeenten', '    title: Open een spreekuur', '    examples: [dorpscoordinatoren, lemniscaat-ervaringskennis]', ''].join('\n'))
    expect(run('material', 'import', good).code).toBe(0)
    const imported = json<AdviceJson[]>(run('advice', 'list', '--json')).find((x) => x.title === 'Open een spreekuur')
    expect(imported?.examples).toEqual(['dorpscoordinatoren', 'lemniscaat-ervaringskennis'])

    const bad = join(dir, 'fout.yaml')
    writeFileSync(bad, ['advice:', '  - key: ander', '    audience: gemeenten', '    title: Nog een advies', '    examples: [wijkfeest]', ''].join('\n'))
    const before = snapshot(study)
    expectRefusal(run('material', 'import', bad), 1, 'fout.yaml', 'regel 2', '"wijkfeest" is geen instrument of voorbeeld')
    expect(snapshot(study)).toEqual(before)
  })

  it('reads a version stored before advice could cite examples as one without (migration 010)', () => {
    const a = json<AdviceJson>(run('advice', 'add', '--audience', 'rijksoverheid', '--title', 'Financier structureel', '--json'))
    const db = new Database(join(study, 'karavaan.db'))
    db.prepare("UPDATE material_versions SET data = json_remove(data, '$.examples') WHERE record_id = ?").run(a.id)
    db.close()
    expect(json<Array<{data: AdviceJson}>>(run('advice', 'history', a.id, '--json'))[0].data.examples).toEqual([])
    expect(json<{record: AdviceJson}>(run('advice', 'edit', a.id, '--example', 'burgerberaad', '--json')).record.examples).toEqual(['burgerberaad'])
  })
})

describe('advice add in a terminal', () => {
  it('offers the examples that fit the frame and the findings\' narratives first, and saves the one chosen', async () => {
    const study = makeStudy()
    const finding = json<{id: string}>(karavaan(['finding', 'add', '--title', 'Het loket is weg', '--narrative', 'onzichtbare-overheid', '--json', '--study', study])).id
    const t = Terminal.start(['advice', 'add', '--audience', 'gemeenten', '--title', 'Breng de gemeente terug in de wijk', '--text', 'Vaste spreekuren.', '--finding', finding, '--frame', 'perspectief-nabij-zichtbaar'], {cwd: study, env: {EDITOR: '', VISUAL: ''}})
    try {
      await t.waitFor('Welke instrumenten of inspirerende voorbeelden haalt het advies aan?', 30_000)
      await t.waitFor('Dorpscoördinatoren (gemeente Noardeast-Fryslân) · past bij dit advies')
      // In the method file the erfturbine talks come first; for this advice the village coordinators do.
      const screen = t.screen.slice(t.screen.lastIndexOf('Welke instrumenten'))
      expect(screen.indexOf('Dorpscoördinatoren')).toBeLessThan(screen.indexOf('Erfturbine'))
      // The cursor starts on "klaar"; the first example is the line below it.
      t.press('down')
      t.press('enter')
      await t.waitFor('1 gekozen')
      t.press('up')
      await t.waitFor('❯ ✔ klaar (1 gekozen)')
      t.press('enter')
      await t.waitFor('Opgeslagen: advies')
      expect(await t.exitCode()).toBe(0)
    } finally {
      t.kill()
    }

    expect(json<AdviceJson[]>(karavaan(['advice', 'list', '--json', '--study', study]))[0].examples).toEqual(['dorpscoordinatoren'])
  }, 90_000)
})

describe('examples travel in bundles', () => {
  it('arrive with the advice on a joined laptop, and an edit there comes back in a merge', () => {
    const lead = makeStudy()
    const bundle = join(tempDir(), 'start.karavaan')
    const a = json<AdviceJson>(karavaan(['advice', 'add', '--audience', 'gemeenten', '--title', 'Houd vaste gezichten', '--example', 'dorpscoordinatoren', '--json', '--study', lead]))
    expect(karavaan(['export', '--format', 'bundle', '--out', bundle, '--study', lead]).code).toBe(0)
    const laptop = join(tempDir(), 'anna')
    expect(karavaan(['join', bundle, laptop]).code).toBe(0)
    expect(json<AdviceJson>(karavaan(['advice', 'show', a.id, '--json', '--study', laptop])).examples).toEqual(['dorpscoordinatoren'])

    expect(karavaan(['advice', 'edit', a.id, '--example', 'dorpscoordinatoren', '--example', 'spiegelgesprek', '--study', laptop]).code).toBe(0)
    const back = join(tempDir(), 'anna.karavaan')
    expect(karavaan(['export', '--format', 'bundle', '--out', back, '--study', laptop]).code).toBe(0)
    const merged = karavaan(['merge', back, '--study', lead])
    expect(merged.code, merged.stderr).toBe(0)
    expect(json<AdviceJson>(karavaan(['advice', 'show', a.id, '--json', '--study', lead])).examples).toEqual(['dorpscoordinatoren', 'spiegelgesprek'])
  }, 60_000)
})

describe('the advice chapter of the report', () => {
  it('says how a municipality did it for an example, and names an instrument with its source', () => {
    const study = makeStudy()
    const run = (...args: string[]) => karavaan([...args, '--study', study])
    const finding = json<{id: string}>(run('finding', 'add', '--title', 'Inspraak komt te laat', '--json')).id
    run('advice', 'add', '--audience', 'gemeenten', '--title', 'Betrek inwoners vóór het besluit', '--finding', finding, '--example', 'erfturbine-gesprekken', '--example', 'spiegelgesprek')
    const out = join(tempDir(), 'rapport.md')
    const result = run('report', '--format', 'md', '--draft', '--out', out)
    expect(result.code, result.stderr).toBe(0)
    const md = readFileSync(out, 'utf8')
    const chapter = md.slice(md.indexOf('# Adviezen'))
    expect(chapter).toMatch(/\*\*Zo deed gemeente Súdwest-Fryslân het:\*\* Erfturbine-tafelgesprekken\. Wil een boer/)
    expect(chapter).toMatch(/\*\*Een instrument dat hierbij helpt:\*\* Spiegelgesprek \(Stichting Spiegelbijeenkomsten; .*\)\. Een onafhankelijke gespreksleider/)
    expect(chapter).toContain('*(Bron: Movisie, longread De responsieve overheid')
  })
})

import Database from 'better-sqlite3'
import {cpSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'

import {EXAMPLE, expectRefusal, json, karavaan, makeStudy, snapshot, tempDir} from '../helpers/cli.js'

interface FindingJson {
  deletedAt: null | string
  draft: boolean
  evidence: Array<{attribution: string; code: null | string; group: null | string; halteplaats: string; kind: string; noteId: string; quote: null | string; tagId: null | string}>
  halteplaatsen: string[]
  id: string
  narratives: string[]
  text: string
  themes: string[]
  title: string
  version: number
}

interface ReflectionJson {
  added: {findings: string[]; text: string}
  confirmed: {findings: string[]; text: string}
  date: string
  halteplaats: string
  id: string
  nuanced: {findings: string[]; text: string}
  participants: Array<{count: null | number; role: string}>
  version: number
}

interface AdviceJson {
  audience: string
  findings: string[]
  frame: null | string
  id: string
  title: string
  version: number
}

const NOTE_TEXT = 'Koffieochtend in het buurthuis. Een moeder: “Het loket is dicht, nu moet alles via de website.” Een ander: het buurthuis is de enige plek waar je elkaar nog ziet.'

function rows(study: string, sql: string): unknown[] {
  const db = new Database(join(study, 'karavaan.db'), {readonly: true})
  try {
    return db.prepare(sql).all()
  } finally {
    db.close()
  }
}

describe('karavaan finding', () => {
  let study: string
  let note: string
  let tag: string
  const run = (...args: string[]) => karavaan([...args, '--study', study])

  beforeAll(() => {
    study = makeStudy()
    note = json<{id: string}>(run('note', 'add', '--halteplaats', 'noord', '--group', 'moeders', '--date', '2026-03-11', '--interviewer', 'anna', '--text', NOTE_TEXT, '--json')).id
    tag = json<{id: string}>(run('tag', 'add', note, '1', '--coder', 'bram', '--quote', 'Het loket is dicht, nu moet alles via de website.', '--json')).id
  })

  it('stores a finding with a note and a tagged passage as evidence, resolved for the report', () => {
    const finding = json<FindingJson>(
      run('finding', 'add', '--title', 'Het loket wordt gemist', '--text', 'Inwoners missen een plek om binnen te lopen.', '--theme', 'nabije-overheid', '--narrative', '1', '--halteplaats', 'noord', '--note', note.slice(-8), '--tag', tag, '--json'),
    )
    expect(finding).toMatchObject({draft: false, halteplaatsen: ['noord'], narratives: ['onzichtbare-overheid'], themes: ['nabije-overheid'], title: 'Het loket wordt gemist', version: 1})
    expect(finding.evidence).toEqual([
      expect.objectContaining({attribution: 'moeder, halteplaats Noord', group: 'moeders', halteplaats: 'noord', kind: 'notitie', noteId: note, quote: null, tagId: null}),
      expect.objectContaining({code: 'onzichtbare-overheid', kind: 'tag', noteId: note, quote: 'Het loket is dicht, nu moet alles via de website.', tagId: tag}),
    ])
    const shown = run('finding', 'show', finding.id.slice(-8))
    expect(shown.stdout).toContain('Het loket wordt gemist')
    expect(shown.stdout).toContain('moeder, halteplaats Noord')
    expect(shown.stdout).toContain('“Het loket is dicht, nu moet alles via de website.”')
  })

  it('allows a finding without evidence as a draft, flagged in list, show and status', () => {
    const draft = json<FindingJson>(run('finding', 'add', '--title', 'Jongeren haken af', '--json'))
    expect(draft).toMatchObject({draft: true, evidence: []})
    expect(run('finding', 'list').stdout).toMatch(/Jongeren haken af .*concept: geen onderbouwing/)
    expect(run('finding', 'show', draft.id).stdout).toContain('concept: geen onderbouwing')
    expect(json<FindingJson[]>(run('finding', 'list', '--draft', '--json')).map((f) => f.id)).toEqual([draft.id])
    const status = run('status')
    expect(status.stdout).toContain('waarvan 1 concept (geen onderbouwing)')
    expect(status.stdout).toContain(`concept: geen onderbouwing — bevinding ${draft.id.slice(-8)} Jongeren haken af`)
    const statusJson = json<{material: {draftFindings: Array<{id: string}>; findings: number}}>(run('status', '--json'))
    expect(statusJson.material.findings).toBe(2)
    expect(statusJson.material.draftFindings.map((d) => d.id)).toEqual([draft.id])

    // Evidence turns the draft into a finding; the edit is a new version.
    const edited = json<{change: string; record: FindingJson}>(run('finding', 'edit', draft.id, '--note', note, '--json'))
    expect(edited).toMatchObject({change: 'bewerkt', record: {version: 2}})
    expect(json<{material: {draftFindings: unknown[]}}>(run('status', '--json')).material.draftFindings).toEqual([])
    // A note in the trash backs nothing: the finding is a draft again, until the note is back.
    run('note', 'rm', note)
    expect(json<FindingJson>(run('finding', 'show', draft.id, '--json')).draft).toBe(true)
    expect(json<{material: {draftFindings: unknown[]}}>(run('status', '--json')).material.draftFindings).toHaveLength(2)
    run('note', 'restore', note)
    expect(json<FindingJson>(run('finding', 'show', draft.id, '--json')).draft).toBe(false)
  })

  it('keeps every version, moves to the trash and back, and shows the history', () => {
    const f = json<FindingJson>(run('finding', 'add', '--title', 'Eerste titel', '--json'))
    expect(run('finding', 'edit', f.id, '--title', 'Eerste titel').stdout).toContain('Niets veranderd')
    run('finding', 'edit', f.id, '--title', 'Tweede titel', '--theme', 'voorzieningen')
    expect(run('finding', 'rm', f.id).stdout).toContain('staat in de prullenbak')
    expect(json<FindingJson[]>(run('finding', 'list', '--json')).map((x) => x.id)).not.toContain(f.id)
    expect(json<FindingJson[]>(run('finding', 'list', '--deleted', '--json')).map((x) => x.id)).toEqual([f.id])
    expectRefusal(run('finding', 'edit', f.id, '--title', 'Derde'), 1, 'staat in de prullenbak', 'finding restore')
    expectRefusal(run('finding', 'rm', f.id), 1, 'staat al in de prullenbak')
    run('finding', 'restore', f.id)
    expectRefusal(run('finding', 'restore', f.id), 1, 'staat niet in de prullenbak')
    const history = json<Array<{change: string; data: {title: string}; version: number}>>(run('finding', 'history', f.id, '--json'))
    expect(history.map((v) => [v.version, v.change, v.data.title])).toEqual([
      [1, 'nieuw', 'Eerste titel'],
      [2, 'bewerkt', 'Tweede titel'],
      [3, 'verwijderd', 'Tweede titel'],
      [4, 'teruggezet', 'Tweede titel'],
    ])
    expect(run('finding', 'history', f.id).stdout).toMatch(/Versie 3 — naar de prullenbak/)
    expect(json<FindingJson>(run('finding', 'show', f.id, '--version', '1', '--json')).title).toBe('Eerste titel')
    expectRefusal(run('finding', 'show', f.id, '--version', '9'), 1, 'geen versie 9')
    expect(rows(study, `SELECT count(*) AS n FROM material_versions WHERE record_id = '${f.id}'`)).toEqual([{n: 4}])
  })

  it('drops evidence on request and refuses evidence that is not there', () => {
    const f = json<FindingJson>(run('finding', 'add', '--title', 'Met bronnen', '--note', note, '--tag', tag, '--json'))
    const dropped = json<{record: FindingJson}>(run('finding', 'edit', f.id, '--drop-evidence', tag.slice(-8), '--json'))
    expect(dropped.record.evidence.map((e) => e.tagId)).toEqual([null])
    expectRefusal(run('finding', 'edit', f.id, '--drop-evidence', tag.slice(-8)), 1, 'is geen notitie of tag in de onderbouwing')
  })

  it('refuses an empty title, unknown ids and codes, with nothing stored', () => {
    const before = snapshot(study)
    expectRefusal(run('finding', 'add', '--title', '   '), 1, '--title ontbreekt')
    expectRefusal(run('finding', 'add', '--title', 'X', '--halteplaats', 'zuid'), 1, 'halteplaats: "zuid" is onbekend', 'noord')
    expectRefusal(run('finding', 'add', '--title', 'X', '--theme', 'weer', '--narrative', '9'), 1, 'thema: "weer" is geen thema', 'narratief: "9" is geen narratief')
    expectRefusal(run('finding', 'add', '--title', 'X', '--note', 'ffffffff'), 1, 'Er is geen notitie met id "ffffffff"')
    expectRefusal(run('finding', 'add', '--title', 'X', '--tag', 'ffffffff'), 1, 'Er is geen tag met id "ffffffff"')
    expectRefusal(run('finding', 'show', 'ffffffff'), 1, 'Er is geen bevinding met id "ffffffff"')
    expectRefusal(run('finding', 'list', '--halteplaats', 'zuid'), 1, 'Onbekende halteplaats "zuid"')
    expectRefusal(run('finding', 'edit', 'ffffffff', '--title', 'Y'), 1, 'Er is geen bevinding')
    expect(snapshot(study)).toEqual(before)
  })

  it('runs the privacy guard over title and text, with the note policies', () => {
    const text = 'Volgens Jan de Vries (06-12345678) is het loket dicht.'
    expectRefusal(run('finding', 'add', '--title', 'Privé', '--text', text), 1, 'De bevinding bevat persoonsgegevens', 'telefoonnummer')
    const replaced = json<FindingJson>(run('finding', 'add', '--title', 'Privé', '--text', text, '--pseudonymise', '--json'))
    expect(replaced.text).toMatch(/\(\[telefoonnummer-[\da-f]{6}\]\)/)
    expect(replaced.text).not.toContain('06-12345678')
    const kept = json<{personalData: {kinds: string[]}; text: string}>(run('finding', 'add', '--title', 'Privé', '--text', text, '--allow-personal-data', '--json'))
    expect(kept.text).toBe(text)
    expect(kept.personalData.kinds).toContain('telefoonnummer')
  })
})

describe('karavaan reflect', () => {
  let study: string
  let finding: string
  const run = (...args: string[]) => karavaan([...args, '--study', study])

  beforeAll(() => {
    study = makeStudy()
    finding = json<FindingJson>(run('finding', 'add', '--title', 'Het loket wordt gemist', '--json')).id
  })

  it('stores a meeting with participants by role and what it confirmed, nuanced and added', () => {
    const r = json<ReflectionJson>(
      run('reflect', 'add', '--halteplaats', 'noord', '--date', '2026-10-06', '--participant', 'bewoners:5', '--participant', 'ambtenaren:2', '--participant', 'bestuurders', '--confirmed', 'Het loket wordt echt gemist.', '--confirms', finding.slice(-8), '--nuanced', 'De wijkagent is er vaker dan gedacht.', '--added', 'Jongeren willen een eigen plek.', '--json'),
    )
    expect(r).toMatchObject({
      added: {findings: [], text: 'Jongeren willen een eigen plek.'},
      confirmed: {findings: [finding], text: 'Het loket wordt echt gemist.'},
      date: '2026-10-06',
      halteplaats: 'noord',
      nuanced: {findings: [], text: 'De wijkagent is er vaker dan gedacht.'},
      participants: [{count: 5, role: 'bewoners'}, {count: 2, role: 'ambtenaren'}, {count: null, role: 'bestuurders'}],
      version: 1,
    })
    const list = run('reflect', 'list')
    expect(list.stdout).toContain('Noord')
    expect(list.stdout).toContain('Nog zonder reflectiegesprek: Het Dorp, Nieuwbouw, De Kust.')
    const shown = run('reflect', 'show', r.id)
    expect(shown.stdout).toMatch(/Bevestigd:\nHet loket wordt echt gemist\.\n {2}- bevinding \w{8}: Het loket wordt gemist/)
    expect(json<{material: {reflections: Array<{count: number; halteplaats: string}>}}>(run('status', '--json')).material.reflections).toContainEqual({count: 1, halteplaats: 'noord'})

    const edited = json<{record: ReflectionJson}>(run('reflect', 'edit', r.id, '--nuances', finding, '--json'))
    expect(edited.record).toMatchObject({nuanced: {findings: [finding]}, version: 2})
    run('reflect', 'rm', r.id)
    expect(json<ReflectionJson[]>(run('reflect', 'list', '--json'))).toEqual([])
    run('reflect', 'restore', r.id)
    expect(json<Array<{change: string}>>(run('reflect', 'history', r.id, '--json')).map((v) => v.change)).toEqual(['nieuw', 'bewerkt', 'verwijderd', 'teruggezet'])
    expect(json<ReflectionJson[]>(run('reflect', 'list', '--halteplaats', 'noord', '--json'))).toHaveLength(1)
  })

  it('hides links to a finding in the trash, and shows them again after a restore', () => {
    const r = json<ReflectionJson>(run('reflect', 'add', '--halteplaats', 'dorp', '--date', '2026-10-07', '--confirms', finding, '--json'))
    run('finding', 'rm', finding)
    expect(json<ReflectionJson[]>(run('reflect', 'list', '--halteplaats', 'dorp', '--json'))[0].confirmed.findings).toEqual([])
    run('finding', 'restore', finding)
    expect(json<ReflectionJson[]>(run('reflect', 'list', '--halteplaats', 'dorp', '--json'))[0].confirmed.findings).toEqual([finding])
    expect(r.confirmed.findings).toEqual([finding])
  })

  it('refuses an unknown halteplaats, role, finding or date, and a meeting without outcome', () => {
    const before = snapshot(study)
    expectRefusal(run('reflect', 'add', '--date', '2026-10-06', '--confirmed', 'x'), 1, '--halteplaats ontbreekt')
    expectRefusal(run('reflect', 'add', '--halteplaats', 'zuid', '--date', '2026-10-06', '--confirmed', 'x'), 1, 'halteplaats: "zuid" is onbekend')
    expectRefusal(run('reflect', 'add', '--halteplaats', 'noord', '--date', '2026-13-06', '--confirmed', 'x'), 1, 'datum: de datum "2026-13-06" bestaat niet: er is geen maand 13')
    expectRefusal(run('reflect', 'add', '--halteplaats', 'noord', '--date', '2026-10-06', '--participant', 'Jan', '--confirmed', 'x'), 1, '"Jan" is geen rol voor een reflectiegesprek', 'bewoners')
    expectRefusal(run('reflect', 'add', '--halteplaats', 'noord', '--date', '2026-10-06', '--confirms', 'ffffffff'), 1, 'Er is geen bevinding met id "ffffffff"')
    expectRefusal(run('reflect', 'add', '--halteplaats', 'noord', '--date', '2026-10-06'), 1, 'bevestigde, nuanceerde of aanvulde')
    expectRefusal(run('reflect', 'show', 'ffffffff'), 1, 'Er is geen reflectiegesprek')
    expectRefusal(run('reflect', 'edit', 'ffffffff'), 1, 'Geef op wat er verandert')
    expect(snapshot(study)).toEqual(before)
  })
})

describe('karavaan advice', () => {
  let study: string
  let finding: string
  const run = (...args: string[]) => karavaan([...args, '--study', study])

  beforeAll(() => {
    study = makeStudy()
    finding = json<FindingJson>(run('finding', 'add', '--title', 'Het loket wordt gemist', '--json')).id
  })

  it('stores advice for an audience with findings and a frame, versioned', () => {
    const a = json<AdviceJson>(run('advice', 'add', '--audience', 'gemeenten', '--title', 'Open een vast spreekuur', '--text', 'In het buurthuis.', '--finding', finding, '--frame', 'perspectief-nabij-zichtbaar', '--json'))
    expect(a).toMatchObject({audience: 'gemeenten', findings: [finding], frame: 'perspectief-nabij-zichtbaar', title: 'Open een vast spreekuur', version: 1})
    run('advice', 'add', '--audience', 'rijksoverheid', '--title', 'Financier structureel')
    expect(json<AdviceJson[]>(run('advice', 'list', '--audience', 'rijksoverheid', '--json')).map((x) => x.title)).toEqual(['Financier structureel'])
    expect(json<AdviceJson[]>(run('advice', 'list', '--finding', finding, '--json')).map((x) => x.id)).toEqual([a.id])
    expect(run('advice', 'show', a.id).stdout).toContain('Wees nabij en zichtbaar [perspectief-nabij-zichtbaar]')
    const edited = json<{record: AdviceJson}>(run('advice', 'edit', a.id, '--audience', 'professionals', '--no-frame', '--json'))
    expect(edited.record).toMatchObject({audience: 'professionals', frame: null, version: 2})
    run('advice', 'rm', a.id)
    expect(json<AdviceJson[]>(run('advice', 'list', '--deleted', '--json')).map((x) => x.id)).toEqual([a.id])
    run('advice', 'restore', a.id)
    expect(json<Array<{data: AdviceJson}>>(run('advice', 'history', a.id, '--json')).map((v) => v.data.audience)).toEqual(['gemeenten', 'professionals', 'professionals', 'professionals'])
    expect(json<AdviceJson>(run('advice', 'show', a.id, '--version', '1', '--json')).audience).toBe('gemeenten')
    expect(json<{material: {advice: Array<{audience: string; count: number}>}}>(run('status', '--json')).material.advice).toEqual([
      {audience: 'gemeenten', count: 0},
      {audience: 'professionals', count: 1},
      {audience: 'rijksoverheid', count: 1},
    ])
  })

  it('refuses an unknown audience, frame or finding, and an empty title', () => {
    const before = snapshot(study)
    expectRefusal(run('advice', 'add', '--audience', 'burgers', '--title', 'X'), 1, 'doelgroep: "burgers" is onbekend', 'gemeenten, professionals of rijksoverheid')
    expectRefusal(run('advice', 'add', '--audience', 'gemeenten', '--title', 'X', '--frame', 'lekker'), 1, 'kader: "lekker" is geen kader')
    expectRefusal(run('advice', 'add', '--audience', 'gemeenten', '--title', 'X', '--finding', 'ffffffff'), 1, 'Er is geen bevinding met id "ffffffff"')
    expectRefusal(run('advice', 'add', '--audience', 'gemeenten'), 1, '--title ontbreekt')
    expectRefusal(run('advice', 'list', '--audience', 'burgers'), 1, 'Onbekende doelgroep "burgers"')
    expect(snapshot(study)).toEqual(before)
  })
})

describe('karavaan material import', () => {
  let study: string
  const run = (...args: string[]) => karavaan([...args, '--study', study])
  const files = ['bevindingen.yaml', 'reflecties.yaml', 'adviezen.yaml'].map((f) => join(EXAMPLE, f))

  beforeAll(() => {
    study = join(tempDir(), 'voorbeeldstudie')
    for (const part of ['study.yaml', 'inbox']) cpSync(join(EXAMPLE, part), join(study, part), {recursive: true})
    // The findings cite the context figures, as they cite the notes: both are read in first.
    expect(run('context', 'import', join(EXAMPLE, 'context.csv')).code).toBe(0)
    expect(run('import').code).toBe(0)
    expect(run('tag', 'import', join(EXAMPLE, 'tags-tweede-codeur.csv')).code).toBe(0)
  })

  it('gives the example study its findings, a reflection per halteplaats and advice for every audience; again changes nothing', () => {
    const first = json<Record<string, {changed: number; new: number; unchanged: number}>>(run('material', 'import', ...files, '--json'))
    expect(first).toMatchObject({advice: {new: 9}, findings: {new: 9}, reflections: {new: 4}})
    const findings = json<FindingJson[]>(run('finding', 'list', '--json'))
    expect(findings).toHaveLength(9)
    expect(findings.filter((f) => f.draft).map((f) => f.title)).toEqual([expect.stringContaining('Havenkwartier')])
    expect(findings.filter((f) => !f.draft).every((f) => f.evidence.length >= 4)).toBe(true)
    // Quoted words a coder tagged become that tag; others stay a passage of the note.
    const kinds = findings.flatMap((f) => f.evidence.map((e) => e.kind))
    expect(kinds).toContain('tag')
    expect(kinds).toContain('passage')
    expect(kinds).toContain('notitie')
    // Six of the nine are tested against the example's context figures, with all three verdicts.
    const figures = findings.flatMap((f) => (f as unknown as {figures: Array<{verdict: string}>}).figures)
    expect(findings.filter((f) => (f as unknown as {figures: unknown[]}).figures.length > 0)).toHaveLength(6)
    expect(new Set(figures.map((f) => f.verdict))).toEqual(new Set(['bevestigt', 'nuanceert', 'spreekt-tegen']))
    const reflections = json<ReflectionJson[]>(run('reflect', 'list', '--json'))
    expect(reflections.map((r) => r.halteplaats).sort()).toEqual(['havenkwartier', 'kanaalzone', 'vlonders', 'wendelo'])
    const advice = json<AdviceJson[]>(run('advice', 'list', '--json'))
    for (const audience of ['gemeenten', 'professionals', 'rijksoverheid']) expect(advice.filter((a) => a.audience === audience)).toHaveLength(3)
    expect(advice.every((a) => a.findings.length > 0 && a.frame)).toBe(true)

    const again = json<Record<string, {changed: number; new: number; unchanged: number}>>(run('material', 'import', ...files, '--json'))
    expect(again).toMatchObject({advice: {changed: 0, new: 0, unchanged: 9}, findings: {changed: 0, new: 0, unchanged: 9}, reflections: {changed: 0, new: 0, unchanged: 4}})
  })

  it('stores a changed record as a new version and leaves a trashed one in the trash', () => {
    const dir = tempDir()
    const file = join(dir, 'extra.yaml')
    writeFileSync(file, 'findings:\n  - key: extra\n    title: Eerste versie\n')
    run('material', 'import', file)
    writeFileSync(file, 'findings:\n  - key: extra\n    title: Tweede versie\n')
    expect(run('material', 'import', file).stdout).toContain('Bevindingen: 0 nieuw, 1 gewijzigd, 0 ongewijzigd')
    const extra = json<FindingJson[]>(run('finding', 'list', '--json')).find((f) => f.title === 'Tweede versie')!
    expect(extra.version).toBe(2)
    run('finding', 'rm', extra.id)
    expect(run('material', 'import', file).stdout).toContain('1 in de prullenbak gelaten')
  })

  it('refuses a file with a mistake, naming file and line, and stores nothing', () => {
    const dir = tempDir()
    const file = join(dir, 'fout.yaml')
    writeFileSync(
      file,
      [
        'findings:',
        '  - key: goed',
        '    title: Een goede bevinding',
        '  - key: fout',
        '    title: Een foute bevinding',
        '    evidence:',
        '      - note: inbox/wendelo/bestaat-niet.md',
        '      - note: inbox/wendelo/2026-04-09-ouderen-1.md',
        '        quote: Dit staat er niet in.',
        'advice:',
        '  - key: a',
        '    audience: burgers',
        '    title: Advies',
        '    findings: [onbekend]',
      ].join('\n'),
    )
    const before = snapshot(study)
    const result = run('material', 'import', file)
    expectRefusal(result, 1, 'fout.yaml heeft 4 problemen', 'regel 7', 'regel 8', '"Dit staat er niet in." staat niet letterlijk', 'regel 14', 'regel 11', '"burgers" is onbekend')
    expect(snapshot(study)).toEqual(before)
    writeFileSync(file, 'findings:\n  - key: a\n    title: A\n  - key: a\n    title: B\n')
    expectRefusal(run('material', 'import', file), 1, 'sleutel "a"')
    writeFileSync(file, 'findings:\n  - key: a\n    titel: A\n')
    expectRefusal(run('material', 'import', file), 1, 'regel 3', 'titel', 'onbekend veld')
    expect(snapshot(study)).toEqual(before)
  })
})

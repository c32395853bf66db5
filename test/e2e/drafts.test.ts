import {existsSync, mkdirSync, readdirSync, utimesSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'

import {json, karavaan, makeStudy} from '../helpers/cli.js'

interface Check {
  detail: string
  fixed?: boolean
  hint?: string
  id: string
  items?: string[]
  ok: boolean
}

interface Drafts {
  count: number
  oldest: null | {ageSeconds: number; modified: string; name: string}
  withPersonalData: number
}

const SECRET = 'Mevrouw Jansen belde vanaf 06-12345678 over het loket.'
const CLEAN = 'Het loket in het dorpshuis is al een jaar dicht.'
const OLD = 'notitie-2026-03-11T09-15-00-000Z.md'
const NEW = 'notitie-2026-03-12T14-40-00-000Z.md'

/** A draft as note add leaves it when it is broken off: a note file in concepten/, private, `days` old. */
function leaveDraft(study: string, name: string, text: string, days = 0): string {
  const dir = join(study, 'concepten')
  mkdirSync(dir, {mode: 0o700, recursive: true})
  const file = join(dir, name)
  const content = ['---', 'halteplaats: noord', 'group: moeders', 'date: 2026-03-11', 'interviewer: anna', 'participants: 5', 'roles: [moeder]', 'themes: []', 'narratives: []', '---', text, ''].join('\n')
  writeFileSync(file, content, {mode: 0o600})
  const when = new Date(Date.now() - days * 24 * 60 * 60 * 1000)
  utimesSync(file, when, when)
  return file
}

const doctor = (study: string, ...flags: string[]) => karavaan(['doctor', ...flags], {cwd: study})
const draftsCheck = (study: string) => (JSON.parse(doctor(study, '--json').stdout) as {checks: Check[]}).checks.find((c) => c.id === 'drafts')

describe('drafts in concepten/', () => {
  it('status and doctor say nothing of drafts when there are none', () => {
    const study = makeStudy()
    const status = karavaan(['status'], {cwd: study})
    expect(status.code, status.stderr).toBe(0)
    expect(status.stdout).not.toContain('concepten/')
    expect(json<{drafts: Drafts}>(karavaan(['status', '--json'], {cwd: study})).drafts).toEqual({count: 0, oldest: null, withPersonalData: 0})
    mkdirSync(join(study, 'concepten'), {mode: 0o700})
    const checked = doctor(study)
    expect(checked.code, checked.stdout).toBe(0)
    expect(checked.stdout).not.toContain('Niet opgeslagen teksten in concepten/')
    expect(checked.stdout).toContain('✓ Resten van afgebroken opdrachten: geen')
  })

  it('status counts the drafts, the age of the oldest and those with personal data, never their text', () => {
    const study = makeStudy()
    leaveDraft(study, OLD, SECRET, 3)
    leaveDraft(study, NEW, CLEAN)
    const status = karavaan(['status'], {cwd: study})
    expect(status.code, status.stderr).toBe(0)
    expect(status.stdout).toContain('Niet opgeslagen teksten in concepten/: 2 (de oudste 3 dagen oud); in 1 ervan vindt de privacycontrole mogelijk persoonsgegevens.')
    expect(status.stdout).toContain('karavaan doctor')
    for (const words of ['Jansen', '06-12345678', 'dorpshuis']) expect(status.stdout).not.toContain(words)
    const drafts = json<{drafts: Drafts}>(karavaan(['status', '--json'], {cwd: study})).drafts
    expect(drafts).toMatchObject({count: 2, oldest: {name: OLD}, withPersonalData: 1})
    expect(drafts.oldest!.ageSeconds).toBeGreaterThanOrEqual(3 * 24 * 60 * 60 - 5)
    expect(JSON.stringify(drafts)).not.toContain('Jansen')
  })

  it('doctor names each draft with its age, size, a personal-data warning and how to read it in, and exits 1', () => {
    const study = makeStudy()
    leaveDraft(study, OLD, SECRET, 3)
    leaveDraft(study, NEW, CLEAN)
    const result = doctor(study)
    expect(result.code, result.stdout).toBe(1)
    const lines = result.stdout.split('\n')
    expect(lines.find((line) => line.startsWith('✗ Niet opgeslagen teksten in concepten/'))).toMatch(/2 concepten van een opdracht die werd afgebroken; 1 bevat mogelijk persoonsgegevens/)
    const old = lines.find((line) => line.includes(OLD))!
    expect(old).toMatch(/\(3 dagen oud, \d+ bytes, bevat mogelijk persoonsgegevens\): lees hem in met: karavaan import concepten\/notitie-2026-03-11T09-15-00-000Z\.md$/)
    const young = lines.find((line) => line.includes(NEW))!
    expect(young).toMatch(/\(minder dan een minuut oud, \d+ bytes\): lees hem in met: karavaan import concepten\//)
    expect(young).not.toContain('persoonsgegevens')
    expect(result.stdout).toContain('karavaan doctor --fix --yes')
    for (const words of ['Jansen', '06-12345678', 'dorpshuis']) expect(result.stdout).not.toContain(words)
    expect(draftsCheck(study)).toMatchObject({id: 'drafts', ok: false})
  })

  it('doctor --fix removes no draft; --fix --yes removes those older than a day and says which', () => {
    const study = makeStudy()
    leaveDraft(study, OLD, SECRET, 3)
    leaveDraft(study, NEW, CLEAN)
    const fixed = doctor(study, '--fix')
    expect(fixed.code, fixed.stdout).toBe(1)
    expect(readdirSync(join(study, 'concepten')).sort()).toEqual([OLD, NEW])
    expect(fixed.stdout).toContain('karavaan doctor --fix verwijdert geen concepten')
    const removed = doctor(study, '--fix', '--yes')
    expect(removed.stdout).toContain(`1 concept ouder dan een dag verwijderd: ${OLD}`)
    expect(readdirSync(join(study, 'concepten'))).toEqual([NEW])
    expect(removed.code, removed.stdout).toBe(1)
    expect(removed.stdout).toContain('Concepten van minder dan een dag oud blijven staan')
    const yesAlone = doctor(study, '--yes')
    expect(yesAlone.code).toBe(2)
    expect(yesAlone.stderr).toContain('--yes werkt alleen samen met --fix')
    expect(readdirSync(join(study, 'concepten'))).toEqual([NEW])
  })

  it('doctor --fix --yes with only old drafts leaves nothing to do, and says what it removed', () => {
    const study = makeStudy()
    leaveDraft(study, OLD, SECRET, 2)
    const removed = doctor(study, '--fix', '--yes')
    expect(removed.code, removed.stdout).toBe(0)
    expect(removed.stdout).toMatch(new RegExp(`✓ Niet opgeslagen teksten in concepten/ — hersteld: 1 concept ouder dan een dag verwijderd: ${OLD.replaceAll('.', '\\.')}`))
    expect(readdirSync(join(study, 'concepten'))).toEqual([])
    expect(doctor(study).stdout).not.toContain('Niet opgeslagen teksten in concepten/')
  })

  it('import removes a draft it read in, after storing it, and says so; a dry run or a refusal keeps it', () => {
    const study = makeStudy()
    const secret = leaveDraft(study, OLD, SECRET, 3)
    const clean = leaveDraft(study, NEW, CLEAN)
    const dry = karavaan(['import', `concepten/${NEW}`, '--dry-run'], {cwd: study})
    expect(dry.code, dry.stderr).toBe(0)
    expect(existsSync(clean)).toBe(true)
    const refused = karavaan(['import', `concepten/${OLD}`], {cwd: study})
    expect(refused.code).toBe(1)
    expect(existsSync(secret)).toBe(true)
    const read = karavaan(['import', `concepten/${NEW}`], {cwd: study})
    expect(read.code, read.stderr).toBe(0)
    expect(read.stdout).toContain('Ingelezen: 1 nieuw')
    expect(read.stdout).toContain(`Concept uit concepten/ ingelezen en daarom verwijderd: ${NEW}.`)
    expect(existsSync(clean)).toBe(false)
    const notes = json<Array<{source?: string; text: string}>>(karavaan(['note', 'list', '--json'], {cwd: study}))
    expect(notes.map((n) => n.text)).toEqual([CLEAN])
    const replaced = json<{removedDrafts: string[]}>(karavaan(['import', `concepten/${OLD}`, '--pseudonymise', '--json'], {cwd: study}))
    expect(replaced.removedDrafts).toEqual([OLD])
    expect(readdirSync(join(study, 'concepten'))).toEqual([])
    expect(doctor(study).code).toBe(0)
  })

  it('import leaves a file outside concepten/ where it is', () => {
    const study = makeStudy()
    const file = join(study, 'inbox', 'gesprek.md')
    mkdirSync(join(study, 'inbox'), {recursive: true})
    writeFileSync(file, ['---', 'halteplaats: noord', 'group: moeders', 'date: 2026-03-11', 'interviewer: anna', '---', CLEAN, ''].join('\n'), {mode: 0o600})
    const read = karavaan(['import', file], {cwd: study})
    expect(read.code, read.stderr).toBe(0)
    expect(read.stdout).not.toContain('verwijderd')
    expect(existsSync(file)).toBe(true)
  })
})

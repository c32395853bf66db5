import {existsSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {gunzipSync} from 'node:zlib'
import {beforeAll, describe, expect, it} from 'vitest'

import {modeOf} from '../../src/fs/private.js'
import {expectRefusal, json, karavaan, makeStudy, snapshot, tempDir} from '../helpers/cli.js'

/*
 * Stable pseudonyms as a team meets them: the same person gets the same placeholder in every note,
 * finding and file of the study, in every process, and on every laptop that took over the lead's
 * key; the key itself never leaves the laptop with a bundle, an export or a report.
 */

const KEY_FILE = 'pseudoniemen.sleutel'
const PLACEHOLDER = /\[[a-z-]+-[\da-f]{6}\]/g

interface NoteJson {
  id: string
  text: string
}

const add = (study: string, text: string, ...extra: string[]) =>
  karavaan(['note', 'add', '--study', study, '--halteplaats', 'noord', '--group', 'moeders', '--interviewer', 'anna', '--date', '2026-03-11', '--text', text, ...extra])
const pseudonymised = (study: string, text: string) => json<NoteJson>(add(study, text, '--pseudonymise', '--json')).text
const placeholders = (text: string) => text.match(PLACEHOLDER) ?? []
const keyHex = (study: string) => /^sleutel: ([\da-f]{64})$/m.exec(readFileSync(join(study, KEY_FILE), 'utf8'))![1]
const fingerprint = (study: string) => json<{fingerprint: null | string}>(karavaan(['privacy', 'key', '--study', study, '--json'])).fingerprint

describe('stable placeholders in one study', () => {
  let study: string
  beforeAll(() => {
    study = makeStudy()
  })

  it('make the key only when a hit is first replaced, owner-only', () => {
    expect(existsSync(join(study, KEY_FILE))).toBe(false)
    expect(add(study, 'Een gesprek zonder namen.', '--pseudonymise').code).toBe(0)
    expect(add(study, 'Mevrouw Jansen belde.').code).toBe(1)
    expect(existsSync(join(study, KEY_FILE))).toBe(false)
    expect(fingerprint(study)).toBeNull()

    pseudonymised(study, 'Mevrouw Jansen belde.')
    expect(modeOf(join(study, KEY_FILE))).toBe('0600')
    expect(fingerprint(study)).toMatch(/^[\da-f]{4}-[\da-f]{4}-[\da-f]{4}$/)
  })

  it('give the same person the same placeholder in two notes written by two processes, and another person another', () => {
    const first = pseudonymised(study, 'Mevrouw Jansen belde vanaf 06-12345678 over het loket.')
    const second = pseudonymised(study, 'Later kwam Jansen langs; haar nummer is +31 6 1234 5678. Ook Sanne Bakker was er.')
    const [jansen, phone] = placeholders(first)
    expect(first).toBe(`Mevrouw ${jansen} belde vanaf ${phone} over het loket.`)
    expect(jansen).toMatch(/^\[naam-[\da-f]{6}\]$/)
    expect(phone).toMatch(/^\[telefoonnummer-[\da-f]{6}\]$/)
    const [jansenAgain, phoneAgain, sanne] = placeholders(second)
    expect([jansenAgain, phoneAgain]).toEqual([jansen, phone])
    expect(sanne).toMatch(/^\[naam-[\da-f]{6}\]$/)
    expect(sanne).not.toBe(jansen)
  })

  it('are the same in a finding and in an imported file, and an edit keeps them', () => {
    const [jansen] = placeholders(pseudonymised(study, 'Mevrouw Jansen belde.'))
    const finding = json<{text: string}>(karavaan(['finding', 'add', '--study', study, '--title', 'Loket', '--text', 'Volgens mevrouw Jansen is het loket dicht.', '--pseudonymise', '--json']))
    expect(finding.text).toBe(`Volgens mevrouw ${jansen} is het loket dicht.`)
    writeFileSync(join(study, 'inbox', 'gesprek.md'), '---\nhalteplaats: noord\ngroup: ouderen\ndate: 2026-03-12\ninterviewer: anna\n---\nJansen was er weer.\n')
    expect(karavaan(['import', '--study', study, '--pseudonymise']).code).toBe(0)
    const notes = json<NoteJson[]>(karavaan(['note', 'list', '--study', study, '--json']))
    const imported = notes.find((n) => n.text.endsWith('was er weer.'))!
    expect(imported.text).toBe(`${jansen} was er weer.`)
    // The placeholders are no personal data to the guard: the note can be edited without a choice.
    const edited = json<{note: NoteJson}>(karavaan(['note', 'edit', imported.id, '--study', study, '--text', `${imported.text} Ze bleef tot [adres-8595ff] sloot.`, '--json']))
    expect(edited.note.text).toBe(`${jansen} was er weer. Ze bleef tot [adres-8595ff] sloot.`)
  })

  it('refuses a damaged key with a Dutch message and stores nothing', () => {
    const copy = join(tempDir(), 'studie')
    expect(karavaan(['join', bundleOf(study), copy]).code).toBe(0)
    writeFileSync(join(copy, KEY_FILE), 'karavaan-pseudoniemsleutel 1\nsleutel: kapot\n', {mode: 0o600})
    const before = snapshot(copy)
    expectRefusal(add(copy, 'Mevrouw Jansen belde.', '--pseudonymise'), 1, 'geen bruikbare pseudoniemsleutel', 'karavaan privacy key --import')
    expect(snapshot(copy)).toEqual(before)
  })
})

describe('the key stays on the laptop', () => {
  let study: string
  let hex: string
  beforeAll(() => {
    study = makeStudy()
    pseudonymised(study, 'Mevrouw Jansen belde vanaf 06-12345678.')
    expect(karavaan(['finding', 'add', '--study', study, '--title', 'Loket', '--text', 'Volgens mevrouw Jansen is het loket dicht.', '--pseudonymise']).code).toBe(0)
    hex = keyHex(study)
  })

  const leaks = (bytes: Buffer) => [Buffer.from(hex, 'hex'), Buffer.from(hex), Buffer.from(hex.toUpperCase()), Buffer.from(Buffer.from(hex, 'hex').toString('base64')), Buffer.from('pseudoniemsleutel')].filter((needle) => bytes.includes(needle))

  it('is not in a bundle, compressed or not', () => {
    const bytes = readFileSync(bundleOf(study))
    const payload = gunzipSync(bytes.subarray(bytes.indexOf(0x0a) + 1))
    expect(payload.toString('utf8')).toMatch(/\[naam-[\da-f]{6}\]/)
    expect(leaks(bytes)).toEqual([])
    expect(leaks(payload)).toEqual([])
  })

  it('is not in a table export, a REFI-QDA project or a report', () => {
    const out = tempDir()
    for (const file of ['notities.csv', 'tabellen.xlsx', 'project.qdpx']) expect(karavaan(['export', '--study', study, '--out', join(out, file)]).code).toBe(0)
    const report = karavaan(['report', '--study', study, '--draft', '--format', 'md', '--out', join(out, 'rapport.md')])
    expect(report.code, report.stderr).toBe(0)
    expect(readFileSync(join(out, 'rapport.md'), 'utf8')).toMatch(/\[naam-[\da-f]{6}\]/)
    for (const file of readdirSync(out)) expect(leaks(readFileSync(join(out, file))), file).toEqual([])
  })
})

describe('two laptops of one study share the key on purpose', () => {
  let lead: string
  let bundle: string
  let leadKey: string
  let jansen: string
  beforeAll(() => {
    lead = makeStudy()
    ;[jansen] = placeholders(pseudonymised(lead, 'Mevrouw Jansen belde.'))
    bundle = bundleOf(lead)
    leadKey = join(tempDir(), 'veenland.sleutel')
    const exported = karavaan(['privacy', 'key', '--study', lead, '--export', leadKey])
    expect(exported.code, exported.stderr).toBe(0)
    expect(exported.stdout).toContain(`vingerafdruk ${fingerprint(lead)}`)
  })

  it('writes the exported key owner-only and never over an existing file', () => {
    expect(modeOf(leadKey)).toBe('0600')
    expectRefusal(karavaan(['privacy', 'key', '--study', lead, '--export', leadKey]), 1, 'bestaat al')
  })

  it('gives a laptop that joined and took over the key the same placeholders as the lead', () => {
    const laptop = join(tempDir(), 'studie')
    const joined = karavaan(['join', bundle, laptop])
    expect(joined.stdout).toContain('karavaan privacy key --import')
    expect(existsSync(join(laptop, KEY_FILE))).toBe(false)
    const imported = karavaan(['privacy', 'key', '--study', laptop, '--import', leadKey])
    expect(imported.code, imported.stderr).toBe(0)
    expect(modeOf(join(laptop, KEY_FILE))).toBe('0600')
    expect(fingerprint(laptop)).toBe(fingerprint(lead))
    expect(pseudonymised(laptop, 'Meneer Jansen kwam ook.')).toBe(`Meneer ${jansen} kwam ook.`)
    expect(karavaan(['privacy', 'key', '--study', laptop, '--import', leadKey]).stdout).toContain('had deze sleutel al')
  })

  it('keeps a key the laptop made itself unless told otherwise, and then keeps the old one beside it', () => {
    const laptop = join(tempDir(), 'studie')
    expect(karavaan(['join', bundle, laptop]).code).toBe(0)
    const [own] = placeholders(pseudonymised(laptop, 'Mevrouw Jansen belde.'))
    expect(own).not.toBe(jansen)
    const ownKey = readFileSync(join(laptop, KEY_FILE), 'utf8')
    expectRefusal(karavaan(['privacy', 'key', '--study', laptop, '--import', leadKey]), 1, 'al een andere pseudoniemsleutel', '--force')
    expect(readFileSync(join(laptop, KEY_FILE), 'utf8')).toBe(ownKey)
    const forced = json<{change: string; previous: string}>(karavaan(['privacy', 'key', '--study', laptop, '--import', leadKey, '--force', '--json']))
    expect(forced.change).toBe('vervangen')
    expect(readFileSync(forced.previous, 'utf8')).toBe(ownKey)
    expect(pseudonymised(laptop, 'Mevrouw Jansen belde.')).toBe(`Mevrouw ${jansen} belde.`)
  })

  it('refuses the key of another study', () => {
    const other = makeStudy()
    const before = snapshot(other)
    expectRefusal(karavaan(['privacy', 'key', '--study', other, '--import', leadKey]), 1, 'de pseudoniemsleutel van een andere studie')
    expect(snapshot(other)).toEqual(before)
  })
})

/** An unencrypted bundle of the study, in a folder of its own. */
function bundleOf(study: string): string {
  const file = join(tempDir(), 'start.karavaan')
  const result = karavaan(['export', '--study', study, '--format', 'bundle', '--out', file])
  if (result.code !== 0) throw new Error(result.stderr)
  return file
}

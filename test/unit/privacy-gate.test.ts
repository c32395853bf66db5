import {beforeEach, describe, expect, it, vi} from 'vitest'

import {UserError} from '../../src/errors.js'
import {AllowedNames} from '../../src/privacy/allowed.js'
import {type GateItem, listGateHits, placeholderText, PrivacyGate, settle} from '../../src/privacy/gate.js'
import {guardFields} from '../../src/privacy/guard.js'

// The prompts wrapper is the one door to inquirer; answering through it tests the question a person sees.
const asked: Array<{choices: Array<{name: string; value: unknown}>; message: string}> = []
let answer: unknown
vi.mock('../../src/ui/prompts.js', () => ({
  askSelect: async (message: string, choices: Array<{name: string; value: unknown}>) => {
    asked.push({choices, message})
    return answer
  },
}))

const {outputPrivacyOf} = await import('../../src/cli/output-privacy.js')

const allowed = new AllowedNames(['Wendelo'], [{id: 'anna', name: 'Anna Visser'}])
const TEXT = 'Mevrouw Jansen 🙂 zei: bel 06-12345678 of kom langs.'
const note = (text = TEXT, version = 1): GateItem<{rollen: string[]; tekst: string}> => ({fields: {rollen: ['moeder'], tekst: text}, id: 'n1', key: `note:n1@${version}`, record: 'note'})

describe('placeholderText: positions in a text whose hits became placeholders', () => {
  it('moves code-point positions past each placeholder, and a position inside a hit to the placeholder', () => {
    const guarded = guardFields({t: TEXT}, {allowed, by: null, policy: 'pseudonymise', refuse: () => new Error('no')})
    expect(guarded.fields.t).toBe('Mevrouw [naam] 🙂 zei: bel [telefoonnummer] of kom langs.')
    const mapped = placeholderText(TEXT, guarded.fields.t, guarded.hits)
    const cp = (text: string, part: string) => [...text.slice(0, text.indexOf(part))].length
    // "zei" comes after the emoji (one code point, two UTF-16 units) and one placeholder.
    expect(mapped.map(cp(TEXT, 'zei'), 'start')).toBe(cp(guarded.fields.t, 'zei'))
    expect(mapped.map(cp(TEXT, 'of kom'), 'start')).toBe(cp(guarded.fields.t, 'of kom'))
    // A passage that starts inside "Jansen" starts at "[naam]"; one that ends inside the number ends after its placeholder.
    expect(mapped.map(cp(TEXT, 'nsen'), 'start')).toBe(cp(guarded.fields.t, '[naam]'))
    expect(mapped.map(cp(TEXT, '345678'), 'end')).toBe(cp(guarded.fields.t, ' of kom'))
    expect(mapped.map(0, 'start')).toBe(0)
    expect(mapped.map([...TEXT].length, 'end')).toBe([...guarded.fields.t].length)
  })

  it('refuses a replaced text that does not fit its hits, rather than placing passages wrongly', () => {
    expect(() => placeholderText('bel 06-12345678 nu', 'bel nu', [{end: 15, start: 4}])).toThrow()
  })
})

describe('PrivacyGate', () => {
  it('reports hits by record and field; lets the texts through as they are after allow, with placeholders after pseudonymise', () => {
    const gate = new PrivacyGate({allowed})
    gate.scan(note())
    gate.scan({fields: {passage: 'Anna Visser en Wendelo'}, id: 't1', key: 'tag:t1', note: 'n1', record: 'tag'})
    expect(gate.blocking.map((h) => [h.record, h.field, h.kind, h.text])).toEqual([
      ['note', 'tekst', 'naam', 'Jansen'],
      ['note', 'tekst', 'telefoonnummer', '06-12345678'],
    ])
    gate.decide('allow')
    expect(gate.pass(note()).tekst).toBe(TEXT)
    gate.decide('pseudonymise')
    expect(gate.pass(note())).toEqual({rollen: ['moeder'], tekst: 'Mevrouw [naam] 🙂 zei: bel [telefoonnummer] of kom langs.'})
  })

  it('moves a passage with the placeholders and takes its quote from the replaced text', () => {
    const gate = new PrivacyGate({allowed})
    gate.scan(note())
    gate.decide('pseudonymise')
    const start = [...TEXT.slice(0, TEXT.indexOf('zei'))].length
    const end = [...TEXT.slice(0, TEXT.indexOf(' of kom'))].length
    const moved = gate.passage('n1', () => TEXT, {end, quote: 'zei: bel 06-12345678', start}, 'zei: bel [telefoonnummer]')
    expect(moved.quote).toBe('zei: bel [telefoonnummer]')
    const replaced = 'Mevrouw [naam] 🙂 zei: bel [telefoonnummer] of kom langs.'
    expect([...replaced].slice(moved.start!, moved.end!).join('')).toBe(moved.quote)
  })

  it('stops the output when a record it never scanned turns up with personal data nobody chose about', () => {
    const gate = new PrivacyGate({allowed})
    gate.scan(note('Het loket is dicht.'))
    expect(gate.pass(note('Het loket is dicht.')).tekst).toBe('Het loket is dicht.')
    expect(() => gate.pass(note(TEXT, 2))).toThrow(UserError)
    expect(() => gate.pass(note(TEXT, 2))).toThrow(/veranderde/)
  })

  it('lets kept hits through without a choice, and replaces them too when asked to pseudonymise', async () => {
    const kept = {...note(), kept: {at: '2026-03-01T00:00:00Z', by: 'anna', kinds: ['naam']}}
    const plain = new PrivacyGate({allowed})
    plain.scan(kept)
    expect(plain.blocking).toHaveLength(0)
    expect(await settle(plain, {by: null}, () => new Error('refused'))).toBeNull()
    expect(plain.summary()).toMatchObject({choice: null, found: 0, kept: 2})
    const asked = new PrivacyGate({allowed})
    asked.scan(kept)
    expect(await settle(asked, {by: null, choice: 'pseudonymise'}, () => new Error('refused'))).toBe('pseudonymise')
    expect(asked.pass(kept).tekst).toContain('[naam]')
  })

  it('refuses without a choice or a question, and takes the answer of the question otherwise', async () => {
    const gate = new PrivacyGate({allowed})
    gate.scan(note())
    await expect(settle(gate, {by: null}, () => new UserError('geweigerd'))).rejects.toThrow('geweigerd')
    expect(await settle(gate, {ask: async () => 'allow', by: null}, () => new UserError('geweigerd'))).toBe('allow')
    expect(gate.summary()).toMatchObject({choice: 'allow', found: 2, kept: 0})
  })

  it('lists at most 20 hits, then how many more', () => {
    const gate = new PrivacyGate({allowed})
    for (let i = 0; i < 25; i++) gate.scan({fields: {tekst: `bel 06-1234567${i % 10}`}, id: `01890000-0000-7000-8000-0000000000${String(i).padStart(2, '0')}`, key: `k${i}`, record: 'note'})
    const lines = listGateHits(gate.blocking)
    expect(lines).toHaveLength(21)
    expect(lines[0]).toMatch(/^notitie 00000000, tekst regel 1, kolom 5: telefoonnummer "06-12345670"$/)
    expect(lines.at(-1)).toBe('… en nog 5')
  })
})

describe('the question on a terminal', () => {
  beforeEach(() => {
    asked.length = 0
  })

  it('shows where the hits are and asks one of three choices, nothing written first', async () => {
    const logged: string[] = []
    const request = outputPrivacyOf({}, {configDir: '/nonexistent', interactive: true, log: (text) => logged.push(text)})
    const gate = new PrivacyGate({allowed})
    gate.scan(note())
    answer = 'pseudonymise'
    expect(await settle(gate, request, () => new Error('refused'))).toBe('pseudonymise')
    expect(logged.join('\n')).toContain('notitie n1, tekst regel 1, kolom 9: naam "Jansen"')
    expect(asked[0].message).toBe('Wat wil je doen?')
    expect(asked[0].choices.map((c) => c.value)).toEqual(['refuse', 'pseudonymise', 'allow'])
    expect(asked[0].choices[0].name).toMatch(/^Niets schrijven/)
  })

  it('never asks without a terminal, and takes the flags as the choice', () => {
    expect(outputPrivacyOf({}, {configDir: '/nonexistent', interactive: false, log: () => {}})).toMatchObject({ask: undefined, choice: undefined})
    expect(outputPrivacyOf({pseudonymise: true}, {configDir: '/nonexistent', interactive: false, log: () => {}}).choice).toBe('pseudonymise')
    expect(outputPrivacyOf({'allow-personal-data': true}, {configDir: '/nonexistent', interactive: true, log: () => {}}).choice).toBe('allow')
  })
})

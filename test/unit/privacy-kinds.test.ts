import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'

import {AllowedNames} from '../../src/privacy/allowed.js'
import {scanFields} from '../../src/privacy/guard.js'
import {findPersonalData, KIND_LABELS, type PersonalDataKind, placeholder, pseudonymise} from '../../src/privacy/index.js'

interface Row {
  expected: Array<{end: number; kind: string; start: number; text: string}>
  id: string
  sentence: string
}

/** test/fixtures/privacy/new-kinds.tsv, in the format of labelled.tsv. */
function rows(): Row[] {
  const [, ...lines] = readFileSync(join(__dirname, '..', 'fixtures', 'privacy', 'new-kinds.tsv'), 'utf8').trimEnd().split('\n')
  return lines.map((line) => {
    const [id, , expected, sentence] = line.split('\t')
    const spans = expected === '-' ? [] : expected.split(' | ').map((item) => {
      const at = item.indexOf('=')
      const text = item.slice(at + 1)
      const start = sentence.indexOf(text)
      return {end: start + text.length, kind: item.slice(0, at), start, text}
    })
    return {expected: spans, id, sentence}
  })
}

const overlaps = (a: {end: number; start: number}, b: {end: number; start: number}) => a.start < b.end && b.start < a.end
const NEW_KINDS: PersonalDataKind[] = ['geboortedatum', 'kenteken', 'account', 'bijzonder']

describe('the sentences for the new kinds', () => {
  const all = rows()

  it('have at least twelve positives and twelve hard negatives per new kind, every span in its sentence', () => {
    for (const row of all) for (const span of row.expected) expect(span.start, `#${row.id} ${span.text}`).toBeGreaterThanOrEqual(0)
    for (const kind of NEW_KINDS) expect(all.filter((r) => r.expected.some((e) => e.kind === kind)).length, kind).toBeGreaterThanOrEqual(12)
    expect(all.filter((r) => r.expected.some((e) => / (?:at|apenstaartje) /.test(e.text))).length).toBeGreaterThanOrEqual(12)
    expect(all.filter((r) => r.expected.length === 0).length).toBeGreaterThanOrEqual(12 * 8)
  })

  it.each(all.map((row) => [row.id, row.sentence, row]))('#%s %s: every expected span found, nothing else', (_, __, row) => {
    const hits = findPersonalData(row.sentence)
    const missed = row.expected.filter((e) => !hits.some((h) => h.kind === e.kind && overlaps(e, h))).map((e) => `${e.kind}=${e.text}`)
    const extra = hits.filter((h) => !row.expected.some((e) => e.kind === h.kind && overlaps(e, h))).map((h) => `${h.kind}=${h.text}`)
    expect({extra, missed}).toEqual({extra: [], missed: []})
  })

  it('leave no hit after pseudonymising', () => {
    for (const row of all) expect(findPersonalData(pseudonymise(row.sentence)), row.sentence).toEqual([])
  })
})

describe('the new kinds', () => {
  it('have Dutch placeholders and labels', () => {
    expect(NEW_KINDS.map((kind) => placeholder(kind))).toEqual(['[geboortedatum]', '[kenteken]', '[account]', '[bijzonder persoonsgegeven]'])
    expect(placeholder('naam')).toBe('[naam]')
    for (const kind of NEW_KINDS) expect(KIND_LABELS[kind]).toMatch(/\S/)
    expect(pseudonymise('Henk (geb. 03-04-1961, @henkie_w) rijdt in 12-ABC-3 en heeft kanker.')).toBe(
      '[naam] (geb. [geboortedatum], [account]) rijdt in [kenteken] en heeft [bijzonder persoonsgegeven].',
    )
  })

  it('mark only the words of a special category, and name the person they are about', () => {
    const [name, fact] = findPersonalData('De zoon van mevrouw Bulut zat vast wegens inbraak.')
    expect([name.kind, name.text, fact.kind, fact.text, fact.subject]).toEqual(['naam', 'Bulut', 'bijzonder', 'zat vast wegens', 'Bulut'])
    expect(fact.reason).toBe('strafrechtelijk verleden van een genoemde persoon')
  })

  it('let a special category through when the person it is said of is a name the study allows', () => {
    const text = 'Anna Visser heeft diabetes, zei ze zelf.'
    expect(scanFields({tekst: text}).map((h) => h.kind)).toEqual(['naam', 'bijzonder'])
    expect(scanFields({tekst: text}, new AllowedNames(['Anna Visser']))).toEqual([])
  })
})

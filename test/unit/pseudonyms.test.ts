import {randomBytes} from 'node:crypto'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'

import {UserError} from '../../src/errors.js'
import {guardFields} from '../../src/privacy/guard.js'
import {findPersonalData, type PersonalDataKind, pseudonymise} from '../../src/privacy/index.js'
import {normalisedValue, Pseudonyms} from '../../src/privacy/pseudonyms.js'

const KEY = Buffer.from('5f'.repeat(32), 'hex')
const pseudonyms = () => new Pseudonyms(KEY)
const of = (kind: PersonalDataKind, text: string, key = KEY) => new Pseudonyms(key).placeholder({kind, text})

/** The placeholder the guard writes for the only hit of a kind in a sentence. */
function replaced(sentence: string, kind: PersonalDataKind, with_ = pseudonyms()): string {
  const hits = findPersonalData(sentence).filter((h) => h.kind === kind)
  expect(hits, sentence).toHaveLength(1)
  return /\[[^\]]+\]/.exec(pseudonymise(sentence, hits, with_))![0]
}

describe('stable placeholders', () => {
  it('are the kind word and six hex digits, the same for the same person', () => {
    const sanne = of('naam', 'Sanne de Vries')
    expect(sanne).toMatch(/^\[naam-[\da-f]{6}\]$/)
    expect(of('naam', 'Sanne de Vries')).toBe(sanne)
    expect(of('telefoonnummer', '06-12345678')).toMatch(/^\[telefoonnummer-[\da-f]{6}\]$/)
    expect(of('e-mailadres', 'sanne@voorbeeld.nl')).toMatch(/^\[e-mailadres-[\da-f]{6}\]$/)
  })

  it('differ for different persons, and between kinds for the same letters', () => {
    const names = ['Sanne de Vries', 'Sanne Bakker', 'Kees de Vries', 'Jansen', 'Janssen', 'Mohammed', 'Fatima El Amrani']
    const placeholders = names.map((name) => of('naam', name))
    expect(new Set(placeholders).size).toBe(names.length)
    expect(of('bsn', '111222333').slice(-7)).not.toBe(of('telefoonnummer', '111222333').slice(-7))
  })

  it('depend on the key: another study gives another placeholder for the same name', () => {
    expect(of('naam', 'Sanne de Vries', randomBytes(32))).not.toBe(of('naam', 'Sanne de Vries'))
  })

  it.each([
    ['naam', ['Mevrouw Jansen', 'Jansen', 'JANSEN', 'mw. Jansen', 'de heer Jansen', 'dhr. Jansen']],
    ['naam', ['Sanne de Vries', 'Sanne  de\nVries', 'sanne de vries', 'Sanne De Vries']],
    ['naam', ['Şahin', 'Sahin'], 'a name with and without its accent'],
    ['telefoonnummer', ['06-12345678', '06 1234 5678', '0612345678', '+31 6 12345678', '+31 (0)6 1234 5678', '0031 6 12 34 56 78', '(06) 1234 5678', '06.12.34.56.78']],
    ['telefoonnummer', ['050-1234567', '+31 50 123 45 67', '(050) 123 45 67']],
    ['iban', ['NL91ABNA0417164300', 'NL91 ABNA 0417 1643 00', 'nl91 abna 0417 1643 00']],
    ['bsn', ['111222333', '111.222.333', '111 22 2333']],
    ['e-mailadres', ['Piet.Smit@Hotmail.com', 'piet.smit@hotmail.com', 'piet punt smit at hotmail punt com', 'piet.smit(at)hotmail.com']],
    ['adres', ['7811 AB', '7811AB', '7811 ab']],
    ['kenteken', ['12-ABC-3', '12ABC3', '12 abc 3']],
    ['account', ['@Sanne_uit_Oost', '@sanne_uit_oost']],
    ['geboortedatum', ['12 juni 1950', '12-06-1950', '1950-06-12', '12/6/1950']],
  ] as Array<[PersonalDataKind, string[]]>)('give %s one placeholder for %j', (kind, spellings) => {
    const normalised = spellings.map((text) => normalisedValue(kind, text))
    expect(new Set(normalised).size, normalised.join(' | ')).toBe(1)
    expect(new Set(spellings.map((text) => of(kind, text))).size).toBe(1)
  })

  it('do so for the hits the guard really finds, however the note writes them', () => {
    expect(replaced('Mevrouw Jansen kwam binnen.', 'naam')).toBe(replaced('Later belde Jansen terug.', 'naam'))
    expect(replaced('Bel haar op 06-12345678.', 'telefoonnummer')).toBe(replaced('Haar nummer is +31 6 1234 5678.', 'telefoonnummer'))
    expect(replaced('Rekening NL91 ABNA 0417 1643 00.', 'iban')).toBe(replaced('Rekening NL91ABNA0417164300.', 'iban'))
  })

  it('keep a special category generic: it is a fact about someone, not someone', () => {
    expect(of('bijzonder', 'kanker')).toBe('[bijzonder persoonsgegeven]')
  })

  it('are no personal data themselves, however their digits look', () => {
    const text = 'Woont op [adres-8595ff], rijdt in de auto met kenteken [kenteken-bc12df], belt van [telefoonnummer-061234] 5678.'
    expect(findPersonalData(text)).toEqual([])
    expect(findPersonalData('Woont op 8595ff.').map((h) => h.kind)).toEqual(['adres'])
  })

  it('leave no hit for the guard, for every sentence of the labelled sets', () => {
    for (const name of ['labelled.tsv', 'new-kinds.tsv', 'second-hand.tsv']) {
      const [, ...lines] = readFileSync(join(__dirname, '..', 'fixtures', 'privacy', name), 'utf8').trimEnd().split('\n')
      const sentences = lines.map((line) => line.split('\t').at(-1)!)
      expect(sentences.length).toBeGreaterThan(50)
      for (const sentence of sentences) {
        const result = pseudonymise(sentence, undefined, pseudonyms())
        expect(findPersonalData(result), `${sentence}\n→ ${result}`).toEqual([])
      }
    }
  })
})

describe('guardFields with and without the study\'s pseudonyms', () => {
  const fields = {rol: ['moeder', 'buurvrouw van Kees Bakker'], tekst: 'Kees Bakker belt op 06-12345678; mevrouw Bakker is er vaak.'}
  const refuse = () => new UserError('geweigerd')

  it('gives one person one placeholder across the fields and items', () => {
    const {fields: out} = guardFields(fields, {by: null, policy: 'pseudonymise', pseudonyms: pseudonyms(), refuse})
    const kees = of('naam', 'Kees Bakker')
    expect(out).toEqual({rol: ['moeder', `buurvrouw van ${kees}`], tekst: `${kees} belt op ${of('telefoonnummer', '06-12345678')}; mevrouw ${of('naam', 'Bakker')} is er vaak.`})
  })

  it('writes the generic placeholders without them', () => {
    expect(guardFields(fields, {by: null, policy: 'pseudonymise', refuse}).fields.tekst).toBe('[naam] belt op [telefoonnummer]; mevrouw [naam] is er vaak.')
  })

  it('reads the key only when a hit is really replaced', () => {
    let reads = 0
    const counting = () => new Pseudonyms(() => (reads++, KEY))
    guardFields({tekst: 'Niets bijzonders.'}, {by: null, policy: 'pseudonymise', pseudonyms: counting(), refuse})
    expect(() => guardFields(fields, {by: null, policy: 'refuse', pseudonyms: counting(), refuse})).toThrow('geweigerd')
    guardFields(fields, {by: null, policy: 'allow', pseudonyms: counting(), refuse})
    expect(reads).toBe(0)
    guardFields(fields, {by: null, policy: 'pseudonymise', pseudonyms: counting(), refuse})
    expect(reads).toBe(1)
  })
})

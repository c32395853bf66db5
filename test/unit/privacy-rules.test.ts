import {beforeAll, describe, expect, it} from 'vitest'

import {UserError} from '../../src/errors.js'
import {scanNote} from '../../src/notes/guard.js'
import {allowedNames, AllowedNames, studyNames} from '../../src/privacy/allowed.js'
import {attribution} from '../../src/privacy/attribution.js'
import {guardFields, scanFields} from '../../src/privacy/guard.js'
import {loadStudy, type Study} from '../../src/study/load.js'
import {checkCode, codeProblem, requireGroup, requireNarrative} from '../../src/study/lookup.js'
import {EXAMPLE} from '../helpers/cli.js'

let study: Study
beforeAll(async () => {
  study = await loadStudy(EXAMPLE)
})

const names = (text: string, allowed: AllowedNames) => scanFields({tekst: text}, allowed).filter((h) => h.kind === 'naam').map((h) => h.text)

describe('allowedNames: the one rule for names the guard lets through', () => {
  it('lets through a team member by the whole name, the first name alone or the id, in any case', () => {
    const allowed = allowedNames(study)
    for (const name of ['Sanne Hoekstra', 'Anna Visser', 'anna', 'ANNA VISSER', 'Bram de Jong', 'Fatima El Amrani', 'Fatima', 'Joost', 'fatima']) expect(allowed.allows(name), name).toBe(true)
    for (const name of ['de', 'El', 'Kees Bakker', 'Bakker', 'Anna Bakker']) expect(allowed.allows(name), name).toBe(false)
  })

  it("no longer lets through a part of a team member's surname on its own", () => {
    const allowed = allowedNames(study)
    for (const name of ['Visser', 'VISSER', 'Jong', 'de Jong', 'Amrani', 'El Amrani', 'Hoekstra', 'Verbeek', 'Piet Visser', 'A. Visser']) expect(allowed.allows(name), name).toBe(false)
  })

  it("lets through the study's places: halteplaatsen and municipalities are no people", () => {
    const allowed = allowedNames(study)
    for (const name of ['Kanaalzone', 'Wendelo', 'De Vlonders', 'Vlonders', 'Havenkwartier', 'Veenstad', 'Oost-Veenland', 'Almerwaard', 'Westerduin']) expect(allowed.allows(name), name).toBe(true)
    expect(studyNames(study)).toEqual(['Sanne Hoekstra', 'Anna Visser', 'Bram de Jong', 'Fatima El Amrani', 'Joost Verbeek', 'Kanaalzone', 'Veenstad', 'Wendelo', 'Oost-Veenland', 'De Vlonders', 'Almerwaard', 'Havenkwartier', 'Westerduin'])
  })

  it('takes names a caller adds, by the same rule (the client on a report cover)', () => {
    const allowed = allowedNames(study, ['Stichting Karel Doorman, Veenstad'])
    expect(allowed.allows('Doorman')).toBe(true)
    expect(allowedNames(study).allows('Doorman')).toBe(false)
  })

  it('is what notes, material and reports apply: a team member and a place pass, a respondent does not', () => {
    const text = 'Anna Visser sprak in Wendelo met Kees Bakker; Bram de Jong schreef mee.'
    expect(names(text, allowedNames(study))).toEqual(['Kees Bakker'])
    expect(names(text, new AllowedNames([]))).toContain('Anna Visser')
    expect(scanNote({activity: null, date: '2026-03-01', group: 'moeders', halteplaats: 'wendelo', interviewer: 'anna', narratives: [], participants: null, roles: [], text, themes: []}, allowedNames(study)).map((h) => [h.part, h.text])).toEqual([['tekst', 'Kees Bakker']])
  })

  it('refuses a respondent who shares a team member\'s surname ("Mevrouw Jansen" with Bram Jansen in the team)', () => {
    const team = {...study, team: [{id: 'anna', name: 'Anna Visser', role: 'interviewer' as const}, {id: 'bram', name: 'Bram Jansen', role: 'interviewer' as const}]}
    const allowed = allowedNames(team)
    for (const name of ['Jansen', 'Visser', 'Piet Jansen', 'Mevrouw Jansen']) expect(allowed.allows(name), name).toBe(false)
    expect(names('Mevrouw Jansen zei dat het loket dicht is.', allowed)).toEqual(['Jansen'])
    expect(names('Meneer Visser klaagde.', allowed)).toEqual(['Visser'])
    expect(names('Piet Jansen kwam ook.', allowed)).toEqual(['Piet Jansen'])
    for (const form of ['meneer', 'mevrouw', 'juf', 'meester', 'dokter', 'wethouder']) expect(names(`Volgens ${form} Jansen is het loket dicht.`, allowed), form).toEqual(['Jansen'])
    expect(names('Mevrouw de Jong zei het ook.', allowedNames(study))).toEqual(['de Jong'])
    expect(names('Piet de Jong kwam ook.', allowedNames(study))).toEqual(['Piet de Jong'])
    // The team members themselves still pass: the whole name, the first name, the id.
    expect(names('Gesprek met Anna en Bram; Anna Visser schreef, Bram Jansen vroeg door (bram).', allowed)).toEqual([])
  })
})

describe('guardFields: one guard, three policies', () => {
  const fields = {rol: ['moeder', 'buurvrouw van Kees Bakker'], tekst: 'Bel haar op 06-12345678.'}
  const refuse = () => new UserError('geweigerd')

  it('locates each hit by field, and by item in a list field', () => {
    expect(scanFields(fields).map((h) => [h.field, h.item, h.kind, h.text])).toEqual([
      ['rol', 1, 'naam', 'Kees Bakker'],
      ['tekst', undefined, 'telefoonnummer', '06-12345678'],
    ])
  })

  it('refuses with the error the caller makes of the hits, and passes clean texts unchanged', () => {
    expect(() => guardFields(fields, {by: null, policy: 'refuse', refuse})).toThrow('geweigerd')
    const clean = {tekst: 'Niets bijzonders.'}
    expect(guardFields(clean, {by: null, policy: 'refuse', refuse})).toEqual({fields: clean, hits: [], override: null})
  })

  it('replaces each hit in its own field and item, or keeps them and records who chose so', () => {
    const replaced = guardFields(fields, {by: 'anna', policy: 'pseudonymise', refuse})
    expect(replaced.fields).toEqual({rol: ['moeder', 'buurvrouw van [naam]'], tekst: 'Bel haar op [telefoonnummer].'})
    expect(replaced.override).toBeNull()
    const kept = guardFields(fields, {by: 'anna', policy: 'allow', refuse})
    expect(kept.fields).toBe(fields)
    expect(kept.override).toMatchObject({by: 'anna', kinds: ['naam', 'telefoonnummer']})
  })
})

describe('attribution', () => {
  it('names the group type and the halteplaats only', () => {
    expect(attribution(study, {activity: null, group: 'moeders', halteplaats: 'wendelo'})).toBe('moeder, halteplaats Wendelo')
    expect(attribution(study, {activity: null, group: 'ouderen', halteplaats: 'vlonders'})).toBe('oudere inwoner, halteplaats De Vlonders')
  })

  it('names an observation by its kind, in small letters', () => {
    expect(attribution(study, {activity: 'wijkwandeling', group: null, halteplaats: 'kanaalzone'})).toBe('wijkwandeling, halteplaats Kanaalzone')
  })

  it('falls back to the ids it does not know', () => {
    expect(attribution(study, {activity: null, group: 'weg', halteplaats: 'nergens'})).toBe('weg, halteplaats nergens')
  })
})

describe('unknown codes: one wording per part, after a flag and in a field', () => {
  it('says what is wrong in a field and what to choose', () => {
    expect(codeProblem(study, 'theme', 'x')).toMatch(/^"x" is geen thema van de methode; kies uit vertrouwen-instanties, .* of veiligheid-en-leefbaarheid$/)
    expect(codeProblem(study, 'halteplaats', 'x')).toBe('"x" is onbekend; kies uit kanaalzone, wendelo, vlonders of havenkwartier')
    expect(codeProblem(study, 'narrative', 'x')).toMatch(/^"x" is geen narratief; kies uit onzichtbare-overheid, .* \(of 1-5\)$/)
    expect(codeProblem(study, 'group', 'x')).toMatch(/^"x" is onbekend; kies uit ondernemers, .* \(of 1-8\)$/)
    expect(codeProblem(study, 'audience', 'x')).toBe('"x" is onbekend; kies uit gemeenten, professionals of rijksoverheid')
    expect(codeProblem(study, 'theme', 'voorzieningen')).toBeUndefined()
  })

  it('resolves numbers for groups and narratives', () => {
    expect(checkCode(study, 'narrative', '2')).toEqual({id: 'onzichtbare-burger'})
    expect(checkCode(study, 'group', '4')).toEqual({id: 'moeders'})
    expect(requireNarrative(study, '1')).toBe('onzichtbare-overheid')
  })

  it('names the flag after which an unknown code was typed', () => {
    expect(() => requireGroup(study, 'x', '--groep')).toThrow('Onbekende groep "x" (--groep).')
    const error = (() => {
      try {
        requireNarrative(study, 'x')
      } catch (error) {
        return error as UserError
      }
    })()
    expect(error?.message).toBe('Onbekend narratief "x" (--narrative).')
    expect(error?.hint).toMatch(/^Kies uit: onzichtbare-overheid, .*, of een nummer 1-5\.$/)
  })
})

import {beforeAll, describe, expect, it} from 'vitest'

import {UserError} from '../../src/errors.js'
import {loadStudy, type Study} from '../../src/study/load.js'
import {checkCode, type CodePart, findCode, findCodeAmong, foldName, requireCode, requireGroup, requireHalteplaats, requireTheme} from '../../src/study/lookup.js'
import {EXAMPLE} from '../helpers/cli.js'

let study: Study
beforeAll(async () => {
  study = await loadStudy(EXAMPLE)
})

function refusal(run: () => unknown): UserError {
  try {
    run()
  } catch (error) {
    expect(error).toBeInstanceOf(UserError)
    return error as UserError
  }

  throw new Error('expected a UserError')
}

describe('codes typed as the names the kit shows', () => {
  it('reads every label of the method and the study as its own code, in any case and without accents', () => {
    const method = study.methodDefinition
    const labels: Array<[CodePart, string, string]> = [
      ...method.groups.flatMap((g) => [g.short, g.quoteLabel, g.name].map((label) => ['group', label, g.id] as [CodePart, string, string])),
      ...method.themes.flatMap((t) => [t.short, t.name].map((label) => ['theme', label, t.id] as [CodePart, string, string])),
      ...method.narratives.flatMap((n) => [n.short, n.name].map((label) => ['narrative', label, n.id] as [CodePart, string, string])),
      ...method.activities.map((a) => ['activity', a.name, a.id] as [CodePart, string, string]),
      ...method.audiences.map((a) => ['audience', a.name, a.id] as [CodePart, string, string]),
      ...method.frames.map((f) => ['frame', f.name, f.id] as [CodePart, string, string]),
      ...study.halteplaatsen.map((h) => ['halteplaats', h.name, h.id] as [CodePart, string, string]),
    ]
    for (const [part, label, id] of labels) {
      expect(findCode(study, part, label), `${part} "${label}"`).toBe(id)
      expect(findCode(study, part, label.toUpperCase()), `${part} "${label.toUpperCase()}"`).toBe(id)
    }

    expect(findCode(study, 'theme', 'Nabije en zichtbare overheid; bekende gezichten en continuiteit')).toBe('nabije-overheid')
  })

  it('takes the examples of the issue: a group by its label, a halteplaats by its name or one word of it', () => {
    expect(requireGroup(study, 'scholieren')).toBe('schoolklas')
    expect(requireGroup(study, 'voetballers')).toBe('voetbalelftal')
    expect(requireGroup(study, 'Scholier')).toBe('schoolklas')
    expect(requireGroup(study, 'bierteam')).toBe('voetbalelftal')
    expect(requireGroup(study, 'voetbal')).toBe('voetbalelftal')
    expect(requireHalteplaats(study, 'De Vlonders')).toBe('vlonders')
    expect(requireHalteplaats(study, 'de vlonders')).toBe('vlonders')
    expect(requireHalteplaats(study, 'Vlonders')).toBe('vlonders')
    expect(requireTheme(study, 'nabije overheid')).toBe('nabije-overheid')
    expect(requireCode(study, 'audience', 'Rijksoverheid')).toBe('rijksoverheid')
  })

  it('still takes ids and numbers first', () => {
    expect(checkCode(study, 'group', 'gemeente')).toEqual({id: 'gemeente'})
    expect(checkCode(study, 'group', '3')).toEqual({id: 'schoolklas'})
    expect(checkCode(study, 'narrative', '5')).toEqual({id: 'ervaren-incompetentie'})
  })

  it('refuses a name that fits more than one code, listing the candidates with their names', () => {
    const theme = refusal(() => requireTheme(study, 'vertrouwen'))
    expect(theme.message).toBe(
      '"vertrouwen" past bij meer dan één thema (--theme): vertrouwen-instanties (Vertrouwen in gemeente en instanties (verticaal vertrouwen)) of onderling-vertrouwen (Onderling vertrouwen in de buurt (horizontaal vertrouwen)).',
    )
    expect(theme.hint).toBe('Typ de id, of meer woorden van de naam.')
    expect(refusal(() => requireCode(study, 'narrative', 'burger', '--narratief')).message).toMatch(/^"burger" past bij meer dan één narratief \(--narratief\): onzichtbare-burger \(.*\) of ongehoorde-burger \(.*\)\.$/)

    const field = checkCode(study, 'theme', 'vertrouwen')
    expect(field.candidates).toEqual(['vertrouwen-instanties', 'onderling-vertrouwen'])
    expect(field.problem).toMatch(/^"vertrouwen" past bij meer dan één thema: vertrouwen-instanties .* of onderling-vertrouwen .*; typ de id$/)
    // More words make it one.
    expect(findCode(study, 'theme', 'vertrouwen in de buurt')).toBe('onderling-vertrouwen')
  })

  it('is no guess: filler words, short beginnings and unknown words stay unknown, with the usual message', () => {
    for (const value of ['de', 'het', 'va', 'x', 'bakkers', '']) expect(findCode(study, 'group', value), value).toBeUndefined()
    expect(refusal(() => requireGroup(study, 'bakkers')).message).toBe('Onbekende groep "bakkers" (--group).')
    expect(checkCode(study, 'halteplaats', 'zuid')).toEqual({problem: '"zuid" is onbekend; kies uit kanaalzone, wendelo, vlonders of havenkwartier'})
  })

  it('looks among narratives and themes at once for a tag code', () => {
    expect(findCodeAmong(study, ['narrative', 'theme'], 'onzichtbare overheid')).toEqual({id: 'onzichtbare-overheid', part: 'narrative'})
    expect(findCodeAmong(study, ['narrative', 'theme'], 'voorzieningen')).toEqual({id: 'voorzieningen', part: 'theme'})
    expect(() => findCodeAmong(study, ['narrative', 'theme'], 'overheid')).toThrow(/past bij meer dan één narratief of thema/)
  })

  it('folds names as a person would compare them', () => {
    expect(foldName("  De Vlönders!  ")).toBe('de vlonders')
    expect(foldName("Havenkwartier: 't Hoofd")).toBe('havenkwartier t hoofd')
  })
})

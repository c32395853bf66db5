import {describe, expect, it} from 'vitest'

import {loadMethod, methodPath} from '../../src/method/load.js'
import {ListMatcher, modelLists} from '../../src/tagging/model-lists.js'
import {NarrativeModel, trainModel, type TrainingExample} from '../../src/tagging/model.js'
import {scanWords, WordBuffer} from '../../src/tagging/model-words.js'

const method = loadMethod(methodPath('karavaan', '/anywhere'))
const NARRATIVES = method.narratives.map((n) => n.id)
const [ONE] = NARRATIVES

/** A study whose coded notes voice narrative 1 with "app" and never say "chatbot". */
function appStudy(): TrainingExample[] {
  const examples: TrainingExample[] = []
  for (let i = 0; i < 15; i++) {
    const yes = `Voor een afspraak moest ze het via de app doen, gesprek ${i}.`
    const no = `De buurtbarbecue was gezellig en druk, gesprek ${i}.`
    for (const narrative of NARRATIVES) {
      examples.push({group: `ja-${i}`, label: narrative === ONE ? 1 : 0, narrative, text: yes, whole: true}, {group: `nee-${i}`, label: 0, narrative, text: no, whole: true})
    }
  }

  return examples
}

/** Which lists a sentence hits, by name. */
function hits(lists: ReturnType<typeof modelLists>, sentence: string): string[] {
  const words = new WordBuffer()
  scanWords(sentence, 0, sentence.length, words)
  const out: string[] = []
  new ListMatcher(lists).each(words.stems, words.length, (l) => out.push(lists[l].name))
  return out.sort()
}

describe('the method’s word lists as features of the study model', () => {
  const lists = modelLists({wordLists: {'digitale-ingang': ['app', 'website', 'chatbot', 'loket*'], 'geen-gehoor': ['geen antwoord', 'niemand']}})

  it('keeps each list by the stems of its items, without wildcard items', () => {
    expect(lists.map((l) => l.name)).toEqual(['@digitale-ingang', '@geen-gehoor'])
    expect(lists[0].items).toHaveLength(3)
    expect(lists[1].items.some((item) => item.length === 2)).toBe(true)
  })

  it('a sentence hits a list through any of its words, a phrase only with all of its words (in any order, as in a slot), each list once', () => {
    expect(hits(lists, 'Alles gaat via de chatbot en de website.')).toEqual(['@digitale-ingang'])
    expect(hits(lists, 'Op mijn vraag kwam wel antwoord.')).toEqual([])
    expect(hits(lists, 'Op mijn vraag kwam geen enkel antwoord.')).toEqual(['@geen-gehoor'])
    expect(hits(lists, 'Antwoord kwam er niet, want geen mens nam op.')).toEqual(['@geen-gehoor'])
    expect(hits(lists, 'De buurtbarbecue was gezellig.')).toEqual([])
  })

  it('what the team codes with one word of a list carries over to another word of that list', () => {
    const examples = appStudy()
    const chance = (withLists: boolean) => {
      const model = new NarrativeModel(trainModel(examples, NARRATIVES, withLists ? {lists: modelLists(method)} : {}))
      return model.predict('Tegenwoordig loopt alles langs de chatbot.').find((p) => p.narrative === ONE)!.probability
    }

    expect(chance(true)).toBeGreaterThan(chance(false) + 0.05)
  })

  it('are kept in the model, so that a model read from its file reads notes the same way', () => {
    const data = trainModel([], NARRATIVES, {lists: modelLists(method)})
    expect(data.lists.length).toBe(Object.keys(method.wordLists).length)
    expect(JSON.parse(JSON.stringify(data)).lists).toEqual(data.lists)
  })
})

describe('a suggestion’s reason names the word through which a list weighs', () => {
  it('"chatbot", never seen in the coding, is named because its list is', () => {
    const examples = appStudy()
    const model = new NarrativeModel(trainModel(examples, NARRATIVES, {lists: modelLists(method)}))
    expect(model.explain('Tegenwoordig loopt alles langs de chatbot.', ONE)).toContain('chatbot')
    const withoutLists = new NarrativeModel(trainModel(examples, NARRATIVES))
    expect(withoutLists.explain('Tegenwoordig loopt alles langs de chatbot.', ONE)).not.toContain('chatbot')
  })
})

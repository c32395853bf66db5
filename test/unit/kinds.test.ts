import {existsSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'

import {historyCommand, trashCommand} from '../../src/cli/material-commands.js'
import {capitalise, countOf, everyKind, KIND_IDS, kindOfTopic, KINDS, MATERIAL_KIND_IDS, theKind} from '../../src/model/kinds.js'

const root = join(import.meta.dirname, '..', '..')
const topics = Object.keys((JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {oclif: {topics: Record<string, unknown>}}).oclif.topics)
/** A topic whose records go to the trash and come back is a kind of versioned record. */
const hasTrash = (topic: string) => ['rm', 'restore'].every((verb) => existsSync(join(root, 'src', 'commands', topic, `${verb}.ts`)))

describe('the registry of record kinds', () => {
  it('gives every kind every label, none empty', () => {
    for (const id of KIND_IDS) {
      const {labels, topic} = KINDS[id]
      expect(KINDS[id].id).toBe(id)
      expect(topic).toMatch(/^[a-z]+$/)
      for (const [key, value] of Object.entries(labels)) expect(value, `${id}.${key}`).not.toHaveLength(0)
      expect(labels.capital).toBe(capitalise(labels.singular))
      expect(labels.plural).not.toBe(labels.singular)
      expect(labels.versions[0]).not.toBe(labels.versions[1])
    }
  })

  it('keeps the pronouns in line with the article: de bevinding … ze, haar; het advies … het, zijn', () => {
    for (const id of KIND_IDS) {
      const {article, object, possessive, subject} = KINDS[id].labels
      expect([article, subject, object, possessive], id).toEqual(article === 'de' ? ['de', 'ze', 'haar', 'haar'] : ['het', 'het', 'het', 'zijn'])
    }
  })

  it('knows every topic of package.json whose records have a trash, and only topics that exist', () => {
    for (const topic of topics.filter(hasTrash)) expect(kindOfTopic(topic), topic).toBeDefined()
    for (const id of KIND_IDS) {
      expect(topics, id).toContain(KINDS[id].topic)
      expect(hasTrash(KINDS[id].topic), id).toBe(true)
    }
  })

  it('spells a reflection "reflection" in code, "reflect" as a topic and "reflectiegesprek" in Dutch', () => {
    expect(kindOfTopic('reflect')).toBe('reflection')
    expect(kindOfTopic('reflection')).toBeUndefined()
    expect(KINDS.reflection.labels.singular).toBe('reflectiegesprek')
    expect(MATERIAL_KIND_IDS).toEqual(KIND_IDS.filter((id) => id !== 'note'))
  })

  it('forms the Dutch the messages need', () => {
    expect(theKind('finding')).toBe('de bevinding')
    expect(theKind('advice')).toBe('het advies')
    expect(countOf('reflection', 1)).toBe('1 reflectiegesprek')
    expect(countOf('advice', 3)).toBe('3 adviezen')
    expect(everyKind('singular')).toBe('notitie, bevinding, reflectiegesprek of advies')
    expect(everyKind('plural')).toBe('notities, bevindingen, reflectiegesprekken of adviezen')
  })
})

describe('the commands made from the registry', () => {
  it('say the noun, pronoun and topic of their own kind', () => {
    expect(trashCommand('advice', 'rm').description).toContain('Het telt dan niet meer mee in lijsten en het rapport, maar het blijft bewaard met al zijn versies.')
    expect(trashCommand('finding', 'restore').description).toBe('Haalt een bevinding terug uit de prullenbak, zoals ze was.')
    expect(trashCommand('reflection', 'restore').args?.id.description).toBe('Id in de prullenbak (zie karavaan reflect list --deleted).')
    expect(historyCommand('reflection').summary).toBe('Toon alle versies van het reflectiegesprek.')
  })
})

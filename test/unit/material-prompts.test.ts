import {beforeAll, beforeEach, describe, expect, it, vi} from 'vitest'

import {loadStudy, type Study} from '../../src/study/load.js'
import {makeStudy} from '../helpers/cli.js'

// The prompts wrapper is the one door to inquirer; answering through it tests the flow a person follows.
const answers: unknown[] = []
const asked: Array<{choices?: Array<{value: unknown}>; kind: string; message: string}> = []
vi.mock('../../src/ui/prompts.js', () => {
  const next = (kind: string, message: string, choices?: Array<{value: unknown}>) => {
    asked.push({choices, kind, message})
    if (answers.length === 0) throw new Error(`no answer prepared for "${message}"`)
    return answers.shift()
  }

  return {
    askCheckbox: async (message: string, choices: Array<{value: unknown}>) => next('checkbox', message, choices),
    askSearchCheckbox: async (message: string, choices: Array<{value: unknown}>) => next('search', message, choices),
    askSelect: async (message: string, choices: Array<{value: unknown}>) => next('select', message, choices),
    askText: async (message: string) => next('text', message),
  }
})

const {askAdviceFields, askFindingFields, askReflectionFields} = await import('../../src/ui/material-prompts.js')

const findings = [{name: 'f1  Loket gemist', short: 'f1', value: 'f1'}]

describe('material prompts', () => {
  let study: Study

  beforeAll(async () => {
    study = await loadStudy(makeStudy())
  })

  beforeEach(() => {
    answers.length = 0
    asked.length = 0
  })

  const sources = (evidence: Array<{name: string; short: string; value: {note?: string; tag?: string}}>, similar: Array<{id: string; in: 'tekst' | 'titel'; score: number; title: string}> = []) => {
    const scopes: unknown[] = []
    const candidates: unknown[] = []
    return {
      candidates,
      scopes,
      sources: {
        evidence: (scope: unknown) => {
          scopes.push(scope)
          return evidence
        },
        similar: (candidate: unknown) => {
          candidates.push(candidate)
          return similar
        },
      },
    }
  }

  it('asks for evidence from the notes and passages the command gives, for the scope just answered', async () => {
    const evidence = [
      {name: 'passage  moeders · 3 maart 2026 · Het Dorp · 4. ongehoorde burger: “meepraten”', short: 't1', value: {tag: 't1'}},
      {name: 'notitie  ouderen · 1 maart 2026 · Het Dorp · Het loket', short: 'n1', value: {note: 'n1'}},
    ]
    const given = sources(evidence)
    answers.push(['dorp'], ['voorzieningen'], ['ongehoorde-burger'], [evidence[0].value, evidence[1].value])
    const afterText: unknown[] = []
    const input = await askFindingFields(study, {text: 'Tekst.', title: 'Loket gemist'}, given.sources.evidence, {afterText: async (i) => void afterText.push(i)})
    expect(given.scopes).toEqual([{halteplaatsen: ['dorp'], narratives: ['ongehoorde-burger'], themes: ['voorzieningen']}])
    // The check for a near-identical finding comes right after the text, before any list.
    expect(afterText).toEqual([{text: 'Tekst.', title: 'Loket gemist'}])
    expect(asked.at(-1)).toMatchObject({choices: evidence, kind: 'search', message: 'Welke notities en passages onderbouwen de bevinding?'})
    expect(input.evidence).toEqual([{tag: 't1'}, {note: 'n1'}])
  })

  it('asks no evidence when there is nothing to choose, and nothing that the flags gave', async () => {
    answers.push([], [], [])
    const input = await askFindingFields(study, {text: 'Tekst.', title: 'T'}, sources([]).sources.evidence)
    expect(asked.map((a) => a.kind)).toEqual(['checkbox', 'checkbox', 'checkbox'])
    expect(input.evidence).toBeUndefined()

    asked.length = 0
    const all = await askFindingFields(study, {evidence: [{note: 'n1'}], halteplaatsen: ['dorp'], narratives: ['ongehoorde-burger'], text: 'Tekst.', themes: ['voorzieningen'], title: 'T'}, sources([]).sources.evidence)
    expect(asked).toEqual([])
    expect(all.evidence).toEqual([{note: 'n1'}])
  })

  it('links reflections and advice to the findings the command gives', async () => {
    answers.push(['f1'])
    const reflection = await askReflectionFields(study, {added: '', confirmed: 'Klopt.', date: '2026-10-01', halteplaats: 'dorp', nuanced: '', participants: ['bewoners']}, '2026-10-01', () => findings)
    expect(reflection.confirmedFindings).toEqual(['f1'])
    expect(asked.map((a) => a.message)).toEqual(['Welke bevindingen bevestigde het gesprek?'])

    asked.length = 0
    answers.push(['f1'], null)
    const advice = await askAdviceFields(study, {audience: 'gemeenten', text: 'Doe het.', title: 'Advies'}, () => findings)
    expect(advice.findings).toEqual(['f1'])
    expect(asked.map((a) => [a.kind, a.message])).toEqual([
      ['checkbox', 'Op welke bevindingen antwoordt het advies?'],
      ['select', 'Bij welk kader past het advies?'],
    ])
  })
})

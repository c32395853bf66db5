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
const notes = [{name: 'n1  2026-03-01  Het Dorp, ouderen  Het loket', short: 'n1', value: 'n1'}]
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

  it('asks for evidence from the choices the command gives, for the scope just answered, in a searchable list', async () => {
    const scopes: unknown[] = []
    answers.push(['dorp'], ['voorzieningen'], [], ['n1'])
    const input = await askFindingFields(study, {text: 'Tekst.', title: 'Loket gemist'}, (scope) => {
      scopes.push(scope)
      return notes
    })
    expect(scopes).toEqual([{halteplaatsen: ['dorp'], narratives: [], themes: ['voorzieningen']}])
    expect(asked.at(-1)).toMatchObject({choices: notes, kind: 'search', message: 'Welke notities onderbouwen de bevinding? (niets aangevinkt: een concept zonder onderbouwing)'})
    expect(input.evidence).toEqual([{note: 'n1'}])
  })

  it('does not ask for evidence when there are no notes to choose from', async () => {
    answers.push([], [], [])
    const input = await askFindingFields(study, {text: 'Tekst.', title: 'T'}, () => [])
    expect(asked.map((a) => a.kind)).toEqual(['checkbox', 'checkbox', 'checkbox'])
    expect(input.evidence).toBeUndefined()
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

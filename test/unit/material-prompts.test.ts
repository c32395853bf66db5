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

/** What the questions print between them (the warning, the summary). */
function captureStdout() {
  const original = process.stdout.write.bind(process.stdout)
  const captured = {
    restore: () => {
      process.stdout.write = original
    },
    text: '',
  }
  process.stdout.write = ((chunk: string) => {
    captured.text += chunk
    return true
  }) as typeof process.stdout.write
  return captured
}

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

  it('asks for evidence from the notes and passages the command gives, for the scope just answered, then shows a summary before saving', async () => {
    const evidence = [
      {name: 'passage  moeders · 2026-03-03 · Het Dorp · 4. ongehoorde burger: “meepraten”', short: 't1', value: {tag: 't1'}},
      {name: 'notitie  ouderen · 2026-03-01 · Het Dorp · Het loket', short: 'n1', value: {note: 'n1'}},
    ]
    const given = sources(evidence)
    answers.push(['dorp'], ['voorzieningen'], ['ongehoorde-burger'], [evidence[0].value, evidence[1].value], 'save')
    const written = captureStdout()
    const input = await askFindingFields(study, {text: 'Tekst.', title: 'Loket gemist'}, given.sources).finally(written.restore)
    expect(given.scopes).toEqual([{halteplaatsen: ['dorp'], narratives: ['ongehoorde-burger'], themes: ['voorzieningen']}])
    expect(given.candidates).toEqual([{text: 'Tekst.', title: 'Loket gemist'}])
    expect(asked.at(-2)).toMatchObject({choices: evidence, kind: 'search', message: 'Welke notities en passages onderbouwen de bevinding?'})
    expect(asked.at(-1)).toMatchObject({kind: 'select', message: 'Zo opslaan?'})
    expect(input.evidence).toEqual([{tag: 't1'}, {note: 'n1'}])
    expect(written.text).toContain('Onderbouwing (2):')
    expect(written.text).toContain('- passage moeders · 2026-03-03 · Het Dorp · 4. ongehoorde burger: “meepraten”')
    expect(written.text).toContain('Halteplaatsen: Het Dorp')
  })

  it('asks neither for evidence nor for a check when there is nothing to choose and nothing was asked', async () => {
    answers.push([], [], [], 'save')
    const input = await askFindingFields(study, {text: 'Tekst.', title: 'T'}, sources([]).sources)
    expect(asked.map((a) => a.kind)).toEqual(['checkbox', 'checkbox', 'checkbox', 'select'])
    expect(input.evidence).toBeUndefined()

    asked.length = 0
    const all = await askFindingFields(study, {evidence: [{note: 'n1'}], halteplaatsen: ['dorp'], narratives: ['ongehoorde-burger'], text: 'Tekst.', themes: ['voorzieningen'], title: 'T'}, sources([]).sources)
    expect(asked).toEqual([])
    expect(all.evidence).toEqual([{note: 'n1'}])
  })

  it('stops before the lists when the user does not go on after the warning for a near-identical finding', async () => {
    answers.push(false)
    const written = captureStdout()
    const stopped = askFindingFields(study, {text: 'Tekst.', title: 'Loket gemist'}, sources([], [{id: '0190aaaa-bbbb-7ccc-8ddd-eeee3f9a21c7', in: 'titel', score: 0.95, title: 'Het loket gemist'}]).sources).finally(written.restore)
    await expect(stopped).rejects.toThrow('Gestopt; er is niets opgeslagen.')
    expect(written.text).toContain('3f9a21c7  Het loket gemist (bijna dezelfde titel)')
    expect(asked.map((a) => a.message)).toEqual(['Toch een nieuwe bevinding maken?'])
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

import {readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {parse, stringify} from 'yaml'

import {UserError} from '../../src/errors.js'
import {ACTIVITY_IDS, AUDIENCE_IDS, GROUP_IDS, NARRATIVE_IDS, PHASE_IDS} from '../../src/method/contract.js'
import {loadMethod, methodPath} from '../../src/method/load.js'
import {ROOT, tempDir} from '../helpers/cli.js'

const builtIn = join(ROOT, 'methods', 'karavaan.yaml')

function editedCopy(edit: (method: Record<string, any>) => void): string {
  const method = parse(readFileSync(builtIn, 'utf8'))
  edit(method)
  const file = join(tempDir(), 'methode.yaml')
  writeFileSync(file, stringify(method))
  return file
}

function problemOf(fn: () => unknown): string {
  try {
    fn()
  } catch (error) {
    expect(error).toBeInstanceOf(UserError)
    const e = error as UserError
    return [e.message, ...e.details].join('\n')
  }

  throw new Error('expected a refusal')
}

describe('the built-in method', () => {
  const method = loadMethod(methodPath('karavaan', '/anywhere'))

  it('has the ids of METHOD.md, in order', () => {
    expect(method.phases.map((p) => p.id)).toEqual([...PHASE_IDS])
    expect(method.groups.map((g) => g.id)).toEqual([...GROUP_IDS])
    expect(method.groups.map((g) => g.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8])
    expect(method.activities.map((a) => a.id)).toEqual([...ACTIVITY_IDS])
    expect(method.narratives.map((n) => n.id)).toEqual([...NARRATIVE_IDS])
    expect(method.narratives.map((n) => n.number)).toEqual([1, 2, 3, 4, 5])
    expect(method.audiences.map((a) => a.id)).toEqual([...AUDIENCE_IDS])
    expect(method.themes.map((t) => t.id)).toContain('gezien-en-gehoord')
    expect(method.halteplaatsen).toBe(4)
  })

  it('gives every narrative a Dutch name, description and voice', () => {
    expect(method.narratives[0].name).toBe('Onzichtbaarheid van de overheid')
    for (const narrative of method.narratives) {
      expect(narrative.voice.length).toBeGreaterThan(10)
      expect(narrative.description.length).toBeGreaterThan(40)
    }
  })
})

describe('an edited copy of the method', () => {
  it('may relabel a group and add a theme', () => {
    const file = editedCopy((m) => {
      m.groups[3].name = 'Ouders uit de buurt'
      m.themes.push({description: 'Over het klimaat in de wijk.', id: 'klimaat', name: 'Klimaat en energie', short: 'klimaat'})
    })
    const method = loadMethod(file)
    expect(method.groups[3].name).toBe('Ouders uit de buurt')
    expect(method.themes.at(-1)!.id).toBe('klimaat')
  })

  it('may not drop one of the eight groups', () => {
    const file = editedCopy((m) => m.groups.splice(4, 1))
    expect(problemOf(() => loadMethod(file))).toMatch(/groepen ontbreken: ouderen/)
  })

  it('may not drop a narrative or renumber one', () => {
    expect(problemOf(() => loadMethod(editedCopy((m) => m.narratives.pop())))).toMatch(/narratieven ontbreken: ervaren-incompetentie/)
    expect(problemOf(() => loadMethod(editedCopy((m) => (m.narratives[0].number = 3))))).toMatch(/onzichtbare-overheid heeft nummer 1/)
  })

  it('may not add an unknown group', () => {
    const file = editedCopy((m) => m.groups.push({...m.groups[0], id: 'kerk', number: 9}))
    expect(problemOf(() => loadMethod(file))).toMatch(/onbekende groepen: kerk/)
  })

  it('names the line of a field with the wrong type', () => {
    const file = join(tempDir(), 'methode.yaml')
    writeFileSync(file, readFileSync(builtIn, 'utf8').replace(/^halteplaatsen: 4$/m, 'halteplaatsen: vier'))
    const line = readFileSync(file, 'utf8').split('\n').findIndex((l) => l.startsWith('halteplaatsen:')) + 1
    expect(problemOf(() => loadMethod(file))).toContain(`regel ${line}, halteplaatsen: moet een getal zijn`)
  })

  it('reports a missing file in Dutch', () => {
    expect(problemOf(() => loadMethod('/nergens/methode.yaml'))).toMatch(/bestaat niet of is niet te lezen/)
  })
})

import {beforeEach, describe, expect, it, vi} from 'vitest'

// inquirer's search prompt, answered by a script: each step types a term and picks the first
// line whose name contains `pick` from what the prompt's source gives for that term.
type Line = {name: string; value: unknown}
const steps: Array<{pick: string; term?: string}> = []
const shown: Line[][] = []
vi.mock('@inquirer/prompts', () => ({
  search: async (config: {source: (term: string | undefined) => Promise<Line[]>}) => {
    const step = steps.shift()
    if (!step) throw new Error('no step prepared')
    const lines = await config.source(step.term)
    shown.push(lines)
    const line = lines.find((l) => l.name.includes(step.pick))
    if (!line) throw new Error(`"${step.pick}" not among ${lines.map((l) => l.name).join(' | ')}`)
    return line.value
  },
}))

const {askSearchCheckbox} = await import('../../src/ui/prompts.js')
const choices = [
  {name: 'a1  De bus rijdt niet meer', short: 'a1', value: 'a1'},
  {name: 'b2  Het loket is dicht', short: 'b2', value: 'b2'},
  {name: 'c3  De bus is te duur', short: 'c3', value: 'c3'},
]

describe('a searchable checkbox list', () => {
  beforeEach(() => {
    steps.length = 0
    shown.length = 0
  })

  it('narrows the list to what is typed and ticks until "klaar", in list order', async () => {
    steps.push({pick: 'c3', term: 'bus'}, {pick: 'a1', term: 'bus'}, {pick: 'klaar'})
    expect(await askSearchCheckbox('Welke notities?', choices)).toEqual(['a1', 'c3'])
    expect(shown[0].map((l) => l.name)).toEqual(['◯ a1  De bus rijdt niet meer', '◯ c3  De bus is te duur', 'klaar (niets aangevinkt)'])
    expect(shown[1].map((l) => l.name)).toEqual(['◯ a1  De bus rijdt niet meer', '◉ c3  De bus is te duur', 'klaar (1 aangevinkt)'])
    expect(shown[2].map((l) => l.name)).toEqual(['klaar (2 aangevinkt)', '◉ a1  De bus rijdt niet meer', '◯ b2  Het loket is dicht', '◉ c3  De bus is te duur'])
  })

  it('unticks what is picked again, and gives nothing when "klaar" comes first', async () => {
    steps.push({pick: 'b2', term: 'loket'}, {pick: 'b2'}, {pick: 'klaar'})
    expect(await askSearchCheckbox('Welke notities?', choices)).toEqual([])
    steps.push({pick: 'klaar', term: 'geen treffer'})
    expect(await askSearchCheckbox('Welke notities?', choices)).toEqual([])
    expect(shown.at(-1)!.map((l) => l.name)).toEqual(['klaar (niets aangevinkt)'])
  })
})

import {PassThrough, Writable} from 'node:stream'
import {describe, expect, it} from 'vitest'

import {searchCheckbox} from '../../src/ui/search-checkbox.js'

// The searchable checkbox list, driven through its own keyboard and screen streams, as a person
// types: what is typed narrows the list and stays while ticking; Enter ticks; "klaar" finishes.
const choices = [
  {description: 'a1: de hele tekst over de bus', name: 'De bus rijdt niet meer', short: 'a1', value: 'a1'},
  {name: 'Het loket is dicht', short: 'b2', value: 'b2'},
  {name: 'De bus is te duur', short: 'c3', value: 'c3'},
]

function session(options: {initial?: string[]} = {}) {
  const input = new PassThrough()
  let screen = ''
  const output = new Writable({
    write(chunk, _encoding, next) {
      // eslint-disable-next-line no-control-regex
      screen += String(chunk).replaceAll(/\u001B\[[0-9;?]*[A-Za-z]/g, '')
      next()
    },
  })
  const answer = searchCheckbox({choices, initial: options.initial, message: 'Welke notities?'}, {input, output})
  const tick = () => new Promise((resolve) => setTimeout(resolve, 20))
  return {
    answer,
    async keys(...keys: string[]) {
      for (const key of keys) {
        input.write(key)
        await tick()
      }
    },
    get screen() {
      return screen
    },
  }
}

const ENTER = '\r'
const DOWN = '\u001B[B'
const UP = '\u001B[A'

describe('a searchable checkbox list', () => {
  it('keeps what was typed while ticking, and answers in the order of the list', async () => {
    const s = session()
    await s.keys('b', 'u', 's')
    expect(s.screen).toContain('zoek: bus')
    await s.keys(DOWN, ENTER, UP, ENTER)
    expect(s.screen).toContain('(2 gekozen) zoek: bus')
    expect(s.screen.split('zoek: bus').at(-1)).not.toContain('Het loket is dicht')
    await s.keys(UP, ENTER)
    expect(await s.answer).toEqual(['a1', 'c3'])
    expect(s.screen).toContain('2 gekozen: a1, c3')
  })

  it('shows the description of the highlighted line, and unticks what is picked again', async () => {
    const s = session()
    await s.keys(DOWN)
    expect(s.screen).toContain('a1: de hele tekst over de bus')
    await s.keys(ENTER, ENTER)
    expect(s.screen).toContain('1 gekozen')
    await s.keys(UP, ENTER)
    expect(await s.answer).toEqual([])
    expect(s.screen).toContain('niets gekozen')
  })

  it('starts with what was ticked before, and says when nothing matches', async () => {
    const s = session({initial: ['b2']})
    expect(s.screen).toContain('(1 gekozen)')
    await s.keys('x', 'y', 'z')
    expect(s.screen).toContain('Niets gevonden voor "xyz"')
    await s.keys(ENTER)
    expect(await s.answer).toEqual(['b2'])
  })

  it('matches every word typed in the name or the short form, ignoring case and accents', async () => {
    const {filterChoices} = await import('../../src/ui/prompts.js')
    expect(filterChoices(choices, 'BUS duur').map((c) => c.value)).toEqual(['c3'])
    expect(filterChoices(choices, 'b2').map((c) => c.value)).toEqual(['b2'])
    expect(filterChoices([{name: 'Het café', value: 1}], 'cafe')).toHaveLength(1)
  })
})

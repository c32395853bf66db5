import {PassThrough} from 'node:stream'
import {describe, expect, it} from 'vitest'

import {askMultiline} from '../../src/ui/multiline.js'

/** A terminal as readline sees it: keys typed into input, what it prints collected from output. */
function terminal() {
  const input = new PassThrough()
  const output = new PassThrough()
  let printed = ''
  output.on('data', (chunk) => (printed += chunk))
  return {input, io: {input, output, terminal: true}, printed: () => printed}
}

describe('askMultiline', () => {
  it('returns the lines typed before the line with only a dot, saving each as it comes', async () => {
    const t = terminal()
    const saved: string[] = []
    const answer = askMultiline('Typ de tekst.', (soFar) => saved.push(soFar), t.io)
    t.input.write('Eerste regel\r')
    t.input.write('Tweede regel\r')
    t.input.write('.\r')
    await expect(answer).resolves.toBe('Eerste regel\nTweede regel')
    expect(saved).toEqual(['Eerste regel', 'Eerste regel\nTweede regel'])
    expect(t.printed()).toContain('Typ de tekst.')
  })

  it('stops on Ctrl-C with the prompt error the commands report as "Afgebroken", not with the half-typed text', async () => {
    const t = terminal()
    const answer = askMultiline('Typ de tekst.', () => {}, t.io)
    t.input.write('Een halve zin\r')
    t.input.write('en nog')
    t.input.write('\u0003')
    await expect(answer).rejects.toMatchObject({name: 'ExitPromptError'})
  })
})

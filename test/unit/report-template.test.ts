import {mkdirSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'

import {UserError} from '../../src/errors.js'
import {renderTemplate} from '../../src/report/engine.js'
import {dutchDate, dutchNumber, percent} from '../../src/report/format.js'
import {escapeInline, quoteBlock} from '../../src/report/markdown-escape.js'
import {resolveTemplate} from '../../src/report/templates.js'
import {tempDir} from '../helpers/cli.js'

/** A template file in a fresh folder, resolved as `karavaan report --template PATH` would. */
function template(text: string, partials: Record<string, string> = {}) {
  const dir = tempDir()
  mkdirSync(dir, {recursive: true})
  writeFileSync(join(dir, 'mijn.md'), text)
  for (const [name, body] of Object.entries(partials)) writeFileSync(join(dir, name), body)
  return resolveTemplate(join(dir, 'mijn.md'))
}

async function refusal(promise: Promise<unknown>): Promise<UserError> {
  const error = await promise.then(
    () => undefined,
    (error_: unknown) => error_,
  )
  expect(error).toBeInstanceOf(UserError)
  return error as UserError
}

describe('escapeInline: words from a note stay words in Markdown', () => {
  it.each([
    ['**vet**', String.raw`\*\*vet\*\*`],
    ['[klik](javascript:alert(1))', String.raw`\[klik\](javascript:alert(1))`],
    ['<script>alert(1)</script>', String.raw`\<script\>alert(1)\</script\>`],
    ['a | b', String.raw`a \| b`],
    ['# kop', String.raw`\# kop`],
    ['- punt', String.raw`\- punt`],
    ['1. eerste', String.raw`1\. eerste`],
    ['---\t---', '\\---\t---'],
    ['-:', '\\-:'],
    ['&lt;b&gt;', String.raw`\&lt;b\&gt;`],
    ['regel een\nregel twee', 'regel een regel twee'],
    ['zie https://gemeente.nl en www.wijk.nl', String.raw`zie https\://gemeente.nl en www\.wijk.nl`],
    ['mail jan@voorbeeld.nl', String.raw`mail jan\@voorbeeld.nl`],
    ['    ingesprongen  ', 'ingesprongen'],
  ])('%j', (input, expected) => {
    expect(escapeInline(input)).toBe(expected)
  })

  it('leaves ordinary Dutch text, numbers and dates alone', () => {
    expect(escapeInline('Geëerde “burger” – ‘ideeën’ … 8.940 op 2026-03-15, -17,5')).toBe('Geëerde “burger” – ‘ideeën’ … 8.940 op 2026-03-15, -17,5')
    expect(escapeInline(null)).toBe('')
    expect(escapeInline(42)).toBe('42')
  })

  it('makes a quote a block quote with the attribution as its own paragraph', () => {
    expect(quoteBlock('Eerste alinea.\n\n# Tweede *alinea*', 'moeder, halteplaats Noord')).toBe(
      '> Eerste alinea.\n>\n> \\# Tweede \\*alinea\\*\n>\n> — moeder, halteplaats Noord',
    )
  })
})

describe('formatting for Dutch readers', () => {
  it('writes dates, numbers and shares the Dutch way', () => {
    expect(dutchDate('2026-03-15')).toBe('15 maart 2026')
    expect(dutchNumber(12_345.67)).toBe('12.345,7')
    expect(percent(0.425)).toBe('43%')
  })
})

describe('renderTemplate', () => {
  it('fills fields, escapes them, and offers the kit filters', async () => {
    const source = template(
      '# {{ titel }}\n\n{{ notitie }}\n\n{{ tekst | markdown }}\n\n{{ citaat | citaat: bron }}\n\n{{ lijst | opsomming }}; {{ datum | datum }}; {{ aandeel | procent }}; {{ getal | getal }}\n',
    )
    const markdown = await renderTemplate(source, {
      aandeel: 0.5,
      bron: 'oudere inwoner, halteplaats Noord',
      citaat: 'Ik ben een *nummer*.',
      datum: '2026-12-01',
      getal: 1234.5,
      lijst: ['Noord', 'Het Dorp', 'De Kust'],
      notitie: '<img src=x onerror=alert(1)>',
      tekst: 'Een **vette** bevinding.',
      titel: 'Rapport',
    })
    expect(markdown).toContain('# Rapport')
    expect(markdown).toContain(String.raw`\<img src=x onerror=alert(1)\>`)
    expect(markdown).toContain('Een **vette** bevinding.')
    expect(markdown).toContain('> Ik ben een \\*nummer\\*.\n>\n> — oudere inwoner, halteplaats Noord')
    expect(markdown).toContain('Noord, Het Dorp en De Kust; 1 december 2026; 50%; 1.234,5')
  })

  it('finds partials beside the template before those of the kit', async () => {
    const source = template("{% render '_deel', naam: naam %}", {'_deel.md': 'Hallo {{ naam }}'})
    expect(await renderTemplate(source, {naam: 'Noord'})).toBe('Hallo Noord')
  })

  it('names the file and line of an unknown field', async () => {
    const source = template('# Titel\n\nTekst\n{{ studie.tittel }}\n')
    const error = await refusal(renderTemplate(source, {studie: {titel: 'x'}}))
    expect(error.message).toMatch(/mijn\.md:4:\d+: dit veld bestaat niet/)
    expect(error.hint).toContain('templates/README.md')
  })

  it('names the file and line of an unknown filter and of a tag left open', async () => {
    const filter = await refusal(renderTemplate(template('regel 1\n{{ titel | vetgedrukt }}'), {titel: 'x'}))
    expect(filter.message).toMatch(/mijn\.md:2:\d+: dit filter bestaat niet/)
    const open = await refusal(renderTemplate(template('a\nb\n{% for x in lijst %}\n{{ x }}\n'), {lijst: [1]}))
    expect(open.message).toMatch(/mijn\.md:3:\d+/)
  })

  it('refuses a template that does not exist or is not Markdown', () => {
    expect(() => resolveTemplate('/bestaat/niet.md')).toThrow(/bestaat niet/)
    const dir = tempDir()
    writeFileSync(join(dir, 'sjabloon.txt'), 'x')
    expect(() => resolveTemplate(join(dir, 'sjabloon.txt'))).toThrow(/geen Markdown/)
  })
})

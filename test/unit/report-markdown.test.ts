import {mkdtempSync, readFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {Lexer, type Tokens} from 'marked'
import {describe, expect, it} from 'vitest'

import {renderMarkdown, writeMarkdown} from '../../src/report/markdown/write.js'
import {CHARTS, makeDocument} from '../fixtures/report/document.js'

const tokensOf = (markdown: string) => Lexer.lex(markdown, {gfm: true})

describe('renderMarkdown', () => {
  it('turns every directive into plain Markdown', async () => {
    const markdown = await renderMarkdown(makeDocument())
    expect(markdown).not.toMatch(/```(omslag|inhoud|nieuwe-pagina|grafiek)/)
    expect(markdown).not.toMatch(/\n\n\n/)
    expect(markdown.startsWith('# Karavaan langs aan- en afgehaakt Veenstad\n\n*Vertrouwen en wantrouwen in vier halteplaatsen: bevindingen, reflectie en advies*\n\n')).toBe(true)
    expect(markdown).toContain('Opdrachtgever: Gemeente Veenstad\\\nAuteur: Projectteam Karavaan Veenstad\\\nDatum: 23 november 2026\n')
  })

  it('lists the headings of level 1 and 2 as links that land on them', async () => {
    const doc = makeDocument({markdown: '```omslag\n```\n\n```inhoud\n```\n\n# Één wijk, twee werelden\n\n## Ouders & kinderen\n\n### Niet in de inhoud\n\n# Één wijk, twee werelden\n\n## Karavaan langs aan- en afgehaakt Veenstad\n'})
    const markdown = await renderMarkdown(doc)
    expect(markdown).toContain(
      [
        '**Inhoud**',
        '',
        '- [Één wijk, twee werelden](#één-wijk-twee-werelden)',
        '  - [Ouders \\& kinderen](#ouders--kinderen)',
        '- [Één wijk, twee werelden](#één-wijk-twee-werelden-1)',
        // The cover's title is a heading too, so this one is the second of its name.
        '  - [Karavaan langs aan- en afgehaakt Veenstad](#karavaan-langs-aan--en-afgehaakt-veenstad-1)',
      ].join('\n'),
    )
  })

  it('gives each chart as a table of its numbers under a numbered caption', async () => {
    const markdown = await renderMarkdown(makeDocument())
    expect(markdown).toContain(
      [
        '*Figuur 1. Narratieven per halteplaats (aantal notities)*',
        '',
        '|  | Niet gehoord | Geen regie | Afgehaakt |',
        '| --- | ---: | ---: | ---: |',
        '| Noord | 12 | 4 | 2 |',
        '| Oude Haven | 8 | 7 | 3 |',
        '| Ërmelo-Dorp | 5 | 3 | 6 |',
        '| Kanaalzone | 9 | 6 | 1,5 |',
      ].join('\n'),
    )
    expect(markdown).toContain('*Figuur 2. Narratieven per groep (aantal notities)*\n\n|  | Niet gehoord | Geen gelijkwaardigheid |')
  })

  it('keeps names with Markdown or HTML in them as their literal text', async () => {
    const names = ['Noord | Zuid', '<script>alert(1)</script>', '*vet* en [link](javascript:x)', 'A&amp;B \\ `c`']
    const charts = {evil: {...CHARTS['narratief-halteplaats'], categories: names, series: [{name: 'x|y', values: [1, 2, 3, 4]}]}}
    const markdown = await renderMarkdown({...makeDocument({markdown: '```grafiek\nevil\n```'}), charts})
    const table = tokensOf(markdown).find((token) => token.type === 'table') as Tokens.Table
    expect(table.header.map((cell) => cell.text)).toHaveLength(2)
    const rendered = table.rows.map((row) => {
      expect(row).toHaveLength(2)
      return new Lexer().inlineTokens(row[0].text).map((token) => (token.type === 'escape' || token.type === 'text' ? token.text : `[${token.type}]`)).join('')
    })
    expect(rendered).toEqual(names)
  })

  it('leaves the rest of the template exactly as it was', async () => {
    const rest = 'Tekst met <b>HTML</b>, [een link](https://www.movisie.nl/) en „citaat”.\n\n```js\nconst x = 1\n```\n\n> Een citaat.\n>\n> — jongere, halteplaats Oost\n'
    const markdown = await renderMarkdown(makeDocument({markdown: `\`\`\`nieuwe-pagina\n\`\`\`\n\n${rest}\n\`\`\`nieuwe-pagina\n\`\`\`\n`}))
    expect(markdown).toBe(rest)
  })

  it('says a draft is a draft', async () => {
    expect(await renderMarkdown(makeDocument({meta: {draft: true}}))).toMatch(/^> \*\*CONCEPT\*\* — dit rapport is nog niet definitief\.\n\n# Karavaan/)
    expect(await renderMarkdown(makeDocument())).not.toContain('CONCEPT')
  })

  it('refuses a chart id the document does not have', async () => {
    await expect(renderMarkdown(makeDocument({markdown: '```grafiek\nonbekend\n```'}))).rejects.toThrow("De grafiek 'onbekend' bestaat niet.")
  })
})

describe('writeMarkdown', () => {
  it('writes the file and reports its size', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'karavaan-md-')), 'eindrapport.md')
    const result = await writeMarkdown(makeDocument(), out)
    const written = readFileSync(out, 'utf8')
    expect(written).toContain('# Samenvatting')
    expect(result).toEqual({bytes: Buffer.byteLength(written)})
  })
})

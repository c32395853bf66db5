import fc from 'fast-check'
import {type Token} from 'marked'
import {readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {isUserError} from '../../src/errors.js'
import {decodeNoteBytes} from '../../src/notes/decode.js'
import {checkNoteFields, type RawNoteFields} from '../../src/notes/fields.js'
import {splitFrontMatter} from '../../src/notes/frontmatter.js'
import {searchNotes, toFtsQuery} from '../../src/notes/search.js'
import {renderTemplate} from '../../src/report/engine.js'
import {escapeInline, quoteBlock} from '../../src/report/markdown-escape.js'
import {resolveTemplate} from '../../src/report/templates.js'
import {addNote} from '../../src/notes/service.js'
import {openStore} from '../../src/store/open.js'
import type {Store} from '../../src/store/store.js'
import {loadStudy, type Study} from '../../src/study/load.js'
import {parseStudyText} from '../../src/study/parse.js'
import {CueSyntaxError, parseCue} from '../../src/method/cue-syntax.js'
import {EXAMPLE, makeStudy, tempDir} from '../helpers/cli.js'

// The parsers that read what users and other people's files give the kit. Whatever they get,
// they answer with a result or a Dutch user error, never with a crash.

const RUNS = {numRuns: 300}

/** Calls fn; any error other than the expected kind fails the property. */
function onlyUserErrors(fn: () => unknown, expected: (error: unknown) => boolean = isUserError): void {
  try {
    fn()
  } catch (error) {
    if (!expected(error)) throw error
    expect((error as Error).message.length).toBeGreaterThan(0)
  }
}

/** Text with the characters that matter to these parsers, mixed with any Unicode. */
const syntaxy = (alphabet: string) =>
  fc.oneof(
    fc.string({unit: fc.constantFrom(...alphabet.split('')), maxLength: 80}),
    fc.string({maxLength: 80, unit: 'grapheme'}),
    fc.string({maxLength: 40, unit: 'binary'}),
  )

describe('front matter', () => {
  const yamlish = syntaxy('-:[]{}&*!|>\'"#%@`,? \n\tabc019')
  const keys = fc.constantFrom('halteplaats', 'group', 'activity', 'date', 'interviewer', 'participants', 'roles', 'themes', 'narratives', 'onbekend', '<<', '"', '')

  it('splits any text without throwing', () => {
    fc.assert(fc.property(yamlish, (text) => void splitFrontMatter(text)), RUNS)
  })

  it('splits any front matter block without throwing, and its values pass the field check without a crash', async () => {
    const study = await loadStudy(makeStudy())
    const block = fc.array(fc.tuple(keys, yamlish), {maxLength: 8}).map((pairs) => `---\n${pairs.map(([k, v]) => `${k}: ${v.replaceAll('\n', ' ')}`).join('\n')}\n---\nDe tekst.`)
    fc.assert(
      fc.property(block, (text) => {
        const front = splitFrontMatter(text)
        expect(front).toBeDefined()
        if (front!.problems.length === 0) checkNoteFields(study, {...front!.values, text: front!.body} as RawNoteFields)
      }),
      RUNS,
    )
  })
})

describe('note bytes', () => {
  it('decodes any bytes to text or a problem, never a crash', () => {
    fc.assert(
      fc.property(fc.uint8Array({maxLength: 2000}), (bytes) => {
        const decoded = decodeNoteBytes(bytes)
        expect(typeof decoded.text).toBe('string')
        if (!decoded.problem) expect(decoded.text).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/)
      }),
      RUNS,
    )
  })
})

describe('search queries', () => {
  let dir: string
  let store: Store
  let study: Study
  beforeAll(async () => {
    dir = makeStudy()
    study = await loadStudy(dir)
    store = openStore(dir, study.id)
    const base = {date: '2026-04-01', group: 'ouderen', halteplaats: 'noord', interviewer: 'anna'}
    for (const text of ['Het loket is dicht.', 'Ik ben een nummer voor de gemeente.', 'Geëmigreerd naar het dorp; "niemand luistert".']) addNote(store, study, {...base, text})
  })
  afterAll(() => store.close())

  const query = syntaxy('"*()^:+-{}[]ANDORNOTnear loket nummer \\\'')
  const operators = fc.array(fc.constantFrom('AND', 'OR', 'NOT', 'NEAR', 'loket', 'nummer*', '"een nummer"', '(', ')', '*', '"', '-', ':', '^', 'l*'), {maxLength: 7}).map((words) => words.join(' '))

  it('turns any input into an FTS5 query or a user error', () => {
    fc.assert(fc.property(fc.oneof(query, operators), (input) => onlyUserErrors(() => toFtsQuery(input))), RUNS)
  })

  it('runs any input against a real index without an error other than a user error', () => {
    fc.assert(fc.property(fc.oneof(query, operators), (input) => onlyUserErrors(() => searchNotes(store, input))), RUNS)
  })
})

describe('cues in the method file', () => {
  const cue = syntaxy('*|()~&.… -\'’abcloketnummer')
  it('parses any cue or says what is wrong with it in Dutch', () => {
    fc.assert(fc.property(cue, (source) => onlyUserErrors(() => parseCue(source), (error) => error instanceof CueSyntaxError)), RUNS)
  })
})

describe('study.yaml', () => {
  const valid = readFileSync(join(EXAMPLE, 'study.yaml'), 'utf8')

  it('parses any text or refuses it with a user error', () => {
    fc.assert(fc.property(syntaxy('-:[]{}&*!|>\'"#%@`,? \n\tabc019'), (text) => onlyUserErrors(() => parseStudyText(text, 'study.yaml'))), RUNS)
  })

  it('parses any small change of a valid study.yaml or refuses it with a user error', () => {
    const edit = fc.tuple(fc.nat({max: valid.length}), fc.nat({max: 20}), fc.string({maxLength: 12, unit: fc.constantFrom(...'-:[]{}&*!|> \n\'"#0aZ\u0000é'.split(''))}))
    fc.assert(
      fc.property(fc.array(edit, {maxLength: 4}), (edits) => {
        let text = valid
        for (const [at, remove, insert] of edits) text = text.slice(0, at) + insert + text.slice(at + remove)
        onlyUserErrors(() => parseStudyText(text, 'study.yaml'))
      }),
      RUNS,
    )
  })
})

describe('words from notes in a report', () => {
  // What the escaped text of a note may become in Markdown: words and quotes, nothing else.
  const PLAIN = new Set(['blockquote', 'escape', 'paragraph', 'space', 'text'])
  const markup = (markdown: string) => {
    const types: string[] = []
    const walk = (tokens: Token[]) => {
      for (const token of tokens) {
        types.push(token.type)
        if ('tokens' in token && token.tokens) walk(token.tokens)
      }
    }

    walk(marked.lexer(markdown, {gfm: true}))
    return types.filter((type) => !PLAIN.has(type))
  }

  let marked: typeof import('marked').marked
  beforeAll(async () => {
    ;({marked} = await import('marked'))
  })

  const words = fc.constantFrom('https://gemeente.nl/loket', 'www.wijk.nl', 'jan@voorbeeld.nl', '<b>', '&amp;', '1.', '10)', '- ', '# ', '> ', '===', '---', '| a |', '```', '~~', '    ', '\t', '![a](b)', '[x]: /y')
  const note = fc.oneof(
    syntaxy('#>*_-+=`~[]()<>!|&\\:/.@ 1a\n\t'),
    fc.array(fc.oneof(words, fc.string({maxLength: 6})), {maxLength: 8}).map((parts) => parts.join('')),
  )

  it('escapeInline keeps any text plain, wherever a template puts it on a line', () => {
    fc.assert(
      fc.property(note, note, (a, b) => {
        for (const markdown of [escapeInline(a), `Groep: ${escapeInline(a)}`, `${escapeInline(a)}\n${escapeInline(b)}`, `> ${escapeInline(a)}`]) {
          expect(markup(markdown), JSON.stringify(markdown)).toEqual([])
        }
      }),
      RUNS,
    )
  })

  it('quoteBlock makes any text and attribution a block quote of plain paragraphs', () => {
    fc.assert(
      fc.property(note, fc.option(note, {nil: undefined}), (text, attribution) => {
        const markdown = quoteBlock(text, attribution)
        expect(markup(markdown), JSON.stringify(markdown)).toEqual([])
      }),
      RUNS,
    )
  })

  it('renderTemplate fills a template with any data, or refuses with a user error', async () => {
    const dir = tempDir()
    writeFileSync(
      join(dir, 'klein.md'),
      [
        '# {{ titel }}',
        '{{ datum | datum }}, {{ aantal | getal }} gesprekken ({{ aandeel | procent }}) in {{ plaatsen | opsomming }}.',
        '{% for notitie in notities %}{{ notitie.tekst | citaat: notitie.bron }}',
        '{% if notitie.groep %}{{ notitie.groep }}{% endif %}{% endfor %}',
        '{{ advies | markdown }}',
      ].join('\n'),
    )
    const source = resolveTemplate(join(dir, 'klein.md'))
    const value = fc.jsonValue({maxDepth: 2})
    const data = fc.record(
      {
        aandeel: value,
        aantal: value,
        advies: value,
        datum: fc.oneof(fc.constantFrom('2026-03-15', '2026-02-30', ''), value),
        notities: fc.oneof(fc.array(fc.record({bron: value, groep: value, tekst: value}, {requiredKeys: ['tekst']}), {maxLength: 4}), value),
        plaatsen: value,
        titel: value,
      },
      // Mostly all there, so that many runs get past the first missing variable.
      {requiredKeys: ['aandeel', 'aantal', 'datum', 'notities', 'plaatsen', 'titel']},
    )
    let filled = 0
    await fc.assert(
      fc.asyncProperty(data, async (input) => {
        try {
          expect(typeof (await renderTemplate(source, input))).toBe('string')
          filled++
        } catch (error) {
          if (!isUserError(error)) throw error
          expect(error.message).toContain('klein.md')
        }
      }),
      RUNS,
    )
    // Not every run may end in a refusal: the data fits the template often enough to be filled in.
    expect(filled).toBeGreaterThan(0)
  })
})

import fc from 'fast-check'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {isUserError} from '../../src/errors.js'
import {decodeNoteBytes} from '../../src/notes/decode.js'
import {checkNoteFields, type RawNoteFields} from '../../src/notes/fields.js'
import {splitFrontMatter} from '../../src/notes/frontmatter.js'
import {searchNotes, toFtsQuery} from '../../src/notes/search.js'
import {addNote} from '../../src/notes/service.js'
import {openStore} from '../../src/store/open.js'
import type {Store} from '../../src/store/store.js'
import {loadStudy, type Study} from '../../src/study/load.js'
import {parseStudyText} from '../../src/study/parse.js'
import {CueSyntaxError, parseCue} from '../../src/tagging/cue-syntax.js'
import {EXAMPLE, makeStudy} from '../helpers/cli.js'

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

import {describe, expect, it} from 'vitest'

import {decodeNoteBytes} from '../../src/notes/decode.js'
import {splitFrontMatter} from '../../src/notes/frontmatter.js'
import {toFtsQuery} from '../../src/notes/search.js'

describe('search queries', () => {
  it('quotes words and keeps phrases, prefixes and operators', () => {
    expect(toFtsQuery('loket')).toBe('"loket"')
    expect(toFtsQuery('geen loket')).toBe('"geen" "loket"')
    expect(toFtsQuery('"geen loket"')).toBe('"geen loket"')
    expect(toFtsQuery('vertrouw*')).toBe('"vertrouw"*')
    expect(toFtsQuery('loket OR balie')).toBe('"loket" OR "balie"')
    expect(toFtsQuery('wijk-agent')).toBe('"wijk" "agent"')
    expect(toFtsQuery('"NEAR(" loket')).toBe('"NEAR" "loket"')
  })

  it('refuses what FTS5 could not read, in Dutch', () => {
    expect(() => toFtsQuery('')).toThrow(/Geef een zoekopdracht/)
    expect(() => toFtsQuery('"open')).toThrow(/afsluitend aanhalingsteken/)
    expect(() => toFtsQuery('OR loket')).toThrow(/niets verbindt/)
    expect(() => toFtsQuery('a*')).toThrow(/te kort/)
  })
})

describe('note files', () => {
  it('decodes UTF-8 with BOM and CRLF, and Windows-1252 with curly quotes', () => {
    expect(decodeNoteBytes(Buffer.from('\uFEFFa\r\nb', 'utf8'))).toEqual({converted: undefined, text: 'a\nb'})
    const cp1252 = Buffer.from([0x93, 0x63, 0x61, 0x66, 0xe9, 0x94, 0x20, 0x96, 0x20, 0x80])
    expect(decodeNoteBytes(cp1252)).toEqual({converted: 'windows-1252', text: '“café” – €'})
    expect(decodeNoteBytes(Buffer.from([0x61, 0x00, 0x62])).problem).toMatch(/geen tekstbestand/)
    expect(decodeNoteBytes(Buffer.alloc(10, 0x61), 5).problem).toMatch(/hoogstens/)
  })

  it('splits front matter with the line of each key, counted in the whole file', () => {
    const front = splitFrontMatter('---\nhalteplaats: noord\ngroup: moeders\nextra: 1\n---\nTekst\nregel 2')!
    expect(front.values).toEqual({extra: 1, group: 'moeders', halteplaats: 'noord'})
    expect(front.keyLines).toEqual({extra: 4, group: 3, halteplaats: 2})
    expect(front.body).toBe('Tekst\nregel 2')
    expect(front.problems).toEqual([{field: 'extra', line: 4, message: expect.stringMatching(/onbekend veld "extra"/)}])
    expect(splitFrontMatter('Geen front matter')).toBeUndefined()
    expect(splitFrontMatter('---\nhalteplaats: noord\n')!.problems[0].message).toMatch(/nergens een tweede regel met ---/)
    expect(splitFrontMatter('---\na: 1\na: 2\n---\n')!.problems[0]).toMatchObject({line: 3})
  })
})

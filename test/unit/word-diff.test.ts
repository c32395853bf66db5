import {describe, expect, it} from 'vitest'

import {diffWords, wordsDiffer} from '../../src/records/word-diff.js'
import {baseVersion, type Content, describeFieldChanges, renderChange, renderTextChange, versionName} from '../../src/ui/diff-view.js'

/** The old and the new text back from the parts: what a diff must never lose. */
function sides(parts: ReturnType<typeof diffWords>): {after: string; before: string} {
  const words = (kinds: string[]) => parts.filter((p) => kinds.includes(p.kind)).map((p) => p.text).join('').split(/\s+/).filter(Boolean).join(' ')
  return {after: words(['same', 'added']), before: words(['same', 'removed'])}
}

describe('diffWords: what changed, word by word', () => {
  it('finds a replaced word, an added and a removed one', () => {
    expect(diffWords('de bus rijdt niet meer', 'de bus rijdt nooit meer')).toEqual([
      {kind: 'same', text: 'de bus rijdt '},
      {kind: 'removed', text: 'niet '},
      {kind: 'added', text: 'nooit '},
      {kind: 'same', text: 'meer'},
    ])
    expect(diffWords('het loket is dicht', 'het loket is al jaren dicht')).toEqual([
      {kind: 'same', text: 'het loket is '},
      {kind: 'added', text: 'al jaren '},
      {kind: 'same', text: 'dicht'},
    ])
    expect(diffWords('een twee drie', 'een drie')).toEqual([
      {kind: 'same', text: 'een '},
      {kind: 'removed', text: 'twee '},
      {kind: 'same', text: 'drie'},
    ])
  })

  it('sees no change in spacing or line breaks alone', () => {
    expect(wordsDiffer('a  b\nc', 'a b c')).toBe(false)
    expect(diffWords('a  b\nc', 'a b c').every((p) => p.kind === 'same')).toBe(true)
    expect(wordsDiffer('a b', 'a c')).toBe(true)
  })

  it('keeps one change whole when a lone common word sits inside a rewrite', () => {
    expect(diffWords('ze gingen naar de markt op zaterdag', 'wij liepen samen de kant van de haven op zaterdag').filter((p) => p.kind !== 'same').length).toBe(2)
  })

  it('handles an empty side and texts too long to compare word for word, losing nothing', () => {
    expect(diffWords('', 'nieuw')).toEqual([{kind: 'added', text: 'nieuw'}])
    expect(diffWords('oud', '')).toEqual([{kind: 'removed', text: 'oud'}])
    const long = (prefix: string) => Array.from({length: 2500}, (_, i) => `${prefix}${i % 37}`).join(' ')
    const before = `begin ${long('a')} eind`
    const after = `begin ${long('b')} eind`
    const started = performance.now()
    const parts = diffWords(before, after)
    expect(performance.now() - started).toBeLessThan(2000)
    expect(sides(parts)).toEqual({after, before})
    expect(parts[0]).toEqual({kind: 'same', text: 'begin '})
  })

  it('always gives back both texts', () => {
    const texts = ['', 'a', 'a b c', 'a c b', 'b a', 'de moeders zeggen dat de school te ver is', 'de school is te ver, zeggen de moeders', 'a a a b', 'b a a a']
    for (const before of texts) for (const after of texts) expect(sides(diffWords(before, after)), `${before} → ${after}`).toEqual({after: after.split(/\s+/).filter(Boolean).join(' '), before: before.split(/\s+/).filter(Boolean).join(' ')})
  })
})

describe('renderTextChange: the changed lines with their marks', () => {
  it('marks removed and added words, and shows only the paragraphs that changed', () => {
    const before = 'Eerste alinea blijft.\n\nDe bus rijdt niet meer.\n\nDerde alinea blijft ook.\n\nLaatste.'
    const after = 'Eerste alinea blijft.\n\nDe bus rijdt nooit meer.\n\nDerde alinea blijft ook.\n\nLaatste, met iets erbij.'
    expect(renderTextChange(before, after)).toEqual(['…', 'De bus rijdt [-niet-]{+nooit+} meer.', '…', '[-Laatste.-]{+Laatste, met iets erbij.+}'])
  })

  it('is empty when no word changed, and colours the marks on a terminal', () => {
    expect(renderTextChange('a b', 'a  b')).toEqual([])
    expect(renderTextChange('a b', 'a c', {colour: true})).toEqual(['a \u001B[31m[-b-]\u001B[0m\u001B[32m{+c+}\u001B[0m'])
  })
})

describe('describeFieldChanges and renderChange', () => {
  it('names each changed field with its old and new value, or what a list gained and lost', () => {
    expect(describeFieldChanges({datum: '3 maart 2026', "thema's": ['a', 'b'], interviewer: 'anna'}, {datum: '4 maart 2026', "thema's": ['b', 'c'], interviewer: 'anna'})).toEqual([
      'datum (3 maart 2026 → 4 maart 2026)',
      "thema's (+ c, − a)",
    ])
    expect(describeFieldChanges({deelnemers: ''}, {deelnemers: '6'})).toEqual(['deelnemers (– → 6)'])
  })

  it('says what a version changed, and when nothing did', () => {
    expect(renderChange({fields: {datum: '3 maart 2026'}, texts: {tekst: 'a b'}}, {fields: {datum: '4 maart 2026'}, texts: {tekst: 'a c'}})).toEqual([
      'Gewijzigd: tekst, datum (3 maart 2026 → 4 maart 2026).',
      '  a [-b-]{+c+}',
    ])
    expect(renderChange({fields: {}, texts: {titel: 'x', tekst: 'y'}}, {fields: {}, texts: {titel: 'x z', tekst: 'y'}}, {against: 'versie 2'})).toEqual([
      'Gewijzigd ten opzichte van versie 2: titel.',
      'Titel:',
      '  x {+z+}',
    ])
    expect(renderChange({fields: {a: 'x'}, texts: {tekst: 'y'}}, {fields: {a: 'x'}, texts: {tekst: 'y'}})).toEqual(['Niets gewijzigd: dezelfde inhoud opnieuw opgeslagen.'])
    expect(renderChange({fields: {a: 'x'}, texts: {tekst: 'y'}}, {fields: {a: 'x'}, texts: {tekst: 'y'}}, {against: 'versie 2 (laptop 0000000b)'})).toEqual(['Gekozen: versie 2 (laptop 0000000b), ongewijzigd.'])
  })
})

describe('versionName and baseVersion: which version a later one is shown against', () => {
  const version = (id: string, number: number, parents: string[], text: string) => ({device: `device-${id}0000000`, id, parents, text, version: number})
  const v1 = version('a', 1, [], 'een')
  const laptopB = version('b', 2, ['a'], 'twee van b')
  const laptopC = version('c', 2, ['a'], 'twee van c')
  const all = [v1, laptopB, laptopC]
  const content = (v: {text: string}): Content => ({fields: {}, texts: {tekst: v.text}})

  it('names a version by its number, and by its laptop when two laptops made that number', () => {
    expect(versionName(v1, all)).toBe('versie 1')
    expect(versionName(laptopB, all)).toBe('versie 2 (laptop b0000000)')
  })

  it('shows a version against its parent, and a settled conflict against the parent it kept', () => {
    expect(baseVersion(v1, all, content)).toBeUndefined()
    expect(baseVersion(laptopC, all, content)).toBe(v1)
    const keptC = version('d', 3, ['b', 'c'], 'twee van c')
    expect(baseVersion(keptC, [...all, keptC], content)).toBe(laptopC)
    const merged = version('e', 3, ['b', 'c'], 'samen')
    expect(baseVersion(merged, [...all, merged], content)).toBe(laptopB)
  })
})

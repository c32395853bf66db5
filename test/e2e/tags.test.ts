import Database from 'better-sqlite3'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'

import {expectRefusal, json, karavaan, makeStudy, snapshot} from '../helpers/cli.js'

interface TagJson {
  code: string
  coder: string
  deletedAt: null | string
  end: null | number
  id: string
  kind: string
  noteId: string
  origin: string
  quote: null | string
  start: null | number
}

// Accents, an emoji and Windows line breaks before the passage: positions must count code points.
const TEXT = 'Café-gesprek 🙂 met ouders.\r\nEen vader: “Ik ben gewoon een nummer bij de gemeente.”\r\nEen moeder: ik ben gewoon een nummer, zegt ze ook.'

describe('karavaan tag', () => {
  let study: string
  let note: string
  const tag = (...args: string[]) => karavaan(['tag', ...args, '--study', study])

  beforeAll(() => {
    study = makeStudy()
    note = json<{id: string}>(
      karavaan(['note', 'add', '--study', study, '--halteplaats', 'noord', '--group', 'moeders', '--date', '2026-03-11', '--interviewer', 'anna', '--text', TEXT, '--narrative', '5', '--json']),
    ).id
  })

  it('tags a whole note by narrative number or id, and does not store the same tag twice', () => {
    const first = json<TagJson>(tag('add', note.slice(-8), '4', '--coder', 'bram', '--json'))
    expect(first).toMatchObject({code: 'ongehoorde-burger', coder: 'bram', end: null, kind: 'narrative', noteId: note, origin: 'coder', quote: null, start: null})
    const again = tag('add', note, 'ongehoorde-burger', '--coder', 'bram')
    expect(again.stdout).toMatch(/^Stond er al/)
    expect(json<TagJson[]>(tag('list', '--coder', 'bram', '--json'))).toHaveLength(1)
  })

  it('tags a passage by its exact words, counting code points across accents, emoji and \\r\\n', () => {
    const quote = 'Ik ben gewoon een nummer bij de gemeente.'
    const t = json<TagJson>(tag('add', note, 'onzichtbare-burger', '--quote', quote, '--coder', 'bram', '--json'))
    const stored = [...TEXT.replaceAll('\r\n', '\n')]
    expect(t.start).toBe(stored.join('').indexOf(quote) - 1) // the emoji is one code point but two UTF-16 units
    expect(stored.slice(t.start!, t.end!).join('')).toBe(quote)
    expect(t.quote).toBe(quote)
  })

  it('tags a passage by start and end, also with a theme', () => {
    const t = json<TagJson>(tag('add', note, 'voorzieningen', '--start', '0', '--end', '14', '--coder', 'anna', '--json'))
    expect(t).toMatchObject({code: 'voorzieningen', kind: 'theme', quote: 'Café-gesprek 🙂', start: 0, end: 14})
  })

  it('asks which one when the words occur twice, and takes --occurrence', () => {
    expectRefusal(tag('add', note, '2', '--quote', 'een nummer', '--coder', 'anna'), 1, /staat 2 keer in de notitie/, /--occurrence/)
    const second = json<TagJson>(tag('add', note, '2', '--quote', 'een nummer', '--occurrence', '2', '--coder', 'anna', '--json'))
    expect(second.start).toBeGreaterThan(60)
  })

  it('lists tags with filters, including the interviewer\'s own narratives from the note', () => {
    const all = json<TagJson[]>(tag('list', '--note', note, '--json'))
    expect(all.find((t) => t.origin === 'note')).toMatchObject({code: 'ervaren-incompetentie', coder: 'anna'})
    expect(json<TagJson[]>(tag('list', '--code', '2', '--json')).every((t) => t.code === 'onzichtbare-burger')).toBe(true)
    const human = tag('list')
    expect(human.stdout).toMatch(/4\. ongehoorde burgers?/)
    expect(human.stdout).toContain('(hele notitie)')
  })

  it('refuses bad tags with a Dutch message and changes nothing', () => {
    const before = snapshot(study)
    expectRefusal(tag('add', note, '6', '--coder', 'anna'), 1, /"6" is geen narratief en geen thema/)
    expectRefusal(tag('add', note, 'wantrouwen', '--coder', 'anna'), 1, /Narratieven: 1 onzichtbare-overheid/)
    expectRefusal(tag('add', note, '1', '--quote', 'staat er niet in', '--coder', 'anna'), 1, /staat niet letterlijk in notitie/)
    expectRefusal(tag('add', note, '1', '--start', '10', '--end', '999', '--coder', 'anna'), 1, /valt buiten de notitie/)
    expectRefusal(tag('add', note, '1', '--start', '10', '--coder', 'anna'), 1, /--start en --end allebei/)
    expectRefusal(tag('add', note, '1', '--coder', 'kees'), 1, /"kees" staat niet in het team/)
    expectRefusal(tag('add', 'ffffffff', '1', '--coder', 'anna'), 1, /geen notitie met id "ffffffff"/)
    expectRefusal(tag('add', note, '1'), 1, /Wie tagt er\?/)
    expect(snapshot(study)).toEqual(before)
  })

  it('removes a tag but keeps it in the database', () => {
    const [first] = json<TagJson[]>(tag('list', '--coder', 'bram', '--code', '4', '--json'))
    expect(tag('rm', first.id.slice(-8)).stdout).toMatch(/is weggehaald/)
    expect(json<TagJson[]>(tag('list', '--coder', 'bram', '--code', '4', '--json'))).toHaveLength(0)
    expectRefusal(tag('rm', first.id), 1, /is al verwijderd/)
    const db = new Database(join(study, 'karavaan.db'), {readonly: true})
    const row = db.prepare('SELECT deleted_at FROM tags WHERE id = ?').get(first.id) as {deleted_at: null | string}
    db.close()
    expect(row.deleted_at).not.toBeNull()
  })
})

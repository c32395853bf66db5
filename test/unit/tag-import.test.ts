import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'

import {UserError} from '../../src/errors.js'
import {openStore} from '../../src/store/open.js'
import type {Store} from '../../src/store/store.js'
import {loadStudy, type Study} from '../../src/study/load.js'
import {importTags} from '../../src/tagging/import.js'
import {exampleStudy, tempDir} from '../helpers/cli.js'

let store: Store
let study: Study
let ids: string[]

beforeAll(async () => {
  const dir = exampleStudy()
  study = await loadStudy(dir)
  store = openStore(dir, study.id)
  ids = store.notes.list().map((note) => note.id).sort()
}, 120_000)

const csv = (rows: string[]) => {
  const file = join(tempDir(), 'tags.csv')
  writeFileSync(file, `note,code,coder\n${rows.join('\n')}\n`)
  return file
}

const stored = () => ({codings: store.db.prepare('SELECT count(*) FROM codings').pluck().get(), counter: store.tags.trainingCounter(), tags: store.tags.list().length})

/** The longest start that two ids share: a short form that names neither. */
const sharedStart = (a: string, b: string) => {
  let i = 0
  while (a[i] === b[i]) i++
  return a.slice(0, i)
}

describe('karavaan tag import: which note a row names', () => {
  it('finds a note by its id (in any case), the short form at its end or start, or the path it was imported from', () => {
    const byPath = store.notes.list().find((note) => note.source === 'inbox/havenkwartier/2026-06-18-ondernemers-1.md')!
    const [full, end, start] = ids.filter((id) => id !== byPath.id)
    const unique = ids.every((id) => id === start || !id.startsWith(start.slice(0, 20)))
    expect(unique).toBe(true)
    const report = importTags(store, study, csv([`${full.toUpperCase()},1,fatima`, `${end.slice(-8)},2,fatima`, `${start.slice(0, 20)},,fatima`, `${byPath.source},5,fatima`]))
    expect(report).toEqual({coded: 4, existing: 0, tagged: 3})
    const fatima = store.tags.list({coder: 'fatima'}).filter((t) => t.origin === 'import').map((t) => [t.noteId, t.code])
    expect(fatima).toEqual(expect.arrayContaining([[full, 'onzichtbare-overheid'], [end, 'onzichtbare-burger'], [byPath.id, 'ervaren-incompetentie']]))
    expect(fatima).toHaveLength(3)
    expect(store.tags.decisions().filter((d) => d.coder === 'fatima').map((d) => d.note).sort()).toEqual([full, end, start, byPath.id].sort())
  })

  it('refuses a short form that several notes share, an unknown path and a LIKE wildcard, naming each row, and stores nothing', () => {
    const before = stored()
    const rows = [sharedStart(ids[0], ids[1]), 'inbox/bestaat-niet.md', '%', '_']
    let error: unknown
    try {
      importTags(store, study, csv([`${ids[2]},3,bram`, ...rows.map((note) => `${note},3,bram`)]))
    } catch (caught) {
      error = caught
    }

    expect(error).toBeInstanceOf(UserError)
    expect((error as UserError).message).toMatch(/: 4 regels zijn niet in orde; er is niets opgeslagen\.$/)
    expect((error as UserError).details).toEqual(rows.map((note, i) => `regel ${i + 3}: geen (unieke) notitie "${note}"; gebruik de id of het pad waarmee ze is ingelezen`))
    expect(stored()).toEqual(before)
  })

  it('counts a theme of the front matter by its interviewer, and a row given twice, as there already', () => {
    const path = 'inbox/havenkwartier/2026-06-18-ondernemers-1.md' // bram's note, with the theme wijkeconomie
    const report = importTags(store, study, csv([`${path},wijkeconomie,bram`, `${path},wijkeconomie,anna`, `${path},4,anna`, `${path},4,anna`]))
    expect(report).toEqual({coded: 2, existing: 2, tagged: 2})
    expect(store.tags.list({coder: 'anna', noteId: store.notes.bySource(path)!.id}).map((t) => t.code).sort()).toEqual(['ongehoorde-burger', 'wijkeconomie'])
  })

  it('looks ids up in memory with the answers SQLite gives, wildcards and case included', () => {
    const match = store.notes.idMatcher()
    const [a, b] = ids
    const values = [
      ...ids.slice(0, 5).flatMap((id) => [id, id.toUpperCase(), id.slice(0, 8), id.slice(-8), id.slice(-1), id.slice(0, 1), id.slice(10, 20)]),
      sharedStart(a, b), '', '%', '_', `${a.slice(0, 4)}%${a.slice(-4)}`, '_'.repeat(a.length), '_'.repeat(a.length + 1), `${a}x`, `x${a}`,
      'inbox/havenkwartier/2026-06-18-ondernemers-1.md', '-', '7', 'É',
    ]
    for (const value of values) expect(match(value), value).toEqual(store.notes.matchIds(value))
  })
})

import {beforeAll, describe, expect, it} from 'vitest'

import {buildMatrix, cellNotes, MATRIX_COLUMNS, MATRIX_ROWS} from '../../src/analysis/matrix.js'
import {codeQuotes, narrativeQuotes} from '../../src/analysis/quotes.js'
import {openStore} from '../../src/store/open.js'
import type {Store} from '../../src/store/store.js'
import {loadStudy, type Study} from '../../src/study/load.js'
import {addTag} from '../../src/tagging/tags.js'
import {exampleStudy} from '../helpers/cli.js'

describe('the notes and passages behind a cell of the matrix', () => {
  let dir: string
  let store: Store
  let study: Study

  beforeAll(async () => {
    dir = exampleStudy()
    study = await loadStudy(dir)
    store = openStore(dir, study.id)
  }, 120_000)

  it('gives as many notes for a cell as the matrix counts there, for every choice of rows and columns', () => {
    for (const rowsBy of MATRIX_ROWS) {
      for (const cols of MATRIX_COLUMNS) {
        const matrix = buildMatrix(store, study, rowsBy, cols)
        for (const row of matrix.rows) {
          for (const column of matrix.columns) {
            const notes = cellNotes(store, cols, column.id, {[rowsBy]: row.id})
            expect(notes.length, `${rowsBy} ${row.id} × ${column.id}`).toBe(row.cells[column.id].count)
          }
        }

        // The total of a group matrix leaves observations out; the others count every note.
        if (rowsBy !== 'group') for (const column of matrix.columns) expect(cellNotes(store, cols, column.id).length).toBe(matrix.total.cells[column.id].count)
      }
    }
  })

  it('gives the quotes of analyse quotes with the note and tag behind each, filtered by interviewer too', () => {
    for (const narrative of study.methodDefinition.narratives) {
      for (const halteplaats of [undefined, ...study.halteplaatsen.map((h) => h.id)]) {
        const sourced = codeQuotes(store, study, 'narrative', narrative.id, {halteplaats})
        expect(sourced.map((q) => ({activity: q.activity, attribution: q.attribution, group: q.group, halteplaats: q.halteplaats, narrative: q.code, quote: q.quote})))
          .toEqual(narrativeQuotes(store, study, narrative.id, {halteplaats}))
        for (const q of sourced) {
          const tag = store.tags.get(q.tagId)!
          expect([tag.noteId, tag.quote, tag.code, tag.kind]).toEqual([q.noteId, q.quote, narrative.id, 'narrative'])
        }
      }

      const all = codeQuotes(store, study, 'narrative', narrative.id)
      const byInterviewer = study.team.flatMap((m) => {
        const mine = codeQuotes(store, study, 'narrative', narrative.id, {interviewer: m.id})
        for (const q of mine) expect(store.notes.get(q.noteId)!.interviewer).toBe(m.id)
        return mine
      })
      expect(byInterviewer.map((q) => q.tagId).sort()).toEqual(all.map((q) => q.tagId).sort())
      // Never who interviewed: the attribution is the group (or observation) and the halteplaats.
      for (const q of all) for (const m of study.team) expect(q.attribution).not.toContain(m.name)
    }
  })

  it('gives the passages of a theme as well', () => {
    const note = store.notes.list().find((n) => n.group === 'ouderen')!
    const words = note.text.slice(0, 30)
    const {tag} = addTag(store, study, {code: 'voorzieningen', coder: 'bram', note: note.id, quote: words})
    const quotes = codeQuotes(store, study, 'theme', 'voorzieningen', {group: 'ouderen', halteplaats: note.halteplaats})
    expect(quotes).toContainEqual(expect.objectContaining({code: 'voorzieningen', kind: 'theme', noteId: note.id, quote: words, tagId: tag.id}))
  })

  it('marks every change to the database, by this connection or another process', () => {
    const before = store.meta.changeMark()
    expect(store.meta.changeMark()).toBe(before)
    store.notes.list()
    expect(store.meta.changeMark()).toBe(before)
    store.meta.set('proef', '1')
    const mine = store.meta.changeMark()
    expect(mine).not.toBe(before)
    const other = openStore(dir, study.id)
    other.meta.set('proef', '2')
    other.close()
    expect(store.meta.changeMark()).not.toBe(mine)
  })
})

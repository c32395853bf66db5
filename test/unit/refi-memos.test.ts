import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {strFromU8, unzipSync} from 'fflate'
import {describe, expect, it} from 'vitest'
import {validateXML} from 'xmllint-wasm'

import {findingsAsMemos} from '../../src/exchange/refi/memos.js'
import {exportQdpx} from '../../src/exchange/refi/project.js'
import {addNote} from '../../src/notes/service.js'
import {openStore} from '../../src/store/open.js'
import {loadStudy} from '../../src/study/load.js'
import {makeStudy, ROOT, tempDir} from '../helpers/cli.js'

// Findings reach the export through findingsAsMemos once the store has them; the project must
// stay valid with memos in it, and every note of the evidence must point at its memo.
describe('findings as REFI-QDA memos', () => {
  it('writes each finding as a memo that its evidence notes refer to, valid against Project.xsd', async () => {
    const dir = makeStudy()
    const study = await loadStudy(dir)
    const store = openStore(dir, study.id)
    try {
      const note = addNote(store, study, {date: '2026-04-01', group: 'ouderen', halteplaats: 'noord', interviewer: 'anna', text: 'Het buurthuis gaat dicht & niemand vroeg ons iets.'}).note
      const memos = findingsAsMemos(study, [
        {createdAt: '2026-05-01T10:00:00.000Z', createdBy: 'anna', id: 'f1', noteIds: [note.id], statement: 'Voorzieningen staan onder druk, maar zijn essentieel', text: 'Regel één.\r\nRegel <twee>.'},
      ])
      const file = join(tempDir(), 'memo.qdpx')
      const report = await exportQdpx(store, study, file, {memos, origin: 'test'})
      expect(report.memos).toBe(1)
      const qde = strFromU8(unzipSync(readFileSync(file))['project.qde'])
      const result = await validateXML({schema: [readFileSync(join(ROOT, 'test', 'fixtures', 'refi-qda', 'Project.xsd'), 'utf8')], xml: [{contents: qde, fileName: 'project.qde'}]})
      expect(result.errors.map((e) => e.rawMessage)).toEqual([])
      expect(qde).toContain(`<Note guid="${memos[0].guid}" name="Bevinding: Voorzieningen staan onder druk, maar zijn essentieel"`)
      expect(qde).toContain('Regel één.&#13;\nRegel &lt;twee&gt;.')
      expect(qde).toMatch(new RegExp(`<TextSource guid="${note.id}"[\\s\\S]*?<NoteRef targetGUID="${memos[0].guid}"/>`))
      expect(findingsAsMemos(study, [{id: 'f1', noteIds: [], statement: 'x'}])[0].guid).toBe(memos[0].guid)
    } finally {
      store.close()
    }
  })
})

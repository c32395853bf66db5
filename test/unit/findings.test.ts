import {beforeAll, describe, expect, it} from 'vitest'

import {UserError} from '../../src/errors.js'
import {guardTexts} from '../../src/material/guard.js'
import {addAdvice} from '../../src/material/advice.js'
import {addFinding, editFinding} from '../../src/material/findings.js'
import {addReflection} from '../../src/material/reflections.js'
import {listAdvice, listFindings, listReflections} from '../../src/material/read-model.js'
import {removeRecord} from '../../src/records/trash.js'
import {resolveEvidence} from '../../src/material/evidence.js'
import {addNote} from '../../src/notes/service.js'
import {openStore} from '../../src/store/open.js'
import type {Store} from '../../src/store/store.js'
import {loadStudy, type Study} from '../../src/study/load.js'
import {addTag} from '../../src/tagging/tags.js'
import {makeStudy} from '../helpers/cli.js'

const TEXT = 'Een oudere vrouw: “Het loket is dicht.” Daarna: “De buurtkok is er elke week.”'

describe('findings service', () => {
  let store: Store
  let study: Study
  let noteId: string

  beforeAll(async () => {
    const dir = makeStudy()
    study = await loadStudy(dir)
    store = openStore(dir, study.id)
    noteId = addNote(store, study, {date: '2026-03-11', group: 'ouderen', halteplaats: 'dorp', interviewer: 'anna', text: TEXT}).note.id
    addTag(store, study, {code: '1', coder: 'bram', note: noteId, quote: 'Het loket is dicht.'})
  })

  it('turns quoted words into the tag that holds them, or into a passage of the note', () => {
    const tagged = resolveEvidence(store, {note: noteId, quote: 'Het loket is dicht.'})
    expect(tagged.tagId).not.toBeNull()
    expect(tagged.quote).toBeNull()
    const passage = resolveEvidence(store, {note: noteId.slice(-8), quote: 'De buurtkok is er elke week.'})
    expect(passage).toMatchObject({noteId, quote: 'De buurtkok is er elke week.', tagId: null})
    expect([...TEXT].slice(passage.start!, passage.end!).join('')).toBe('De buurtkok is er elke week.')
    expect(() => resolveEvidence(store, {note: noteId, quote: 'niet in de tekst'})).toThrow(/staat niet letterlijk/)
  })

  it('lists findings with resolved evidence and attribution by group and halteplaats only', () => {
    const {record} = addFinding(store, study, {evidence: [{note: noteId, quote: 'Het loket is dicht.'}, {note: noteId}], halteplaatsen: ['dorp'], title: 'Loket gemist'})
    const [listed] = listFindings(store, study, {halteplaats: 'dorp'})
    expect(listed.id).toBe(record.id)
    expect(listed.draft).toBe(false)
    expect(listed.evidence.map((e) => [e.kind, e.attribution, e.quote, e.code])).toEqual([
      ['tag', 'oudere inwoner, halteplaats Het Dorp', 'Het loket is dicht.', 'onzichtbare-overheid'],
      ['notitie', 'oudere inwoner, halteplaats Het Dorp', null, null],
    ])
    expect(listFindings(store, study, {halteplaats: 'noord'})).toEqual([])
  })

  it('stores nothing for an edit that changes nothing, whatever the order of the values', () => {
    const {record} = addFinding(store, study, {themes: ['voorzieningen', 'nabije-overheid'], title: 'Zelfde'})
    expect(editFinding(store, study, record.id, {themes: ['voorzieningen', 'nabije-overheid'], title: ' Zelfde '}).change).toBe('ongewijzigd')
    expect(store.findings.versions(record.id)).toHaveLength(1)
  })

  it('gives reflections and advice with the findings they concern, leaving out findings in the trash', () => {
    const a = addFinding(store, study, {title: 'A'}).record
    const b = addFinding(store, study, {title: 'B'}).record
    addReflection(store, study, {confirmed: 'Klopt.', confirmedFindings: [a.id, b.id], date: '2026-10-01', halteplaats: 'kust', participants: ['bewoners:3', 'bewoners:2', 'ambtenaren']})
    addAdvice(store, study, {audience: 'rijksoverheid', findings: [b.id, a.id], title: 'Doe iets'})
    removeRecord(store, 'finding', a.id)
    const [reflection] = listReflections(store, {halteplaats: 'kust'})
    expect(reflection.confirmed.findings).toEqual([b.id])
    expect(reflection.participants).toEqual([{count: 5, role: 'bewoners'}, {count: null, role: 'ambtenaren'}])
    expect(listAdvice(store, {audience: 'rijksoverheid'}).map((x) => x.findings)).toEqual([[b.id]])
  })

  it('lets the names of the study\'s places and team through the privacy guard, not a respondent\'s', () => {
    expect(guardTexts(study, 'X', {tekst: 'In Het Dorp en Den Helder sprak Anna Visser met ouderen.'}, 'refuse', null).hits).toEqual([])
    expect(() => guardTexts(study, 'De bevinding', {tekst: 'Mail naar piet@example.nl'}, 'refuse', null)).toThrow(UserError)
  })
})

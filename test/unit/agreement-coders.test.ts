import {beforeAll, describe, expect, it} from 'vitest'

import {agreementVerdict, mainMeasure} from '../../src/analysis/agreement.js'
import {UserError} from '../../src/errors.js'
import {openStore} from '../../src/store/open.js'
import type {Store} from '../../src/store/store.js'
import {loadStudy, type Study} from '../../src/study/load.js'
import {agreementCoders, coderMarks, studyAgreement} from '../../src/tagging/agreement.js'
import {suggestNarratives} from '../../src/tagging/suggest.js'
import {addTag, removeTag} from '../../src/tagging/tags.js'
import {exampleStudy} from '../helpers/cli.js'

let store: Store
let study: Study

beforeAll(async () => {
  const dir = exampleStudy()
  study = await loadStudy(dir)
  store = openStore(dir, study.id)
}, 120_000)

describe('the coders of tag agreement, for the workspace', () => {
  it('lists the interviewers, every coder with a decision, and the kit', () => {
    expect(agreementCoders(store, study)).toEqual(['interviewer', 'joost', 'kit'])
    const note = store.notes.list()[0]
    addTag(store, study, {code: '2', coder: 'bram', note: note.id})
    expect(agreementCoders(store, study)).toEqual(['interviewer', 'bram', 'joost', 'kit'])
  })

  it('gives per coder the marks behind their decisions: front matter, own tags, the kit\'s sentences', () => {
    const joosts = store.tags.list({coder: 'joost', kind: 'narrative'})
    const note = store.notes.get(joosts[0].noteId)!
    const marks = coderMarks(store, study, note, ['interviewer', 'joost', 'kit'])
    expect(marks.get('interviewer')!.map((m) => m.narrative).sort()).toEqual([...note.narratives].sort())
    expect(marks.get('interviewer')!.every((m) => m.start === null && m.tag?.origin === 'note')).toBe(true)
    expect(marks.get('joost')!.map((m) => m.tag!.id).sort()).toEqual(joosts.filter((t) => t.noteId === note.id).map((t) => t.id).sort())
    const kit = suggestNarratives(note.text, study.methodDefinition)
    expect(marks.get('kit')!.map((m) => [m.narrative, m.start, m.end])).toEqual(kit.map((s) => [s.narrative, s.start, s.end]))
    expect(marks.get('kit')!.every((m) => m.tag === null && m.quote === [...note.text].slice(m.start!, m.end!).join(''))).toBe(true)

    // What the marks say agrees with the decisions studyAgreement counts.
    const report = studyAgreement(store, study, ['interviewer', 'joost'])
    for (const d of report.disagreements.filter((x) => x.note === note.id)) {
      for (const coder of d.tagged) expect(marks.get(coder)!.some((m) => m.narrative === d.narrative)).toBe(true)
      for (const coder of d.notTagged) expect(marks.get(coder)!.some((m) => m.narrative === d.narrative)).toBe(false)
    }
  })

  it('reads every change to the decisions, also when asked again without one in between', () => {
    const note = store.notes.list()[3]
    const mine = () => store.tags.decisions().find((d) => d.note === note.id && d.coder === 'fatima')
    expect(mine()).toBeUndefined()
    const {tag} = addTag(store, study, {code: '5', coder: 'fatima', note: note.id})
    expect(mine()?.narratives).toEqual(['ervaren-incompetentie'])
    // A caller may add to the list it gets; the next caller does not see that.
    store.tags.decisions().push({coder: 'x', narratives: [], note: note.id})
    expect(store.tags.decisions().some((d) => d.coder === 'x')).toBe(false)
    removeTag(store, tag.id)
    expect(mine()?.narratives).toEqual([])
  })

  it('refuses the same coder twice: agreement with oneself says nothing', () => {
    expect(() => studyAgreement(store, study, ['joost', 'joost'])).toThrow(UserError)
  })

  it('words the verdict as tag agreement does, on kappa for two coders and alpha for more', () => {
    expect([0.81, 0.8, 0.61, 0.6, 0.41, 0.4, -0.2, null].map(agreementVerdict)).toEqual(['uitstekend', 'goed', 'goed', 'matig', 'matig', 'zwak', 'zwak', ''])
    expect(mainMeasure({coders: ['a', 'b']}, {alpha: 0.5, kappa: 0.7})).toBe(0.7)
    expect(mainMeasure({coders: ['a', 'b', 'c']}, {alpha: 0.5, kappa: null})).toBe(0.5)
  })
})

import {existsSync, readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'

import {addNote, editNote} from '../../src/notes/service.js'
import {openStore} from '../../src/store/open.js'
import {loadStudy} from '../../src/study/load.js'
import {modelFile, studyModel} from '../../src/tagging/study-model.js'
import {addTag, removeTag} from '../../src/tagging/tags.js'
import {makeStudy} from '../helpers/cli.js'

describe('the store’s training counter', () => {
  it('changes with every change the model learns from, and not when nothing changed', async () => {
    const dir = makeStudy()
    const study = await loadStudy(dir)
    const store = openStore(dir, study.id)
    try {
      const base = {date: '2026-04-01', group: 'ouderen', halteplaats: 'noord', interviewer: 'anna'}
      const seen = new Set<string>()
      const changed = () => {
        const now = store.tags.trainingCounter()
        const fresh = !seen.has(now)
        seen.add(now)
        return fresh
      }

      expect(changed()).toBe(true)
      expect(changed()).toBe(false)
      const note = addNote(store, study, {...base, text: 'Het loket is dicht.'}).note
      expect(changed()).toBe(true)
      const {tag} = addTag(store, study, {code: '1', coder: 'bram', note: note.id})
      expect(changed()).toBe(true)
      removeTag(store, tag.id)
      expect(changed()).toBe(true)
      store.tags.markCoded(note.id, 'carla')
      expect(changed()).toBe(true)
      const rejection = store.rejections.insert({coder: 'bram', end: 19, narrative: 'onzichtbare-overheid', note: note.id, start: 0})
      expect(changed()).toBe(true)
      store.rejections.withdraw(rejection.id)
      expect(changed()).toBe(true)
      editNote(store, study, note.id, {text: 'Het loket is weer open.'})
      expect(changed()).toBe(true)
      // Reading changes nothing.
      store.notes.get(note.id)
      store.rejections.list()
      expect(changed()).toBe(false)
    } finally {
      store.close()
    }
  })

  it('tells the model when to train again: a file for the same counter is read, not retrained', async () => {
    const dir = makeStudy()
    const study = await loadStudy(dir)
    const store = openStore(dir, study.id)
    try {
      const base = {date: '2026-04-01', group: 'ouderen', halteplaats: 'noord', interviewer: 'anna'}
      const note = addNote(store, study, {...base, narratives: ['onzichtbare-overheid'], text: 'Het loket is dicht.'}).note
      expect(studyModel(store, study).status.retrained).toBe(true)
      expect(existsSync(modelFile(study))).toBe(true)
      const first = readFileSync(modelFile(study), 'utf8')
      expect(studyModel(store, study).status.retrained).toBe(false)
      expect(readFileSync(modelFile(study), 'utf8')).toBe(first)
      addTag(store, study, {code: '2', coder: 'bram', note: note.id})
      expect(studyModel(store, study).status.retrained).toBe(true)
    } finally {
      store.close()
    }
  })
})

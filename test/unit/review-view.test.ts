import {describe, expect, it} from 'vitest'

import type {Note} from '../../src/model/note.js'
import {loadStudy, type Study} from '../../src/study/load.js'
import type {ReviewItem} from '../../src/tagging/review.js'
import {renderReviewItem, renderReviewStart, renderUndone} from '../../src/ui/review-prompts.js'
import {marks, matchedWords, visibleLength} from '../../src/ui/suggestion-view.js'
import {makeStudy} from '../helpers/cli.js'

const NOTE = 'n-0000-3f7a91c2'

function itemFor(study: Study, text: string, sentence: string, words: string[]): ReviewItem {
  const chars = [...text]
  const at = (part: string, from = 0) => [...text.slice(0, text.indexOf(part, from))].length
  const start = at(sentence)
  const matched = words.map((w) => {
    const s = at(w, text.indexOf(sentence))
    return {cue: 0, end: s + [...w].length, start: s}
  })
  const note = {activity: null, date: '2026-04-01', group: 'ouderen', halteplaats: 'noord', id: NOTE, interviewer: 'anna', text} as unknown as Note
  expect(chars.slice(start, start + [...sentence].length).join('')).toBe(sentence)
  return {
    hidden: 0,
    index: 2,
    note,
    suggestion: {cues: ['loket* & dicht'], end: start + [...sentence].length, matched, narrative: 'onzichtbare-overheid', note: NOTE, score: 0.8, sentence, start},
    total: 7,
  }
}

describe('the reason for a suggestion', () => {
  const suggestion = {cues: ['ik ben (gewoon) een nummer', 'loket*'], matched: [0, 1, 2, 3].map((i) => ({cue: 0, end: [2, 6, 13, 17][i], start: [0, 3, 7, 14][i]})), sentence: 'ik ben gewoon een nummer', start: 0}

  it('shows the words that matched, adjacent ones as one phrase, others apart', () => {
    // Only spaces between "ik", "ben", "gewoon" and "een": one phrase.
    expect(matchedWords(suggestion, marks(false))).toBe('«ik ben gewoon een»')
    const apart = {...suggestion, matched: [{cue: 0, end: 2, start: 0}, {cue: 0, end: 24, start: 18}]}
    expect(matchedWords(apart, marks(false))).toBe('«ik» … «nummer»')
    expect(matchedWords(apart, marks(true))).toBe('\u001B[1;36mik\u001B[0m … \u001B[1;36mnummer\u001B[0m')
  })

  it('falls back to the cue as written when no word is known', () => {
    expect(matchedWords({...suggestion, matched: []}, marks(false))).toBe('“ik ben (gewoon) een nummer”, “loket*”')
  })
})

describe('a suggestion in tag review, in an 80-column terminal', () => {
  it('puts the note, then the header and the reason right above the question', async () => {
    const study = await loadStudy(makeStudy())
    const item = itemFor(study, 'Koffieochtend in het buurthuis. De loketten in het dorp zijn dicht, zeggen ze. Verder was het gezellig.', 'De loketten in het dorp zijn dicht, zeggen ze.', ['loketten', 'dicht'])
    const lines = renderReviewItem(study, item, {color: false, width: 80}).split('\n')
    expect(lines.at(-2)).toBe('notitie 3f7a91c2 · Noord · ouderen · 1 april 2026')
    expect(lines.at(-1)).toBe('Waarom: «loketten» … «dicht» (score 0,80)')
    expect(lines.join('\n')).toContain('»De loketten in het dorp zijn dicht, zeggen ze.«')
    for (const line of lines) expect(visibleLength(line), line).toBeLessThanOrEqual(80)
  })

  it('shows a long note as its sentence with some context, and says where the whole text is', async () => {
    const study = await loadStudy(makeStudy())
    const filler = Array.from({length: 60}, (_, i) => `Zin ${i + 1} gaat over de markt.`).join(' ')
    const sentence = 'De loketten in het dorp zijn dicht, zeggen ze.'
    const item = itemFor(study, `${filler}\n\n${filler} ${sentence} ${filler}`, sentence, ['loketten', 'dicht'])
    for (const color of [false, true]) {
      const shown = renderReviewItem(study, item, {color, width: 80})
      const lines = shown.split('\n')
      expect(lines.length).toBeLessThan(20)
      for (const line of lines) expect(visibleLength(line), line).toBeLessThanOrEqual(80)
      expect(shown).toContain('(een deel van de notitie; de hele tekst: karavaan note show 3f7a91c2)')
      expect(shown).not.toContain('Zin 10 gaat')
      expect(shown).toMatch(/^…/m)
      expect(shown).toMatch(/ …$/m)
      expect(lines.at(-2)).toMatch(/^notitie 3f7a91c2 · Noord/)
    }

    expect(renderReviewItem(study, item, {color: false, width: 80}).replaceAll('\n', ' ')).toContain(`»${sentence}«`)
    // In colour the sentence is yellow and its matched words bold and underlined.
    expect(renderReviewItem(study, item, {color: true, width: 80}).replaceAll('\n', ' ')).toContain('\u001B[33mDe \u001B[1;4mloketten\u001B[22;24m in het dorp zijn \u001B[1;4mdicht\u001B[22;24m, zeggen ze.\u001B[0m')
  })

  it('says what an undo took back, and when there was nothing to take back', async () => {
    const study = await loadStudy(makeStudy())
    const base = {narrative: 'onzichtbare-overheid', note: NOTE, tagRemoved: true}
    expect(renderUndone(study, {...base, action: 'accept'})).toBe('Teruggedraaid: narratief 1 (onzichtbare overheid) bij notitie 3f7a91c2 weer open; de tag is eraf.')
    expect(renderUndone(study, {...base, action: 'accept', tagRemoved: false})).toBe('Teruggedraaid: narratief 1 (onzichtbare overheid) bij notitie 3f7a91c2 weer open; de tag stond er al en blijft staan.')
    expect(renderUndone(study, {...base, action: 'reject', tagRemoved: false})).toBe('Teruggedraaid: narratief 1 (onzichtbare overheid) bij notitie 3f7a91c2 weer open; de afwijzing is ingetrokken.')
    expect(renderUndone(study, {...base, action: 'skip', tagRemoved: false})).toBe('Teruggedraaid: narratief 1 (onzichtbare overheid) bij notitie 3f7a91c2 weer open; het was overgeslagen.')
    expect(renderUndone(study, {...base, action: 'add', narrative: 'ongehoorde-burger'})).toBe('Teruggedraaid: narratief 4 (ongehoorde burger) is weer van notitie 3f7a91c2 af.')
    expect(renderUndone(study, null)).toBe('Er is nog geen keuze om terug te draaien.')
    const item = {...itemFor(study, 'Het loket is dicht.', 'Het loket is dicht.', ['loket', 'dicht']), undone: {...base, action: 'reject' as const}}
    const lines = renderReviewItem(study, item, {color: false, width: 80}).split('\n')
    expect(lines.slice(1, 3)).toEqual(['Teruggedraaid: narratief 1 (onzichtbare overheid) bij notitie 3f7a91c2 weer', 'open; de afwijzing is ingetrokken.'])
  })

  it('starts with how many suggestions there are and how many earlier rejections keep out', () => {
    expect(renderReviewStart(7, 0)).toBe('7 voorstellen om te beoordelen.')
    expect(renderReviewStart(1, 1)).toBe('Eén voorstel om te beoordelen. Eén voorstel dat je eerder afwees, komt niet terug.')
    expect(renderReviewStart(0, 3)).toBe('Geen voorstellen om te beoordelen. 3 voorstellen die je eerder afwees, komen niet terug.')
  })
})

import {join} from 'node:path'
import {describe, expect, it} from 'vitest'

import {loadMethod, methodPath} from '../../src/method/load.js'
import type {Method} from '../../src/method/schema.js'
import type {TrainingRecords} from '../../src/store/tags.js'
import {combineSuggestions} from '../../src/tagging/combine.js'
import {cueFeatureNames, decides, MIN_EXAMPLES, NarrativeModel, trainModel, type TrainingExample} from '../../src/tagging/model.js'
import {cueReader} from '../../src/tagging/study-model.js'
import {suggestNarratives} from '../../src/tagging/suggest.js'
import {MAX_TRAINING_NOTES, rejectionExamples, trainingExamples, trainingPlan, trainingStamp} from '../../src/tagging/training.js'
import type {Rejection} from '../../src/model/rejection.js'
import {ROOT} from '../helpers/cli.js'

const method = loadMethod(methodPath('karavaan', '/anywhere'))
const NARRATIVES = method.narratives.map((n) => n.id)
const [ONE, TWO] = NARRATIVES

/** The built-in method without any cue: what the model adds is then all there is. */
const noCues: Method = {...method, narratives: method.narratives.map((n) => ({...n, cues: []}))}

// Notes of a made-up study where the team codes a complaint about a lost application as narrative 1.
const lost = [
  'De aanvraag voor de parkeervergunning is weer zoekgeraakt, zeggen de bewoners.',
  'Mijn aanvraag is zoekgeraakt en niemand belt terug, vertelde een moeder.',
  'Weer een aanvraag zoekgeraakt bij de afdeling vergunningen, zei de ondernemer.',
  'Ze zijn mijn aanvraag kwijt en ik moet alles opnieuw invullen.',
  'De aanvraag voor de uitrit is zoekgeraakt, dus hij begint opnieuw.',
  'Een oudere vrouw: de aanvraag voor de scootmobiel is zoekgeraakt.',
]
const neutral = [
  'De buurtbarbecue was gezellig en er kwamen veel kinderen op af.',
  'Na afloop ruimden de vrijwilligers samen de zaal op.',
  'Het elftal trainde op het kunstgras naast de kantine.',
  'De markt op zaterdag trekt mensen uit het hele dorp.',
  'In het buurthuis is elke woensdag een koffieochtend.',
  'De moeders spraken over het schoolplein en de speeltuin.',
]

/** n notes voicing narrative 1 and n that do not, each a little different. */
function coded(n: number): TrainingExample[] {
  const out: TrainingExample[] = []
  for (let i = 0; i < n; i++) {
    const yes = `${lost[i % lost.length]} Gesprek ${i}.`
    const no = `${neutral[i % neutral.length]} Gesprek ${i}.`
    for (const narrative of NARRATIVES) {
      out.push({group: `ja-${i}`, label: narrative === ONE ? 1 : 0, narrative, text: yes, whole: true}, {group: `nee-${i}`, label: 0, narrative, text: no, whole: true})
    }
  }

  return out
}

describe('the study model', () => {
  it('learns the words the team codes a narrative by, and predicts them in a new note', () => {
    const model = new NarrativeModel(trainModel(coded(15), NARRATIVES, {cues: cueReader(noCues)}))
    expect(model.narratives).toEqual([ONE])
    const chance = (text: string) => model.predict(text).find((p) => p.narrative === ONE)!.probability
    expect(chance('Bij de gemeente is mijn aanvraag zoekgeraakt.')).toBeGreaterThan(0.5)
    expect(chance('De kinderen speelden in de speeltuin.')).toBeLessThan(0.5)
  })

  it('explains with words of the sentence itself, as written there, strongest first', () => {
    const model = new NarrativeModel(trainModel(coded(15), NARRATIVES))
    const words = model.explain('Bij het Stadskantoor is mijn Aanvraag zoekgeraakt.', ONE)
    expect(words.length).toBeGreaterThan(0)
    expect(words.length).toBeLessThanOrEqual(3)
    expect(words.join(' ')).toMatch(/zoekgeraakt|aanvraag/)
    // Lower case, and only words that stand in the sentence.
    for (const word of words) for (const part of word.split(' ')) expect('bij het stadskantoor is mijn aanvraag zoekgeraakt').toContain(part)
    // Function words alone ("mijn", "is") explain nothing.
    expect(words).not.toContain('mijn')
    expect(model.explain('De kinderen speelden in de speeltuin.', ONE)).toEqual([])
  })

  it('explains a sentence of the note it has just read with the same words as when it reads the sentence anew', () => {
    const model = new NarrativeModel(trainModel(coded(15), NARRATIVES))
    const text = 'Koffie in het buurthuis. Bij het Stadskantoor is mijn Aanvraag zoekgeraakt, en niemand belt terug. Daarna over de markt.'
    model.begin()
    model.readText(text)
    model.finish()
    const sentence = 'Bij het Stadskantoor is mijn Aanvraag zoekgeraakt, en niemand belt terug.'
    const start = text.indexOf(sentence)
    const words = model.explainRange(text, start, start + sentence.length, ONE)
    expect(words.length).toBeGreaterThan(0)
    expect(words).toEqual(model.explain(sentence, ONE))
    // Only the words of that sentence: the one after it is not read into the reason.
    expect(model.explainRange(text, start, start + sentence.length, ONE).join(' ')).not.toMatch(/markt|koffie/)
  })

  it('gives the same model for the same coding, whatever the order of the examples', () => {
    const examples = coded(15)
    const first = trainModel(examples, NARRATIVES, {cues: cueReader(noCues)})
    const second = trainModel([...examples].reverse(), NARRATIVES, {cues: cueReader(noCues)})
    expect(JSON.stringify(second)).toBe(JSON.stringify(first))
  })

  it('is not used at the cold start: too few coded notes per narrative', () => {
    const data = trainModel(coded(MIN_EXAMPLES - 1), NARRATIVES, {cues: cueReader(noCues)})
    expect(data.narratives.every((n) => n.weights === null)).toBe(true)
    expect(new NarrativeModel(data).active).toBe(false)
  })

  it('is left out when, in cross-validation, it adds nothing to the cues', () => {
    // Notes with the same words, coded yes and no at random: nothing to learn but how often.
    const examples: TrainingExample[] = []
    for (let i = 0; i < 40; i++) for (const narrative of NARRATIVES) examples.push({group: `n${i}`, label: ((i * 2_654_435_761) >>> 0) % 3 === 0 && narrative === ONE ? 1 : 0, narrative, text: `Gesprek ${i}.`, whole: true})
    expect(examples.filter((e) => e.label === 1).length).toBeGreaterThanOrEqual(MIN_EXAMPLES)
    const data = trainModel(examples, NARRATIVES, {cues: cueReader(noCues)})
    expect(data.narratives.every((n) => n.weights === null)).toBe(true)
  })

  it('takes two coders who disagree as a soft label, between their two answers', () => {
    const examples = coded(15)
    const text = 'De aanvraag is zoekgeraakt, maar de buurtbarbecue was gezellig.'
    const agreeing = trainModel([...examples, {label: 1, narrative: ONE, text}, {label: 1, narrative: ONE, text}], NARRATIVES)
    const split = trainModel([...examples, {label: 1, narrative: ONE, text}, {label: 0, narrative: ONE, text}], NARRATIVES)
    const chance = (data: ReturnType<typeof trainModel>) => new NarrativeModel(data).predict(text).find((p) => p.narrative === ONE)!.probability
    expect(chance(split)).toBeLessThan(chance(agreeing))
  })
})

describe('combining the model with the cues', () => {
  it('adds what the cues miss, past its operating point, with the words behind it', () => {
    const model = new NarrativeModel(trainModel(coded(15), NARRATIVES, {cues: cueReader(noCues)}))
    expect(model.operating.add).not.toBeNull()
    const modelOnly = combineSuggestions('Een buurman vertelde dat zijn aanvraag is zoekgeraakt.', noCues, model)
    expect(modelOnly).toEqual([expect.objectContaining({cues: [], matched: [], model: expect.objectContaining({words: expect.arrayContaining([expect.stringMatching(/zoekgeraakt|aanvraag/)])}), narrative: ONE})])
    // Its score says how far past the operating point: above one half, as a cue suggestion's score is above the threshold.
    expect(modelOnly[0].score).toBeGreaterThan(0.5)
    expect(combineSuggestions('De kinderen speelden in de speeltuin.', noCues, model)).toEqual([])
    // Positions count code points, as for the cues: an emoji before the sentence counts once.
    const emoji = 'Koffie ☕️😀. Een buurman vertelde dat zijn aanvraag is zoekgeraakt.'
    const [hit] = combineSuggestions(emoji, noCues, model)
    expect([...emoji].slice(hit.start, hit.end).join('')).toBe(hit.sentence)
  })

  it('keeps the cues’ suggestions for narratives it has no model of, and explains the ones it knows', () => {
    const model = new NarrativeModel(trainModel(coded(15), NARRATIVES, {cues: cueReader(noCues)}))
    const text = 'Het loket is dicht en alles moet via de website. Mijn aanvraag is zoekgeraakt.'
    const cues = suggestNarratives(text, method)
    expect(cues.length).toBeGreaterThan(0)
    const both = combineSuggestions(text, method, model)
    for (const cue of cues.filter((c) => !model.narratives.includes(c.narrative))) expect(both).toContainEqual(cue)
    expect(both.find((s) => s.narrative === ONE)?.model?.probability).toBeGreaterThanOrEqual(0)
  })

  it('decides by its operating point: a cue suggestion stays above keep, the model adds above add', () => {
    expect(decides({add: null, keep: null}, true, -10)).toBe(true)
    expect(decides({add: null, keep: null}, false, 10)).toBe(false)
    expect(decides({add: 1, keep: -1}, true, -0.5)).toBe(true)
    expect(decides({add: 1, keep: -1}, true, -1.5)).toBe(false)
    expect(decides({add: 1, keep: -1}, false, 0.5)).toBe(false)
    expect(decides({add: 1, keep: -1}, false, 1.5)).toBe(true)
  })

  it('drops no cue suggestion on a note longer than the notes its operating point was measured on', () => {
    const point = {add: 1, keep: -1, words: 80}
    expect(decides(point, true, -1.5, 60)).toBe(false)
    expect(decides(point, true, -1.5, 270)).toBe(true)
    // Adding does not depend on the length.
    expect(decides(point, false, 1.5, 270)).toBe(true)
    expect(decides(point, false, 0.5, 270)).toBe(false)
    // The point knows the length of the notes it was measured on.
    const data = trainModel(coded(15), NARRATIVES, {cues: cueReader(noCues)})
    expect(data.operating.words).toBeGreaterThan(3)
    expect(data.operating.words).toBeLessThan(30)
  })

  it('learns which cues this study’s coders reject, and drops those suggestions', () => {
    // The team rejects narrative 1 on notes about the loket of the sports hall, but takes it on the town hall's.
    const examples: TrainingExample[] = []
    for (let i = 0; i < 24; i++) {
      const yes = `Het loket van het gemeentehuis is dicht en alles moet via de website. Gesprek ${i}.`
      const no = `Het loket van de sporthal is dicht en alles moet via de website van de club. Gesprek ${i}.`
      const plain = `${neutral[i % neutral.length]} Gesprek ${i}.`
      for (const narrative of NARRATIVES) {
        examples.push({group: `ja-${i}`, label: narrative === ONE ? 1 : 0, narrative, text: yes, whole: true})
        examples.push({group: `nee-${i}`, label: 0, narrative, text: no, whole: true})
        examples.push({group: `niets-${i}`, label: 0, narrative, text: plain, whole: true})
      }

      examples.push(...rejectionExamples([{narrative: ONE, note: `nee-${i}`, sentence: no}]))
    }

    const check = (text: string) => suggestNarratives(text, method).some((s) => s.narrative === ONE)
    expect(check('Het loket van de sporthal is dicht en alles moet via de website van de club.')).toBe(true)
    const model = new NarrativeModel(trainModel(examples, NARRATIVES, {cues: cueReader(method)}))
    expect(model.operating.keep).not.toBeNull()
    const one = (text: string) => combineSuggestions(text, method, model).some((s) => s.narrative === ONE)
    expect(one('Bij de sporthal: het loket is dicht en alles moet via de website van de club.')).toBe(false)
    expect(one('Bij het gemeentehuis: het loket is dicht en alles moet via de website.')).toBe(true)
  })

  it('reads the cues and frames that matched as features of their own', () => {
    const reading = new Map([[ONE, {cues: ['loket* & dicht', 'patroon: niet bereikbaar'], score: 0.9}], [TWO, {cues: ['nummer'], score: 0.3}]])
    expect(cueFeatureNames(reading, 0.5)).toEqual([`#suggest:${ONE}`, `#cue:${ONE}:loket*_&_dicht`, `#cue:${ONE}:patroon:_niet_bereikbaar`, `#weak:${TWO}`, `#cue:${TWO}:nummer`])
  })

  it('without a model, gives the cues’ suggestions as they are', () => {
    const text = 'Het loket is dicht en alles gaat via de website.'
    expect(combineSuggestions(text, method, undefined)).toEqual(suggestNarratives(text, method))
  })
})

describe('what the model learns from', () => {
  const note = (id: string, interviewer = 'anna') => ({id, interviewer, version: `${id}-v1`})
  const tag = (note: string, code: string, coder = 'anna', origin: 'coder' | 'note' | 'suggestion' = 'note', start: null | number = null, end: null | number = null) => ({code, coder, end, note, origin, start})

  it('counts the decisions of coders and of interviewers who fill in narratives', () => {
    const records: TrainingRecords = {
      codings: [{coder: 'bram', note: 'n3'}],
      notes: [note('n1'), note('n2'), note('n3', 'fatima'), note('n4', 'fatima')],
      tags: [tag('n1', ONE), tag('n3', TWO, 'bram', 'suggestion', 0, 4)],
    }
    const plan = trainingPlan(records, method)
    // n2: anna fills in narratives elsewhere, so none is her decision; n4: fatima never does, and nobody coded it.
    expect(plan.notes.map((n) => n.id)).toEqual(['n1', 'n2', 'n3'])
    expect(plan.notes.find((n) => n.id === 'n2')!.decisions).toEqual([{coder: 'interviewer', narratives: []}])
    expect(plan.notes.find((n) => n.id === 'n3')!.decisions).toEqual([{coder: 'bram', narratives: [TWO]}])
    const examples = trainingExamples(plan, NARRATIVES, new Map([['n1', 'Een'], ['n2', 'Twee'], ['n3', 'Drie notitie']]))
    expect(examples).toContainEqual({group: 'n1', label: 1, narrative: ONE, text: 'Een', whole: true})
    expect(examples).toContainEqual({group: 'n2', label: 0, narrative: ONE, text: 'Twee', whole: true})
    // The accepted suggestion's own words are a yes too.
    expect(examples).toContainEqual({group: 'n3', label: 1, narrative: TWO, text: 'Drie'})
  })

  it('merges an interviewer who later codes their own note into one decision', () => {
    const records: TrainingRecords = {codings: [{coder: 'anna', note: 'n1'}], notes: [note('n1')], tags: [tag('n1', ONE), tag('n1', TWO, 'anna', 'suggestion')]}
    expect(trainingPlan(records, method).notes[0].decisions).toEqual([{coder: 'interviewer', narratives: [ONE, TWO].sort()}])
  })

  it('changes its stamp when the store’s training counter or the cues change, and only then', () => {
    const stamp = trainingStamp('7-ab12', method)
    expect(trainingStamp('7-ab12', method)).toBe(stamp)
    expect(trainingStamp('8-cd34', method)).not.toBe(stamp)
    expect(trainingStamp('7-ab12', noCues)).not.toBe(stamp)
  })

  it('keeps the newest coded notes when there are very many', () => {
    const notes = Array.from({length: MAX_TRAINING_NOTES + 5}, (_, i) => note(`n${String(i).padStart(6, '0')}`))
    const plan = trainingPlan({codings: [], notes, tags: [tag(notes[0].id, ONE)]}, method)
    expect(plan.notes.length).toBe(MAX_TRAINING_NOTES)
    expect(plan.notes.at(-1)!.id).toBe(notes.at(-1)!.id)
  })

  it('takes a rejected suggestion as a no on the sentence the coder read, and the note as judged by that coder', () => {
    const rejection: Rejection = {at: '2026-05-01T10:00:00Z', coder: 'bram', end: 11, id: 'r1', narrative: ONE, note: 'n1', sentence: 'loket i', start: 4, version: 1, versionId: 'n1-v1', withdrawnAt: null}
    expect(rejectionExamples([rejection])).toEqual([{group: 'n1', label: 0, narrative: ONE, text: 'loket i'}])
    const plan = trainingPlan({codings: [], notes: [note('n1', 'fatima')], tags: []}, method, [rejection])
    expect(plan.rejections).toEqual([rejection])
    expect(plan.notes).toEqual([{decisions: [{coder: 'bram', narratives: []}], id: 'n1', version: 'n1-v1'}])
    const examples = trainingExamples(plan, NARRATIVES, new Map([['n1', 'Het loket is dicht.']]))
    expect(examples).toContainEqual({group: 'n1', label: 0, narrative: ONE, text: 'loket i'})
    expect(examples).toContainEqual({group: 'n1', label: 0, narrative: ONE, text: 'Het loket is dicht.', whole: true})
  })
})

describe('the model on worker threads', () => {
  it('gives the same suggestions in parallel as in one thread', async () => {
    const dist = (path: string) => import(join(ROOT, 'dist', path))
    const {suggestForNotes} = await dist('tagging/suggest-notes.js')
    const {suggestInParallel} = await dist('tagging/suggest-parallel.js')
    const built = await dist('tagging/model.js')
    const data = built.trainModel(coded(15), NARRATIVES, {cues: (await dist('tagging/study-model.js')).cueReader(method)})
    data.operating = {add: 0, keep: -2}
    const notes = Array.from({length: 2600}, (_, i) => ({id: `note-${i}`, narratives: [], text: i % 2 === 0 ? `${lost[i % lost.length]} Het loket is dicht.` : neutral[i % neutral.length]}))
    const expected = [...suggestForNotes(notes, method, {model: new built.NarrativeModel(data)})]
    const got = []
    for await (const suggestion of suggestInParallel(notes, method, {expected: notes.length, model: data})) got.push(suggestion)
    expect(expected.some((s: {model?: unknown}) => s.model)).toBe(true)
    expect(got).toEqual(expected)
  }, 60_000)
})

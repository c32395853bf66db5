import type {Method} from '../method/schema.js'
import {combineScores, type ModelExplanation, type NarrativeModel} from './model.js'
import {toCodePoint} from './sentences.js'
import {DEFAULT_THRESHOLD, type NarrativeSuggestion, suggestNarratives} from './suggest.js'

/** A suggestion from the cues and, once the study has one, its model. */
export interface CombinedSuggestion extends NarrativeSuggestion {
  /** What the study's model adds, for narratives that have one: its chance and the words of the sentence behind it. */
  model?: ModelExplanation
}

const round = (x: number) => Math.round(x * 1000) / 1000

/**
 * Suggestions for a text from the cues and the study's model together. The model's chance
 * counts as one more independent chance beside the cues' (1 − (1 − cues)(1 − model)), so a
 * suggestion the cues make is always made, and the model can add the ones the cues miss. Its
 * sentence is the cues' when they matched, else the one whose words weigh most in the model.
 * Without a model, the cues' suggestions as they are.
 */
export function combineSuggestions(text: string, method: Method, model: NarrativeModel | undefined): CombinedSuggestion[] {
  if (!model) return suggestNarratives(text, method)
  // The model reads the words the cues read, sentence by sentence, instead of reading the note again.
  model.begin()
  let read = false
  const onSentence = (words: ReadonlyArray<{norm: string}>, length: number, start: number, end: number) => {
    read = true
    model.readSentence(words, length, start, end)
  }

  const cues = new Map(suggestNarratives(text, method, {onSentence, threshold: 0}).map((s) => [s.narrative, s]))
  // A method without cues reads no sentence at all; the model then reads the note itself.
  const predictions = new Map((read ? model.finish() : model.predict(text)).map((p) => [p.narrative, p]))
  const out: CombinedSuggestion[] = []
  for (const {id} of method.narratives) {
    const cue = cues.get(id)
    const prediction = predictions.get(id)
    const probability = prediction?.probability ?? 0
    const score = combineScores(cue?.score ?? 0, probability)
    if (score < DEFAULT_THRESHOLD) continue
    let suggestion: CombinedSuggestion
    if (cue) {
      suggestion = {...cue, score: round(score)}
    } else {
      const range = prediction!.sentence
      if (!range) continue
      const start = toCodePoint(text, range.start)
      suggestion = {cues: [], end: toCodePoint(text, range.end, range.start, start), narrative: id, score: round(score), sentence: text.slice(range.start, range.end), start}
    }

    if (prediction) suggestion.model = {probability: round(probability), words: model.explain(suggestion.sentence, id)}
    out.push(suggestion)
  }

  return out.sort((a, b) => b.score - a.score)
}

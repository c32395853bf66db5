import type {Method} from '../method/schema.js'
import {type CueReading, decides, type ModelExplanation, type NarrativeModel} from './model.js'
import type {ModelWord} from './model-words.js'
import {SURROGATE, toCodePoint} from './sentences.js'
import {DEFAULT_THRESHOLD, type NarrativeSuggestion, suggestNarratives} from './suggest.js'

/** A suggestion from the cues and, once the study has one, its model. */
export interface CombinedSuggestion extends NarrativeSuggestion {
  /** What the study's model says, for narratives that have one: its chance and the words of the sentence behind it. */
  model?: ModelExplanation
}

const round = (x: number) => Math.round(x * 1000) / 1000

/** What the cues found in a text, below the threshold too: the model's cue features. */
export function cueReading(suggestions: readonly NarrativeSuggestion[]): CueReading {
  return new Map(suggestions.map((s) => [s.narrative, {cues: s.cues, score: s.score}]))
}

/**
 * Suggestions for a text from the cues and the study's model together. For a narrative the
 * model knows, its operating point decides (chosen by cross-validation on the study's own
 * coding): a cue suggestion stays when the model agrees enough, and the model adds one the
 * cues missed when it is sure enough. The model reads which cues and frames matched, so it
 * can learn which of them this study's coders accept. A suggestion the model adds shows the
 * sentence whose words weigh most; its score is how far the model is past its operating point
 * (0.5 at the point, as a cue suggestion's 0.5 is at the threshold). Narratives without a
 * model, and every narrative without one, get the cues' suggestions as they are.
 */
export function combineSuggestions(text: string, method: Method, model: NarrativeModel | undefined): CombinedSuggestion[] {
  if (!model) return suggestNarratives(text, method)
  // The model reads the words the cues read, sentence by sentence, instead of reading the note again.
  model.begin()
  let read = false
  const onSentence = (words: ReadonlyArray<ModelWord>, length: number, start: number, end: number, starts: readonly number[], ends: readonly number[]) => {
    read = true
    model.readSentence(words, length, start, end, starts, ends)
  }

  const found = suggestNarratives(text, method, {onSentence, threshold: 0})
  const cues = new Map(found.map((s) => [s.narrative, s]))
  // A method without cues reads no sentence at all; the model then reads the note itself.
  if (!read) model.readText(text)

  model.readFound(found, DEFAULT_THRESHOLD)
  const predictions = new Map(model.finish().map((p) => [p.narrative, p]))
  const point = model.operating
  // A suggestion's place is in code points; the words the model read are in UTF-16 units, the same
  // unless the note has an astral character (an emoji), where its sentence is read again.
  const astral = SURROGATE.test(text)
  const out: CombinedSuggestion[] = []
  for (const {id} of method.narratives) {
    const cue = cues.get(id)
    const prediction = predictions.get(id)
    const cueSuggests = cue !== undefined && cue.score >= DEFAULT_THRESHOLD
    if (!prediction) {
      if (cueSuggests) out.push(cue)
      continue
    }

    if (!decides(point, cueSuggests, prediction.logOdds, model.wordsRead)) continue
    let suggestion: CombinedSuggestion
    let words: string[]
    if (cueSuggests) {
      suggestion = {...cue}
      words = astral ? model.explain(cue.sentence, id) : model.explainRange(text, cue.start, cue.end, id)
    } else {
      const range = prediction.sentence
      if (!range) continue
      const start = toCodePoint(text, range.start)
      const score = 1 / (1 + Math.exp(-(prediction.logOdds - point.add!)))
      suggestion = {cues: [], end: toCodePoint(text, range.end, range.start, start), matched: [], narrative: id, score: round(score), sentence: text.slice(range.start, range.end), start}
      words = model.explainRange(text, range.start, range.end, id)
    }

    suggestion.model = {probability: round(prediction.probability), words}
    out.push(suggestion)
  }

  return out.sort((a, b) => b.score - a.score)
}

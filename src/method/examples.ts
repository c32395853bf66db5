import type {FileProblem} from '../parse/yaml.js'
import type {Method, MethodExample} from './schema.js'

/** An instrument or example with where it is written down: the method file, or the study's own list. */
export interface Example extends MethodExample {
  origin: 'methode' | 'studie'
}

/**
 * What is wrong with a list of examples against the method it belongs to: an id twice, an id the
 * method already has (for a study's own list), a narrative or frame the method does not know.
 * `field` is the list's key in its file, for the message and the line.
 */
export function exampleProblems(examples: MethodExample[], method: Pick<Method, 'frames' | 'narratives'>, field: string, taken: MethodExample[] = []): FileProblem[] {
  const problems: FileProblem[] = []
  const narratives = new Set(method.narratives.map((n) => n.id))
  const frames = new Set(method.frames.map((f) => f.id))
  const seen = new Set<string>()
  for (const [i, example] of examples.entries()) {
    const at = (key?: string) => ({field: `${field}[${i + 1}]${key ? `.${key}` : ''}`, path: [field, i, ...(key ? [key] : [])]})
    const clash = taken.find((t) => t.id === example.id)
    if (clash) {
      problems.push({...at('id'), message: `de id ${example.id} bestaat al in de methode ("${clash.name}"); geef je eigen voorbeeld een andere id, zoals ${example.id}-eigen`})
    } else if (seen.has(example.id)) {
      problems.push({...at('id'), message: `de id ${example.id} staat er twee keer in; elke id moet uniek zijn`})
    }

    seen.add(example.id)
    const unknownNarratives = example.narratives.filter((n) => !narratives.has(n))
    if (unknownNarratives.length > 0) {
      problems.push({...at('narratives'), message: `onbekend narratief ${unknownNarratives.join(', ')}; kies uit ${[...narratives].join(', ')}`})
    }

    const unknownFrames = example.frames.filter((f) => !frames.has(f))
    if (unknownFrames.length > 0) {
      problems.push({...at('frames'), message: `onbekend kader ${unknownFrames.join(', ')}; de kaders staan in karavaan method show`})
    }
  }

  return problems
}

/** The method's examples followed by the study's own, each marked with where it comes from. */
export function combinedExamples(method: MethodExample[] | undefined, own: MethodExample[] | undefined): Example[] {
  return [...(method ?? []).map((e) => ({...e, origin: 'methode' as const})), ...(own ?? []).map((e) => ({...e, origin: 'studie' as const}))]
}

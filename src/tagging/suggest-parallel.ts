import {availableParallelism} from 'node:os'
import {Worker} from 'node:worker_threads'

import type {Method} from '../method/schema.js'
import {type ModelData, NarrativeModel} from './model.js'
import {type NoteSuggestion, type SuggestableNote, suggestForNotes} from './suggest-notes.js'

/** Below this many notes, starting workers costs more than it saves. */
const PARALLEL_FROM = 2000
const BATCH = 400
/** Batches on their way to one worker at a time: enough to keep it busy, few enough to bound memory. */
const IN_FLIGHT = 3

/** What suggestInParallel and suggestionsAsJson take besides the notes and the method. */
interface ParallelOptions {
  all?: boolean
  /** How many notes there are: below PARALLEL_FROM no workers are started. */
  expected: number
  model?: ModelData
}

/**
 * The same suggestions as suggestForNotes (with the study's model, when given as data), in the
 * same order, but matched on worker threads when there are many notes and more than one core:
 * the matching is pure computation, and 100,000 notes take most of ten seconds on one core. This
 * thread reads the notes and writes the output.
 */
export function suggestInParallel(notes: Iterable<SuggestableNote>, method: Method, options: ParallelOptions): AsyncGenerator<NoteSuggestion> {
  return inParallel<NoteSuggestion>(notes, method, options, false)
}

/**
 * The suggestions of suggestInParallel as JSON text, one string per suggestion (JSON.stringify
 * of it, as `tag suggest --json` prints it). The workers write the JSON themselves: handing
 * over one string costs far less than cloning the suggestion's objects, and this thread, which
 * also reads the notes, no longer shares a core's time with the workers for it.
 */
export function suggestionsAsJson(notes: Iterable<SuggestableNote>, method: Method, options: ParallelOptions): AsyncGenerator<string> {
  return inParallel<string>(notes, method, options, true)
}

async function* inParallel<T>(notes: Iterable<SuggestableNote>, method: Method, options: ParallelOptions, json: boolean): AsyncGenerator<T> {
  const threads = Math.min(availableParallelism(), 4)
  if (options.expected < PARALLEL_FROM || threads < 2) {
    const suggestions = suggestForNotes(notes, method, {all: options.all, model: options.model && new NarrativeModel(options.model)})
    for (const suggestion of suggestions) yield (json ? JSON.stringify(suggestion) : suggestion) as T
    return
  }

  // Each worker gets the model as plain data and compiles it for itself.
  const workers = Array.from({length: threads}, () => new Worker(new URL('suggest-worker.js', import.meta.url), {workerData: {all: options.all ?? false, json, method, model: options.model}}))
  const results = new Map<number, T[]>()
  let failure: Error | undefined
  let wake: (() => void) | undefined
  for (const worker of workers) {
    worker.on('message', ({batch, suggestions}: {batch: number; suggestions: T[]}) => {
      results.set(batch, suggestions)
      wake?.()
    })
    worker.on('error', (error) => {
      failure = error
      wake?.()
    })
  }

  const waitForResult = () =>
    new Promise<void>((resolve) => {
      wake = resolve
    })
  const iterator = notes[Symbol.iterator]()
  let sent = 0
  let next = 0
  let done = false
  const send = () => {
    const batch: SuggestableNote[] = []
    while (batch.length < BATCH) {
      const item = iterator.next()
      if (item.done) {
        done = true
        break
      }

      batch.push({id: item.value.id, narratives: item.value.narratives, text: item.value.text})
    }

    if (batch.length === 0) return
    workers[sent % workers.length].postMessage({batch: sent, notes: batch})
    sent++
  }

  try {
    while (!done && sent < workers.length * IN_FLIGHT) send()
    while (next < sent) {
      while (!results.has(next)) {
        if (failure) throw failure
        await waitForResult()
      }

      const suggestions = results.get(next)!
      results.delete(next)
      next++
      if (!done) send()
      yield* suggestions
    }
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()))
  }
}

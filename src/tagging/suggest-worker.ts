import {parentPort, workerData} from 'node:worker_threads'

import type {Method} from '../method/schema.js'
import {type ModelData, NarrativeModel} from './model.js'
import {type SuggestableNote, suggestForNotes} from './suggest-notes.js'

/** One worker of suggestInParallel: batches of notes in, their suggestions (or their JSON) out, in batch order. */
const {all, json, method, model: data} = workerData as {all: boolean; json: boolean; method: Method; model?: ModelData}
const model = data && new NarrativeModel(data)
parentPort!.on('message', ({batch, notes}: {batch: number; notes: SuggestableNote[]}) => {
  const suggestions = [...suggestForNotes(notes, method, {all, model})]
  parentPort!.postMessage({batch, suggestions: json ? suggestions.map((suggestion) => JSON.stringify(suggestion)) : suggestions})
})

import {parentPort, workerData} from 'node:worker_threads'

import type {Method} from '../method/schema.js'
import {type SuggestableNote, suggestForNotes} from './suggest-notes.js'

/** One worker of suggestInParallel: batches of notes in, their suggestions out, in batch order. */
const {all, method} = workerData as {all: boolean; method: Method}
parentPort!.on('message', ({batch, notes}: {batch: number; notes: SuggestableNote[]}) => {
  parentPort!.postMessage({batch, suggestions: [...suggestForNotes(notes, method, {all})]})
})

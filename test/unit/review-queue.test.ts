import {beforeAll, describe, expect, it} from 'vitest'

import {openStore} from '../../src/store/open.js'
import type {Store} from '../../src/store/store.js'
import {loadStudy, type Study} from '../../src/study/load.js'
import {ReviewQueue} from '../../src/tagging/queue.js'
import {rejectSuggestion, suggestionsToReview} from '../../src/tagging/review.js'
import {exampleStudy} from '../helpers/cli.js'

let store: Store
let study: Study

beforeAll(async () => {
  const dir = exampleStudy()
  study = await loadStudy(dir)
  store = openStore(dir, study.id)
}, 120_000)

/** The queue as its rule says, note by note: an open suggestion for this coder, or no tag at all. */
function naive(reviewer: string): string[] {
  return store.notes.list().filter((n) => suggestionsToReview(store, study.methodDefinition, [n], reviewer).items.length > 0 || store.tags.list({noteId: n.id}).length === 0).map((n) => n.id)
}

describe('the review queue of the workspace', () => {
  it('holds the notes with an open suggestion or without any tag, and drops a note once its suggestions are judged', () => {
    const queue = new ReviewQueue(store, study.methodDefinition, 'anna')
    expect(queue.done).toBe(true)
    expect([...queue.ids].sort()).toEqual(naive('anna').sort())
    expect(queue.ids.length).toBeGreaterThan(5)

    const tagged = queue.ids.find((id) => store.tags.list({noteId: id}).length > 0)!
    for (const s of suggestionsToReview(store, study.methodDefinition, [store.notes.get(tagged)!], 'anna').items) rejectSuggestion(store, s, 'anna')
    expect(new ReviewQueue(store, study.methodDefinition, 'anna').ids).not.toContain(tagged)
    // Another coder's queue does not care what anna rejected.
    expect(new ReviewQueue(store, study.methodDefinition, 'bram').ids).toContain(tagged)
  })

  it('made in steps between requests, it ends with the same notes in the same order', async () => {
    const whole = new ReviewQueue(store, study.methodDefinition, 'bram')
    const stepwise = new ReviewQueue(store, study.methodDefinition, 'bram', 0)
    expect(stepwise.done).toBe(false)
    expect(stepwise.scanned).toBe(0)
    await stepwise.complete()
    expect(stepwise.done).toBe(true)
    expect(stepwise.scanned).toBe(stepwise.total)
    expect(stepwise.ids).toEqual(whole.ids)
  })
})

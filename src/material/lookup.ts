import type {Store} from '../store/store.js'
import type {Advice, Finding} from '../model/material.js'
import {requireRecord} from '../records/registry.js'

// Apart from the writing functions, so commands that only read do not load the personal-data guard.

/** A finding by its full id or a unique short form (as lists show it). */
export function requireFinding(store: Store, id: string, flag?: string): Finding {
  return requireRecord(store, 'finding', id, flag)
}

export function requireAdvice(store: Store, id: string): Advice {
  return requireRecord(store, 'advice', id)
}

import {resolveShortId} from '../notes/ids.js'
import type {Store} from '../store/store.js'
import type {Advice, Finding, Reflection} from '../model/material.js'

// Apart from the service, so commands that only read do not load the personal-data guard.

/** A finding by its full id or a unique short form (as lists show it). */
export function requireFinding(store: Store, id: string, flag?: string): Finding {
  const hint = 'Zoek de id op met: karavaan finding list (of finding list --deleted voor de prullenbak)'
  return store.findings.get(resolveShortId(id, (short) => store.findings.matchIds(short), {hint, name: flag ? `bevinding (${flag})` : 'bevinding'}))!
}

export function requireReflection(store: Store, id: string): Reflection {
  const hint = 'Zoek de id op met: karavaan reflect list (of reflect list --deleted voor de prullenbak)'
  return store.reflections.get(resolveShortId(id, (short) => store.reflections.matchIds(short), {hint, name: 'reflectiegesprek'}))!
}

export function requireAdvice(store: Store, id: string): Advice {
  const hint = 'Zoek de id op met: karavaan advice list (of advice list --deleted voor de prullenbak)'
  return store.advice.get(resolveShortId(id, (short) => store.advice.matchIds(short), {hint, name: 'advies'}))!
}

import type {GateHit} from '../privacy/gate.js'
import type {Store} from '../store/store.js'

/** Where the words of a report hit stand in the study: a note, a finding, a reflection meeting or an advice. */
export interface HitSource {
  id: string
  kind: 'advice' | 'finding' | 'note' | 'reflection'
}

const MOST = 5

/** Every text in a record, however deep (a reflection's lists, an advice's title). */
function texts(value: unknown, into: string[] = []): string[] {
  if (typeof value === 'string') into.push(value)
  else if (Array.isArray(value)) for (const item of value) texts(item, into)
  else if (value && typeof value === 'object') for (const item of Object.values(value)) texts(item, into)
  return into
}

/**
 * The gate looks at the filled-in report line by line, so a hit knows its line, not its record.
 * To help fix it at the source, this finds the records whose texts hold the hit's words: notes
 * through the search index (then checked word for word), the report's own material by reading it.
 * At most five per hit; a hit from the template itself has none.
 */
export function reportHitSources(store: Store, hits: readonly Pick<GateHit, 'text'>[]): HitSource[][] {
  const material: Array<{id: string; kind: HitSource['kind']; texts: string[]}> = [
    ...store.findings.list().map((f) => ({id: f.id, kind: 'finding' as const, texts: texts([f.title, f.text])})),
    ...store.reflections.list().map((r) => ({id: r.id, kind: 'reflection' as const, texts: texts(r)})),
    ...store.advice.list().map((a) => ({id: a.id, kind: 'advice' as const, texts: texts([a.title, a.text])})),
  ]
  return hits.map((hit) => {
    const found: HitSource[] = []
    const words = hit.text.split(/[^\p{L}\p{N}]+/u).filter(Boolean)
    if (words.length > 0) {
      for (const {note} of store.notes.search(`"${words.join(' ')}"`, {}, 50, false)) {
        if (found.length >= MOST) break
        if (note.text.includes(hit.text)) found.push({id: note.id, kind: 'note'})
      }
    }

    for (const record of material) {
      if (found.length >= MOST) break
      if (record.texts.some((text) => text.includes(hit.text))) found.push({id: record.id, kind: record.kind})
    }

    return found
  })
}

import {attribution} from '../privacy/attribution.js'
import type {Store} from '../store/store.js'
import type {Study} from '../study/load.js'

export interface Quote {
  activity: null | string
  /** How the quote is attributed in a report: by group type and halteplaats only. */
  attribution: string
  group: null | string
  halteplaats: string
  narrative: string
  quote: string
}

/**
 * The passages tagged with a narrative, attributed as the privacy promise allows: "moeder,
 * halteplaats Wendelo" — never the interviewer, the date or anything else about the respondent.
 * The same words tagged by two coders are one quote.
 */
export function narrativeQuotes(store: Store, study: Study, narrative: string, filter: {group?: string; halteplaats?: string} = {}): Quote[] {
  const seen = new Set<string>()
  const quotes: Quote[] = []
  for (const passage of store.tags.passages('narrative', narrative)) {
    if (filter.halteplaats && passage.halteplaats !== filter.halteplaats) continue
    if (filter.group && passage.group !== filter.group) continue
    const key = `${passage.noteId}\u0000${passage.start}\u0000${passage.end}`
    if (seen.has(key)) continue
    seen.add(key)
    quotes.push({activity: passage.activity, attribution: attribution(study, passage), group: passage.group, halteplaats: passage.halteplaats, narrative, quote: passage.quote!})
  }

  return quotes
}

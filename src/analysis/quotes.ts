import type {TagKind} from '../model/tag.js'
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

/** Which passages: all of these that are given must hold. */
export interface QuoteFilter {
  group?: string
  halteplaats?: string
  /** Only to pick the passages of one row of a matrix by interviewer; a quote never says who interviewed. */
  interviewer?: string
}

/** A quote with where it comes from, for a page that links to the note and tag behind it. */
export interface SourcedQuote {
  activity: null | string
  attribution: string
  code: string
  group: null | string
  halteplaats: string
  kind: TagKind
  noteId: string
  quote: string
  /** The first tag (of one coder or more) on exactly these words. */
  tagId: string
}

/**
 * The passages tagged with a narrative or a theme, attributed as the privacy promise allows:
 * "moeder, halteplaats Wendelo" — never the interviewer, the date or anything else about the
 * respondent. The same words tagged by two coders are one quote.
 */
export function codeQuotes(store: Store, study: Study, kind: TagKind, code: string, filter: QuoteFilter = {}): SourcedQuote[] {
  const seen = new Set<string>()
  const quotes: SourcedQuote[] = []
  for (const passage of store.tags.passages(kind, code)) {
    if (filter.halteplaats && passage.halteplaats !== filter.halteplaats) continue
    if (filter.group && passage.group !== filter.group) continue
    if (filter.interviewer && passage.interviewer !== filter.interviewer) continue
    const key = `${passage.noteId}\u0000${passage.start}\u0000${passage.end}`
    if (seen.has(key)) continue
    seen.add(key)
    quotes.push({
      activity: passage.activity,
      attribution: attribution(study, passage),
      code,
      group: passage.group,
      halteplaats: passage.halteplaats,
      kind,
      noteId: passage.noteId,
      quote: passage.quote!,
      tagId: passage.id,
    })
  }

  return quotes
}

/** The quotes of one narrative as `analyse quotes` and the report give them: without note or tag. */
export function narrativeQuotes(store: Store, study: Study, narrative: string, filter: {group?: string; halteplaats?: string} = {}): Quote[] {
  return codeQuotes(store, study, 'narrative', narrative, filter).map((q) => ({
    activity: q.activity,
    attribution: q.attribution,
    group: q.group,
    halteplaats: q.halteplaats,
    narrative,
    quote: q.quote,
  }))
}

// Negation, positive judgements and clause boundaries in Dutch, as the narrative cues need them.

/**
 * A positive judgement turns a complaint around anywhere in its clause, also after the cue:
 * "de website is echt handig", "het loket is gelukkig nog open".
 */
export const POSITIVE: ReadonlySet<string> = new Set(['fijn', 'gelukkig', 'handig', 'makkelijk', 'prima'])

/**
 * Negation in Dutch, as far as a cue needs it: a negation word in the same clause, before a cue
 * or between its words, suppresses it ("het loket is níet dicht", "ik ben hier geen nummer",
 * "het loket is gelukkig nog gewoon open"). Words that belong to the cue itself do not count:
 * "er gebeurt niets mee" and "waarom zij wel en wij niet" carry their negation in the cue.
 */
export const NEGATIONS: ReadonlySet<string> = new Set([
  'allerminst',
  'geen',
  'geenszins',
  'nergens',
  // "niemand voelt zich hier achtergesteld"; cues that need it name it ("niemand luistert").
  'niemand',
  'niet',
  'niets',
  'niks',
  'nooit',
  ...POSITIVE,
])

/** Two-word turns that mean "on the contrary": "juist wel", "wel degelijk". Keyed by the first word. */
export const NEGATION_PAIRS: ReadonlyMap<string, string> = new Map([
  ['juist', 'wel'],
  ['wel', 'degelijk'],
])

/** A negation word followed by one of these is no negation: "niet alleen … maar ook". */
export const NOT_NEGATING_AFTER: ReadonlyMap<string, ReadonlySet<string>> = new Map([['niet', new Set(['alleen', 'enkel', 'eens'])]])

/** Words that start a new clause: negation before them does not reach past them. */
export const CLAUSE_WORDS: ReadonlySet<string> = new Set([
  'maar',
  'want',
  'omdat',
  'terwijl',
  'hoewel',
  'toen',
  'waardoor',
  'zodat',
  'dus',
  'en',
  'of',
  'waarom',
  'behalve',
  'zonder',
  'om',
  'sinds',
  'nadat',
  'voordat',
])

/** Punctuation between two words that ends a clause: commas, colons, brackets, quotes and dashes (not the hyphen of "wij-zij" or the apostrophe of "z'n"). */
export const CLAUSE_PUNCTUATION = /[,;:()"“”„«»–—]|\s['‘’-]|['‘’-]\s/

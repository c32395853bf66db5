import {stemmer} from '@orama/stemmers/dutch'

/**
 * Words whose exact form carries the meaning: negations, pronouns and particles. They are never
 * stemmed, so that "niets" (Snowball: "niet") stays apart from "niet", and "wij" from "wijs".
 */
export const FUNCTION_WORDS: ReadonlySet<string> = new Set([
  'al', 'alle', 'alles', 'alsof', 'als', 'daar', 'dan', 'dat', 'de', 'die', 'een', 'en', 'er', 'geen', 'hem', 'hen', 'het',
  'hier', 'hij', 'hun', 'ik', 'iemand', 'iets', 'je', 'jij', 'jullie', 'maar', 'me', 'mee', 'meer', 'mij', 'mijn', 'naar',
  'nergens', 'niemand', 'niet', 'niets', 'niks', 'nog', 'nooit', 'of', 'om', 'ons', 'onze', 'ook', 'op', 'pas', 'te',
  'toch', 'van', 'voor', 'wat', 'we', 'wel', 'wie', 'wij', 'ze', 'zelf', 'zij', 'zo', 'zich',
])

/** Lower case without accents: "Wél" → "wel", "geïnformeerd" → "geinformeerd", "Bühne" → "buhne". */
export function normalizeWord(word: string): string {
  const lower = word.toLowerCase()
  // Most words are plain ASCII; only decompose the others.
  // eslint-disable-next-line no-control-regex
  return /^[\u0000-\u007f]*$/.test(lower) ? lower : lower.normalize('NFD').replace(/\p{M}+/gu, '')
}

/**
 * The Snowball stem of a normalised Dutch word ("loketten" → "loket", "gemeenten" → "gemeent"),
 * or the word itself for a function word. Snowball does not undo the "ge-" of a participle:
 * "gehoord" and "horen" keep different stems, so a cue lists both when it needs both.
 */
export function stemDutch(word: string): string {
  return FUNCTION_WORDS.has(word) ? word : stemmer(word)
}

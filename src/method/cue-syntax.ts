/**
 * The syntax of a cue in the method file, as a researcher writes it:
 *
 *   loket            the word in any form with the same Dutch stem: loket, loketten
 *   loket*           any word that starts with it: loketje, loketfunctie
 *   *nummer          any word whose stem ends with it: huurdersnummer, dossiernummers
 *   balie|loket*     one of these words in this place
 *   (gewoon)         a word that may be left out
 *   ik ben een nummer        these words in this order, with at most MAX_GAP other words between two of them
 *   besluit ... al ... vast  in this order, anywhere in the same sentence
 *   loket* & dicht|gesloten  all parts in the same sentence, in any order
 *   als een nummer ~ behandeld|gezien   both phrases close together (at most MAX_GAP words apart), in
 *                            either order: Dutch puts a verb first or last ("ze behandelen je als een
 *                            nummer", "je wordt als een nummer behandeld")
 *
 * Hyphens and apostrophes count as spaces, as they do in the text ("14-nummer" is "14 nummer").
 * The parser knows nothing of stems: it only says what the researcher wrote.
 */

/** How many other words may stand between two words of a phrase: "ik ben [voor hen maar] een nummer". */
export const MAX_GAP = 3

export type CueWordKind = 'prefix' | 'suffix' | 'word'

export interface CueWord {
  kind: CueWordKind
  /** Lower case, without accents and without the `*`. */
  text: string
}

export interface CueSlot {
  /** The words that may fill this place. */
  words: CueWord[]
  /** Most other words allowed between the previous filled place and this one; Infinity after `...`. */
  gap: number
  optional: boolean
}

/**
 * One part of a cue: places in order. A part with `~` has several orders (variants); it occurs when
 * one of them does. Parts joined by `&` may come in any order.
 */
export interface CuePart {
  variants: CueSlot[][]
}

export interface ParsedCue {
  parts: CuePart[]
}

export class CueSyntaxError extends Error {}

const WORD = /^[\p{L}\p{N}]+$/u
const MIN_WILDCARD = 3

function normalize(word: string): string {
  return word.toLowerCase().normalize('NFD').replace(/\p{M}+/gu, '')
}

function parseWord(raw: string, cue: string): CueWord {
  let kind: CueWordKind = 'word'
  let text = raw
  if (text.startsWith('*') && text.endsWith('*') && text.length > 1) {
    throw new CueSyntaxError(`"${raw}" in "${cue}": een * mag vóór of achter een woord staan, niet aan beide kanten.`)
  }
  if (text.endsWith('*')) {
    kind = 'prefix'
    text = text.slice(0, -1)
  } else if (text.startsWith('*')) {
    kind = 'suffix'
    text = text.slice(1)
  }
  if (text === '') throw new CueSyntaxError(`"${cue}": een losse * of een lege keuze tussen | past nergens op.`)
  if (!WORD.test(text)) {
    throw new CueSyntaxError(`"${raw}" in "${cue}": gebruik alleen letters en cijfers, met * | ( ) ... en & als tekens van de cue-taal.`)
  }
  if (kind !== 'word' && text.length < MIN_WILDCARD) {
    throw new CueSyntaxError(`"${raw}" in "${cue}": zet een * alleen bij een woorddeel van minstens ${MIN_WILDCARD} letters.`)
  }
  return {kind, text: normalize(text)}
}

/** Splits "a b ... c ~ d" into place tokens and the `...` and `~` markers; `(x|y)` stays one token. */
function tokenize(source: string): string[] {
  return source
    .replaceAll('…', ' ... ')
    .replaceAll(/\.{3}/g, ' ... ')
    .replaceAll('~', ' ~ ')
    .replaceAll(/(?<=[\p{L}\p{N}*])['’-](?=[\p{L}\p{N}*])/gu, ' ')
    .split(/\s+/)
    .filter(Boolean)
}

const MAX_VARIANTS = 24
const PAREN_HINT = 'haakjes omsluiten één woord of één keuze zonder spaties, zoals (gewoon) of (maar|gewoon).'

function parseSlot(token: string, cue: string): CueSlot {
  let body = token
  let optional = false
  if (body.startsWith('(') || body.endsWith(')')) {
    if (!(body.startsWith('(') && body.endsWith(')')) || body.length < 3) throw new CueSyntaxError(`"${cue}": ${PAREN_HINT}`)
    body = body.slice(1, -1)
    optional = true
  }
  if (/[()]/.test(body)) throw new CueSyntaxError(`"${cue}": ${PAREN_HINT}`)
  return {gap: MAX_GAP, optional, words: body.split('|').map((w) => parseWord(w, cue))}
}

/** All orders of a list (for the phrases joined by ~). */
function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items]
  return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]))
}

function parsePart(source: string, cue: string): CuePart {
  // segments (joined by ...) of phrases (joined by ~) of places
  const segments: CueSlot[][][] = [[[]]]
  for (const token of tokenize(source)) {
    const segment = segments.at(-1)!
    const phrase = segment.at(-1)!
    if (token === '...' || token === '~') {
      if (phrase.length === 0) throw new CueSyntaxError(`"${cue}": ${token} staat tussen twee woorden, niet aan het begin of het eind of naast een ander teken.`)
      if (token === '...') segments.push([[]])
      else segment.push([])
      continue
    }
    phrase.push(parseSlot(token, cue))
  }
  const last = segments.at(-1)!.at(-1)!
  if (segments.length === 1 && segments[0].length === 1 && last.length === 0) {
    throw new CueSyntaxError(`"${cue}": er staat geen woord ${source.trim() === '' ? 'tussen twee &-tekens' : 'in'}.`)
  }
  if (last.length === 0) throw new CueSyntaxError(`"${cue}": ... en ~ staan tussen twee woorden, niet aan het begin of het eind.`)
  for (const phrase of segments.flat()) {
    if (phrase.every((s) => s.optional)) throw new CueSyntaxError(`"${cue}": minstens één woord moet verplicht zijn (zonder haakjes).`)
  }

  // Every order of the phrases of each segment, segment after segment.
  let variants: CueSlot[][] = [[]]
  for (const segment of segments) {
    const orders = permutations(segment)
    const next: CueSlot[][] = []
    for (const variant of variants) {
      for (const order of orders) {
        const slots = order.flat().map((slot, i) => ({...slot, gap: i === 0 ? Number.POSITIVE_INFINITY : MAX_GAP}))
        next.push([...variant, ...slots])
      }
    }
    variants = next
    if (variants.length > MAX_VARIANTS) throw new CueSyntaxError(`"${cue}": te veel ~ in één cue; splits de cue in een paar kortere.`)
  }
  return {variants}
}

/** Reads a cue; throws a CueSyntaxError with a Dutch message that quotes the cue. */
export function parseCue(source: string): ParsedCue {
  const cue = source.trim()
  if (cue === '') throw new CueSyntaxError('een cue mag niet leeg zijn')
  return {parts: cue.split('&').map((part) => parsePart(part, cue))}
}

/** What is wrong with a cue, in Dutch, or undefined when it is fine. */
export function cueProblem(source: string): string | undefined {
  try {
    parseCue(source)
    return undefined
  } catch (error) {
    if (error instanceof CueSyntaxError) return error.message
    throw error
  }
}

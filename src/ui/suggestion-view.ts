import type {MatchedWord} from '../tagging/suggest.js'

/** How highlighted words look: bold colour on a terminal that takes it, «guillemets» elsewhere (a file, NO_COLOR). */
export interface Marks {
  color: boolean
  word: readonly [string, string]
}

export function marks(color: boolean): Marks {
  return {color, word: color ? ['\u001B[1;36m', '\u001B[0m'] : ['«', '»']}
}

/** Whether stdout is a terminal that may be coloured. */
export function colorOnStdout(): boolean {
  return Boolean(process.stdout.isTTY) && !process.env.NO_COLOR
}

// Between two matched words only this keeps them one phrase: a space, a hyphen, an apostrophe.
const JOINS_WORDS = /^[\s'’-]{1,2}$/u

/**
 * The words of a suggestion's sentence that its cues matched, highlighted, in the order they
 * stand: «ik ben een nummer», or «loketten» … «dicht» when other words stand between them. This
 * is the reason a person can check at a glance, instead of the cue pattern of the method file.
 */
export function matchedWords(suggestion: {cues: string[]; matched: MatchedWord[]; sentence: string; start: number}, style: Marks): string {
  const [on, off] = style.word
  // Older output without matched words (or a cue with none) still gives a reason: the cue as written.
  if (suggestion.matched.length === 0) return suggestion.cues.map((c) => `“${c}”`).join(', ')
  const chars = [...suggestion.sentence]
  const slice = (from: number, to: number) => chars.slice(from - suggestion.start, to - suggestion.start).join('')
  const phrases: string[] = []
  let phrase = ''
  let end = -1
  for (const word of suggestion.matched) {
    const between = end < 0 ? '' : slice(end, word.start)
    if (end >= 0 && JOINS_WORDS.test(between)) {
      phrase += between.replaceAll(/\s+/gu, ' ') + slice(word.start, word.end)
    } else {
      if (phrase) phrases.push(phrase)
      phrase = slice(word.start, word.end)
    }

    end = word.end
  }

  phrases.push(phrase)
  return phrases.map((p) => `${on}${p}${off}`).join(' … ')
}

/** The score as Dutch writes it: 0,80. */
export function formatScore(score: number): string {
  return score.toFixed(2).replace('.', ',')
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001B\[[0-9;]*m/g

/** How wide a text is on screen: code points, without colour codes. */
export function visibleLength(text: string): number {
  return [...text.replaceAll(ANSI, '')].length
}

/** Wraps text at word boundaries to `width` columns; its own line breaks stay, colour codes do not count. */
export function wrap(text: string, width: number, indent = ''): string[] {
  const out: string[] = []
  for (const line of text.split('\n')) {
    let current = ''
    for (const word of line.split(/ +/)) {
      if (current && visibleLength(indent + current + ' ' + word) > width) {
        out.push(indent + current)
        current = word
      } else {
        current = current ? `${current} ${word}` : word
      }
    }

    out.push(indent + current)
  }

  return out
}

// A sentence of a note can itself open with a quote mark (“Elke keer …”): wrapping it again showed ““Elke keer …”.
const OPENS_QUOTE = /^[“"„‘']/u

/** A sentence between “ and ”, or as it stands when it opens with a quote mark of its own. */
export function quotedSentence(sentence: string): string {
  return OPENS_QUOTE.test(sentence) ? sentence : `“${sentence}”`
}

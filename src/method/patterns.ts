import {cueProblem} from './cue-syntax.js'

/**
 * A pattern (a "frame") of a narrative, as a researcher writes it in the method file: a few slots,
 * each a list of words or short phrases that can fill it, and a name that says in plain Dutch what
 * the pattern means. It matches a sentence when every slot is filled somewhere in it, in any order:
 * "tried to reach" + "no one answered" is "we hebben drie keer gebeld en nooit iemand gesproken".
 */
export interface NarrativePattern {
  name: string
  slots: string[][]
  weight?: number
}

/** At most this many cues one pattern may stand for (the phrases of its slots multiply). */
const MAX_EXPANSION = 64

/**
 * The cues a pattern stands for, in the cue syntax: single words of a slot are one choice
 * ("gebeld|gemaild|geprobeerd"), each phrase a choice of its own, and the slots are joined by `&`.
 */
export function patternCues(pattern: NarrativePattern): string[] {
  const choices = pattern.slots.map((slot) => {
    const words = slot.filter((item) => !/\s/.test(item.trim())).map((item) => item.trim())
    const phrases = slot.filter((item) => /\s/.test(item.trim())).map((item) => item.trim().replace(/\s+/g, ' '))
    return [...(words.length > 0 ? [words.join('|')] : []), ...phrases]
  })
  let cues = ['']
  for (const choice of choices) cues = cues.flatMap((cue) => choice.map((part) => (cue ? `${cue} & ${part}` : part)))
  return cues
}

/** What is wrong with a pattern, in Dutch, or undefined. */
export function patternProblem(pattern: NarrativePattern): string | undefined {
  if (pattern.slots.length < 2) return 'heeft minstens twee plekken (slots) nodig'
  for (const [i, slot] of pattern.slots.entries()) {
    if (slot.length === 0) return `plek ${i + 1} is leeg`
    for (const item of slot) {
      if (/[&~|]|\.\.\./.test(item)) return `plek ${i + 1}: "${item}" mag geen &, ~, | of ... bevatten; zet elk woord of zinsdeel apart in de lijst`
      const problem = cueProblem(item)
      if (problem) return `plek ${i + 1}: "${item}": ${problem}`
    }
  }

  const count = patternCues(pattern).length
  if (count > MAX_EXPANSION) return `staat voor ${count} combinaties van zinsdelen; gebruik meer losse woorden en minder zinsdelen (hoogstens ${MAX_EXPANSION})`
  return undefined
}

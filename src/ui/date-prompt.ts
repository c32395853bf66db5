import {isIsoDate} from '../study/dates.js'
import {outsidePeriod, type Period} from '../study/period.js'
import {askConfirm, askText} from './prompts.js'

export const DATE_FORMAT_HINT = 'Schrijf de datum als jaar-maand-dag, bijvoorbeeld 2026-03-15.'

/**
 * What a typed date means, as jaar-maand-dag; undefined when it is no date. Every date question
 * reads its answer here, so a parser that accepts more ways of writing a date is one line.
 */
export function typedDate(typed: string): string | undefined {
  const value = typed.trim()
  return isIsoDate(value) ? value : undefined
}

/**
 * Asks for a date and checks it when it is typed: a date that is none is asked again at once, and
 * a date outside the study's period asks "klopt dat?" there, not after the whole text is typed.
 * `check` adds a rule of the caller (an end after the start); it sees the date as jaar-maand-dag.
 */
export async function askDate(message: string, options: {check?: (date: string) => string | true; default?: string; period?: Period} = {}): Promise<string> {
  for (;;) {
    const answer = await askText(message, {
      default: options.default,
      validate(value) {
        const date = typedDate(value)
        if (!date) return DATE_FORMAT_HINT
        return options.check ? options.check(date) : true
      },
    })
    const date = typedDate(answer)!
    if (!options.period || (await confirmDate(date, options.period))) return date
  }
}

/** True when the date is in the period, or the person says it is right anyway. */
export async function confirmDate(date: string, period: Period): Promise<boolean> {
  if (!outsidePeriod(period, date)) return true
  return askConfirm(`${date} valt buiten de periode van de studie (${period.start} tot en met ${period.end}). Klopt die datum?`, false)
}

import {dateAnswerProblem, formatDate, parseDate} from '../parse/date.js'
import {outsidePeriod, type Period} from '../study/period.js'
import {askConfirm, askText} from './prompts.js'

/**
 * What a typed date means, as jaar-maand-dag (2026-03-15); undefined when it is no date. It reads
 * every form the kit accepts: 2026-03-15, 15-3-2026, 15/3/2026, 15.3.2026, 15 maart 2026.
 */
export function typedDate(typed: string): string | undefined {
  return parseDate(typed).iso
}

/**
 * Asks for a date and checks it when it is typed: a date that is none (or does not exist) is asked
 * again at once with the reason, and a date outside the study's period asks "klopt dat?" there,
 * not after the whole text is typed. The default is shown as the kit shows dates. `check` adds a
 * rule of the caller (an end after the start); it sees the date as jaar-maand-dag.
 */
export async function askDate(message: string, options: {check?: (date: string) => string | true; default?: string; period?: Period} = {}): Promise<string> {
  for (;;) {
    const answer = await askText(message, {
      default: options.default ? formatDate(options.default) : undefined,
      validate(value) {
        const problem = dateAnswerProblem(value)
        if (problem !== true) return problem
        return options.check ? options.check(typedDate(value)!) : true
      },
    })
    const date = typedDate(answer)!
    if (!options.period || (await confirmDate(date, options.period))) return date
  }
}

/** True when the date is in the period, or the person says it is right anyway. */
export async function confirmDate(date: string, period: Period): Promise<boolean> {
  if (!outsidePeriod(period, date)) return true
  return askConfirm(`${formatDate(date)} valt buiten de periode van de studie (${formatDate(period.start)} tot en met ${formatDate(period.end)}). Klopt die datum?`, false)
}

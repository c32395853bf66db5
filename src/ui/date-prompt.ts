import {dateAnswerProblem, formatDate, parseDate} from '../parse/date.js'
import {askText} from './prompts.js'

/**
 * Asks for a date in any form the kit reads (2026-03-15, 15-3-2026, 15 maart 2026) and returns
 * it as 2026-03-15. The default is shown as the kit shows dates; `check` may refuse a real date.
 */
export async function askDate(message: string, options: {check?: (iso: string) => string | true; default?: string} = {}): Promise<string> {
  const answer = await askText(message, {
    default: options.default ? formatDate(options.default) : undefined,
    validate(value) {
      const problem = dateAnswerProblem(value)
      return problem === true ? (options.check?.(parseDate(value).iso!) ?? true) : problem
    },
  })
  return parseDate(answer).iso!
}

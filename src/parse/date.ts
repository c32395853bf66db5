import {UserError} from '../errors.js'

/*
 * Dates as Dutch users write and read them. Every date a user types (a flag, a prompt, front
 * matter, a CSV cell, study.yaml) is read by parseDate into the one stored form, 2026-03-15;
 * every date the kit shows a person is written by formatDate ("15 maart 2026"), which parseDate
 * reads back, so a date copied from a list can be typed again. --json keeps the stored form.
 */

export const MONTHS = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december']

/** Month names and the abbreviations people write, with or without a full stop. */
const MONTH_WORDS = new Map<string, number>([
  ...MONTHS.map((name, i) => [name, i + 1] as const),
  ...(
    [
      ['jan', 1], ['feb', 2], ['febr', 2], ['mrt', 3], ['maa', 3], ['apr', 4], ['jun', 6], ['jul', 7], ['aug', 8],
      ['sep', 9], ['sept', 9], ['okt', 10], ['nov', 11], ['dec', 12],
    ] as const
  ),
])

/** The accepted forms, for a message after a date that is none of them. */
export const DATE_EXAMPLES = '2026-03-15, 15-3-2026, 15/3/2026, 15.3.2026 of 15 maart 2026'

export type DateResult =
  | {iso: string; problem?: undefined}
  /** problem: what is wrong, to follow a field name ("date: …"); hint: what to write instead. */
  | {hint: string; iso?: undefined; kind: 'format' | 'impossible'; problem: string}

/**
 * A date as a user typed it, as yyyy-mm-dd; or why it is none: a form the kit does not read
 * ("kind: format", with examples) or a day that is not on the calendar ("kind: impossible", with
 * the reason), so 2026-02-30 is not answered as if the user had the format wrong.
 */
export function parseDate(input: string): DateResult {
  const value = input.trim().replaceAll(/\s+/g, ' ')
  const parts = splitDate(value.toLowerCase())
  if (!parts) {
    // 2-2-26: the century is a guess the kit does not make.
    const shortYear = /^\d{1,2}([-/.])\d{1,2}\1(\d{2})$/.exec(value)
    const hint = shortYear ? `schrijf het jaar voluit, zoals ${value.slice(0, -2)}20${shortYear[2]}` : `schrijf bijvoorbeeld ${DATE_EXAMPLES}`
    return {hint, kind: 'format', problem: `"${value}" is geen datum; ${hint}`}
  }

  const {day, month, year} = parts
  const hint = 'controleer de dag en de maand'
  if (month < 1 || month > 12) return {hint, kind: 'impossible', problem: `de datum "${value}" bestaat niet: er is geen maand ${month}`}
  const days = daysIn(year, month)
  if (day < 1 || day > days) {
    const leap = month === 2 && day === 29 ? ` (${year} is geen schrikkeljaar)` : ''
    return {hint, kind: 'impossible', problem: `de datum "${value}" bestaat niet: ${MONTHS[month - 1]}${month === 2 ? ` ${year}` : ''} heeft ${days} dagen${leap}`}
  }

  return {iso: `${String(year).padStart(4, '0')}-${pad(month)}-${pad(day)}`}
}

/** A date typed after `flag`, as yyyy-mm-dd; otherwise a UserError that names the flag. */
export function requireDate(value: string, flag: string): string {
  const result = parseDate(value)
  if (result.iso !== undefined) return result.iso
  const hint = `${capitalise(result.hint)}.`
  if (result.kind === 'impossible') throw new UserError(`${capitalise(result.problem)} (${flag}).`, {hint})
  throw new UserError(`"${value.trim()}" is geen datum (${flag}).`, {hint})
}

/** The problem with a typed date as a prompt shows it, or true when it is a date. */
export function dateAnswerProblem(value: string): string | true {
  const result = parseDate(value)
  return result.iso === undefined ? `${capitalise(result.problem)}.` : true
}

/** "2026-03-15" as "15 maart 2026"; an empty date as "–"; anything that is no date as it is. */
export function formatDate(iso: null | string | undefined): string {
  if (!iso) return '–'
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso)
  if (!match) return iso
  return `${Number(match[3])} ${MONTHS[Number(match[2]) - 1]} ${match[1]}`
}

/** "2026-03-15" as "15 maart": for a cell where the year is the study's own. */
export function formatDayMonth(iso: string): string {
  return formatDate(iso).replace(/ \d{4}$/, '')
}

/**
 * A moment stored in UTC (2026-12-02T06:49:12.345Z) as a person reads it on this laptop:
 * "2 december 2026 07:49", in the local time zone (or the one given, for tests).
 */
export function formatTimestamp(iso: null | string | undefined, options: {timeZone?: string} = {}): string {
  if (!iso) return '–'
  const moment = new Date(iso)
  if (Number.isNaN(moment.getTime())) return iso
  const fields = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {day: 'numeric', hour: '2-digit', hourCycle: 'h23', minute: '2-digit', month: 'numeric', timeZone: options.timeZone, year: 'numeric'})
      .formatToParts(moment)
      .map((part) => [part.type, part.value]),
  )
  return `${Number(fields.day)} ${MONTHS[Number(fields.month) - 1]} ${fields.year} ${fields.hour}:${fields.minute}`
}

function splitDate(value: string): undefined | {day: number; month: number; year: number} {
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value)
  if (iso) return {day: Number(iso[3]), month: Number(iso[2]), year: Number(iso[1])}
  const numeric = /^(\d{1,2})([-/.])(\d{1,2})\2(\d{4})$/.exec(value)
  if (numeric) return {day: Number(numeric[1]), month: Number(numeric[3]), year: Number(numeric[4])}
  const words = /^(\d{1,2})\.? ([a-z]+)\.? (\d{4})$/.exec(value)
  const month = words ? MONTH_WORDS.get(words[2]) : undefined
  if (words && month) return {day: Number(words[1]), month, year: Number(words[3])}
  return undefined
}

function daysIn(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
  return month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31
}

const pad = (n: number) => String(n).padStart(2, '0')
const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)

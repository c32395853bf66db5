/*
 * How the values of a table become cells, shared by the CSV and the workbook writer so both say
 * the same: a yes-or-no is "ja" or "nee" in either; dates and timestamps become date cells in a
 * workbook and keep their stored form (yyyy-mm-dd, ISO 8601 in UTC) in CSV, for R and Python.
 */

/** The number format of a date and of a timestamp; Dutch Excel shows them as dd-mm-jjjj (uu:mm). */
export const DATE_FORMAT = 'dd-mm-yyyy'
export const TIMESTAMP_FORMAT = 'dd-mm-yyyy hh:mm'

export const yesNo = (value: boolean): string => (value ? 'ja' : 'nee')

/** A calendar date as Excel stores one: midnight UTC, so no time zone moves it to the day before. */
export function sheetDate(text: string): Date | string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text)
  return match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : text
}

const clocks = new Map<string, Intl.DateTimeFormat>()
const offsets = new Map<string, number>()
const QUARTER_HOUR = 15 * 60_000

/**
 * A moment (ISO 8601) as a workbook cell. A spreadsheet's date has no time zone: it shows the
 * wall-clock time it holds, so the cell holds the local time of this laptop (as the kit shows
 * times everywhere), written in the UTC fields that exceljs turns into Excel's serial number;
 * whole seconds, as the cell shows minutes. Text that is no moment stays text.
 */
export function sheetTimestamp(iso: string, timeZone?: string): Date | string {
  const ms = Date.parse(iso)
  if (!/^\d{4}-\d{2}-\d{2}T/.test(iso) || Number.isNaN(ms)) return iso
  const seconds = Math.floor(ms / 1000) * 1000
  return new Date(seconds + offsetOf(seconds, timeZone))
}

/**
 * How far the zone's wall clock is ahead of UTC at a moment. For the laptop's own zone the Date
 * knows; a named zone asks Intl once per quarter of an hour (every zone changes its offset on
 * one), since Intl costs some 50 µs a time and an export has a timestamp on every row.
 */
function offsetOf(ms: number, timeZone: string | undefined): number {
  if (timeZone === undefined) return -new Date(ms).getTimezoneOffset() * 60_000
  const quarter = Math.floor(ms / QUARTER_HOUR) * QUARTER_HOUR
  const key = `${timeZone} ${quarter}`
  let offset = offsets.get(key)
  if (offset === undefined) {
    let clock = clocks.get(timeZone)
    if (!clock) {
      clock = new Intl.DateTimeFormat('en-GB', {day: 'numeric', hour: 'numeric', hourCycle: 'h23', minute: 'numeric', month: 'numeric', second: 'numeric', timeZone, year: 'numeric'})
      clocks.set(timeZone, clock)
    }

    const field = Object.fromEntries(clock.formatToParts(quarter).map((part) => [part.type, Number(part.value)]))
    offset = Date.UTC(field.year, field.month - 1, field.day, field.hour, field.minute, field.second) - quarter
    offsets.set(key, offset)
  }

  return offset
}

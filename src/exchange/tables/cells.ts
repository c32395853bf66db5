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

/**
 * A moment (ISO 8601) as a workbook cell. A spreadsheet's date has no time zone: it shows the
 * wall-clock time it holds, so the cell holds the local time of this laptop (as the kit shows
 * times everywhere), written in the UTC fields that exceljs turns into Excel's serial number.
 * Text that is no moment stays text.
 */
export function sheetTimestamp(iso: string, timeZone?: string): Date | string {
  const moment = new Date(iso)
  if (!/^\d{4}-\d{2}-\d{2}T/.test(iso) || Number.isNaN(moment.getTime())) return iso
  const key = timeZone ?? ''
  let clock = clocks.get(key)
  if (!clock) {
    clock = new Intl.DateTimeFormat('en-GB', {day: 'numeric', hour: 'numeric', hourCycle: 'h23', minute: 'numeric', month: 'numeric', second: 'numeric', timeZone, year: 'numeric'})
    clocks.set(key, clock)
  }

  const field = Object.fromEntries(clock.formatToParts(moment).map((part) => [part.type, Number(part.value)]))
  return new Date(Date.UTC(field.year, field.month - 1, field.day, field.hour, field.minute, field.second))
}

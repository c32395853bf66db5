/** The fieldwork of a study, both days included, as jaar-maand-dag. */
export interface Period {
  end: string
  start: string
}

/** Whether a date (jaar-maand-dag) lies outside the period; dates of that form compare as text. */
export function outsidePeriod(period: Period, date: string): boolean {
  return date < period.start || date > period.end
}

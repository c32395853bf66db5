import {formatDate} from '../parse/date.js'

/** "2026-03-15" as "15 maart 2026", as the terminal shows it too; anything else is returned as it is. */
export function dutchDate(iso: string): string {
  return iso ? formatDate(iso) : iso
}

/** Numbers as a Dutch reader writes them: 12.345 and 3,5. */
export function dutchNumber(value: number): string {
  return new Intl.NumberFormat('nl-NL', {maximumFractionDigits: 1}).format(value)
}

/** A share (0–1) as a whole percentage: "42%". */
export function percent(share: number): string {
  return `${Math.round(share * 100)}%`
}

/** Today in the local time zone as yyyy-mm-dd. */
export function today(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`
}

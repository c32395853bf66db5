const MONTHS = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december']

/** "2026-03-15" as "15 maart 2026"; anything else is returned as it is. */
export function dutchDate(iso: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso)
  if (!match) return iso
  return `${Number(match[3])} ${MONTHS[Number(match[2]) - 1]} ${match[1]}`
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

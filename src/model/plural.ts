/** "1 notitie", "3 notities", "0 notities": a count with the form of the word that fits it. */
export function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`
}

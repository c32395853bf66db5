/**
 * Passages are counted in Unicode code points, so an accent or an emoji is one position
 * whatever its encoding: the same numbers as REFI-QDA and the other QDA tools use.
 */
export function codePointLength(text: string): number {
  let n = 0
  for (const _ of text) n++
  return n
}

/** The code-point index of every place where quote starts in text. */
export function findQuote(text: string, quote: string): number[] {
  const found: number[] = []
  let from = 0
  for (;;) {
    const at = text.indexOf(quote, from)
    if (at === -1) break
    found.push(codePointLength(text.slice(0, at)))
    from = at + 1
  }

  return found
}

/** The text between two code-point positions. */
export function sliceCodePoints(text: string, start: number, end: number): string {
  return [...text].slice(start, end).join('')
}

/** 1-based line and column (in code points) of each offset; `offsets` must be sorted. */
export function linesAndColumns(text: string, offsets: number[]): Array<{column: number; line: number}> {
  const result: Array<{column: number; line: number}> = []
  let line = 1
  let column = 1
  let at = 0
  for (const offset of offsets) {
    for (; at < offset; at++) {
      const code = text.charCodeAt(at)
      if (code === 10 || (code === 13 && text.charCodeAt(at + 1) !== 10)) {
        line++
        column = 1
      } else if (code === 13 || (code >= 0xdc00 && code <= 0xdfff && at > 0 && isHighSurrogate(text.charCodeAt(at - 1)))) {
        // the \r of \r\n, or the second half of a surrogate pair: no column of its own
      } else column++
    }

    result.push({column, line})
  }

  return result
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff
}

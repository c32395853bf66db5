/** A plain text table for the terminal; widths follow the longest cell of each column. */
export function renderTable(header: string[], rows: string[][], options: {align?: Array<'left' | 'right'>} = {}): string {
  const width = (text: string) => [...text.replaceAll(/\u001B\[[\d;]*m/g, '')].length
  const widths = header.map((cell, i) => Math.max(width(cell), ...rows.map((row) => width(row[i] ?? ''))))
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => {
        const pad = ' '.repeat(widths[i] - width(cell))
        return options.align?.[i] === 'right' ? pad + cell : cell + pad
      })
      .join('  ')
      .trimEnd()
  return [line(header), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map((row) => line(row))].join('\n')
}

/** 1234.5 → "1.234,5": numbers as Dutch readers write them. */
export function formatNumber(value: number): string {
  return value.toLocaleString('nl-NL', {maximumFractionDigits: 2})
}

// One way of showing dates everywhere a person reads them ("15 maart 2026", "15 maart 2026 09:30").
export {formatDate, formatDayMonth, formatTimestamp} from '../parse/date.js'

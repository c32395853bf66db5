/**
 * Widths of Source Sans 3, the face charts are set in, so a pure layout can tell whether a label
 * fits without loading a font. Advance widths in thousandths of an em for U+0020–U+007E, read from
 * the fontsource latin files (regular 400 and bold 700). Accented letters take the width of their
 * base letter; anything else an average width, which errs on the wide side.
 */
const REGULAR = [200, 289, 426, 497, 497, 824, 609, 249, 303, 303, 418, 497, 249, 311, 249, 350, 497, 497, 497, 497, 497, 497, 497, 497, 497, 497, 249, 249, 497, 497, 497, 425, 847, 543, 588, 571, 615, 527, 494, 617, 652, 263, 479, 579, 486, 727, 647, 664, 566, 664, 569, 534, 536, 645, 515, 786, 513, 476, 539, 303, 350, 303, 497, 500, 542, 504, 553, 456, 555, 496, 292, 504, 544, 246, 247, 495, 255, 829, 547, 542, 555, 555, 347, 419, 338, 544, 467, 719, 446, 467, 425, 303, 241, 303, 497]
const BOLD = [200, 340, 537, 528, 528, 857, 667, 300, 344, 344, 457, 528, 300, 332, 300, 339, 528, 528, 528, 528, 528, 528, 528, 528, 528, 528, 300, 300, 528, 528, 528, 463, 902, 573, 605, 582, 635, 548, 524, 638, 674, 301, 509, 614, 518, 762, 665, 684, 596, 684, 613, 556, 556, 665, 556, 813, 567, 525, 541, 344, 339, 344, 528, 500, 555, 527, 573, 468, 573, 518, 341, 534, 571, 276, 278, 548, 286, 857, 572, 555, 573, 573, 398, 443, 383, 568, 523, 776, 514, 521, 460, 344, 268, 344, 528]
const OTHER = 600

export function textWidth(text: string, size: number, bold = false): number {
  const table = bold ? BOLD : REGULAR
  let units = 0
  for (const char of text) {
    let code = char.codePointAt(0)!
    if (code > 126) code = char.normalize('NFD').codePointAt(0)!
    units += code >= 32 && code <= 126 ? table[code - 32]! : OTHER
  }

  return (units * size) / 1000
}

/** Cuts text to fit a width, ending in an ellipsis; used for labels that would not fit at all. */
export function fitText(text: string, width: number, size: number, bold = false): string {
  if (textWidth(text, size, bold) <= width) return text
  const chars = [...text]
  while (chars.length > 0 && textWidth(chars.join('') + '…', size, bold) > width) chars.pop()
  return chars.length === 0 ? '' : chars.join('').trimEnd() + '…'
}

/** Breaks text at spaces into at most maxLines lines of the width, or undefined if it cannot. */
export function wrapText(text: string, width: number, size: number, maxLines: number, bold = false): string[] | undefined {
  const words = text.split(/\s+/).filter(Boolean)
  const lines: string[] = []
  let line = ''
  for (const word of words) {
    const candidate = line ? `${line} ${word}` : word
    if (textWidth(candidate, size, bold) <= width) {
      line = candidate
      continue
    }

    if (!line || textWidth(word, size, bold) > width) return undefined
    lines.push(line)
    line = word
  }

  if (line) lines.push(line)
  return lines.length <= maxLines ? lines : undefined
}

/*
 * What changed between two versions of a text, word by word: the longest common subsequence of
 * their words, as the runs a reader sees ("same", "removed", "added"). Spaces and line breaks do
 * not count as a change; each part keeps the spacing of the text it comes from.
 */

export type DiffKind = 'added' | 'removed' | 'same'

export interface DiffPart {
  kind: DiffKind
  /** The words with the spacing after each; a same part is spaced as the newer text. */
  text: string
}

/**
 * Above this many cells (words before × words after, once the common start and end are set
 * aside) the changed middle is shown as removed and added whole: a table of 4 million cells
 * (8 MB) is still quick, and two texts that differ in thousands of words are a rewrite anyway.
 */
const MAX_CELLS = 4_000_000

interface Token {
  /** The spacing after the word. */
  space: string
  word: string
}

interface Op {
  /** For a same word: how it was spaced in the older text. */
  before?: Token
  kind: DiffKind
  token: Token
}

/** The words of `before` and `after` as same, removed and added runs, in reading order. */
export function diffWords(before: string, after: string): DiffPart[] {
  return toParts(absorbLoneWords(diffTokens(tokenize(before), tokenize(after))))
}

/** Whether the two texts differ in their words (spacing alone is no change). */
export function wordsDiffer(before: string, after: string): boolean {
  const a = tokenize(before)
  const b = tokenize(after)
  return a.length !== b.length || a.some((token, i) => token.word !== b[i].word)
}

function tokenize(text: string): Token[] {
  return [...text.matchAll(/(\S+)(\s*)/g)].map((match) => ({space: match[2], word: match[1]}))
}

function diffTokens(a: Token[], b: Token[]): Op[] {
  let start = 0
  while (start < a.length && start < b.length && a[start].word === b[start].word) start++
  let endA = a.length
  let endB = b.length
  while (endA > start && endB > start && a[endA - 1].word === b[endB - 1].word) {
    endA--
    endB--
  }

  const head: Op[] = b.slice(0, start).map((token, i) => ({before: a[i], kind: 'same', token}))
  const tail: Op[] = b.slice(endB).map((token, i) => ({before: a[endA + i], kind: 'same', token}))
  return [...head, ...diffMiddle(a.slice(start, endA), b.slice(start, endB)), ...tail]
}

function diffMiddle(a: Token[], b: Token[]): Op[] {
  const n = a.length
  const m = b.length
  const whole = (): Op[] => [...a.map((token) => ({kind: 'removed' as const, token})), ...b.map((token) => ({kind: 'added' as const, token}))]
  if (n === 0 || m === 0 || n * m > MAX_CELLS) return whole()

  // lcs[i * (m + 1) + j]: the length of the longest common subsequence of a[i..] and b[j..].
  // Its values never exceed min(n, m), which MAX_CELLS keeps below 2^16.
  const width = m + 1
  const lcs = new Uint16Array((n + 1) * width)
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * width + j] = a[i].word === b[j].word ? lcs[(i + 1) * width + j + 1] + 1 : Math.max(lcs[(i + 1) * width + j], lcs[i * width + j + 1])
    }
  }

  const ops: Op[] = []
  let i = 0
  let j = 0
  while (i < n && j < m) {
    if (a[i].word === b[j].word) {
      ops.push({before: a[i], kind: 'same', token: b[j]})
      i++
      j++
    } else if (lcs[(i + 1) * width + j] >= lcs[i * width + j + 1]) {
      ops.push({kind: 'removed', token: a[i++]})
    } else {
      ops.push({kind: 'added', token: b[j++]})
    }
  }

  while (i < n) ops.push({kind: 'removed', token: a[i++]})
  while (j < m) ops.push({kind: 'added', token: b[j++]})
  return ops
}

/**
 * A single word that happens to be the same in the middle of a rewritten passage ("de" between
 * two changed phrases) splits one change into two that are harder to read; it is shown as
 * removed and added with the words around it. Each change block is then removed-then-added.
 */
function absorbLoneWords(ops: Op[]): Op[] {
  const blocks: Array<{ops: Op[]; same: boolean}> = []
  for (const op of ops) {
    const same = op.kind === 'same'
    if (blocks.at(-1)?.same === same) blocks.at(-1)!.ops.push(op)
    else blocks.push({ops: [op], same})
  }

  for (let k = 1; k < blocks.length - 1; k++) {
    const block = blocks[k]
    if (!block.same || block.ops.length !== 1 || blocks[k - 1].ops.length < 2 || blocks[k + 1].ops.length < 2) continue
    const {before, token} = block.ops[0]
    if (token.space.includes('\n')) continue
    block.ops = [{kind: 'removed', token: before ?? token}, {kind: 'added', token}]
    block.same = false
  }

  const out: Op[] = []
  let pending: Op[] = []
  const flush = () => {
    out.push(...pending.filter((op) => op.kind === 'removed'), ...pending.filter((op) => op.kind === 'added'))
    pending = []
  }

  for (const block of blocks) {
    if (block.same) {
      flush()
      out.push(...block.ops)
    } else {
      pending.push(...block.ops)
    }
  }

  flush()
  return out
}

function toParts(ops: Op[]): DiffPart[] {
  const parts: DiffPart[] = []
  for (const [i, op] of ops.entries()) {
    // The newer text's last word has no space after it, but removed words may still follow it.
    const space = op.token.space || (i < ops.length - 1 ? op.before?.space || ' ' : '')
    const text = op.token.word + space
    if (parts.at(-1)?.kind === op.kind) parts.at(-1)!.text += text
    else parts.push({kind: op.kind, text})
  }

  return parts
}

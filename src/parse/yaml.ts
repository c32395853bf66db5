import * as v from 'valibot'
import {isMap, isSeq, LineCounter, parseDocument, type Node} from 'yaml'

import {UserError} from '../errors.js'
import {useDutchMessages} from './messages.js'
import {plural} from '../model/plural.js'

/** One problem in a data file, with the place a user can find it. */
export interface FileProblem {
  field: string
  line?: number
  message: string
  /** Where in the file, as keys and list positions; used to find the line. */
  path?: Array<number | string>
}

const LIMITS = {maxAliasCount: 50, maxBytes: 2 * 1024 * 1024}
/** Control characters other than tab and line ends: no person types them into a settings file. */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/
/** More problems than this are summed up: a file that is not YAML at all can have hundreds. */
const MAX_LISTED_PROBLEMS = 20

/**
 * Parses YAML text and checks it against a schema. Every problem is reported with its line and
 * field, in Dutch, in one UserError, so a user can fix a file in one go.
 */
export function parseYaml<S extends v.GenericSchema>(
  text: string,
  schema: S,
  fileLabel: string,
  check?: (output: v.InferOutput<S>) => FileProblem[],
): v.InferOutput<S> {
  useDutchMessages()
  if (text.length > LIMITS.maxBytes) {
    throw new UserError(`${fileLabel} is te groot (${Math.round(text.length / 1024)} kB) om een instellingenbestand te zijn.`, {
      hint: 'Controleer of je het goede bestand hebt gekozen.',
    })
  }

  const control = CONTROL.exec(text)
  if (control) {
    const line = text.slice(0, control.index).split('\n').length
    throw fileError(fileLabel, [{field: '', line, message: 'hier staat een onzichtbaar stuurteken (zoals een NUL-byte); is dit wel een tekstbestand?'}], 'Het bestand is geen gewone tekst.')
  }

  const lineCounter = new LineCounter()
  const doc = parseDocument(text.replace(/^\uFEFF/, ''), {lineCounter, prettyErrors: false, uniqueKeys: true})
  if (doc.errors.length > 0) {
    const problems = doc.errors.map((error) => ({
      field: '',
      line: lineCounter.linePos(error.pos[0]).line,
      message: yamlErrorInDutch(error.code),
    }))
    throw fileError(fileLabel, problems, 'De opbouw van het bestand klopt niet.')
  }

  let data: unknown
  try {
    data = doc.toJS({maxAliasCount: LIMITS.maxAliasCount})
  } catch {
    throw new UserError(`${fileLabel} verwijst te vaak met & en * naar andere waarden (aliassen) om veilig te lezen.`, {
      hint: 'Schrijf de waarden uit in plaats van met & en * te verwijzen.',
    })
  }

  const hidden = pathToControl(data)
  if (hidden) {
    const line = lineOf(doc.contents, hidden, lineCounter)
    throw fileError(fileLabel, [{field: formatPath(hidden), line, message: 'de waarde bevat een onzichtbaar stuurteken (zoals \\0 of \\x1b tussen aanhalingstekens)'}])
  }

  const result = v.safeParse(schema, data ?? {})
  if (result.success) {
    const problems = check?.(result.output) ?? []
    if (problems.length === 0) return result.output
    throw fileError(fileLabel, problems.map((p) => ({...p, line: p.line ?? (p.path ? lineOf(doc.contents, p.path, lineCounter) : undefined)})))
  }

  const problems = result.issues.map((issue) => {
    const path = (issue.path ?? []).map((item) => item.key as number | string)
    return {field: formatPath(path), line: lineOf(doc.contents, path, lineCounter), message: issue.message}
  })
  throw fileError(fileLabel, problems)
}

/** The place of the first text value with a control character in it (written as an escape). */
function pathToControl(value: unknown, path: Array<number | string> = []): Array<number | string> | undefined {
  if (typeof value === 'string') return CONTROL.test(value) ? path : undefined
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = pathToControl(item, [...path, i])
      if (found) return found
    }
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = CONTROL.test(key) ? [...path, key] : pathToControl(item, [...path, key])
      if (found) return found
    }
  }

  return undefined
}

export function fileError(fileLabel: string, problems: FileProblem[], lead?: string): UserError {
  const details = problems.slice(0, MAX_LISTED_PROBLEMS).map((p) => {
    const where = [p.line ? `regel ${p.line}` : '', p.field].filter(Boolean).join(', ')
    return where ? `${where}: ${p.message}` : p.message
  })
  if (problems.length > MAX_LISTED_PROBLEMS) details.push(`en nog ${plural(problems.length - MAX_LISTED_PROBLEMS, 'probleem', 'problemen')}`)
  const count = problems.length === 1 ? 'een probleem' : `${problems.length} problemen`
  return new UserError(`${fileLabel} heeft ${count}.${lead ? ' ' + lead : ''}`, {
    details,
    hint: `Pas ${fileLabel} aan en probeer het opnieuw.`,
  })
}

export function formatPath(path: Array<number | string>): string {
  return path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key + 1}]` : out ? `${out}.${key}` : String(key)), '')
}

/**
 * The line of the deepest node that exists along the path (the parent when a key is missing).
 * A whole list or group is pointed at by its key, the line a person looks for.
 */
function lineOf(root: unknown, path: Array<number | string>, lineCounter: LineCounter): number | undefined {
  let node = root as Node | null | undefined
  let best: Node | null | undefined = node
  for (const key of path) {
    let next: Node | undefined
    let keyNode: Node | undefined
    if (isMap(node)) {
      const pair = node.items.find((item) => (item.key as {value?: unknown} | null)?.value === key)
      keyNode = pair?.key as Node | undefined
      next = (pair?.value ?? pair?.key) as Node | undefined
    } else if (isSeq(node) && typeof key === 'number') {
      next = node.items[key] as Node | undefined
    }

    if (!next) break
    node = next
    best = (isMap(next) || isSeq(next)) && keyNode ? keyNode : next
  }

  const offset = best?.range?.[0]
  return offset === undefined ? undefined : lineCounter.linePos(offset).line
}

function yamlErrorInDutch(code: string): string {
  switch (code) {
    case 'DUPLICATE_KEY': {
      return 'een sleutel staat er twee keer in'
    }

    case 'BAD_INDENT':
    case 'MISSING_CHAR':
    case 'UNEXPECTED_TOKEN': {
      return 'de inspringing of leestekens kloppen niet'
    }

    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY': {
      return 'een sleutel loopt over meer regels; staat er een dubbele punt of aanhalingsteken verkeerd?'
    }

    case 'TAB_AS_INDENT': {
      return 'gebruik spaties om in te springen, geen tabs'
    }

    default: {
      // The parser's own message is English; where it went wrong is in the line number already.
      return `de opbouw klopt hier niet (${code.toLowerCase().replaceAll('_', ' ')}); controleer inspringing, dubbele punten en aanhalingstekens`
    }
  }
}

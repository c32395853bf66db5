import {isMap, isScalar, LineCounter, parseDocument} from 'yaml'

export const FRONT_MATTER_KEYS = ['halteplaats', 'group', 'activity', 'date', 'interviewer', 'participants', 'roles', 'themes', 'narratives'] as const

export interface FrontMatter {
  body: string
  /** The line of each key, to point a user at the right place. */
  keyLines: Record<string, number>
  problems: Array<{field: string; line: number; message: string}>
  values: Record<string, unknown>
}

/**
 * Splits a note file into its YAML front matter and its text. Lines count from 1 in the whole
 * file, so a message can say "regel 4" and mean line 4 of what the user sees in the editor.
 */
export function splitFrontMatter(text: string): FrontMatter | undefined {
  const lines = text.split('\n')
  if (lines[0]?.trim() !== '---') return undefined
  const end = lines.findIndex((line, i) => i > 0 && (line.trim() === '---' || line.trim() === '...'))
  if (end === -1) {
    return {body: '', keyLines: {}, problems: [{field: '', line: 1, message: 'het gegevensblok bovenaan begint met --- maar er staat nergens een tweede regel met --- die het afsluit'}], values: {}}
  }

  const yamlText = lines.slice(1, end).join('\n')
  const body = lines.slice(end + 1).join('\n')
  const lineCounter = new LineCounter()
  const doc = parseDocument(yamlText, {lineCounter, uniqueKeys: true})
  const problems: FrontMatter['problems'] = []
  const keyLines: Record<string, number> = {}
  for (const error of doc.errors) {
    problems.push({field: '', line: lineCounter.linePos(error.pos[0]).line + 1, message: `het gegevensblok bovenaan is niet te lezen: ${error.code === 'DUPLICATE_KEY' ? 'een veld staat er twee keer in' : 'controleer de dubbele punten, inspringing en aanhalingstekens'}`})
  }

  if (problems.length > 0) return {body, keyLines, problems, values: {}}
  if (doc.contents !== null && !isMap(doc.contents)) {
    return {body, keyLines, problems: [{field: '', line: 2, message: 'het gegevensblok bovenaan moet uit regels "veld: waarde" bestaan'}], values: {}}
  }

  let values: Record<string, unknown> = {}
  try {
    values = (doc.toJS({maxAliasCount: 20}) as Record<string, unknown> | null) ?? {}
  } catch {
    problems.push({field: '', line: 2, message: 'het gegevensblok bovenaan verwijst te vaak met & en * naar andere waarden'})
  }

  if (isMap(doc.contents)) {
    for (const pair of doc.contents.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : ''
      const line = pair.key && isScalar(pair.key) && pair.key.range ? lineCounter.linePos(pair.key.range[0]).line + 1 : 2
      keyLines[key] = line
      if (!(FRONT_MATTER_KEYS as readonly string[]).includes(key)) {
        problems.push({field: key, line, message: `onbekend veld "${key}"; bedoeld is een van: ${FRONT_MATTER_KEYS.join(', ')}`})
      }
    }
  }

  return {body, keyLines, problems, values}
}

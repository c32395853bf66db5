import {UserError} from '../errors.js'
import {shortId} from '../records/ids.js'
import type {Store} from '../store/store.js'
import type {Study} from '../study/load.js'
import {checkCode, type CodePart} from '../study/lookup.js'
import {requireFinding} from './lookup.js'

export const MAX_TEXT = 100_000
export const MAX_TITLE = 200

/** Collects every problem of an input at once, so a user fixes them in one go. */
export class Problems {
  readonly list: string[] = []
  add(field: string, message: string): void {
    this.list.push(`${field}: ${message}`)
  }

  /** Runs a lookup that throws a UserError and records its message instead. */
  try<T>(field: string, fn: () => T): T | undefined {
    try {
      return fn()
    } catch (error) {
      if (!(error instanceof UserError)) throw error
      this.add(field, error.message)
      return undefined
    }
  }

  throwIfAny(what: string): void {
    if (this.list.length === 0) return
    throw new UserError(`${what} is niet opgeslagen: niet alle gegevens kloppen.`, {details: this.list, hint: 'Verbeter deze gegevens en probeer het opnieuw.'})
  }
}

export function checkCodes(study: Study, problems: Problems, input: {halteplaatsen?: string[]; narratives?: string[]; themes?: string[]}) {
  const known = (field: string, problem: string | undefined) => {
    if (problem) problems.add(field, problem)
    return problem === undefined
  }

  // Each code as its id, whether it was typed as an id, a number or a name; the unknown left out.
  const ids = (part: CodePart, field: string, values: string[] | undefined) =>
    unique(
      (values ?? []).map((value) => {
        const found = checkCode(study, part, value)
        known(field, found.problem)
        return found.id ?? ''
      }),
    ).filter(Boolean)
  return {halteplaatsen: ids('halteplaats', 'halteplaats', input.halteplaatsen), narratives: ids('narrative', 'narratief', input.narratives), themes: ids('theme', 'thema', input.themes)}
}

export function checkTitle(problems: Problems, title: string | undefined, what: string): string {
  const clean = (title ?? '').replaceAll(/\s+/g, ' ').trim()
  if (!clean) problems.add('titel', `${what} heeft een titel nodig`)
  else if (clean.length > MAX_TITLE) problems.add('titel', `de titel is te lang (${clean.length} tekens; maximaal ${MAX_TITLE}); zet de rest in de tekst`)
  return clean
}

export function checkText(problems: Problems, text: string | undefined, field = 'tekst'): string {
  const clean = (text ?? '').replaceAll('\r\n', '\n').trim()
  if (clean.length > MAX_TEXT) problems.add(field, `de tekst is te lang (${clean.length} tekens; maximaal ${MAX_TEXT})`)
  if (clean.includes('\u0000')) problems.add(field, 'de tekst bevat een NUL-teken')
  return clean
}

/** Findings by id or short form, not in the trash, each once. */
export function checkFindingIds(store: Store, problems: Problems, typed: string[] | undefined, field: string): string[] {
  const ids: string[] = []
  for (const id of typed ?? []) {
    const finding = problems.try(field, () => requireFinding(store, id))
    if (!finding) continue
    if (finding.deletedAt) problems.add(field, `bevinding ${shortId(finding.id)} staat in de prullenbak`)
    else if (!ids.includes(finding.id)) ids.push(finding.id)
  }

  return ids
}

export function matchesId(id: string, typed: string): boolean {
  return typed.length >= 6 && (id === typed || id.startsWith(typed) || id.endsWith(typed))
}

export function unique(values: string[]): string[] {
  return [...new Set(values.map((v) => v.trim()).filter(Boolean))]
}

import {shortId} from '../records/ids.js'
import {diffWords} from '../records/word-diff.js'

/*
 * How history shows what changed from one version to the next: the words of a text that went
 * [-like this-] and came {+like this+}, only the lines (paragraphs) where something changed, and
 * one line for the other fields. On a colour terminal the marks are red and green as well; the
 * brackets stay, so the change reads the same without colour and when copied.
 */

const RED = '\u001B[31m'
const GREEN = '\u001B[32m'
const RESET = '\u001B[0m'

export const DIFF_LEGEND = 'Per versie zie je wat er veranderde: [-weggehaald-] en {+toegevoegd+}.'

/** Whether history may colour its marks: a terminal that did not ask for no colour. */
export function useColour(stream: NodeJS.WriteStream = process.stdout): boolean {
  return Boolean(stream.isTTY) && !process.env.NO_COLOR
}

/**
 * The lines of `after` in which words changed since `before`, with the changes marked; an
 * unchanged stretch of lines between them is one "…". Empty when no word changed.
 */
export function renderTextChange(before: string, after: string, options: {colour?: boolean} = {}): string[] {
  const parts = diffWords(before, after)
  if (parts.every((part) => part.kind === 'same')) return []
  const lines: string[] = ['']
  const changed: boolean[] = [false]
  const append = (text: string, colour?: string) => {
    text.split('\n').forEach((piece, i) => {
      if (i > 0) {
        lines.push('')
        changed.push(false)
      }

      if (colour !== undefined) changed[lines.length - 1] = true
      lines[lines.length - 1] += colour && options.colour && piece ? `${colour}${piece}${RESET}` : piece
    })
  }

  parts.forEach((part, i) => {
    if (part.kind === 'same') return append(part.text)
    const words = part.text.trimEnd()
    const space = part.text.slice(words.length)
    append(part.kind === 'removed' ? `[-${words}-]` : `{+${words}+}`, part.kind === 'removed' ? RED : GREEN)
    // "[-old-]{+new+}": a removal right before its replacement keeps no space of its own.
    if (!(part.kind === 'removed' && parts[i + 1]?.kind === 'added')) append(space)
  })

  const shown: string[] = []
  let skipped = false
  lines.forEach((line, i) => {
    if (changed[i]) {
      if (skipped) shown.push('…')
      shown.push(line.trimEnd())
      skipped = false
    } else if (line.trim() !== '') {
      skipped = true
    }
  })
  if (skipped) shown.push('…')
  return shown
}

/** A field as history compares it: one value, or a list whose order does not matter. */
export type FieldValue = string | string[]

/**
 * Every field whose value differs, under its Dutch name: "datum (3 maart 2026 → 4 maart 2026)",
 * "thema's (+ voorzieningen, − gemeenschapskracht)"; empty when none does.
 */
export function describeFieldChanges(before: Record<string, FieldValue>, after: Record<string, FieldValue>): string[] {
  const changes: string[] = []
  const asList = (value: FieldValue | undefined) => (Array.isArray(value) ? value : value ? [value] : [])
  for (const [name, value] of Object.entries(after)) {
    const old = before[name]
    if (Array.isArray(value) || Array.isArray(old)) {
      const was = new Set(asList(old))
      const now = new Set(asList(value))
      const added = [...now].filter((item) => !was.has(item)).map((item) => `+ ${item}`)
      const removed = [...was].filter((item) => !now.has(item)).map((item) => `− ${item}`)
      if (added.length + removed.length > 0) changes.push(`${name} (${[...added, ...removed].join(', ')})`)
    } else if (old !== value) {
      changes.push(`${name} (${old || '–'} → ${value || '–'})`)
    }
  }

  return changes
}

/** A version's contents as history compares them: its texts and its other fields, under Dutch names. */
export interface Content {
  fields: Record<string, FieldValue>
  texts: Record<string, string>
}

interface Versioned {
  device: string
  id: string
  parents: string[]
  version: number
}

/** "versie 2", or "versie 2 (laptop 1a2b3c4d)" when two laptops each made a version 2. */
export function versionName(v: Versioned, all: Versioned[]): string {
  const twice = all.some((other) => other !== v && other.version === v.version)
  return twice ? `versie ${v.version} (laptop ${shortId(v.device)})` : `versie ${v.version}`
}

/**
 * The version `v` is shown against: none for a first version; for one that settled a conflict,
 * the parent it took over unchanged when there is one, else its first parent; otherwise its parent.
 */
export function baseVersion<V extends Versioned>(v: V, all: V[], content: (v: V) => Content): V | undefined {
  const parents = v.parents.map((id) => all.find((other) => other.id === id)).filter((p): p is V => p !== undefined)
  if (v.parents.length === 0) return undefined
  if (parents.length === 0) return all[all.indexOf(v) - 1]
  const same = (a: Content, b: Content) => describeFieldChanges(a.fields, b.fields).length === 0 && Object.entries(b.texts).every(([name, text]) => a.texts[name] === text)
  return (parents.length > 1 ? parents.find((p) => same(content(p), content(v))) : undefined) ?? parents[0]
}

/**
 * What a version changed since the one it was made from: "Gewijzigd: tekst, datum (…)" and the
 * changed lines of each text under its name (one text: no name). `against` names the version
 * compared with when that is not simply the one before (a version that settled a conflict).
 */
export function renderChange(before: Content, after: Content, options: {against?: string; colour?: boolean} = {}): string[] {
  const texts = Object.entries(after.texts).map(([name, text]) => ({lines: renderTextChange(before.texts[name] ?? '', text, options), name}))
  const changedTexts = texts.filter((t) => t.lines.length > 0)
  const changed = [...changedTexts.map((t) => t.name), ...describeFieldChanges(before.fields, after.fields)]
  if (changed.length === 0) return [options.against ? `Gekozen: ${options.against}, ongewijzigd.` : 'Niets gewijzigd: dezelfde inhoud opnieuw opgeslagen.']
  const lines = [`Gewijzigd${options.against ? ` ten opzichte van ${options.against}` : ''}: ${changed.join(', ')}.`]
  for (const text of changedTexts) {
    if (texts.length > 1) lines.push(`${text.name[0].toUpperCase()}${text.name.slice(1)}:`)
    lines.push(...text.lines.map((line) => `  ${line}`))
  }

  return lines
}

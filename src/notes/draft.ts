import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {stringify} from 'yaml'

import {makePrivateDir, writePrivateFile} from '../fs/private.js'
import type {Study} from '../study/load.js'
import {DRAFTS_DIR} from './draft-files.js'
import type {RawNoteFields} from './fields.js'
import {splitFrontMatter} from './frontmatter.js'

/**
 * A note as a Markdown file with front matter: the same format `karavaan import` reads. Notes
 * being typed live in such a file in the study's concepten/ folder until they are stored, so a
 * laptop that dies halfway loses nothing.
 */
export function renderNoteFile(raw: RawNoteFields, text: string): string {
  // A list read back from a draft may be text with commas ("themes: a, b"), as import accepts it.
  const items = (values: unknown) => (Array.isArray(values) ? values : typeof values === 'string' ? values.split(',').map((v) => v.trim()).filter(Boolean) : [])
  const flow = (values: unknown) => (items(values).length > 0 ? `[${items(values).map((v) => scalar(String(v))).join(', ')}]` : '[]')
  const lines = ['---', `halteplaats: ${scalar(raw.halteplaats)}`]
  lines.push(raw.activity ? `activity: ${scalar(raw.activity)}` : `group: ${scalar(raw.group)}`)
  lines.push(
    `date: ${scalar(raw.date)}`,
    `interviewer: ${scalar(raw.interviewer)}`,
    `participants: ${raw.participants ?? ''}`.trimEnd(),
    `roles: ${flow(raw.roles)}`,
    `themes: ${flow(raw.themes)}`,
    `narratives: ${flow(raw.narratives)}`,
    '---',
    text,
  )
  return lines.join('\n') + (text.endsWith('\n') ? '' : '\n')
}

function scalar(value: unknown): string {
  if (value === undefined || value === null || value === '') return ''
  return stringify(String(value), {lineWidth: 0}).trimEnd()
}

/** The moment a draft is started, as it goes into its name: 2026-03-11T09-15-00-000Z. */
export function draftStamp(now = new Date()): string {
  return now.toISOString().replaceAll(/[:.]/g, '-')
}

export function draftPath(study: Pick<Study, 'dir'>, name: string): string {
  return join(makePrivateDir(join(study.dir, DRAFTS_DIR)), name)
}

export function writeDraft(file: string, content: string): void {
  writePrivateFile(file, content)
}

/**
 * The line of a note file on which its text begins, less one: what is added to a line of the
 * text ("regel 2") to name the line the person sees in the editor.
 */
export function textLineOffset(content: string): number {
  const lines = content.replaceAll('\r\n', '\n').split('\n')
  if (lines[0]?.trim() !== '---') return 0
  const end = lines.findIndex((line, i) => i > 0 && (line.trim() === '---' || line.trim() === '...'))
  if (end === -1) return 0
  let offset = end + 1
  // The stored text is trimmed: blank lines under the --- do not count as its first lines.
  while (offset < lines.length && lines[offset].trim() === '') offset++
  return offset
}

/** Reads a draft back; undefined when its front matter is gone or broken. */
export function readDraft(file: string): {problems: string[]; raw?: RawNoteFields} {
  const front = splitFrontMatter(readFileSync(file, 'utf8').replaceAll('\r\n', '\n'))
  if (!front) return {problems: ['de regels met --- bovenaan zijn weg; zet ze terug of lees het bestand later in met karavaan import']}
  if (front.problems.length > 0) return {problems: front.problems.map((p) => `regel ${p.line}: ${p.message}`)}
  return {problems: [], raw: {...front.values, text: front.body} as RawNoteFields}
}

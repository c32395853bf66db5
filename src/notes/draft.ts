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
  const flow = (values: unknown) => (Array.isArray(values) && values.length > 0 ? `[${values.map((v) => scalar(String(v))).join(', ')}]` : '[]')
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

export function draftPath(study: Study, name: string): string {
  return join(makePrivateDir(join(study.dir, DRAFTS_DIR)), name)
}

export function writeDraft(file: string, content: string): void {
  writePrivateFile(file, content)
}

/** Reads a draft back; undefined when its front matter is gone or broken. */
export function readDraft(file: string): {problems: string[]; raw?: RawNoteFields} {
  const front = splitFrontMatter(readFileSync(file, 'utf8').replaceAll('\r\n', '\n'))
  if (!front) return {problems: ['de regels met --- bovenaan zijn weg; zet ze terug of lees het bestand later in met karavaan import']}
  if (front.problems.length > 0) return {problems: front.problems.map((p) => `regel ${p.line}: ${p.message}`)}
  return {problems: [], raw: {...front.values, text: front.body} as RawNoteFields}
}

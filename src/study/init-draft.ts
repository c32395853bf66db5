import {existsSync, readFileSync, unlinkSync} from 'node:fs'
import {join} from 'node:path'
import {parse, stringify} from 'yaml'

import {makePrivateDir, writePrivateFile} from '../fs/private.js'
import {DRAFTS_DIR} from '../notes/draft-files.js'
import {TEAM_ROLES} from './roles.js'
import type {Halteplaats, TeamMember} from './schema.js'
import type {StudyDraft} from './scaffold.js'

/**
 * The answers of an init in a terminal, kept in the new study's concepten/ folder while they are
 * given, so a stop (chosen or Ctrl-C) loses none of them: the next init in the same folder offers
 * to go on with them. Removed once the study is made.
 */
export const INIT_DRAFT = 'init.yaml'

export type InitAnswers = Partial<Omit<StudyDraft, 'period'>> & {period?: Partial<StudyDraft['period']>}

export function initDraftPath(dir: string): string {
  return join(dir, DRAFTS_DIR, INIT_DRAFT)
}

export function writeInitDraft(dir: string, answers: InitAnswers): void {
  makePrivateDir(join(dir, DRAFTS_DIR))
  const header = '# De antwoorden van een karavaan init die nog niet is afgemaakt. Ga verder met: karavaan init (in deze map)\n'
  writePrivateFile(initDraftPath(dir), header + stringify(answers, {lineWidth: 0}))
}

/** The answers kept earlier, as far as they are sound; undefined when there are none. */
export function readInitDraft(dir: string): InitAnswers | undefined {
  const file = initDraftPath(dir)
  if (!existsSync(file)) return undefined
  let data: unknown
  try {
    data = parse(readFileSync(file, 'utf8'))
  } catch {
    return undefined
  }

  if (!data || typeof data !== 'object') return undefined
  const d = data as Record<string, unknown>
  const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value : undefined)
  const answers: InitAnswers = {}
  if (text(d.title)) answers.title = text(d.title)
  if (text(d.client)) answers.client = text(d.client)
  if (text(d.method)) answers.method = text(d.method)
  const period = d.period as Record<string, unknown> | undefined
  if (period && typeof period === 'object') {
    // YAML reads an unquoted 2026-03-01 as a date.
    const day = (value: unknown) => (value instanceof Date ? value.toISOString().slice(0, 10) : text(value))
    answers.period = {end: day(period.end), start: day(period.start)}
  }

  if (Array.isArray(d.halteplaatsen)) {
    answers.halteplaatsen = d.halteplaatsen.filter((h): h is Halteplaats => ['gemeente', 'id', 'name', 'type'].every((key) => text((h as Record<string, unknown>)?.[key])))
  }

  if (Array.isArray(d.team)) {
    answers.team = d.team.filter((m): m is TeamMember => text(m?.id) !== undefined && text(m?.name) !== undefined && (TEAM_ROLES as readonly unknown[]).includes(m?.role))
  }

  return answers
}

export function removeInitDraft(dir: string): void {
  const file = initDraftPath(dir)
  if (existsSync(file)) unlinkSync(file)
}

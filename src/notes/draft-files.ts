import {lstatSync, readdirSync, readFileSync, realpathSync, unlinkSync} from 'node:fs'
import {dirname, isAbsolute, join, relative, resolve} from 'node:path'

import type {Study} from '../study/load.js'

// This module is on the start-up path of `karavaan status`: node:fs only, and the guard is loaded
// only when there is a draft to scan.

export const DRAFTS_DIR = 'concepten'

/** One file in a study's concepten/ folder: a text being typed when a command was broken off. */
export interface DraftFile {
  /** Last written, as milliseconds since 1970: the age of the text in it. */
  modifiedMs: number
  name: string
  path: string
  size: number
}

/** How the drafts in concepten/ stand, for karavaan status: counts only, never a text. */
export interface DraftsSummary {
  count: number
  oldest: null | {ageSeconds: number; modified: string; name: string}
  /** How many drafts the privacy guard finds personal data in. */
  withPersonalData: number
}

/**
 * The drafts in a study's concepten/ folder, oldest first; none when there is no such folder.
 * Hidden files are the temporary files of the atomic writer, which doctor treats as leftovers,
 * and a symbolic link is no draft of ours.
 */
export function listDrafts(studyDir: string): DraftFile[] {
  const dir = join(studyDir, DRAFTS_DIR)
  let names: string[]
  try {
    names = readdirSync(dir)
  } catch (error) {
    if ((error as {code?: string}).code === 'ENOENT' || (error as {code?: string}).code === 'ENOTDIR') return []
    throw error
  }

  const drafts: DraftFile[] = []
  for (const name of names) {
    if (name.startsWith('.')) continue
    const path = join(dir, name)
    const info = lstatSync(path)
    if (info.isFile()) drafts.push({modifiedMs: info.mtimeMs, name, path, size: info.size})
  }

  return drafts.sort((a, b) => a.modifiedMs - b.modifiedMs || a.name.localeCompare(b.name))
}

// Drafts are scanned as they are, front matter and all; a larger file is scanned up to this size.
const MAX_SCANNED_BYTES = 2 * 1024 * 1024

/**
 * The number of personal-data hits the guard finds in each draft (by path), with the study's
 * own names let through as everywhere else. The guard is loaded here, not at start-up.
 */
export async function scanDrafts(study: Pick<Study, 'halteplaatsen' | 'team'>, drafts: readonly DraftFile[]): Promise<Map<string, number>> {
  const hits = new Map<string, number>()
  if (drafts.length === 0) return hits
  const [{allowedNames}, {scanFields}] = await Promise.all([import('../privacy/allowed.js'), import('../privacy/guard.js')])
  const allowed = allowedNames(study)
  for (const draft of drafts) {
    let text: string
    try {
      text = readFileSync(draft.path).subarray(0, MAX_SCANNED_BYTES).toString('utf8')
    } catch {
      continue
    }

    hits.set(draft.path, scanFields({tekst: text}, allowed).length)
  }

  return hits
}

export async function summariseDrafts(study: Pick<Study, 'dir' | 'halteplaatsen' | 'team'>, now = Date.now()): Promise<DraftsSummary> {
  const drafts = listDrafts(study.dir)
  if (drafts.length === 0) return {count: 0, oldest: null, withPersonalData: 0}
  const hits = await scanDrafts(study, drafts)
  const oldest = drafts[0]
  return {
    count: drafts.length,
    oldest: {ageSeconds: Math.max(0, Math.round((now - oldest.modifiedMs) / 1000)), modified: new Date(oldest.modifiedMs).toISOString(), name: oldest.name},
    withPersonalData: [...hits.values()].filter((count) => count > 0).length,
  }
}

/**
 * How a draft can still be saved, by the command that wrote it: note add writes notitie-….md
 * (a note file that import reads), note edit bewerk-ID-….md (bewerk-ID.md before every edit had
 * its own), finding add in a terminal bevinding-….yaml (a file material import reads), an init
 * that was stopped init.yaml, and the material's prompts the bare text (bevinding-…, advies-…,
 * reflectie-VERDICT-…, bewerk-ID-… .txt).
 */
export function draftHint(study: Pick<Study, 'dir'>, draft: Pick<DraftFile, 'name' | 'path'>, cwd = process.cwd()): string {
  const path = commandPath(study.dir, draft.path, cwd)
  const edit = noteEditOf(draft.name)
  if (edit) return `een wijziging van notitie ${edit} die niet is opgeslagen: neem hem over met karavaan note edit ${edit}${path.study} (karavaan import zou er een nieuwe notitie van maken)`
  if (/\.(?:md|markdown)$/i.test(draft.name)) return `lees hem in met: karavaan import ${path.file}${path.study}`
  if (/^bevinding-.*\.ya?ml$/i.test(draft.name)) return `een bevinding die niet is opgeslagen: lees hem in met karavaan material import ${path.file}${path.study}`
  if (draft.name === 'init.yaml') return 'de antwoorden van een karavaan init die niet werd afgemaakt; niet meer nodig als de studie er staat'
  const text = /^(bevinding|advies|reflectie-(confirmed|nuanced|added)|bewerk-([\da-f]{4,}))-.*\.txt$/i.exec(draft.name)
  if (!text) return 'geen concept van de kit zelf; bekijk het bestand en verplaats of verwijder het'
  if (text[1] === 'bevinding') return `de tekst van een bevinding: neem hem over met karavaan finding add --file ${path.file}${path.study}`
  if (text[1] === 'advies') return `de tekst van een advies: neem hem over met karavaan advice add --file ${path.file}${path.study}`
  if (text[2]) return `een tekst voor een reflectiegesprek: neem hem over met karavaan reflect add --${text[2]} "…"${path.study}`
  return `de nieuwe tekst van bevinding, reflectiegesprek of advies ${text[3]}: neem hem over met karavaan finding edit ${text[3]} --file ${path.file}${path.study} (of advice edit, reflect edit)`
}

/** The short id of the note whose unsaved edit a draft holds (bewerk-ID.md, bewerk-ID-TIJD.md), or undefined. */
export function noteEditOf(name: string): string | undefined {
  return /^bewerk-([\da-f]{4,})(?:-[\w-]+)?\.md$/i.exec(name)?.[1]
}

/** The draft's path as the user types it from where they are, and --study when they are outside the study. */
export function commandPath(studyDir: string, file: string, cwd = process.cwd()): {file: string; study: string} {
  const inside = (path: string) => !path.startsWith('..') && !isAbsolute(path)
  const fromCwd = relative(cwd, file)
  return {file: quoted(inside(fromCwd) ? fromCwd : file), study: inside(relative(studyDir, cwd)) ? '' : ` --study ${quoted(studyDir)}`}
}

function quoted(path: string): string {
  return /^[\w./@:+-]+$/.test(path) ? path : `"${path.replaceAll(/(["\\$`])/g, '\\$1')}"`
}

/** Removes the files among `files` that are drafts in the study's concepten/ folder; returns their names. */
export function removeDrafts(study: Pick<Study, 'dir'>, files: readonly string[]): string[] {
  let dir: string
  try {
    dir = realpathSync(join(study.dir, DRAFTS_DIR))
  } catch {
    return []
  }

  const removed: string[] = []
  for (const file of files) {
    let real: string
    try {
      real = realpathSync(resolve(file))
    } catch {
      continue
    }

    if (dirname(real) !== dir) continue
    unlinkSync(real)
    removed.push(relative(dir, real))
  }

  return removed
}

/** An age as a person says it: "12 minuten", "5 uur", "3 dagen". */
export function describeAge(seconds: number): string {
  if (seconds < 60) return 'minder dan een minuut'
  const minutes = Math.floor(seconds / 60)
  if (minutes < 60) return minutes === 1 ? '1 minuut' : `${minutes} minuten`
  const hours = Math.floor(minutes / 60)
  if (hours < 24) return `${hours} uur`
  const days = Math.floor(hours / 24)
  return days === 1 ? '1 dag' : `${days} dagen`
}

/** A file size as a person reads it: "412 bytes", "2,3 kB". */
export function describeSize(bytes: number): string {
  if (bytes < 1024) return bytes === 1 ? '1 byte' : `${bytes} bytes`
  const kb = bytes / 1024
  if (kb < 1024) return `${kb.toFixed(1).replace('.', ',')} kB`
  return `${(kb / 1024).toFixed(1).replace('.', ',')} MB`
}

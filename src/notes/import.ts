import {createHash} from 'node:crypto'
import {lstatSync, readdirSync, readFileSync, realpathSync, statSync} from 'node:fs'
import {extname, isAbsolute, join, relative, resolve, sep} from 'node:path'

import {UserError} from '../errors.js'
import {allowedNames} from '../privacy/allowed.js'
import {studyPseudonyms} from '../privacy/pseudonym-key.js'
import type {Store} from '../store/store.js'
import type {Study} from '../study/load.js'
import {decodeNoteBytes, MAX_NOTE_FILE_BYTES} from './decode.js'
import {removeDrafts} from './draft-files.js'
import {checkNoteFields, type RawNoteFields} from './fields.js'
import {splitFrontMatter} from './frontmatter.js'
import type {PersonalDataPolicy} from '../privacy/guard.js'
import {describeHits, guardNote, type LocatedHit, PersonalDataError} from './guard.js'
import {sameFields} from './service.js'
import type {NoteFields} from '../model/note.js'
import type {PersonalDataOverride} from '../model/record.js'
import {describeWordLosses, type WordLosses} from './word-losses.js'

export const NOTE_EXTENSIONS = ['.md', '.markdown', '.txt', '.docx']
const MAX_DOCX_BYTES = 20 * 1024 * 1024
const MAX_FILES = 200_000

export type ImportStatus = 'bijgewerkt' | 'nieuw' | 'ongewijzigd'

export interface ImportedFile {
  converted?: string
  file: string
  /** A Word file: what it held that the note could not (counts), and the Dutch line that says so. */
  notCarriedOver?: WordLosses
  notCarriedOverText?: string
  noteId?: string
  replaced: number
  source: string
  status: ImportStatus
}

export interface ImportReport {
  dryRun: boolean
  files: ImportedFile[]
  /** Drafts from the study's concepten/ folder that were read in, and so removed (their names). */
  removedDrafts: string[]
  totals: Record<ImportStatus, number>
}

export interface ImportOptions {
  /** Asks a person for the metadata of a file that has none (a Word document without front matter). */
  askMetadata?: (file: string, known: RawNoteFields) => Promise<RawNoteFields>
  by?: null | string
  /** Metadata for files that have none of their own (a .docx, a plain text): from flags or prompts. */
  defaults?: RawNoteFields
  dryRun?: boolean
  onProgress?: (done: number, total: number) => void
  policy?: PersonalDataPolicy
}

interface Prepared {
  converted?: string
  losses?: WordLosses
  fields: NoteFields
  file: string
  hash: string
  override: null | PersonalDataOverride
  replaced: LocatedHit[]
  source: string
}

/** Every note file under the given paths (folders are searched, hidden files skipped), in a stable order. */
export function collectNoteFiles(paths: string[]): {files: string[]; problems: string[]} {
  const files: string[] = []
  const problems: string[] = []
  const walk = (dir: string, root: string) => {
    for (const name of readdirSync(dir).sort()) {
      if (name.startsWith('.')) continue
      const path = join(dir, name)
      const info = lstatSync(path)
      if (info.isSymbolicLink()) {
        let target: string
        try {
          target = realpathSync(path)
        } catch {
          problems.push(`${path}: verwijzing (symlink) naar een bestand dat niet bestaat`)
          continue
        }

        if (!(target + sep).startsWith(realpathSync(root) + sep)) {
          problems.push(`${path}: verwijst naar ${target}, buiten de map ${root}; zulke verwijzingen worden niet gevolgd`)
          continue
        }
      }

      const stat = statSync(path)
      if (stat.isDirectory()) walk(path, root)
      else if (!NOTE_EXTENSIONS.includes(extname(name).toLowerCase())) continue
      // A pipe or device named like a note would make reading it wait forever.
      else if (stat.isFile()) files.push(path)
      else problems.push(`${path}: is geen gewoon bestand (maar bijvoorbeeld een pipe of apparaat); karavaan leest het niet`)
      if (files.length > MAX_FILES) throw new UserError(`Meer dan ${MAX_FILES} bestanden; lees ze in delen in.`)
    }
  }

  for (const given of paths) {
    const path = resolve(given)
    let stat
    try {
      stat = statSync(path)
    } catch {
      problems.push(`${given}: bestaat niet`)
      continue
    }

    if (stat.isDirectory()) walk(path, path)
    else if (NOTE_EXTENSIONS.includes(extname(path).toLowerCase()) && !stat.isFile()) problems.push(`${given}: is geen gewoon bestand; karavaan leest het niet`)
    else if (NOTE_EXTENSIONS.includes(extname(path).toLowerCase())) files.push(path)
    else problems.push(`${given}: karavaan leest alleen ${NOTE_EXTENSIONS.join(', ')}`)
  }

  return {files: [...new Set(files)], problems}
}

/**
 * Imports note files all or nothing. Every file is read, checked and run past the personal-data
 * guard first; one problem anywhere stores nothing and lists every problem. A file is known by
 * its path: the same file again changes nothing, a changed file becomes a new version.
 */
export async function importNotes(store: Store, study: Study, paths: string[], options: ImportOptions = {}): Promise<ImportReport> {
  const {files, problems} = collectNoteFiles(paths)
  if (files.length === 0 && problems.length === 0) {
    throw new UserError(`Geen notities gevonden in ${paths.join(', ')}.`, {hint: `karavaan leest bestanden met de extensie ${NOTE_EXTENSIONS.join(', ')}.`})
  }

  const prepared: Prepared[] = []
  let done = 0
  for (const file of files) {
    const result = await prepareFile(study, file, options)
    if ('problems' in result) problems.push(...result.problems)
    else prepared.push(result)
    options.onProgress?.(++done, files.length * 2)
  }

  if (problems.length > 0) {
    const bad = new Set(problems.map((p) => p.split(':')[0])).size
    throw new UserError(`${bad} ${bad === 1 ? 'bestand is' : 'bestanden zijn'} niet in orde; er is niets ingelezen (ook de goede bestanden niet).`, {
      details: problems,
      hint: 'Verbeter deze bestanden en lees opnieuw in. Met --dry-run controleer je zonder op te slaan.',
    })
  }

  const report: ImportReport = {dryRun: Boolean(options.dryRun), files: [], removedDrafts: [], totals: {bijgewerkt: 0, nieuw: 0, ongewijzigd: 0}}
  const apply = () => {
    for (const item of prepared) {
      const existing = store.notes.bySource(item.source)
      let status: ImportStatus
      let noteId = existing?.id
      if (!existing) {
        status = 'nieuw'
        if (!options.dryRun) noteId = store.notes.insert(item.fields, {by: options.by, contentHash: item.hash, personalData: item.override, source: item.source}).id
      } else if (store.notes.contentHash(existing.id) === item.hash || sameFields({...existing, narratives: store.notes.ownNarratives(existing.id)}, item.fields)) {
        status = 'ongewijzigd'
      } else {
        status = 'bijgewerkt'
        if (!options.dryRun) store.notes.update(existing, item.fields, {by: options.by, contentHash: item.hash, personalData: item.override})
      }

      report.totals[status]++
      const lossText = item.losses ? describeWordLosses(item.losses) : undefined
      report.files.push({
        converted: item.converted,
        file: item.file,
        ...(lossText ? {notCarriedOver: item.losses, notCarriedOverText: lossText} : {}),
        noteId,
        replaced: item.replaced.length,
        source: item.source,
        status,
      })
      options.onProgress?.(++done, files.length * 2)
    }
  }

  if (options.dryRun) {
    apply()
    return report
  }

  store.transaction(apply)
  // Only once the notes are committed: a draft in concepten/ has done its work when its note is stored.
  report.removedDrafts = removeDrafts(study, prepared.map((item) => item.file))
  return report
}

async function prepareFile(study: Study, file: string, options: ImportOptions): Promise<Prepared | {problems: string[]}> {
  const label = displayPath(study, file)
  const fail = (...messages: string[]) => ({problems: messages.map((m) => `${label}: ${m}`)})
  const isDocx = extname(file).toLowerCase() === '.docx'
  let bytes: Buffer
  try {
    const size = statSync(file).size
    const limit = isDocx ? MAX_DOCX_BYTES : MAX_NOTE_FILE_BYTES
    if (size > limit) return fail(`het bestand is ${Math.round(size / 1024)} kB; dat is te groot voor een notitie (hoogstens ${Math.round(limit / 1024)} kB)`)
    bytes = readFileSync(file)
  } catch {
    return fail('is niet te lezen')
  }

  let text: string
  let converted: string | undefined
  let losses: WordLosses | undefined
  if (isDocx) {
    const {readDocx, WordProblem} = await import('./docx.js')
    try {
      ;({losses, text} = await readDocx(bytes))
    } catch (error) {
      if (error instanceof WordProblem) return fail(`is geen geldig Word-bestand (.docx): ${error.message}`)
      throw error
    }

    converted = 'docx'
  } else {
    const decoded = decodeNoteBytes(bytes)
    if (decoded.problem) return fail(decoded.problem)
    text = decoded.text
    converted = decoded.converted
  }

  const front = splitFrontMatter(text)
  if (front && front.problems.length > 0) return fail(...front.problems.map((p) => `regel ${p.line}${p.field ? `, ${p.field}` : ''}: ${p.message}`))
  let values: RawNoteFields = front?.values ?? {}
  if (!front && !hasDefaults(options.defaults)) {
    if (!options.askMetadata) return fail('heeft geen gegevens bovenaan (de regels tussen twee regels met --- met halteplaats, group, date, interviewer …); geef de gegevens met opties, zoals --halteplaats en --group')
    values = await options.askMetadata(label, {...options.defaults})
  }

  const raw: RawNoteFields = {...options.defaults, ...values, text: front ? front.body : text}
  const {fields, problems} = checkNoteFields(study, raw)
  if (!fields) return fail(...problems.map((p) => `${front?.keyLines[p.field] ? `regel ${front.keyLines[p.field]}, ` : ''}${p.field}: ${p.message}`))
  const bodyOffset = front ? text.split('\n').length - front.body.split('\n').length : 0
  let guarded
  try {
    guarded = guardNote(fields, options.policy ?? 'refuse', options.by ?? null, allowedNames(study), studyPseudonyms(study))
  } catch (error) {
    if (error instanceof PersonalDataError) return fail(...describeHits(error.hits, bodyOffset).map((d) => `persoonsgegevens: ${d}`))
    throw error
  }

  const hash = createHash('sha256').update(JSON.stringify(guarded.fields)).digest('hex')
  return {converted, fields: guarded.fields, file, hash, losses, override: guarded.override, replaced: guarded.override ? [] : guarded.hits, source: sourceKey(study, file)}
}

/** Where a note came from, as stored: relative to the study when the file is inside it. */
export function sourceKey(study: Study, file: string): string {
  const path = relative(study.dir, resolve(file))
  return path.startsWith('..') || isAbsolute(path) ? resolve(file) : path.split(sep).join('/')
}

function displayPath(study: Study, file: string): string {
  const path = relative(process.cwd(), file)
  return path.startsWith('..') ? sourceKey(study, file) : path
}

function hasDefaults(defaults: RawNoteFields | undefined): boolean {
  return Boolean(defaults && (defaults.halteplaats || defaults.group || defaults.activity))
}

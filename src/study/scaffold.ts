import * as v from 'valibot'
import {copyFileSync, existsSync, statSync} from 'node:fs'
import {join, resolve} from 'node:path'

import {UserError} from '../errors.js'
import {makePrivateDir, writePrivateFile} from '../fs/private.js'
import {loadMethod, methodPath} from '../method/load.js'
import {useDutchMessages} from '../parse/messages.js'
import {formatPath} from '../parse/yaml.js'
import {newId} from '../store/ids.js'
import {DATABASE_FILE, openStore, studyIdOfDatabase} from '../store/open.js'
import {INBOX_DIR, REPORTS_DIR, STUDY_FILE} from './locate.js'
import {renderStudyYaml} from './render.js'
import {type StudyFile, studySchema} from './schema.js'
import {studyProblems} from './validate.js'

export type StudyDraft = Omit<StudyFile, 'id'>

export interface ScaffoldResult {
  backup?: string
  database: string
  dir: string
  file: string
  keptDatabase: boolean
  study: StudyFile
}

/** Every problem with a draft study, as "field: message" lines; empty when it can be written. */
export function draftProblems(draft: StudyDraft, id = '0000000000-draft'): string[] {
  useDutchMessages()
  const result = v.safeParse(studySchema, {...draft, id})
  if (!result.success) {
    return result.issues.map((issue) => `${formatPath((issue.path ?? []).map((p) => p.key as number | string))}: ${issue.message}`)
  }

  return studyProblems(result.output).map((p) => `${p.field}: ${p.message}`)
}

/** Whether DIR already holds (part of) a study that init must not overwrite. */
export function existingStudy(dir: string): {database: boolean; studyFile: boolean} {
  return {database: existsSync(join(dir, DATABASE_FILE)), studyFile: existsSync(join(dir, STUDY_FILE))}
}

/**
 * Creates a study folder: study.yaml, the database and the folders later steps use. Everything
 * is checked before the first byte is written. With force, an existing study.yaml is kept as a
 * backup and an existing database is never replaced: the study keeps its id and its data.
 */
export function scaffoldStudy(dirInput: string, draft: StudyDraft, options: {force?: boolean} = {}): ScaffoldResult {
  const dir = resolve(dirInput)
  const problems = draftProblems(draft)
  if (problems.length > 0) {
    throw new UserError('De gegevens voor de nieuwe studie zijn niet in orde; er is niets geschreven.', {details: problems})
  }

  if (existsSync(dir) && !statSync(dir).isDirectory()) throw new UserError(`${dir} bestaat al en is geen map.`, {hint: 'Kies een andere naam voor de studiemap.'})
  const present = existingStudy(dir)
  if ((present.studyFile || present.database) && !options.force) {
    throw new UserError(`In ${dir} staat al een studie (${present.studyFile ? STUDY_FILE : DATABASE_FILE}); er is niets overschreven.`, {
      hint: 'Kies een andere map, of gebruik --force om study.yaml opnieuw te schrijven (de database blijft altijd bewaard).',
    })
  }

  // A custom method must be sound before the study points at it.
  loadMethod(methodPath(draft.method, dir))
  const id = present.database ? studyIdOfDatabase(join(dir, DATABASE_FILE)) ?? newId() : newId()
  const study: StudyFile = {id, ...draft}

  makePrivateDir(dir)
  const file = join(dir, STUDY_FILE)
  let backup: string | undefined
  if (present.studyFile) {
    backup = `${file}.${new Date().toISOString().replaceAll(/[:.]/g, '-')}.bak`
    copyFileSync(file, backup)
  }

  writePrivateFile(file, renderStudyYaml(study))
  for (const folder of [INBOX_DIR, REPORTS_DIR]) makePrivateDir(join(dir, folder))
  openStore(dir, id).close()
  return {backup, database: join(dir, DATABASE_FILE), dir, file, keptDatabase: present.database, study}
}

import {readFileSync} from 'node:fs'
import {join} from 'node:path'

import {UserError} from '../errors.js'
import {combinedExamples, exampleProblems} from '../method/examples.js'
import {methodPath} from '../method/path.js'
import {readMethodText} from '../method/read.js'
import type {Method} from '../method/schema.js'
import {STUDY_FILE} from './locate.js'
import {ParseCache} from './parse-cache.js'
import type {StudyFile} from './schema.js'

export interface Study extends StudyFile {
  dir: string
  file: string
  methodDefinition: Method
}

/**
 * Reads study.yaml and the method it names. The YAML parser and schemas are loaded only when a
 * file is new or changed; otherwise the checked result comes from the parse cache.
 */
export async function loadStudy(dir: string, options: {cacheDir?: string} = {}): Promise<Study> {
  const file = join(dir, STUDY_FILE)
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch {
    throw new UserError(`${file} is niet te lezen.`, {hint: 'Controleer of het bestand bestaat en of je het mag lezen.'})
  }

  const cache = options.cacheDir ? new ParseCache(join(options.cacheDir, 'parsed')) : undefined
  const studyKey = cache?.key('study', text)
  let study = studyKey ? cache!.get<StudyFile>(studyKey) : undefined
  if (!study) {
    const {parseStudyText} = await import('./parse.js')
    study = parseStudyText(text, file)
    if (studyKey) cache!.set(studyKey, study)
  }

  const methodFile = methodPath(study.method, dir)
  const methodText = readMethodText(methodFile)
  const methodKey = cache?.key('method', methodText)
  let method = methodKey ? cache!.get<Method>(methodKey) : undefined
  if (!method) {
    const {parseMethodText} = await import('../method/load.js')
    method = parseMethodText(methodText, methodFile)
    if (methodKey) cache!.set(methodKey, method)
  }

  // The study's own examples join the method's, so that advice, lists and reports see one list.
  const own = study.examples ?? []
  if (own.length > 0) {
    const problems = exampleProblems(own, method, 'examples', method.examples ?? [])
    if (problems.length > 0) (await import('./parse.js')).throwStudyProblems(text, file, problems)
  }

  const examples = combinedExamples(method.examples, own)
  return {...study, dir, file, methodDefinition: {...method, examples}}
}

import {readFileSync} from 'node:fs'
import {join} from 'node:path'

import {UserError} from '../errors.js'
import {loadMethod, methodPath} from '../method/load.js'
import type {Method} from '../method/schema.js'
import {fileError, parseYaml} from '../parse/yaml.js'
import {STUDY_FILE} from './locate.js'
import {type StudyFile, studySchema} from './schema.js'
import {studyProblems} from './validate.js'

export interface Study extends StudyFile {
  dir: string
  file: string
  methodDefinition: Method
}

export function parseStudyText(text: string, fileLabel: string): StudyFile {
  const study = parseYaml(text, studySchema, fileLabel)
  const problems = studyProblems(study)
  if (problems.length > 0) throw fileError(fileLabel, problems)
  return study
}

export function loadStudy(dir: string): Study {
  const file = join(dir, STUDY_FILE)
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch {
    throw new UserError(`${file} is niet te lezen.`, {hint: 'Controleer of het bestand bestaat en of je het mag lezen.'})
  }

  const study = parseStudyText(text, file)
  return {...study, dir, file, methodDefinition: loadMethod(methodPath(study.method, dir))}
}

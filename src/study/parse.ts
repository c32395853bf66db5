import {type FileProblem, parseYaml} from '../parse/yaml.js'
import {type StudyFile, studySchema} from './schema.js'
import {studyProblems} from './validate.js'

/** Parses and checks the text of a study.yaml; every problem names its line and field. */
export function parseStudyText(text: string, fileLabel: string): StudyFile {
  return parseYaml(text, studySchema, fileLabel, studyProblems)
}

/**
 * Throws the error for problems found after parsing, against the method (the study's own
 * examples): with the line of each, as for every other problem of study.yaml.
 */
export function throwStudyProblems(text: string, fileLabel: string, problems: FileProblem[]): never {
  parseYaml(text, studySchema, fileLabel, () => problems)
  throw new Error('study.yaml had problems but parsing it found none')
}

import {parseYaml} from '../parse/yaml.js'
import {type StudyFile, studySchema} from './schema.js'
import {studyProblems} from './validate.js'

/** Parses and checks the text of a study.yaml; every problem names its line and field. */
export function parseStudyText(text: string, fileLabel: string): StudyFile {
  return parseYaml(text, studySchema, fileLabel, studyProblems)
}

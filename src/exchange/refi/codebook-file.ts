import {renameSync, rmSync, writeFileSync} from 'node:fs'

import type {Study} from '../../study/load.js'
import {codebookXml, methodCodes} from './codebook.js'

/** Writes the codebook of the study's method as a .qdc file. */
export function writeCodebook(study: Study, file: string, origin: string): {codes: number; file: string} {
  const codes = methodCodes(study.methodDefinition)
  const temporary = `${file}.${process.pid}.tmp`
  try {
    writeFileSync(temporary, codebookXml(study.methodDefinition, origin))
    renameSync(temporary, file)
  } catch (error) {
    rmSync(temporary, {force: true})
    throw error
  }

  return {codes: codes.reduce((sum, c) => sum + c.children.length, 0), file}
}

import {dirname, isAbsolute, join, resolve} from 'node:path'
import {fileURLToPath} from 'node:url'

export const BUILT_IN_METHOD = 'karavaan'

/** The folder with the built-in method files, found from this compiled file. */
export const METHODS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'methods')

/** Where a study's `method:` value points: the built-in method, or a file relative to the study. */
export function methodPath(reference: string, studyDir: string): string {
  if (reference === BUILT_IN_METHOD) return join(METHODS_DIR, `${BUILT_IN_METHOD}.yaml`)
  return isAbsolute(reference) ? reference : resolve(studyDir, reference)
}

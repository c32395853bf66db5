import {mkdir, rename, rm, writeFile} from 'node:fs/promises'
import {dirname} from 'node:path'

import {PRIVATE_FILE_MODE} from '../fs/private.js'

/**
 * Writes the whole file or nothing: a failed build leaves no half report (or an old one torn).
 * Readable by the owner only, like everything in the study folder: a report quotes respondents.
 */
export async function writeWhole(out: string, content: string): Promise<void> {
  await mkdir(dirname(out), {recursive: true})
  const temporary = `${out}.${process.pid}.tmp`
  try {
    await writeFile(temporary, content, {encoding: 'utf8', mode: PRIVATE_FILE_MODE})
    await rename(temporary, out)
  } catch (error) {
    await rm(temporary, {force: true})
    throw error
  }
}

import {mkdir, rename, rm, writeFile} from 'node:fs/promises'
import {dirname} from 'node:path'

/** Writes the whole file or nothing: a failed build leaves no half report (or an old one torn). */
export async function writeWhole(out: string, content: string): Promise<void> {
  await mkdir(dirname(out), {recursive: true})
  const temporary = `${out}.${process.pid}.tmp`
  try {
    await writeFile(temporary, content, 'utf8')
    await rename(temporary, out)
  } catch (error) {
    await rm(temporary, {force: true})
    throw error
  }
}

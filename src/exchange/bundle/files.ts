import {readFileSync, statSync} from 'node:fs'

import {UserError} from '../../errors.js'
import {writePrivateFile} from '../../fs/private.js'
import {unreadablePath} from '../../fs/unreadable.js'

/** Bundles are never bigger than this on disk; a larger file is not read at all. */
const MAX_BUNDLE_FILE = 1024 * 1024 * 1024

/** Writes a bundle readable by its owner only (0600), whole or not at all. */
export function writeBundleFile(file: string, bytes: Buffer): void {
  try {
    writePrivateFile(file, bytes)
  } catch (error) {
    throw new UserError(`${file} kan niet worden geschreven (${(error as {code?: string}).code ?? 'fout'}).`, {hint: 'Controleer of de map bestaat en of je er mag schrijven, of kies een ander bestand met --out.'})
  }
}

export function readBundleFile(file: string): Buffer {
  let size: number
  try {
    const stat = statSync(file)
    if (!stat.isFile()) throw new UserError(`${file} is geen bestand.`)
    size = stat.size
  } catch (error) {
    if (error instanceof UserError) throw error
    throw unreadablePath(file, error, 'de bundel')
  }

  if (size > MAX_BUNDLE_FILE) throw new UserError(`${file} is groter dan 1 GB; zo groot wordt geen bundel van karavaan. Er is niets ingelezen.`)
  return readFileSyncChecked(file)
}

function readFileSyncChecked(file: string): Buffer {
  try {
    return readFileSync(file)
  } catch (error) {
    throw unreadablePath(file, error, 'de bundel')
  }
}

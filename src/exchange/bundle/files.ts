import {closeSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync} from 'node:fs'
import {dirname, join} from 'node:path'

import {UserError} from '../../errors.js'

/** Bundles are never bigger than this on disk; a larger file is not read at all. */
const MAX_BUNDLE_FILE = 1024 * 1024 * 1024

/**
 * Writes a file readable by its owner only (0600), through a temporary file beside it, so a bundle
 * is either whole or not there. (A shared helper for private files may replace this.)
 */
export function writePrivateFile(file: string, bytes: Buffer): void {
  const temporary = join(dirname(file), `.${process.pid}.${Date.now()}.karavaan-tmp`)
  let fd: number
  try {
    fd = openSync(temporary, 'wx', 0o600)
  } catch (error) {
    throw new UserError(`${file} kan niet worden geschreven (${(error as {code?: string}).code ?? 'fout'}).`, {hint: 'Controleer of de map bestaat en of je er mag schrijven.'})
  }

  try {
    writeSync(fd, bytes)
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }

  try {
    renameSync(temporary, file)
  } catch (error) {
    rmSync(temporary, {force: true})
    throw new UserError(`${file} kan niet worden geschreven (${(error as {code?: string}).code ?? 'fout'}).`, {hint: 'Kies een ander bestand met --out.'})
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
    throw new UserError(`${file} bestaat niet of is niet te lezen.`, {hint: 'Controleer de naam en de map van de bundel.'})
  }

  if (size > MAX_BUNDLE_FILE) throw new UserError(`${file} is groter dan 1 GB; zo groot wordt geen bundel van karavaan. Er is niets ingelezen.`)
  return readFileSyncChecked(file)
}

function readFileSyncChecked(file: string): Buffer {
  try {
    return readFileSync(file)
  } catch {
    throw new UserError(`${file} is niet te lezen.`, {hint: 'Controleer of je het bestand mag lezen.'})
  }
}

import {chmodSync, closeSync, fsyncSync, linkSync, mkdirSync, openSync, readSync, renameSync, statSync, unlinkSync, writeSync} from 'node:fs'
import {basename, dirname, join} from 'node:path'

/**
 * Files and folders that hold respondents' words: the database, backups, drafts, bundles,
 * exports and reports. They are made readable by the owner only from the first byte, and files
 * are replaced atomically, so a crash leaves either the old or the new content, never half.
 * Use these helpers for every file the kit writes inside a study or hands to the user.
 */

export const PRIVATE_FILE_MODE = 0o600
export const PRIVATE_DIR_MODE = 0o700

/** Windows has no owner/group/other bits; the checks and repairs only make sense elsewhere. */
export const HAS_POSIX_MODES = process.platform !== 'win32'

/** Makes dir (and missing parents) readable by the owner only; an existing dir is tightened too. */
export function makePrivateDir(dir: string): string {
  mkdirSync(dir, {mode: PRIVATE_DIR_MODE, recursive: true})
  if (HAS_POSIX_MODES && (statSync(dir).mode & 0o077) !== 0) chmodSync(dir, PRIVATE_DIR_MODE)
  return dir
}

/** A fresh temporary name beside file, on the same disk, so a rename can put it in place. */
export function temporaryPathFor(file: string): string {
  return join(dirname(file), `.${basename(file)}.${process.pid}-${Date.now().toString(36)}.tmp`)
}

/**
 * Creates file anew (it must not exist) with owner-only rights and returns its descriptor.
 * For writers that stream; close it with closeSync.
 */
export function createPrivateFile(file: string): number {
  return openSync(file, 'wx', PRIVATE_FILE_MODE)
}

/**
 * Writes content to file atomically and privately: a temporary file (0600) beside it is written,
 * flushed to disk and renamed over file. Readers see the old file or the new one, never a part.
 */
export function writePrivateFile(file: string, content: string | Uint8Array): void {
  replaceWith(writeTemporary(file, content), file)
}

/** A temporary file (0600) beside file with content, flushed to disk; its name. */
function writeTemporary(file: string, content: string | Uint8Array): string {
  const temporary = temporaryPathFor(file)
  writeFresh(temporary, content)
  return temporary
}

/** Creates file (it must not exist) with owner-only rights, writes content and flushes it; on failure it is gone. */
function writeFresh(file: string, content: string | Uint8Array): void {
  const fd = createPrivateFile(file)
  try {
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content
    let written = 0
    while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written)
    fsyncSync(fd)
    closeSync(fd)
  } catch (error) {
    closeSync(fd)
    removeQuietly(file)
    throw error
  }
}

// What link() answers on a disk without hard links (FAT32 and exFAT USB sticks, some network shares).
const NO_HARD_LINKS = new Set(['ENOSYS', 'ENOTSUP', 'EOPNOTSUPP', 'EPERM', 'EXDEV'])

/**
 * Writes content to file only if file does not exist yet, privately and whole: a temporary file
 * is written and flushed, then linked to the name, which fails when another process got there
 * first. False when file already existed (then it is left as it was). On a disk without hard
 * links the file is created exclusively and written in place instead.
 */
export function writeNewPrivateFile(file: string, content: string | Uint8Array): boolean {
  const temporary = writeTemporary(file, content)
  try {
    linkSync(temporary, file)
  } catch (error) {
    const code = (error as {code?: string}).code ?? ''
    if (code === 'EEXIST') return false
    if (!NO_HARD_LINKS.has(code)) throw error
    try {
      writeFresh(file, content)
    } catch (inPlace) {
      if ((inPlace as {code?: string}).code === 'EEXIST') return false
      throw inPlace
    }
  } finally {
    removeQuietly(temporary)
  }

  syncDir(dirname(file))
  return true
}

/**
 * Copies source to a new file dest (which must not exist) that only the owner may read, and
 * flushes it to disk. copyFile would take over the source's rights, which may be wider.
 */
export function copyPrivately(source: string, dest: string): number {
  const from = openSync(source, 'r')
  let to: number | undefined
  try {
    to = createPrivateFile(dest)
    const chunk = Buffer.allocUnsafe(1024 * 1024)
    let total = 0
    for (let read = readSync(from, chunk); read > 0; read = readSync(from, chunk)) {
      let written = 0
      while (written < read) written += writeSync(to, chunk, written, read - written)
      total += read
    }

    fsyncSync(to)
    return total
  } catch (error) {
    if (to !== undefined) {
      closeSync(to)
      to = undefined
      removeQuietly(dest)
    }

    throw error
  } finally {
    closeSync(from)
    if (to !== undefined) closeSync(to)
  }
}

/** Removes a file of the kit's own making (a temporary file); a missing one is fine. */
export function removeQuietly(file: string): void {
  try {
    unlinkSync(file)
  } catch {
    // Already gone.
  }
}

/** Puts a finished temporary file in place of file and makes the rename itself durable. */
export function replaceWith(temporary: string, file: string): void {
  try {
    renameSync(temporary, file)
  } catch (error) {
    removeQuietly(temporary)
    throw error
  }

  syncDir(dirname(file))
}

/** Flushes a folder's entries (a rename or a new file) to disk; not possible on every system. */
export function syncDir(dir: string): void {
  let fd: number | undefined
  try {
    fd = openSync(dir, 'r')
    fsyncSync(fd)
  } catch {
    // Windows cannot open a folder; its renames are durable enough for us.
  } finally {
    if (fd !== undefined) closeSync(fd)
  }
}

/** Whether others than the owner may read, write or enter path; undefined when it does not exist. */
export function openToOthers(path: string): boolean | undefined {
  try {
    return HAS_POSIX_MODES && (statSync(path).mode & 0o077) !== 0
  } catch {
    return undefined
  }
}

/** The permission bits of path as a user reads them in `ls -l` terms: 0600, 0755 … */
export function modeOf(path: string): string {
  return (statSync(path).mode & 0o777).toString(8).padStart(4, '0')
}

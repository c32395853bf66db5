import {mkdirSync, readFileSync, statSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'

import {copyPrivately, makePrivateDir, writePrivateFile} from '../../src/fs/private.js'
import {draftPath, writeDraft} from '../../src/notes/draft.js'
import {loadStudy} from '../../src/study/load.js'
import {makeStudy, tempDir} from '../helpers/cli.js'

const mode = (path: string) => statSync(path).mode & 0o777

// Private from the first byte, whatever the umask of the user's shell says.
describe.skipIf(process.platform === 'win32')('private files and folders', () => {
  let umask: number
  beforeEach(() => {
    umask = process.umask(0)
  })
  afterEach(() => {
    process.umask(umask)
  })

  it('writes a file 0600, also over an existing file that others could read', () => {
    const file = join(tempDir(), 'export.csv')
    writeFileSync(file, 'oud', {mode: 0o644})
    expect(mode(file)).toBe(0o644)
    writePrivateFile(file, 'nieuw')
    expect(readFileSync(file, 'utf8')).toBe('nieuw')
    expect(mode(file)).toBe(0o600)
  })

  it('makes folders 0700 and tightens an existing one', () => {
    const dir = join(tempDir(), 'a', 'b')
    makePrivateDir(dir)
    expect(mode(dir)).toBe(0o700)
    const open = join(tempDir(), 'open')
    mkdirSync(open, {mode: 0o755})
    makePrivateDir(open)
    expect(mode(open)).toBe(0o700)
  })

  it('copies a file that others could read into a private one', () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'bron'), 'inhoud', {mode: 0o644})
    copyPrivately(join(dir, 'bron'), join(dir, 'kopie'))
    expect(readFileSync(join(dir, 'kopie'), 'utf8')).toBe('inhoud')
    expect(mode(join(dir, 'kopie'))).toBe(0o600)
  })

  it('keeps drafts of notes in a private concepten/ folder', async () => {
    const study = await loadStudy(makeStudy())
    const file = draftPath(study, 'nieuw.md')
    writeDraft(file, '---\nhalteplaats: noord\n---\nTekst van een respondent.\n')
    expect(mode(file)).toBe(0o600)
    expect(mode(join(study.dir, 'concepten'))).toBe(0o700)
  })
})

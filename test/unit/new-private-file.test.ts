import {readdirSync, readFileSync, statSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {afterEach, describe, expect, it, vi} from 'vitest'

import {writeNewPrivateFile} from '../../src/fs/private.js'
import {tempDir} from '../helpers/cli.js'

// A FAT32 or exFAT USB stick has no hard links: link() fails there, as it does here when told to.
const noLinks = vi.hoisted(() => ({on: false}))
vi.mock('node:fs', async (original) => {
  const fs = await original<typeof import('node:fs')>()
  return {
    ...fs,
    linkSync: (...args: Parameters<typeof fs.linkSync>) => {
      if (noLinks.on) throw Object.assign(new Error('operation not permitted, link'), {code: 'EPERM'})
      return fs.linkSync(...args)
    },
  }
})

describe.each([false, true])('writeNewPrivateFile (disk without hard links: %s)', (withoutLinks) => {
  afterEach(() => {
    noLinks.on = false
  })

  it('writes a new file owner-only, never over an existing one, and leaves no temporary file', () => {
    noLinks.on = withoutLinks
    const dir = tempDir()
    const file = join(dir, 'veenland.sleutel')
    expect(writeNewPrivateFile(file, 'eerste')).toBe(true)
    expect(readFileSync(file, 'utf8')).toBe('eerste')
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600)
    expect(writeNewPrivateFile(file, 'tweede')).toBe(false)
    expect(readFileSync(file, 'utf8')).toBe('eerste')
    writeFileSync(join(dir, 'al-daar'), 'van de gebruiker')
    expect(writeNewPrivateFile(join(dir, 'al-daar'), 'x')).toBe(false)
    expect(readFileSync(join(dir, 'al-daar'), 'utf8')).toBe('van de gebruiker')
    expect(readdirSync(dir).sort()).toEqual(['al-daar', 'veenland.sleutel'])
  })
})

import {strToU8, zipSync} from 'fflate'
import {describe, expect, it} from 'vitest'

import {UserError} from '../../src/errors.js'
import {parseProjectXml} from '../../src/exchange/refi/import.js'
import {readZipDirectory, readZipEntry, unsafeName, type ZipLimits} from '../../src/exchange/safe-zip.js'

const LIMITS: ZipLimits = {maxEntries: 100, maxEntryBytes: 10 * 1024 * 1024, maxRatio: 100, maxTotalBytes: 20 * 1024 * 1024, ratioFromBytes: 1024 * 1024}
const PROJECT = '<?xml version="1.0" encoding="UTF-8"?><Project xmlns="urn:QDA-XML:project:1.0" name="p"/>'

const zip = (files: Record<string, string | Uint8Array>) =>
  Buffer.from(zipSync(Object.fromEntries(Object.entries(files).map(([name, content]) => [name, typeof content === 'string' ? strToU8(content) : content]))))

/** Sets the uncompressed size that the central directory declares for every entry. */
function declareSize(buffer: Buffer, size: number): Buffer {
  const copy = Buffer.from(buffer)
  for (let at = 0; at < copy.length - 4; at++) if (copy.readUInt32LE(at) === 0x02_01_4b_50) copy.writeUInt32LE(size, at + 24)
  return copy
}

function refusal(fn: () => unknown): string {
  try {
    fn()
  } catch (error) {
    expect(error).toBeInstanceOf(UserError)
    return (error as UserError).message
  }

  throw new Error('not refused')
}

describe('zip files from elsewhere', () => {
  it('reads an ordinary zip', () => {
    const buffer = zip({'project.qde': PROJECT, 'sources/a.txt': 'café 🙂'})
    const entries = readZipDirectory(buffer, 'p.qdpx', LIMITS)
    expect([...entries.keys()]).toEqual(['project.qde', 'sources/a.txt'])
    expect(readZipEntry(buffer, entries.get('sources/a.txt')!, 'p.qdpx').toString('utf8')).toBe('café 🙂')
  })

  it.each([
    ['../buiten.txt', 'bovenliggende map'],
    ['sources/../../buiten.txt', 'bovenliggende map'],
    ['/etc/passwd', 'absoluut pad'],
    ['C:/Windows/win.ini', 'absoluut pad'],
    ['sources\\..\\buiten.txt', 'backslash'],
  ])('refuses an entry that escapes the folder: %s', (name, why) => {
    const message = refusal(() => readZipDirectory(zip({[name]: 'x', 'project.qde': PROJECT}), 'p.qdpx', LIMITS))
    expect(message).toContain('onveilige naam')
    expect(message).toContain(why)
    expect(unsafeName('sources/a..b.txt')).toBeUndefined()
  })

  it('refuses a zip bomb by its ratio before inflating anything', () => {
    const message = refusal(() => readZipDirectory(zip({'project.qde': new Uint8Array(4 * 1024 * 1024)}), 'bom.qdpx', LIMITS))
    expect(message).toMatch(/keer zo groot; dat is een zip-bom/)
  })

  it('refuses entries whose declared sizes are too large, one by one or together', () => {
    expect(refusal(() => readZipDirectory(declareSize(zip({'project.qde': PROJECT}), 11 * 1024 * 1024), 'p.qdpx', {...LIMITS, maxRatio: Infinity}))).toMatch(/meer dan 10 MB per bestand/)
    const many = zip(Object.fromEntries(Array.from({length: 5}, (_, i) => [`sources/${i}.txt`, 'x'])))
    expect(refusal(() => readZipDirectory(declareSize(many, 5 * 1024 * 1024), 'p.qdpx', {...LIMITS, maxRatio: Infinity}))).toMatch(/groter dan 20 MB/)
    expect(refusal(() => readZipDirectory(many, 'p.qdpx', {...LIMITS, maxEntries: 4}))).toMatch(/bevat 5 bestanden; meer dan 4/)
  })

  it('stops inflating at the declared size when the directory lies', () => {
    const honest = zip({'project.qde': 'ab'.repeat(50_000)})
    const lying = declareSize(honest, 1000)
    const entry = readZipDirectory(lying, 'p.qdpx', LIMITS).get('project.qde')!
    expect(refusal(() => readZipEntry(lying, entry, 'p.qdpx'))).toMatch(/groter dan de zip opgeeft/)
  })

  it('refuses what is no zip, or a damaged one', () => {
    expect(refusal(() => readZipDirectory(Buffer.from('dit is geen zip'), 'p.qdpx', LIMITS))).toMatch(/geen geldig zip-bestand/)
    const cut = zip({'project.qde': PROJECT})
    expect(refusal(() => readZipDirectory(cut.subarray(10), 'p.qdpx', LIMITS))).toMatch(/geen geldig zip-bestand|beschadigd/)
  })
})

describe('XML from elsewhere', () => {
  it('refuses any DOCTYPE, so no external entity or entity bomb is read', async () => {
    const xxe = '<?xml version="1.0"?><!DOCTYPE Project [<!ENTITY x SYSTEM "file:///etc/passwd">]><Project name="&x;"/>'
    await expect(parseProjectXml(xxe, 'p.qdpx: project.qde')).rejects.toThrow(/DOCTYPE/)
    const bomb = `<?xml version="1.0"?><!doctype lol [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><Project name="&b;"/>`
    await expect(parseProjectXml(bomb, 'p.qdpx: project.qde')).rejects.toBeInstanceOf(UserError)
  })

  it('refuses XML that is not well formed, naming the line', async () => {
    await expect(parseProjectXml('<?xml version="1.0"?>\n<Project name="p">\n<Users></Project>', 'p.qdpx: project.qde')).rejects.toThrow(/geen geldige XML \(regel 3/)
  })
})

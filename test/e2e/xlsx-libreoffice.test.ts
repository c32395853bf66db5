import {strFromU8, unzipSync} from 'fflate'
import {spawnSync} from 'node:child_process'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {pathToFileURL} from 'node:url'
import {describe, expect, it} from 'vitest'

import {json, karavaan, makeStudy, tempDir} from '../helpers/cli.js'

const hasSoffice = spawnSync('soffice', ['--version'], {encoding: 'utf8'}).status === 0
const SKIP = hasSoffice ? '' : ' (overgeslagen: LibreOffice, soffice, is niet geïnstalleerd)'

/**
 * The workbook as LibreOffice Calc reads it: converted headless to .ods, whose content.xml says
 * which ranges Calc filters and which cells it holds as dates. A profile of its own, so a
 * LibreOffice already running (or another test) does not take the conversion over.
 */
function asCalcSees(xlsx: string, dir: string): string {
  const profile = pathToFileURL(join(dir, 'lo-profiel')).href
  const result = spawnSync('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'ods', '--outdir', dir, xlsx], {encoding: 'utf8', timeout: 90_000})
  expect(result.status, result.stderr).toBe(0)
  return strFromU8(unzipSync(readFileSync(xlsx.replace(/\.xlsx$/, '.ods')))['content.xml'])
}

describe('the workbook in LibreOffice Calc', () => {
  it.skipIf(!hasSoffice)(`shows a filter on every sheet over all its rows, and reads dates and timestamps as dates${SKIP}`, {timeout: 120_000}, () => {
    const study = makeStudy()
    const out = tempDir()
    const cli = (...args: string[]) => karavaan([...args, '--study', study], {env: {TZ: 'Europe/Amsterdam'}})
    const note = json<{id: string}>(cli('note', 'add', '--json', '--halteplaats', 'noord', '--group', 'moeders', '--date', '2026-03-11', '--interviewer', 'anna', '--theme', 'voorzieningen', '--text', 'Het buurthuis gaat dicht.'))
    cli('note', 'add', '--halteplaats', 'dorp', '--activity', 'wijkwandeling', '--date', '2026-04-02', '--interviewer', 'bram', '--text', 'Een rondje door het dorp.')
    const file = join(out, 'karavaan.xlsx')
    expect(cli('export', '--out', file).code).toBe(0)

    const content = asCalcSees(file, out)
    const ranges = [...content.matchAll(/<table:database-range [^>]*table:target-range-address="([^"]+)"[^>]*>/g)].map((m) => [m[1], m[0].includes('table:display-filter-buttons="true"')])
    // Header and rows: 2 notes; 1 coding (the theme of the first note's front matter); the matrix's
    // 4 halteplaatsen and 8 groups with a total each; 32 conversations and 1 observation.
    expect(ranges).toEqual([
      ['Notities.A1:Notities.M3', true],
      ['Tags.A1:Tags.O2', true],
      ['Narratieven.A1:Narratieven.I15', true],
      ['Dekking.A1:Dekking.H34', true],
    ])

    const dates = [...content.matchAll(/office:value-type="date" office:date-value="([^"]+)"/g)].map((m) => m[1])
    expect(dates).toContain('2026-03-11')
    expect(dates).toContain('2026-04-02')
    // "Laatst gewijzigd" and "Gemaakt op" as moments at the local time, not as ISO text.
    const stored = json<{createdAt: string; updatedAt: string}>(cli('note', 'show', note.id, '--json'))
    const local = new Date(stored.updatedAt).toLocaleString('sv-SE', {timeZone: 'Europe/Amsterdam'}).replace(' ', 'T')
    expect(dates).toContain(local)
    expect(content).not.toContain(stored.updatedAt)
    // ja/nee, not 1/0.
    expect(content).toMatch(/<text:p>ja<\/text:p>/)
    expect(content).toMatch(/<text:p>nee<\/text:p>/)
  })
})

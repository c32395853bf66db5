import Database from 'better-sqlite3'
import {parse} from 'csv-parse/sync'
import {strFromU8, unzipSync} from 'fflate'
import {existsSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'

import {readBundle} from '../../src/exchange/bundle/bundle.js'
import {expectRefusal, json, karavaan, makeStudy, snapshot, tempDir} from '../helpers/cli.js'

// One gate for everything that leaves the laptop (issue 13): CSV, XLSX, REFI-QDA, bundles and the
// report refuse personal data by default, write placeholders with --pseudonymise (the study stays
// as it is), or write it with --allow-personal-data and record that choice.
const TEXT = 'Mevrouw Jansen zei: bel me op 06-12345678 als er nieuws is over het loket.'
const QUOTE = 'bel me op 06-12345678 als'
const REPLACED = 'Mevrouw [naam] zei: bel me op [telefoonnummer] als er nieuws is over het loket.'
// The placeholders are the study's stable ones ([naam-3f7a9c]); compared here by their kind.
const generic = (text: string) => text.replaceAll(/\[([a-z -]+)-[0-9a-f]{6}(\\?)\]/g, '[$1$2]')

interface Override {
  file: string
  hits: number
  kinds: string[]
  output: string
  records: Array<{id: string; kind: string}>
}

describe('the privacy gate before every output', () => {
  let study: string
  let out: string
  let kept: string
  let short: string
  const run = (...args: string[]) => karavaan([...args, '--study', study])
  const overrides = () => json<{overrides?: Override[]}>(run('status', '--json')).overrides ?? []
  const storedText = () => json<{text: string}>(run('note', 'show', kept, '--json')).text

  beforeAll(() => {
    study = makeStudy()
    out = tempDir()
    // Stored with a recorded choice to keep the personal data: fine in the study, not in an export.
    kept = json<{id: string}>(run('note', 'add', '--halteplaats', 'noord', '--group', 'ouderen', '--date', '2026-03-03', '--interviewer', 'bram', '--text', TEXT, '--allow-personal-data', '--json')).id
    short = kept.slice(-8)
    expect(run('note', 'add', '--halteplaats', 'dorp', '--group', 'moeders', '--date', '2026-03-04', '--interviewer', 'anna', '--text', 'Het loket is dicht, zei een moeder.').code).toBe(0)
    expect(run('tag', 'add', kept, '1', '--quote', QUOTE, '--coder', 'anna').code).toBe(0)
  })

  it('refuses a CSV with personal data without a choice: exit 1, nothing written, the note named, both flags in the hint', () => {
    const file = join(out, 'geweigerd.csv')
    const before = snapshot(study)
    const refused = run('export', '--format', 'csv', '--out', file)
    expectRefusal(refused, 1, 'De export bevat mogelijk persoonsgegevens (2); er is niets geschreven.', `notitie ${short}, tekst regel 1, kolom 9: naam "Jansen"`, '06-12345678', '--pseudonymise', '--allow-personal-data')
    expect(existsSync(file)).toBe(false)
    expect(snapshot(study)).toEqual(before)
    // --json has the hits, located, for a script.
    const error = JSON.parse(run('export', '--format', 'csv', '--out', file, '--json').stdout) as {error: {privacy: {choice: string; hits: Array<{column: number; field: string; id: string; kind: string; line: number}>}}}
    expect(error.error.privacy.choice).toBe('refuse')
    expect(error.error.privacy.hits.map((h) => [h.id, h.field, h.kind, h.line, h.column])).toEqual([
      [kept, 'tekst', 'naam', 1, 9],
      [kept, 'tekst', 'telefoonnummer', 1, 31],
    ])
  })

  it('writes placeholders with --pseudonymise, in the file only: the study still holds the note as stored', () => {
    const file = join(out, 'notities.csv')
    const result = run('export', '--format', 'csv', '--out', file, '--pseudonymise')
    expect(result.code, result.stderr).toBe(0)
    expect(result.stdout).toContain('2 mogelijke persoonsgegevens in het bestand vervangen door een plaatshouder; de studie zelf is niet veranderd.')
    const rows = parse(readFileSync(file, 'utf8').slice(1), {columns: true, delimiter: ';', record_delimiter: '\r\n'}) as Array<Record<string, string>>
    expect(generic(rows.find((r) => r.Id === kept)!.Tekst)).toBe(REPLACED)
    expect(readFileSync(file, 'utf8')).not.toContain('06-12345678')
    expect(storedText()).toBe(TEXT)
    expect(overrides()).toEqual([])
  })

  it('moves a tag passage with the placeholders in the tags table', () => {
    const file = join(out, 'tags.csv')
    expectRefusal(run('export', '--format', 'csv', '--what', 'tags', '--out', file), 1, `tag `, `op notitie ${short}, passage`)
    expect(run('export', '--format', 'csv', '--what', 'tags', '--out', file, '--pseudonymise').code).toBe(0)
    const [tag] = parse(readFileSync(file, 'utf8').slice(1), {columns: true, delimiter: ';', record_delimiter: '\r\n'}) as Array<Record<string, string>>
    expect(generic(tag.Passage)).toBe('bel me op [telefoonnummer] als')
    expect(tag.Passage).toMatch(/\[telefoonnummer-[0-9a-f]{6}\]/)
    expect(Number(tag.Einde) - Number(tag.Begin)).toBe([...tag.Passage].length)
  })

  it('writes the file as is with --allow-personal-data and records the choice, which status and doctor show', () => {
    const file = join(out, 'toch.csv')
    const result = run('export', '--format', 'csv', '--out', file, '--allow-personal-data', '--json')
    expect(result.code, result.stderr).toBe(0)
    expect(result.stderr).toContain('Let op: geschreven mét 2 mogelijke persoonsgegevens')
    expect(readFileSync(file, 'utf8')).toContain('06-12345678')
    const report = JSON.parse(result.stdout) as {privacy: {choice: string; found: number; override: string}}
    expect(report.privacy).toMatchObject({choice: 'allow', found: 2})
    const [recorded] = overrides()
    expect(recorded).toMatchObject({file, hits: 2, kinds: ['naam', 'telefoonnummer'], output: 'csv', records: [{id: kept, kind: 'note'}]})
    expect(run('status').stdout).toContain('Met persoonsgegevens geschreven (bewuste keuze, --allow-personal-data): één keer')
    const doctor = run('doctor')
    expect(doctor.code).toBe(0)
    expect(doctor.stdout).toMatch(new RegExp(`Uitvoer met persoonsgegevens: 1 keer[^\\n]*\\n {4}- [^\\n]*${file.replaceAll(/[/.]/g, '\\$&')} \\(CSV\\), 2 mogelijke persoonsgegevens \\(naam, telefoonnummer\\) in notitie ${short}`))
  })

  it('gives XLSX and REFI-QDA the same gate, the same words and the same three choices as CSV', async () => {
    for (const format of ['xlsx', 'qdpx']) {
      const file = join(out, `geweigerd.${format}`)
      expectRefusal(run('export', '--format', format, '--out', file), 1, 'De export bevat mogelijk persoonsgegevens (3); er is niets geschreven.', `notitie ${short}`, `op notitie ${short}, passage`, '--pseudonymise')
      expect(existsSync(file)).toBe(false)
    }

    const book = join(out, 'plaatshouders.xlsx')
    expect(run('export', '--format', 'xlsx', '--out', book, '--pseudonymise').code).toBe(0)
    const {default: ExcelJS} = await import('exceljs')
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.readFile(book)
    const cells = (sheet: string) => workbook.getWorksheet(sheet)!.getSheetValues().flat().map(String)
    expect(cells('Notities').map(generic)).toContain(REPLACED)
    expect(cells('Tags').map(generic)).toContain('bel me op [telefoonnummer] als')
    expect([...cells('Notities'), ...cells('Tags')].join(' ')).not.toContain('06-12345678')

    // In a REFI-QDA project the coded passage still points at its words in the pseudonymised source.
    const project = join(out, 'plaatshouders.qdpx')
    expect(run('export', '--format', 'qdpx', '--out', project, '--pseudonymise').code).toBe(0)
    const zip = unzipSync(readFileSync(project))
    const source = strFromU8(zip[`sources/${kept}.txt`])
    expect(generic(source)).toBe(REPLACED)
    const qde = strFromU8(zip['project.qde'])
    const selection = /<PlainTextSelection [^>]*startPosition="(\d+)" endPosition="(\d+)"[^>]*>\s*<Coding[^>]*>\s*<CodeRef targetGUID="[^"]*"\/>\s*<\/Coding>\s*<\/PlainTextSelection>/.exec(qde.slice(qde.indexOf(`guid="${kept}"`)))!
    expect(generic(source.slice(Number(selection[1]), Number(selection[2])))).toBe('bel me op [telefoonnummer] als')
    expect(storedText()).toBe(TEXT)
  })

  it('writes a bundle whose only personal data was kept by a recorded choice, and says how much goes with it', () => {
    const file = join(out, 'team.karavaan')
    const result = run('export', '--format', 'bundle', '--out', file)
    expect(result.code, result.stderr).toBe(0)
    // The note's two hits, and the passage of its tag, which quotes the note's own words.
    expect(result.stderr).toContain('Let op: 3 mogelijke persoonsgegevens gaan mee in versies waarbij eerder is vastgelegd dat ze persoonsgegevens mogen bevatten')
    const bundle = readBundle(readFileSync(file), file)
    expect(bundle.manifest.privacy).toBeUndefined()
    expect((bundle.parts.get('notes') as Array<{text: string}>).map((n) => n.text)).toContain(TEXT)
  })

  describe('a bundle', () => {
    let other: string
    const bundleRecords = (file: string) => readBundle(readFileSync(file), file)

    beforeAll(() => {
      // A note stored before the guard knew better: personal data and no recorded choice, as an older kit left it.
      other = json<Array<{id: string; text: string}>>(run('note', 'list', '--json')).find((n) => n.text.startsWith('Het loket'))!.id
      const db = new Database(join(study, 'karavaan.db'))
      const text = 'Het loket is dicht, zei Piet de Vries (06-87654321).'
      db.prepare('UPDATE notes SET text = ? WHERE id = ?').run(text, other)
      db.prepare('UPDATE note_versions SET text = ? WHERE note_id = ?').run(text, other)
      // A suggestion rejected in tag review on words after the hits: its place must move with them.
      db.prepare(
        `INSERT INTO rejections (id, note_id, version_id, narrative, coder, start_pos, end_pos, created_at)
         SELECT '019a0000-0000-7000-8000-0000000000aa', id, version_id, 'onzichtbare-overheid', 'anna', ?, ?, '2026-03-05T00:00:00.000Z' FROM notes WHERE id = ?`,
      ).run(TEXT.indexOf('als er nieuws'), TEXT.length, kept)
      db.close()
    })

    it('lets through what was kept by a recorded choice, says so, and refuses what nobody chose about', () => {
      const file = join(out, 'geweigerd.karavaan')
      const refused = run('export', '--format', 'bundle', '--out', file)
      expectRefusal(refused, 1, 'De bundel bevat mogelijk persoonsgegevens (2); er is niets geschreven.', `notitie ${other.slice(-8)} (versie 1), tekst regel 1`, 'Piet de Vries', 'eerder is vastgelegd', '--pseudonymise', '--allow-personal-data')
      expect(refused.stderr).not.toContain(`notitie ${short} (versie 1)`)
      expect(existsSync(file)).toBe(false)
    })

    it('writes placeholders in the bundle copy only with --pseudonymise, and says so in its manifest and on join', () => {
      const file = join(out, 'plaatshouders.karavaan')
      const result = run('export', '--format', 'bundle', '--out', file, '--pseudonymise')
      expect(result.code, result.stderr).toBe(0)
      const bundle = bundleRecords(file)
      expect(bundle.manifest.privacy).toMatchObject({choice: 'pseudonymise', found: 5, kinds: ['naam', 'telefoonnummer']})
      const notes = bundle.parts.get('notes') as Array<{note: string; text: string}>
      expect(generic(notes.find((n) => n.note === kept)!.text)).toBe(REPLACED)
      expect(generic(notes.find((n) => n.note === other)!.text)).toBe('Het loket is dicht, zei [naam] ([telefoonnummer]).')
      const tags = bundle.parts.get('tags') as Array<{end: number; quote: string; start: number}>
      expect(generic(tags[0].quote)).toBe('bel me op [telefoonnummer] als')
      expect(notes.find((n) => n.note === kept)!.text.slice(tags[0].start, tags[0].end)).toBe(tags[0].quote)
      const [rejection] = bundle.parts.get('rejections') as Array<{end: number; start: number}>
      expect(notes.find((n) => n.note === kept)!.text.slice(rejection.start, rejection.end)).toBe('als er nieuws is over het loket.')
      expect(rejection.start).not.toBe(TEXT.indexOf('als er nieuws'))
      expect(storedText()).toBe(TEXT)
      const joined = join(tempDir(), 'kopie')
      const join_ = karavaan(['join', file, joined])
      expect(join_.code, join_.stderr).toBe(0)
      expect(join_.stdout).toContain('Gemaakt met --pseudonymise')
      expect(generic(json<{text: string}>(karavaan(['note', 'show', kept, '--json', '--study', joined])).text)).toBe(REPLACED)
    })

    it('writes it as is with --allow-personal-data, recorded in the study and in the manifest', () => {
      const file = join(out, 'toch.karavaan')
      const result = run('export', '--format', 'bundle', '--out', file, '--allow-personal-data')
      expect(result.code, result.stderr).toBe(0)
      expect(bundleRecords(file).manifest.privacy).toMatchObject({choice: 'allow', found: 2})
      expect(overrides().at(-1)).toMatchObject({file, hits: 2, output: 'bundle', records: [{id: other, kind: 'note'}]})
    })
  })

  it('gives the report the same gate and choices: refuse, placeholders in the report only, or write and record', () => {
    const file = join(out, 'rapport.md')
    const args = ['report', '--format', 'md', '--out', file, '--template', 'halteplaats', '--halteplaats', 'noord']
    expectRefusal(run(...args), 1, 'Het rapport bevat mogelijk persoonsgegevens (1); er is niets geschreven.', 'regel ', '06-12345678', '--pseudonymise', '--allow-personal-data')
    expect(existsSync(file)).toBe(false)
    const replaced = run(...args, '--pseudonymise')
    expect(replaced.code, replaced.stderr).toBe(0)
    expect(replaced.stdout).toContain('1 mogelijk persoonsgegeven in het rapport vervangen door een plaatshouder')
    const markdown = readFileSync(file, 'utf8')
    // Escaped, so that the placeholder stays text in Markdown.
    expect(generic(markdown)).toContain('bel me op \\[telefoonnummer\\] als')
    expect(markdown).not.toContain('06-12345678')
    expect(storedText()).toBe(TEXT)
    const before = overrides().length
    const allowed = run(...args, '--allow-personal-data')
    expect(allowed.code, allowed.stderr).toBe(0)
    expect(readFileSync(file, 'utf8')).toContain('06-12345678')
    expect(overrides()).toHaveLength(before + 1)
    expect(overrides().at(-1)).toMatchObject({file, hits: 1, kinds: ['telefoonnummer'], output: 'report', records: []})
  })
})

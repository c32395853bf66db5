import {parse} from 'csv-parse/sync'
import {readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'

import {expectRefusal, json, karavaan, makeStudy, tempDir} from '../helpers/cli.js'

// A separator, a quote, line breaks, accents, an emoji, and a start Excel would take for a formula.
const TEXT = '- Een moeder: "we zijn hier; gewoon vergeten".\nTweede regel met café en 🙂.\r\nDerde regel, met komma.'
const STORED = TEXT.replaceAll('\r\n', '\n')

describe('karavaan export --format csv|xlsx', () => {
  let study: string
  let out: string
  let note: string
  const run = (...args: string[]) => karavaan(['export', ...args, '--study', study])

  beforeAll(() => {
    study = makeStudy()
    out = tempDir()
    note = json<{id: string}>(
      karavaan(['note', 'add', '--study', study, '--halteplaats', 'noord', '--group', 'moeders', '--date', '2026-03-11', '--interviewer', 'anna', '--participants', '6', '--theme', 'voorzieningen', '--narrative', '2', '--text', TEXT, '--json']),
    ).id
    karavaan(['note', 'add', '--study', study, '--halteplaats', 'dorp', '--activity', 'wijkwandeling', '--date', '2026-04-02', '--interviewer', 'bram', '--text', 'Een rondje door het dorp.', '--json'])
    expect(karavaan(['tag', 'add', note, '4', '--quote', 'gewoon vergeten', '--coder', 'bram', '--study', study]).code).toBe(0)
    expect(karavaan(['plan', 'set', '--study', study, '--halteplaats', 'kust', '--group', 'ouderen', '--date', '2026-05-01']).code).toBe(0)
  })

  it('writes the notes as CSV in UTF-8 with a BOM, ; between fields and RFC 4180 quotes', () => {
    const file = join(out, 'notities.csv')
    const result = run('--out', file)
    expect(result.code, result.stderr).toBe(0)
    expect(result.stdout).toContain('2 regels')
    const bytes = readFileSync(file)
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const text = bytes.toString('utf8').slice(1)
    expect(text.split('\r\n')[0]).toBe("Id;Datum;Halteplaats;Groep;Observatie;Interviewer;Deelnemers;Rollen;Thema's;Narratieven;Tekst;Versie;Laatst gewijzigd")
    const rows = parse(text, {delimiter: ';', columns: true, record_delimiter: '\r\n'}) as Array<Record<string, string>>
    expect(rows).toHaveLength(2)
    const mine = rows.find((r) => r.Id === note)!
    // The ' keeps Excel from reading "- …" as a formula; everything else comes back as stored.
    expect(mine.Tekst).toBe(`'${STORED}`)
    expect(mine).toMatchObject({Datum: '2026-03-11', Deelnemers: '6', Groep: 'moeders', Halteplaats: 'noord', Narratieven: 'ongehoorde-burger, onzichtbare-burger', "Thema's": 'voorzieningen'})
    expect(text).toContain('""we zijn hier; gewoon vergeten""')
  })

  it('writes any table with a comma when asked, and says what it wrote', () => {
    const file = join(out, 'tags.csv')
    const result = run('--format', 'csv', '--what', 'tags', '--scheidingsteken', 'komma', '--out', file)
    expect(result.code, result.stderr).toBe(0)
    const rows = parse(readFileSync(file, 'utf8').slice(1), {columns: true}) as Array<Record<string, string>>
    const passage = rows.find((r) => r.Code === 'ongehoorde-burger')!
    expect(passage).toMatchObject({Begin: String(STORED.indexOf('gewoon')), Codeur: 'bram', Einde: String(STORED.indexOf('gewoon') + 15), Herkomst: 'codeur', Passage: 'gewoon vergeten', Soort: 'narratief'})
    expect(rows.find((r) => r.Code === 'onzichtbare-burger')).toMatchObject({Begin: '', Codeur: 'anna', Herkomst: 'gegevensblok'})
    // The theme of the note's front matter is a coding too, with the same id as in tag list.
    expect(rows.find((r) => r.Code === 'voorzieningen')).toMatchObject({Begin: '', Codeur: 'anna', Herkomst: 'gegevensblok', Soort: 'thema'})
    // Timestamps keep their stored form in CSV, for R and Python.
    expect(rows[0]['Gemaakt op']).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/)
  })

  it('takes the separator by its English flag name, --separator, and lists only that name in its help', () => {
    const file = join(out, 'notities-tab.csv')
    const result = run('--format', 'csv', '--separator', 'tab', '--out', file)
    expect(result.code, result.stderr).toBe(0)
    expect(readFileSync(file, 'utf8').split('\n')[0]).toContain('\t')
    const help = karavaan(['export', '--help']).stdout
    expect(help).toContain('--separator=puntkomma|komma|tab')
    expect(help).not.toContain('scheidingsteken')
  })

  it('writes a workbook with one sheet per table: bold frozen headers, filters, dates, numbers, wrapped text', async () => {
    const file = join(out, 'karavaan.xlsx')
    const result = karavaan(['export', '--out', file, '--study', study], {env: {TZ: 'Europe/Amsterdam'}})
    expect(result.code, result.stderr).toBe(0)
    const {default: ExcelJS} = await import('exceljs')
    const book = new ExcelJS.Workbook()
    await book.xlsx.readFile(file)
    expect(book.worksheets.map((s) => s.name)).toEqual(['Notities', 'Tags', 'Narratieven', 'Dekking'])
    for (const sheet of book.worksheets) {
      expect(sheet.getRow(1).font?.bold, sheet.name).toBe(true)
      expect(sheet.views[0]).toMatchObject({state: 'frozen', ySplit: 1})
      // Over the header and every row, so a filter sees all of them.
      expect(sheet.autoFilter, sheet.name).toBe(`A1:${sheet.getColumn(sheet.columnCount).letter}${sheet.rowCount}`)
    }

    // The names LibreOffice needs to show those filters: hidden, one per sheet, local to it.
    const {strFromU8, unzipSync} = await import('fflate')
    const workbookXml = strFromU8(unzipSync(readFileSync(file))['xl/workbook.xml'])
    const names = [...workbookXml.matchAll(/<definedName name="_xlnm\._FilterDatabase" localSheetId="(\d+)" hidden="1">([^<]+)<\/definedName>/g)].map((m) => [m[1], m[2]])
    expect(names).toEqual(book.worksheets.map((sheet, i) => [String(i), `'${sheet.name}'!$A$1:$${sheet.getColumn(sheet.columnCount).letter}$${sheet.rowCount}`]))

    const notes = book.getWorksheet('Notities')!
    const header = (notes.getRow(1).values as unknown[]).slice(1)
    expect(header.slice(0, 3)).toEqual(['Id', 'Datum', 'Halteplaats'])
    const row = notes.getRows(2, 2)!.find((r) => r.getCell(1).value === note)!
    expect(row.getCell(2).value).toEqual(new Date(Date.UTC(2026, 2, 11)))
    expect(row.getCell(2).numFmt).toBe('dd-mm-yyyy')
    expect(row.getCell(7).value).toBe(6)
    expect(row.getCell(11).value).toBe(STORED) // no ' in a workbook: a cell with text is never a formula
    expect(row.getCell(11).alignment?.wrapText).toBe(true)
    expect(notes.getColumn(11).width).toBeGreaterThan(40)
    // "Laatst gewijzigd": a date cell at the local time of the laptop (TZ below), not ISO text.
    const stored = json<{updatedAt: string}>(karavaan(['note', 'show', note, '--json', '--study', study])).updatedAt
    const changed = row.getCell(13)
    expect(changed.numFmt).toBe('dd-mm-yyyy hh:mm')
    expect(changed.value).toBeInstanceOf(Date)
    // The wall-clock time in Amsterdam ("2026-03-11 10:30:00" in Swedish form), as a workbook holds it.
    const amsterdam = new Date(`${new Date(stored).toLocaleString('sv-SE', {timeZone: 'Europe/Amsterdam'}).replace(' ', 'T')}Z`)
    expect(Math.abs((changed.value as Date).getTime() - amsterdam.getTime())).toBeLessThan(1000)

    const matrix = book.getWorksheet('Narratieven')!
    const noord = matrix.getRows(2, matrix.rowCount - 1)!.find((r) => r.getCell(1).value === 'halteplaats' && r.getCell(2).value === 'noord')!
    expect(noord.getCell(4).value).toBe(1) // notes
    expect(noord.getCell(5 + 1).value).toBe(1) // narrative 2 by the interviewer
    expect(noord.getCell(5 + 3).value).toBe(1) // narrative 4 by bram

    const coverage = book.getWorksheet('Dekking')!
    const rows = coverage.getRows(2, coverage.rowCount - 1)!.map((r) => (r.values as unknown[]).slice(1))
    expect(rows).toHaveLength(4 * 8 + 1)
    expect(rows).toContainEqual(['noord', 'gesprek', 'moeders', 'gehouden', undefined, 'ja', 1, 1])
    expect(rows.find((r) => r[0] === 'kust' && r[2] === 'ouderen')).toEqual(['kust', 'gesprek', 'ouderen', 'gepland', new Date(Date.UTC(2026, 4, 1)), 'nee', 0, 0])
    expect(rows.find((r) => r[2] === 'wijkwandeling')).toEqual(['dorp', 'observatie', 'wijkwandeling', 'gehouden', undefined, 'ja', 1, 1])
  })

  it('writes one sheet with --what, and takes the format from the file name', async () => {
    const file = join(out, 'alleen-tags.xlsx')
    expect(run('--what', 'tags', '--out', file).code).toBe(0)
    const {default: ExcelJS} = await import('exceljs')
    const book = new ExcelJS.Workbook()
    await book.xlsx.readFile(file)
    expect(book.worksheets.map((s) => s.name)).toEqual(['Tags'])
  })

  it('refuses to replace a file unless --force, and refuses an unknown format or a missing folder', () => {
    const file = join(out, 'bestaat.csv')
    writeFileSync(file, 'van mij')
    expectRefusal(run('--out', file), 1, 'bestaat al', '--force')
    expect(readFileSync(file, 'utf8')).toBe('van mij')
    expect(run('--out', file, '--force').code).toBe(0)
    expectRefusal(run('--out', join(out, 'tabel.ods')), 1, 'Welk formaat', '--format')
    expectRefusal(run('--out', join(out, 'geen-map', 'x.csv')), 1, 'bestaat niet')
  })

  it('keeps --encrypt and --since for bundles, and takes the bundle format from .karavaan', () => {
    expectRefusal(run('--format', 'csv', '--out', join(out, 'x.csv'), '--since', '2026-03-01'), 1, '--format bundle')
    const bundle = run('--out', join(out, 'team.karavaan'))
    expect(bundle.code, bundle.stderr).toBe(0)
    expect(bundle.stdout).toContain('Bundel geschreven:')
  })
})

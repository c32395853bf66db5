import {parse} from 'csv-parse/sync'
import {strFromU8, unzipSync} from 'fflate'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'

import {expectRefusal, json, karavaan, makeStudy, snapshot, tempDir} from '../helpers/cli.js'

interface TagJson {
  code: string
  coder: string
  id: string
  kind: string
  noteId: string
  origin: string
}

// One truth for what is coded: the themes of a note's front matter are codings of the whole note
// by its interviewer, and every output counts them alike (issue 16).
describe('what is coded: tag list, CSV, Excel, REFI-QDA and analyse agree', () => {
  let study: string
  let out: string
  let first: string
  let second: string
  const cli = (...args: string[]) => karavaan([...args, '--study', study])
  const tagList = () => json<TagJson[]>(cli('tag', 'list', '--json'))

  beforeAll(() => {
    study = makeStudy()
    out = tempDir()
    const add = (...args: string[]) => json<{id: string}>(cli('note', 'add', '--json', ...args)).id
    // Two front-matter themes and a narrative on the first note; one theme on the second.
    first = add('--halteplaats', 'noord', '--group', 'moeders', '--date', '2026-03-11', '--interviewer', 'anna', '--theme', 'voorzieningen', '--theme', 'gezien-en-gehoord', '--narrative', '2', '--text', 'Het buurthuis gaat dicht en niemand vraagt ons iets.')
    second = add('--halteplaats', 'dorp', '--activity', 'wijkwandeling', '--date', '2026-04-02', '--interviewer', 'bram', '--theme', 'voorzieningen', '--text', 'Een rondje langs het dorpshuis.')
    // A note in the trash counts for nothing, its themes neither.
    const gone = add('--halteplaats', 'kust', '--group', 'ouderen', '--date', '2026-04-03', '--interviewer', 'anna', '--theme', 'wijkeconomie', '--text', 'Weg ermee.')
    expect(cli('note', 'rm', gone).code).toBe(0)
    const tag = (...args: string[]) => expect(cli('tag', 'add', ...args).code).toBe(0)
    tag(first, 'voorzieningen', '--quote', 'Het buurthuis gaat dicht', '--coder', 'bram')
    tag(first, '4', '--quote', 'niemand vraagt ons iets', '--coder', 'bram')
    tag(second, 'veiligheid-en-leefbaarheid', '--coder', 'anna')
  })

  it('lists the themes of the front matter as tags by the interviewer, from the gegevensblok', () => {
    const tags = tagList()
    const own = tags.filter((t) => t.origin === 'note' && t.kind === 'theme')
    expect(own.map((t) => `${t.noteId} ${t.code} ${t.coder}`).sort()).toEqual([`${first} gezien-en-gehoord anna`, `${first} voorzieningen anna`, `${second} voorzieningen bram`].sort())
    // 3 front-matter themes, 1 front-matter narrative, 3 tags by coders.
    expect(tags).toHaveLength(7)
    const table = cli('tag', 'list', '--note', first)
    expect(table.stdout).toContain('gegevensblok')
    expect(table.stdout).toContain('thema: voorzieningen')
    expect(table.stdout).not.toMatch(/\bnote\b|\bcoder\b/)
    // The filters see them too.
    expect(json<TagJson[]>(cli('tag', 'list', '--code', 'voorzieningen', '--json'))).toHaveLength(3)
    expect(json<TagJson[]>(cli('tag', 'list', '--coder', 'bram', '--json')).map((t) => t.code).sort()).toEqual(['ongehoorde-burger', 'voorzieningen', 'voorzieningen'])
  })

  it('counts the same codings, with the same ids, in tag list, the CSV, the workbook and the .qdpx', async () => {
    const ids = tagList()
      .map((t) => t.id)
      .sort()

    const csvFile = join(out, 'tags.csv')
    expect(cli('export', '--what', 'tags', '--out', csvFile).code).toBe(0)
    const csvRows = parse(readFileSync(csvFile, 'utf8').slice(1), {columns: true, delimiter: ';'}) as Array<Record<string, string>>
    expect(csvRows.map((r) => r['Tag-id']).sort()).toEqual(ids)

    const xlsxFile = join(out, 'karavaan.xlsx')
    expect(cli('export', '--out', xlsxFile).code).toBe(0)
    const {default: ExcelJS} = await import('exceljs')
    const book = new ExcelJS.Workbook()
    await book.xlsx.readFile(xlsxFile)
    const sheet = book.getWorksheet('Tags')!
    const sheetIds = sheet.getRows(2, sheet.rowCount - 1)!.map((r) => String(r.getCell(1).value))
    expect(sheetIds.sort()).toEqual(ids)

    const qdpxFile = join(out, 'karavaan.qdpx')
    const qdpx = cli('export', '--out', qdpxFile)
    expect(qdpx.code, qdpx.stderr).toBe(0)
    expect(qdpx.stdout).toMatch(/7 gecodeerde passages/)
    const project = strFromU8(unzipSync(readFileSync(qdpxFile))['project.qde'])
    const codings = [...project.matchAll(/<Coding guid="([^"]+)"/g)].map((m) => m[1])
    expect(codings.sort()).toEqual(ids)
  })

  it('counts the themes in analyse matrix as tag list does: per note, whoever coded them', () => {
    const matrix = json<{rows: Array<{cells: Record<string, {count: number}>; id: string}>; total: {cells: Record<string, {count: number}>; notes: number}}>(
      cli('analyse', 'matrix', '--rows', 'halteplaats', '--cols', 'theme', '--json'),
    )
    const notesPer = (code: string) => new Set(tagList().filter((t) => t.kind === 'theme' && t.code === code).map((t) => t.noteId)).size
    // voorzieningen: both notes (front matter, and bram's passage on the first counts once).
    expect(matrix.total.cells.voorzieningen.count).toBe(2)
    for (const code of ['voorzieningen', 'gezien-en-gehoord', 'veiligheid-en-leefbaarheid', 'wijkeconomie']) expect(matrix.total.cells[code].count, code).toBe(notesPer(code))
    // A theme tag by a coder counts, not only the front matter.
    expect(matrix.rows.find((r) => r.id === 'dorp')!.cells['veiligheid-en-leefbaarheid'].count).toBe(1)
    expect(matrix.total.cells.wijkeconomie.count).toBe(0)
  })

  it('does not make a second coding when the interviewer tags a theme the front matter has', () => {
    const before = tagList()
    const own = before.find((t) => t.noteId === first && t.code === 'voorzieningen' && t.origin === 'note')!
    const again = cli('tag', 'add', first, 'voorzieningen', '--coder', 'anna')
    expect(again.code, again.stderr).toBe(0)
    expect(again.stdout).toContain(`Stond er al: voorzieningen op de hele notitie van notitie ${first.slice(-8)}, door anna. Tag-id ${own.id.slice(-8)}.`)
    expect(tagList()).toEqual(before)
  })

  it('refuses tag rm on a theme of the front matter, says how to change it, and changes nothing', () => {
    const own = tagList().find((t) => t.noteId === second && t.origin === 'note')!
    const before = snapshot(study)
    expectRefusal(cli('tag', 'rm', own.id.slice(-8)), 1, 'gegevensblok', `note edit ${second.slice(-8)}`)
    expect(snapshot(study)).toEqual(before)
  })
})

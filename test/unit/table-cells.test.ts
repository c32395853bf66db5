import {describe, expect, it} from 'vitest'

import {sheetDate, sheetTimestamp} from '../../src/exchange/tables/cells.js'
import {csvCell} from '../../src/exchange/tables/csv.js'
import {cellValue, withFilterNames, type XlsxReport} from '../../src/exchange/tables/xlsx.js'

const report = (): XlsxReport => ({rows: {}, shortened: 0})

describe('the cells of a table', () => {
  it('writes a yes-or-no as ja or nee, in the workbook and in CSV alike', () => {
    expect(cellValue(true, 'boolean', report())).toBe('ja')
    expect(cellValue(false, 'boolean', report())).toBe('nee')
    expect(csvCell(true, 'boolean')).toBe('ja')
    expect(csvCell(false, 'boolean')).toBe('nee')
  })

  it('writes a calendar date as midnight UTC, so no time zone moves it to the day before', () => {
    expect(sheetDate('2026-03-11')).toEqual(new Date(Date.UTC(2026, 2, 11)))
    expect(sheetDate('11 maart')).toBe('11 maart')
  })

  it('writes a timestamp as the wall-clock time of the laptop, winter and summer time', () => {
    // 09:30 UTC is 10:30 in Amsterdam in March (CET) and 11:30 in July (CEST).
    expect(sheetTimestamp('2026-03-11T09:30:12.345Z', 'Europe/Amsterdam')).toEqual(new Date(Date.UTC(2026, 2, 11, 10, 30, 12)))
    expect(sheetTimestamp('2026-07-01T09:30:00.000Z', 'Europe/Amsterdam')).toEqual(new Date(Date.UTC(2026, 6, 1, 11, 30, 0)))
    // Past midnight local time it is the next day.
    expect(sheetTimestamp('2026-12-31T23:15:00.000Z', 'Europe/Amsterdam')).toEqual(new Date(Date.UTC(2027, 0, 1, 0, 15, 0)))
    expect(sheetTimestamp('2026-03-11T09:30:00Z', 'UTC')).toEqual(new Date(Date.UTC(2026, 2, 11, 9, 30, 0)))
    // Either side of the change to summer time (01:00 UTC on 29 March) and back (25 October).
    expect(sheetTimestamp('2026-03-29T00:59:59.999Z', 'Europe/Amsterdam')).toEqual(new Date(Date.UTC(2026, 2, 29, 1, 59, 59)))
    expect(sheetTimestamp('2026-03-29T01:00:00.000Z', 'Europe/Amsterdam')).toEqual(new Date(Date.UTC(2026, 2, 29, 3, 0, 0)))
    expect(sheetTimestamp('2026-10-25T00:59:59.000Z', 'Europe/Amsterdam')).toEqual(new Date(Date.UTC(2026, 9, 25, 2, 59, 59)))
    expect(sheetTimestamp('2026-10-25T01:00:00.000Z', 'Europe/Amsterdam')).toEqual(new Date(Date.UTC(2026, 9, 25, 2, 0, 0)))
    // Without a zone: the laptop's own, as the process knows it.
    const local = new Date('2026-07-01T09:30:00.000Z')
    expect(sheetTimestamp(local.toISOString())).toEqual(new Date(Date.UTC(local.getFullYear(), local.getMonth(), local.getDate(), local.getHours(), local.getMinutes(), 0)))
  })

  it('keeps text that is no moment as text', () => {
    expect(sheetTimestamp('gisteren', 'Europe/Amsterdam')).toBe('gisteren')
    expect(sheetTimestamp('2026-03-11', 'Europe/Amsterdam')).toBe('2026-03-11')
    expect(cellValue('2026-13-45T99:00:00Z', 'timestamp', report())).toBe('2026-13-45T99:00:00Z')
  })

  it('keeps dates and timestamps in their stored form in CSV, and defuses a text that Excel would run', () => {
    expect(csvCell('2026-03-11T09:30:12.345Z', 'timestamp')).toBe('2026-03-11T09:30:12.345Z')
    expect(csvCell('2026-03-11', 'date')).toBe('2026-03-11')
    expect(csvCell('=SOM(A1)', 'text')).toBe("'=SOM(A1)")
    expect(csvCell(3, 'number')).toBe(3)
  })
})

describe('the filter names LibreOffice needs', () => {
  const workbook = '<workbook><sheets><sheet name="Notities" sheetId="1"/><sheet name="Tags" sheetId="2"/></sheets><calcPr/></workbook>'

  it('names each filter range _xlnm._FilterDatabase, hidden and local to its sheet, after the sheets', () => {
    const xml = withFilterNames(workbook, [
      {range: {from: {column: 1, row: 1}, to: {column: 13, row: 10_001}}, sheet: 'Notities'},
      {range: {from: {column: 1, row: 1}, to: {column: 28, row: 2}}, sheet: "Tags van Joost's"},
    ])
    expect(xml).toBe(
      '<workbook><sheets><sheet name="Notities" sheetId="1"/><sheet name="Tags" sheetId="2"/></sheets><definedNames>' +
        '<definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">\'Notities\'!$A$1:$M$10001</definedName>' +
        '<definedName name="_xlnm._FilterDatabase" localSheetId="1" hidden="1">\'Tags van Joost\'\'s\'!$A$1:$AB$2</definedName>' +
        '</definedNames><calcPr/></workbook>',
    )
  })

  it('adds to defined names that are there, and leaves a workbook without filters alone', () => {
    const named = '<workbook><sheets/><definedNames><definedName name="x">A1</definedName></definedNames></workbook>'
    expect(withFilterNames(named, [{range: {from: {column: 1, row: 1}, to: {column: 2, row: 2}}, sheet: 'A'}])).toContain(
      '<definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">\'A\'!$A$1:$B$2</definedName><definedName name="x">',
    )
    expect(withFilterNames(workbook, [])).toBe(workbook)
  })
})

import {describe, expect, it} from 'vitest'

import {UserError} from '../../src/errors.js'
import {formatDate, formatDayMonth, formatTimestamp, parseDate, requireDate} from '../../src/parse/date.js'

describe('parseDate: every date a user types', () => {
  it('reads the forms Dutch people write, all as the same day', () => {
    for (const typed of ['2026-02-02', '2-2-2026', '02-02-2026', '2/2/2026', '02/02/2026', '2.2.2026', '2 februari 2026', '2 Februari 2026', '2 feb 2026', '2 feb. 2026', '2 febr. 2026', '  2  februari   2026 ']) {
      expect(parseDate(typed), typed).toEqual({iso: '2026-02-02'})
    }

    expect(parseDate('15 mrt 2026').iso).toBe('2026-03-15')
    expect(parseDate('1 sept 2026').iso).toBe('2026-09-01')
    expect(parseDate('31-12-2026').iso).toBe('2026-12-31')
    expect(parseDate('29-2-2028').iso).toBe('2028-02-29')
    expect(parseDate('29 februari 2000').iso).toBe('2000-02-29')
  })

  it('says a date that is not on the calendar does not exist, and why', () => {
    expect(parseDate('2026-02-30')).toMatchObject({kind: 'impossible', problem: 'de datum "2026-02-30" bestaat niet: februari 2026 heeft 28 dagen'})
    expect(parseDate('31-4-2026')).toMatchObject({kind: 'impossible', problem: 'de datum "31-4-2026" bestaat niet: april heeft 30 dagen'})
    expect(parseDate('29-2-2026').problem).toBe('de datum "29-2-2026" bestaat niet: februari 2026 heeft 28 dagen (2026 is geen schrikkeljaar)')
    expect(parseDate('29-2-1900').kind).toBe('impossible')
    expect(parseDate('2026-13-01').problem).toBe('de datum "2026-13-01" bestaat niet: er is geen maand 13')
    expect(parseDate('0-3-2026').kind).toBe('impossible')
    // An American month/day order ends up as a month that does not exist, never as another day.
    expect(parseDate('4/31/2026').problem).toMatch(/er is geen maand 31/)
  })

  it('answers a form it does not read with examples of the forms it does', () => {
    for (const typed of ['gisteren', '9 april', '2026/02/02', '2026-02-02T10:00', '2 februwari 2026', '20260202', '']) {
      const result = parseDate(typed)
      expect(result.kind, typed).toBe('format')
      expect(result.problem, typed).toMatch(/is geen datum; schrijf bijvoorbeeld 2026-03-15, 15-3-2026, 15\/3\/2026, 15\.3\.2026 of 15 maart 2026$/)
    }

    expect(parseDate('2-2-26').problem).toBe('"2-2-26" is geen datum; schrijf het jaar voluit, zoals 2-2-2026')
  })

  it('names the flag in the refusal and keeps the two kinds of mistake apart', () => {
    const refusal = (value: string) => {
      try {
        requireDate(value, '--date')
      } catch (error) {
        return error as UserError
      }

      throw new Error('not refused')
    }

    expect(requireDate('9 april 2026', '--date')).toBe('2026-04-09')
    expect(refusal('2026-02-30').message).toBe('De datum "2026-02-30" bestaat niet: februari 2026 heeft 28 dagen (--date).')
    expect(refusal('2026-02-30').hint).toBe('Controleer de dag en de maand.')
    expect(refusal('morgen').message).toBe('"morgen" is geen datum (--date).')
    expect(refusal('morgen').hint).toMatch(/^Schrijf bijvoorbeeld 2026-03-15, 15-3-2026/)
  })
})

describe('formatDate and formatTimestamp: every date the kit shows', () => {
  it('writes a day as Dutch words, which parseDate reads back', () => {
    expect(formatDate('2026-04-09')).toBe('9 april 2026')
    expect(formatDate('2026-12-02')).toBe('2 december 2026')
    expect(formatDate(null)).toBe('–')
    expect(formatDayMonth('2026-03-12')).toBe('12 maart')
    for (const iso of ['2026-01-01', '2026-05-31', '2027-11-30']) expect(parseDate(formatDate(iso)).iso).toBe(iso)
  })

  it('writes a moment in the local time of the laptop, with hours and minutes', () => {
    expect(formatTimestamp('2026-12-02T06:49:12.345Z', {timeZone: 'Europe/Amsterdam'})).toBe('2 december 2026 07:49')
    expect(formatTimestamp('2026-07-01T22:30:00.000Z', {timeZone: 'Europe/Amsterdam'})).toBe('2 juli 2026 00:30')
    expect(formatTimestamp('2026-07-01T22:30:00.000Z', {timeZone: 'UTC'})).toBe('1 juli 2026 22:30')
    expect(formatTimestamp(null)).toBe('–')
  })
})

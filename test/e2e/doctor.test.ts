import Database from 'better-sqlite3'
import {chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'

import {json, karavaan, makeStudy} from '../helpers/cli.js'

const add = (study: string, text: string) =>
  karavaan(['note', 'add', '--study', study, '--halteplaats', 'noord', '--group', 'moeders', '--interviewer', 'anna', '--date', '2026-03-11', '--text', text])

/** Changes the database behind the kit's back, as another tool or a damaged disk might. */
function tamper(study: string, sql: string): void {
  const db = new Database(join(study, 'karavaan.db'))
  try {
    db.exec(sql)
  } finally {
    db.close()
  }
}

interface Report {
  checks: Array<{detail: string; fixed?: boolean; hint?: string; id: string; ok: boolean}>
  ok: boolean
}

const lineOf = (stdout: string, label: string) => stdout.split('\n').find((line) => line.includes(label)) ?? ''

describe('karavaan doctor', () => {
  it('says every check is fine for a sound study, one line with ✓ each, and exits 0', () => {
    const study = makeStudy()
    expect(add(study, 'Het buurthuis is dicht sinds de zomer.').code).toBe(0)
    const result = karavaan(['doctor', '--study', study])
    expect(result.code, result.stdout).toBe(0)
    const lines = result.stdout.trim().split('\n')
    expect(lines.filter((line) => line.startsWith('✓'))).toHaveLength(12)
    expect(lines.some((line) => line.startsWith('✗'))).toBe(false)
    expect(lines.at(-1)).toBe('Alles in orde.')
    for (const label of ['integrity_check', 'Verwijzingen', 'Zoekindex', 'Tags', 'Versies', 'Halteplaatsen', 'Bestandsrechten']) expect(result.stdout).toContain(label)
  })

  it('finds a search index out of step with the notes and rebuilds it with --fix', () => {
    const study = makeStudy()
    expect(add(study, 'Het loket in het stadhuis is gesloten.').code).toBe(0)
    tamper(study, "INSERT INTO notes_fts (notes_fts, rowid, text) SELECT 'delete', rowid, text FROM notes")
    expect(json<unknown[]>(karavaan(['note', 'search', 'loket', '--study', study, '--json']))).toHaveLength(0)
    const found = karavaan(['doctor', '--study', study])
    expect(found.code).toBe(1)
    expect(lineOf(found.stdout, 'Zoekindex')).toMatch(/^✗ .*loopt niet gelijk/)
    expect(found.stdout).toContain('karavaan doctor --fix')
    const fixed = karavaan(['doctor', '--study', study, '--fix'])
    expect(fixed.code, fixed.stdout).toBe(0)
    expect(lineOf(fixed.stdout, 'Zoekindex')).toMatch(/^✓ .*hersteld.*opnieuw opgebouwd/)
    expect(json<unknown[]>(karavaan(['note', 'search', 'loket', '--study', study, '--json']))).toHaveLength(1)
    expect(karavaan(['doctor', '--study', study]).code).toBe(0)
  })

  it('makes files that others could read private with --fix', () => {
    const study = makeStudy()
    expect(karavaan(['backup', '--study', study]).code).toBe(0)
    chmodSync(join(study, 'karavaan.db'), 0o644)
    chmodSync(join(study, 'backups'), 0o755)
    writeFileSync(join(study, 'inbox', 'gesprek.md'), 'tekst', {mode: 0o644})
    chmodSync(join(study, 'inbox', 'gesprek.md'), 0o644)
    const found = karavaan(['doctor', '--study', study])
    expect(found.code).toBe(1)
    expect(lineOf(found.stdout, 'Bestandsrechten')).toMatch(/^✗ .*2 bestanden en 1 map ook voor anderen leesbaar.*karavaan\.db/)
    expect(karavaan(['doctor', '--study', study, '--fix']).code).toBe(0)
    expect(statSync(join(study, 'karavaan.db')).mode & 0o777).toBe(0o600)
    expect(statSync(join(study, 'backups')).mode & 0o777).toBe(0o700)
    expect(statSync(join(study, 'inbox', 'gesprek.md')).mode & 0o777).toBe(0o600)
  })

  it('reports tags of a missing note, cannot repair them, says what to do and keeps exit 1', () => {
    const study = makeStudy()
    tamper(
      study,
      `PRAGMA foreign_keys = OFF;
       INSERT INTO tags (id, note_id, kind, code, coder, created_at) VALUES ('t1', 'weg', 'narrative', 'onzichtbare-overheid', 'anna', '2026-03-11T10:00:00Z')`,
    )
    const result = karavaan(['doctor', '--study', study, '--fix', '--json'])
    expect(result.code).toBe(1)
    const report = JSON.parse(result.stdout) as Report
    expect(report.ok).toBe(false)
    const tags = report.checks.find((check) => check.id === 'tags')!
    expect(tags.ok).toBe(false)
    expect(tags.fixed).not.toBe(true)
    expect(tags.detail).toContain('1 tag hoort bij een notitie die niet bestaat')
    expect(tags.hint).toContain('karavaan restore')
    expect(report.checks.find((check) => check.id === 'foreign-keys')).toMatchObject({ok: false})
  })

  it('compares study.yaml with the data: a halteplaats renamed in study.yaml is found', () => {
    const study = makeStudy()
    expect(add(study, 'Gesprek in Noord.').code).toBe(0)
    const file = join(study, 'study.yaml')
    writeFileSync(file, readFileSync(file, 'utf8').replace('id: noord', 'id: noordwijk'))
    const result = karavaan(['doctor', '--study', study])
    expect(result.code).toBe(1)
    expect(lineOf(result.stdout, 'Halteplaatsen')).toMatch(/^✗ .*noord \(/)
  })

  it('removes temporary files of an interrupted command with --fix', () => {
    const study = makeStudy()
    const leftover = join(study, '.karavaan.db.999999999-abc.tmp')
    writeFileSync(leftover, 'half', {mode: 0o600})
    const found = karavaan(['doctor', '--study', study])
    expect(found.code).toBe(1)
    expect(lineOf(found.stdout, 'Resten')).toMatch(/^✗ .*\.karavaan\.db\.999999999-abc\.tmp/)
    expect(karavaan(['doctor', '--study', study, '--fix']).code).toBe(0)
    expect(existsSync(leftover)).toBe(false)
  })

  it('removes what a killed report left in rapporten/ (NAME.PID.deel, NAME.PID.tmp) with --fix, and keeps the reports', () => {
    const study = makeStudy()
    mkdirSync(join(study, 'rapporten'), {mode: 0o700, recursive: true})
    const report = join(study, 'rapporten', 'eindrapport-2026-12-18.pdf')
    const leftovers = [`${report}.999999999.deel`, join(study, 'rapporten', 'veldwerk-2026-12-18.html.999999998.tmp')]
    writeFileSync(report, '%PDF-1.7 heel\n%%EOF\n', {mode: 0o600})
    for (const file of leftovers) writeFileSync(file, 'half', {mode: 0o600})
    const found = karavaan(['doctor', '--study', study])
    expect(found.code).toBe(1)
    expect(lineOf(found.stdout, 'Resten')).toMatch(/^✗ .*: 2 tijdelijk.*eindrapport-2026-12-18\.pdf\.999999999\.deel/)
    expect(lineOf(found.stdout, 'Resten')).toContain('veldwerk-2026-12-18.html.999999998.tmp')
    expect(karavaan(['doctor', '--study', study, '--fix']).code).toBe(0)
    for (const file of leftovers) expect(existsSync(file)).toBe(false)
    expect(existsSync(report)).toBe(true)
  })

  it('finds nothing wrong after reports: they are written for the owner only', () => {
    const study = makeStudy()
    expect(add(study, 'Gesprek in Noord over het buurthuis.').code).toBe(0)
    for (const format of ['md', 'pdf']) expect(karavaan(['report', '--study', study, '--format', format]).code).toBe(0)
    const result = karavaan(['doctor', '--study', study])
    expect(result.code, result.stdout).toBe(0)
    expect(lineOf(result.stdout, 'Bestandsrechten')).toMatch(/^✓ /)
  })

  it('reports a damaged database in Dutch and points at restore', () => {
    const study = makeStudy()
    expect(add(study, 'Een notitie die beschadigd raakt.').code).toBe(0)
    const file = join(study, 'karavaan.db')
    const bytes = readFileSync(file)
    // Keep the header page, wreck the rest.
    bytes.fill(0x33, 4096)
    writeFileSync(file, bytes)
    const result = karavaan(['doctor', '--study', study])
    expect(result.code).toBe(1)
    expect(result.stdout).toMatch(/^✗ .*beschadigd/m)
    expect(result.stdout).toContain('karavaan restore')
    expect(result.stderr).not.toMatch(/^ {4}at /m)
  })
})

import Database from 'better-sqlite3'
import {cpSync, mkdirSync, readFileSync, symlinkSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'

import {EXAMPLE, json, karavaan, makeStudy, ROOT, snapshot, tempDir} from '../helpers/cli.js'

interface Report {
  files: Array<{converted?: string; file: string; noteId?: string; replaced: number; source: string; status: string}>
  totals: {bijgewerkt: number; nieuw: number; ongewijzigd: number}
}

const note = (fields: Record<string, string>, text: string) =>
  `---\n${Object.entries(fields).map(([k, v]) => `${k}: ${v}`).join('\n')}\n---\n${text}\n`

const base = {date: '2026-04-09', group: 'ouderen', halteplaats: 'noord', interviewer: 'anna'}

function noteCount(study: string): number {
  const db = new Database(join(study, 'karavaan.db'), {readonly: true})
  try {
    return (db.prepare('SELECT count(*) AS n FROM notes').get() as {n: number}).n
  } finally {
    db.close()
  }
}

describe('karavaan import: the example study', () => {
  let study: string
  beforeAll(() => {
    study = join(tempDir(), 'voorbeeld')
    mkdirSync(study)
    cpSync(join(EXAMPLE, 'study.yaml'), join(study, 'study.yaml'))
    cpSync(join(EXAMPLE, 'inbox'), join(study, 'inbox'), {recursive: true})
  })

  it('imports all 76 example notes from the inbox, with their narratives as the interviewer\'s tags', () => {
    const report = json<Report>(karavaan(['import', '--study', study, '--json']))
    expect(report.totals).toEqual({bijgewerkt: 0, nieuw: 76, ongewijzigd: 0})
    const status = json<{cells: Array<{notes: number}>; totals: {notes: number}}>(karavaan(['status', '--study', study, '--json']))
    expect(status.totals.notes).toBe(76)
    expect(status.cells.every((cell) => cell.notes === 2)).toBe(true)
    const db = new Database(join(study, 'karavaan.db'), {readonly: true})
    const tags = db.prepare("SELECT count(*) AS n FROM tags WHERE origin = 'note' AND kind = 'narrative'").get() as {n: number}
    db.close()
    expect(tags.n).toBeGreaterThan(100)
  })

  it('is idempotent: importing again stores nothing new', () => {
    const before = noteCount(study)
    const report = json<Report>(karavaan(['import', '--study', study, '--json']))
    expect(report.totals).toEqual({bijgewerkt: 0, nieuw: 0, ongewijzigd: 76})
    expect(noteCount(study)).toBe(before)
  })

  it('turns a changed file into a new version of the same note', () => {
    const file = join(study, 'inbox', 'wendelo', '2026-04-09-ouderen-1.md')
    writeFileSync(file, readFileSync(file, 'utf8') + '\nAanvulling: de bus rijdt sinds mei weer op zaterdag.\n')
    const report = json<Report>(karavaan(['import', '--study', study, '--json']))
    expect(report.totals).toEqual({bijgewerkt: 1, nieuw: 0, ongewijzigd: 75})
    const id = report.files.find((f) => f.status === 'bijgewerkt')!.noteId!
    const history = json<Array<{change: string; text: string; version: number}>>(karavaan(['note', 'history', id, '--study', study, '--json']))
    expect(history.map((v) => v.version)).toEqual([1, 2])
    expect(history[1].text).toContain('Aanvulling')
    expect(history[0].text).not.toContain('Aanvulling')
  })
})

describe('karavaan import: formats and encodings', () => {
  it('reads UTF-8 with BOM and \\r\\n, Windows-1252, emoji and .txt', () => {
    const study = makeStudy()
    const dir = join(study, 'inbox')
    writeFileSync(join(dir, 'bom.md'), '\uFEFF' + note(base, 'Met BOM en Windows-regeleinden.\nTweede regel 🙂 met ë.').replaceAll('\n', '\r\n'))
    // Windows-1252 as an old Word export writes it: curly quotes and dashes in the 0x80-0x9F range.
    const cp1252: Record<string, number> = {'“': 0x93, '”': 0x94, '–': 0x96}
    const text = note({...base, group: 'moeders'}, 'Oude Word-export: café, geëmigreerd, “aanhalingstekens” – en een streepje.')
    writeFileSync(join(dir, 'oud.txt'), Buffer.from([...text].map((c) => cp1252[c] ?? c.charCodeAt(0))))
    const result = karavaan(['import', '--study', study])
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/oud\.txt: omgezet van Windows-1252 naar UTF-8/)
    expect(result.stdout).toMatch(/2 nieuw/)
    const notes = json<Array<{text: string}>>(karavaan(['note', 'list', '--study', study, '--json']))
    const texts = notes.map((n) => n.text).join('\n')
    expect(texts).toContain('Tweede regel 🙂 met ë.')
    expect(texts).not.toContain('\r')
    expect(texts).toContain('café, geëmigreerd, “aanhalingstekens” – en een streepje.')
  })

  it('reads a Word document with its metadata in the document or given by flags', () => {
    const study = makeStudy()
    const withData = karavaan(['import', join(ROOT, 'test', 'fixtures', 'notes', 'gesprek-met-gegevens.docx'), '--study', study, '--json'])
    expect(json<Report>(withData).totals.nieuw).toBe(1)
    const without = join(ROOT, 'test', 'fixtures', 'notes', 'gesprek-zonder-gegevens.docx')
    const refused = karavaan(['import', without, '--study', study])
    expect(refused.code).toBe(1)
    expect(refused.stderr).toMatch(/gesprek-zonder-gegevens\.docx: heeft geen gegevens bovenaan/)
    const given = karavaan(['import', without, '--study', study, '--halteplaats', 'dorp', '--group', '5', '--date', '2026-05-01', '--interviewer', 'bram', '--json'])
    expect(json<Report>(given).totals.nieuw).toBe(1)
    const notes = json<Array<{group: string; halteplaats: string; text: string}>>(karavaan(['note', 'list', '--study', study, '--halteplaats', 'dorp', '--json']))
    expect(notes[0].group).toBe('ouderen')
    expect(notes[0].text).toContain('via de website')
  })
})

describe('karavaan import: all or nothing', () => {
  it('lists every bad file with line and field, and stores none of the batch', () => {
    const study = makeStudy()
    const dir = join(study, 'inbox')
    writeFileSync(join(dir, 'goed.md'), note(base, 'Een goede notitie.'))
    writeFileSync(join(dir, 'fout-groep.md'), note({...base, group: 'bakkers'}, 'Onbekende groep.'))
    writeFileSync(join(dir, 'fout-datum.md'), note({...base, date: '9 april'}, 'Verkeerde datum.'))
    writeFileSync(join(dir, 'onbekend-veld.md'), note({...base, stemming: 'boos'}, 'Onbekend veld.'))
    writeFileSync(join(dir, 'kapot.md'), '---\nhalteplaats: [noord\n---\ntekst\n')
    writeFileSync(join(dir, 'binair.md'), Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0x00, 0x01, 0x02, 0x03]))
    const before = snapshot(study)
    const result = karavaan(['import', '--study', study])
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/5 bestanden zijn niet in orde; er is niets ingelezen/)
    expect(result.stderr).toMatch(/fout-groep\.md: regel 3, group: "bakkers" is onbekend/)
    expect(result.stderr).toMatch(/fout-datum\.md: regel 2, date: "9 april" is geen datum; schrijf bijvoorbeeld 2026-03-15, 15-3-2026/)
    expect(result.stderr).toMatch(/onbekend-veld\.md: regel 6, stemming: onbekend veld/)
    expect(result.stderr).toMatch(/kapot\.md: regel \d/)
    expect(result.stderr).toMatch(/binair\.md: dit is geen tekstbestand/)
    expect(result.stderr).not.toMatch(/\n\s+at /)
    expect(snapshot(study)).toEqual(before)
    expect(noteCount(study)).toBe(0)
  })

  it('checks without storing with --dry-run', () => {
    const study = makeStudy()
    writeFileSync(join(study, 'inbox', 'a.md'), note(base, 'Alleen controleren.'))
    const result = karavaan(['import', '--study', study, '--dry-run'])
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/er is niets opgeslagen\): 1 nieuw/)
    expect(noteCount(study)).toBe(0)
  })

  it('refuses absurdly large files and a symlink out of the folder', () => {
    const study = makeStudy()
    writeFileSync(join(study, 'inbox', 'groot.md'), note(base, 'x'.repeat(3 * 1024 * 1024)))
    const outside = join(tempDir(), 'geheim.md')
    writeFileSync(outside, note(base, 'Buiten de inbox.'))
    symlinkSync(outside, join(study, 'inbox', 'link.md'))
    const result = karavaan(['import', '--study', study])
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/groot\.md: het bestand is \d+ kB; dat is te groot/)
    expect(result.stderr).toMatch(/link\.md: verwijst naar .*buiten de map/)
    expect(noteCount(study)).toBe(0)
  })

  it('says so when there is nothing to import', () => {
    const study = makeStudy()
    const result = karavaan(['import', '--study', study])
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/Geen notities gevonden/)
  })
})

describe('karavaan import: personal data', () => {
  it('refuses a file with personal data, pseudonymises on request, or stores it with the choice recorded', () => {
    const study = makeStudy()
    const file = join(study, 'inbox', 'privé.md')
    writeFileSync(file, note(base, 'Gesprek bij de bakker.\nBel haar op 06-12345678 of mail naar j.jansen@example.nl als er iets is.'))
    const refused = karavaan(['import', '--study', study])
    expect(refused.code).toBe(1)
    expect(refused.stderr).toMatch(/privé\.md: persoonsgegevens: regel 8, kolom \d+: telefoonnummer "06-12345678"/)
    expect(refused.stderr).toMatch(/e-mailadres "j\.jansen@example\.nl"/)
    expect(noteCount(study)).toBe(0)

    const replaced = karavaan(['import', '--study', study, '--pseudonymise', '--json'])
    expect(json<Report>(replaced).files[0].replaced).toBe(2)
    const [stored] = json<Array<{personalData: unknown; text: string}>>(karavaan(['note', 'list', '--study', study, '--json']))
    expect(stored.text).toMatch(/Bel haar op \[telefoonnummer-[\da-f]{6}\] of mail naar \[e-mailadres-[\da-f]{6}\]/)
    expect(stored.personalData).toBeNull()
  })

  it('records an explicit choice to keep personal data', () => {
    const study = makeStudy()
    writeFileSync(join(study, 'inbox', 'a.md'), note(base, 'De wijkagent is bereikbaar op 06-12345678.'))
    expect(karavaan(['import', '--study', study, '--allow-personal-data']).code).toBe(0)
    const [stored] = json<Array<{personalData: {kinds: string[]}; text: string}>>(karavaan(['note', 'list', '--study', study, '--json']))
    expect(stored.text).toContain('06-12345678')
    expect(stored.personalData.kinds).toEqual(['telefoonnummer'])
  })
})

import Database from 'better-sqlite3'
import {unzipSync, zipSync} from 'fflate'
import {copyFileSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'

import {json, karavaan, makeStudy, ROOT, snapshot} from '../helpers/cli.js'

// Real Word files, written by LibreOffice from the .fodt sources beside them (scripts/word-fixtures.mjs).
const WORD = join(ROOT, 'test', 'fixtures', 'word')

interface Report {
  files: Array<{notCarriedOver?: Record<string, number>; notCarriedOverText?: string; noteId?: string; source: string; status: string}>
  totals: {bijgewerkt: number; nieuw: number; ongewijzigd: number}
}

function noteText(study: string, id: string): string {
  return json<{text: string}>(karavaan(['note', 'show', id, '--study', study, '--json'])).text
}

function noteCount(study: string): number {
  const db = new Database(join(study, 'karavaan.db'), {readonly: true})
  try {
    return (db.prepare('SELECT count(*) AS n FROM notes').get() as {n: number}).n
  } finally {
    db.close()
  }
}

describe('karavaan import: what a Word document holds', () => {
  it('keeps bullets, numbering, nesting, headings, table rows and numbered foot- and endnotes', () => {
    const study = makeStudy()
    copyFileSync(join(WORD, 'lijsten-tabel-noten.docx'), join(study, 'inbox', 'lijsten-tabel-noten.docx'))
    const report = json<Report>(karavaan(['import', '--study', study, '--json']))
    expect(report.totals.nieuw).toBe(1)
    // Nothing was left behind, so there is nothing to report.
    expect(report.files[0].notCarriedOverText).toBeUndefined()
    const text = noteText(study, report.files[0].noteId!)
    expect(text).toContain('# Koffieochtend in het buurthuis')
    expect(text).toContain('## Wie waar naartoe gaat')
    expect(text).toContain('Wat de bewoners noemden:\n\n- de bus op zondag\n- het loket\n  - alleen open op dinsdag\n- de huisarts')
    expect(text).toContain('1. eerst bellen\n2. dan langskomen\n  a. met de buurtbus\n  b. of met de taxi\n3. een brief als niemand opneemt')
    expect(text).toContain('Wie | Waarheen | Hoe vaak\nmoeder | supermarkt | wekelijks\noudere | huisarts | maandelijks')
    // The markers stay in the text, the notes come at the end in the order of their markers.
    expect(text).toContain('De bus rijdt niet meer op zondag[1] en het loket in het dorp is dicht[2].')
    expect(text.trimEnd().endsWith('[1] Dienstregeling 2026 van de vervoerder.\n[2] Volgens de gemeente sinds maart.')).toBe(true)
    // The metadata block at the top of the document was read as such, not kept as text.
    expect(text).not.toContain('halteplaats:')
  })

  it('leaves out text Word shows as deleted, keeps the inserted text, and names what it did not carry over', () => {
    const study = makeStudy()
    copyFileSync(join(WORD, 'wijzigingen-opmerking-afbeelding.docx'), join(study, 'inbox', 'gesprek.docx'))
    const result = karavaan(['import', '--study', study])
    expect(result.code).toBe(0)
    expect(result.stdout).toContain(
      'inbox/gesprek.docx: 1 afbeelding en 1 opmerking niet overgenomen; 2 bijgehouden wijzigingen aanvaard zoals het document ze toont (verwijderde tekst weggelaten); tekst uit 1 tekstvak als gewone alinea overgenomen',
    )
    const notes = json<Array<{id: string; text: string}>>(karavaan(['note', 'list', '--study', study, '--json']))
    expect(notes).toHaveLength(1)
    const text = noteText(study, notes[0].id)
    expect(text).toContain('Een moeder vertelde over het schoolplein en de speeltuin achter de kerk.')
    // The deleted words named a neighbour; they never reach the note (nor the privacy guard's refusal).
    expect(text).not.toMatch(/Jansen|nummer 12|alles regelt/)
    expect(text).toContain('Uit het kader: de hekken zijn kapot.')
    expect(text).not.toContain('Navragen wanneer dat was')

    // --json carries the counts; read in again unchanged, the note stays as it is and nothing is said twice.
    const again = karavaan(['import', '--study', study, '--json'])
    const file = json<Report>(again).files[0]
    expect(file.status).toBe('ongewijzigd')
    expect(file.notCarriedOver).toEqual({comments: 1, embeddedObjects: 0, headersFooters: 0, images: 1, textBoxes: 1, trackedChanges: 2})
    expect(file.notCarriedOverText).toMatch(/^1 afbeelding en 1 opmerking niet overgenomen/)
    expect(karavaan(['import', '--study', study]).stdout).not.toContain('niet overgenomen')
  })

  it('still runs the privacy guard on what is imported from a Word document, footnotes included', () => {
    const study = makeStudy()
    const file = join(study, 'inbox', 'noten.docx')
    copyFileSync(join(WORD, 'lijsten-tabel-noten.docx'), file)
    // The same document, with a telephone number in its footnote.
    const parts = unzipSync(readFileSync(file))
    parts['word/footnotes.xml'] = new TextEncoder().encode(new TextDecoder().decode(parts['word/footnotes.xml']).replace('Dienstregeling 2026 van de vervoerder.', 'Bel de vervoerder op 06-12345678.'))
    writeFileSync(file, zipSync(parts))
    const before = snapshot(study)
    const refused = karavaan(['import', '--study', study])
    expect(refused.code).toBe(1)
    expect(refused.stderr).toMatch(/noten\.docx: persoonsgegevens/)
    expect(snapshot(study)).toEqual(before)
    const pseudonymised = json<Report>(karavaan(['import', '--study', study, '--pseudonymise', '--json']))
    const text = noteText(study, pseudonymised.files[0].noteId!)
    expect(text).not.toContain('06-12345678')
    expect(text).toMatch(/\[1\] Bel de vervoerder op \[/)
  })
})

describe('karavaan import: a Word file that cannot be read', () => {
  const cases: Array<[string, () => Buffer, RegExp]> = [
    ['a truncated document', () => readFileSync(join(WORD, 'lijsten-tabel-noten.docx')).subarray(0, 3000), /kapot\.docx: is geen geldig Word-bestand \(\.docx\): het bestand is geen geldig zip-bestand/],
    ['a text file named .docx', () => Buffer.from('Dit is gewoon tekst.\n'), /kapot\.docx: is geen geldig Word-bestand \(\.docx\): het is geen zip-bestand/],
    [
      'a password-protected document',
      () => Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504), Buffer.from('EncryptionInfo', 'utf16le')]),
      /kapot\.docx: is geen geldig Word-bestand \(\.docx\): het is met een wachtwoord beveiligd/,
    ],
    ['an old .doc renamed', () => Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(1024)]), /ouder Word-bestand \(\.doc\)/],
    [
      'a zip without a Word document in it',
      () => Buffer.from(zipSync({'iets.txt': new TextEncoder().encode('geen Word')})),
      /kapot\.docx: is geen geldig Word-bestand \(\.docx\): er staat geen Word-tekst in/,
    ],
  ]

  for (const [name, make, message] of cases) {
    it(`refuses ${name} with a Dutch message and stores nothing, also not the good file beside it`, () => {
      const study = makeStudy()
      copyFileSync(join(WORD, 'lijsten-tabel-noten.docx'), join(study, 'inbox', 'goed.docx'))
      writeFileSync(join(study, 'inbox', 'kapot.docx'), make())
      const before = snapshot(study)
      const result = karavaan(['import', '--study', study])
      expect(result.code).toBe(1)
      expect(result.stderr).toMatch(/1 bestand is niet in orde; er is niets ingelezen/)
      expect(result.stderr).toMatch(message)
      expect(result.stderr).not.toMatch(/\n\s+at /)
      expect(snapshot(study)).toEqual(before)
      expect(noteCount(study)).toBe(0)
    })
  }
})

import Database from 'better-sqlite3'
import {spawnSync} from 'node:child_process'
import {closeSync, ftruncateSync, mkdirSync, openSync, readFileSync, symlinkSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {expectRefusal, json, karavaan, makeStudy, snapshot, tempDir} from '../helpers/cli.js'

// Bad and hostile input, each refused with a Dutch message and a non-zero exit, the study left
// exactly as it was. The count of cases tried is printed for the README's figures.

let tried = 0
let refusedCleanly = 0
afterAll(() => console.log(`Slechte invoer: ${tried} gevallen geprobeerd, ${refusedCleanly} netjes geweigerd.`))

/** Runs args against a fresh copy of the study state and checks a clean refusal and an unchanged study. */
function refuses(study: string, args: string[], ...mentions: Array<RegExp | string>): void {
  tried++
  const before = snapshot(study)
  const result = karavaan(args)
  expectRefusal(result, 1, ...mentions)
  expect(result.stderr).not.toMatch(/Error:|SQLITE_|ENOENT|EACCES|undefined/)
  expect(snapshot(study)).toEqual(before)
  refusedCleanly++
}

const FRONT = '---\nhalteplaats: noord\ngroup: moeders\ndate: 2026-03-11\ninterviewer: anna\n---\n'

function noteFile(content: Buffer | string, name = 'notitie.md'): string {
  const dir = tempDir('karavaan-inbox-')
  writeFileSync(join(dir, name), content)
  return dir
}

describe('a hostile or broken study.yaml', () => {
  let study: string
  let original: string
  beforeAll(() => {
    study = makeStudy()
    original = readFileSync(join(study, 'study.yaml'), 'utf8')
  })

  const cases: Array<[string, (yaml: string) => string, RegExp | string]> = [
    [
      'a YAML alias bomb (billion laughs)',
      (yaml) =>
        yaml +
        ['a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]', ...'bcdefghi'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(', ')}]`)].join('\n') +
        '\n',
      'verwijst te vaak met & en * naar andere waarden',
    ],
    ['halteplaatsen as text instead of a list', (yaml) => yaml.replace(/^halteplaatsen:[\s\S]*?\n(?=\w)/m, 'halteplaatsen: vier\n'), /halteplaatsen/],
    ['a title that is a list', (yaml) => yaml.replace(/^title: .*$/m, 'title: [een, twee]'), /title/],
    ['a 10 MB value', (yaml) => yaml.replace(/^title: .*$/m, `title: ${'x'.repeat(10 * 1024 * 1024)}`), 'te groot'],
    ['a NUL byte', (yaml) => yaml.replace(/^title: (.*)$/m, 'title: Proef\u0000studie'), 'stuurteken'],
    ['a terminal escape written in quotes', (yaml) => yaml.replace(/^title: .*$/m, 'title: "\\x1b[31mrood\\x1b[0m"'), /stuurteken.*|title/],
    ['a file that is not YAML at all', () => '{{{{ ]]]] ::: \n\t- -', 'De opbouw van het bestand klopt niet'],
    ['a deeply nested value', (yaml) => yaml + `extra: ${'['.repeat(5000)}${']'.repeat(5000)}\n`, /study\.yaml/],
    ['a key twice', (yaml) => yaml + `title: nog een titel\n`, 'twee keer'],
    ['invalid UTF-8', () => '\u00ff\u00fe', /study\.yaml/],
  ]

  for (const [name, mutate, message] of cases) {
    it(`refuses ${name}`, () => {
      const file = join(study, 'study.yaml')
      writeFileSync(file, mutate(original))
      try {
        refuses(study, ['status', '--study', study], message)
      } finally {
        writeFileSync(file, original)
      }
    })
  }

  it('refuses bytes that are not UTF-8 in study.yaml', () => {
    const file = join(study, 'study.yaml')
    writeFileSync(file, Buffer.concat([Buffer.from(original.replace(/^title: .*$/m, 'title: Proef')), Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0x0a])]))
    try {
      refuses(study, ['status', '--study', study], /study\.yaml/)
    } finally {
      writeFileSync(file, original)
    }
  })
})

describe('hostile or broken notes', () => {
  let study: string
  beforeAll(() => {
    study = makeStudy()
    expect(karavaan(['note', 'add', '--study', study, '--halteplaats', 'noord', '--group', 'moeders', '--interviewer', 'anna', '--date', '2026-03-11', '--text', 'Er staat al een notitie.']).code).toBe(0)
  })

  const importCases: Array<[string, () => string, RegExp | string]> = [
    ['front matter with wrong types', () => noteFile('---\nhalteplaats: [noord]\ngroup: 12\ndate: gisteren\ninterviewer: {naam: anna}\nparticipants: veel\n---\nTekst.\n'), /niet in orde.*niets ingelezen/s],
    ['front matter with an unknown key', () => noteFile(`${FRONT.replace('---\n', '---\nnaam_respondent: Jan\n')}Tekst.\n`), 'onbekend veld "naam_respondent"'],
    ['front matter with YAML tags', () => noteFile('---\nhalteplaats: noord\ngroup: moeders\ndate: !!timestamp 2026-03-11\ninterviewer: anna\nroles: !!binary aGVsbG8=\n---\nTekst.\n'), /niet in orde/],
    ['front matter that never ends', () => noteFile('---\nhalteplaats: noord\nTekst zonder einde.\n'), 'nergens een tweede regel met ---'],
    ['an alias bomb in front matter', () => noteFile(`---\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nroles: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n---\nx\n`), /verwijst te vaak|onbekend veld/],
    ['invalid UTF-8 that is no Windows-1252 either', () => noteFile(Buffer.concat([Buffer.from(FRONT), Buffer.from([0x81, 0x8d, 0x8f, 0xc3, 0x28])])), 'geen geldige UTF-8'],
    ['NUL bytes', () => noteFile(Buffer.concat([Buffer.from(FRONT), Buffer.from('tekst\u0000met nul\u0000')])), 'binaire gegevens'],
    ['terminal escapes in the text', () => noteFile(`${FRONT}Tekst \u001B[2J met een wis-scherm-code.\n`), 'stuurtekens'],
    [
      'a 50 MB note',
      () => {
        const dir = tempDir('karavaan-inbox-')
        const fd = openSync(join(dir, 'groot.md'), 'w')
        ftruncateSync(fd, 50 * 1024 * 1024)
        closeSync(fd)
        return dir
      },
      'te groot voor een notitie',
    ],
    [
      'a symlink out of the inbox',
      () => {
        const outside = noteFile(`${FRONT}Een notitie buiten de map.\n`, 'buiten.md')
        const dir = tempDir('karavaan-inbox-')
        symlinkSync(join(outside, 'buiten.md'), join(dir, 'link.md'))
        return dir
      },
      'buiten de map',
    ],
    ['a Word file that is not one', () => noteFile('PK\u0003\u0004 geen echt zip-bestand', 'gesprek.docx'), 'geen geldig Word-bestand'],
  ]

  for (const [name, make, message] of importCases) {
    it(`import refuses ${name}`, () => {
      refuses(study, ['import', make(), '--study', study], message)
    })
  }

  it.skipIf(process.platform === 'win32' || spawnSync('mkfifo', ['--version']).status !== 0)('import refuses a pipe named like a note instead of waiting forever', () => {
    const dir = tempDir('karavaan-inbox-')
    expect(spawnSync('mkfifo', [join(dir, 'pijp.md')]).status).toBe(0)
    refuses(study, ['import', dir, '--study', study], 'geen gewoon bestand')
  })

  it('note add refuses a 50 MB --file without reading it all, and NUL bytes', () => {
    const dir = tempDir()
    const fd = openSync(join(dir, 'groot.txt'), 'w')
    ftruncateSync(fd, 50 * 1024 * 1024)
    closeSync(fd)
    const add = ['note', 'add', '--study', study, '--halteplaats', 'noord', '--group', 'moeders', '--interviewer', 'anna', '--date', '2026-03-11']
    refuses(study, [...add, '--file', join(dir, 'groot.txt')], 'hoogstens')
    writeFileSync(join(dir, 'nul.txt'), 'tekst\u0000tekst')
    refuses(study, [...add, '--file', join(dir, 'nul.txt')], 'binaire gegevens')
  })

  it('note edit and note search refuse bad input the same way', () => {
    const id = json<Array<{id: string}>>(karavaan(['note', 'list', '--study', study, '--json']))[0].id
    refuses(study, ['note', 'edit', id, '--study', study, '--date', '2026-02-30'], /date|datum/)
    const long = join(tempDir(), 'lang.txt')
    writeFileSync(long, 'woord '.repeat(40_000))
    refuses(study, ['note', 'edit', id, '--study', study, '--file', long], 'te lang')
    for (const query of ['"', 'OR', 'loket AND', '*', '"a" NOT', '^ - : ( )']) {
      refuses(study, ['note', 'search', query, '--study', study], /zoek|aanhalingsteken|OR|woorden/)
    }

    // FTS5 syntax typed by a user is searched for as words, not run as syntax.
    expect(karavaan(['note', 'search', 'NEAR(notitie', '--study', study]).stdout).toMatch(/Er staat al een notitie|Niets gevonden/)
  })
})

describe('a broken database or study folder', () => {
  it('refuses a karavaan.db that is not SQLite, and one that is SQLite of another program', () => {
    const study = makeStudy()
    writeFileSync(join(study, 'karavaan.db'), 'Dit is een tekstbestand dat karavaan.db heet.\n'.repeat(100))
    refuses(study, ['status', '--study', study], 'geen SQLite-database')
    const other = makeStudy()
    const file = join(other, 'karavaan.db')
    writeFileSync(file, '')
    const db = new Database(file)
    db.exec('CREATE TABLE adressen (naam TEXT)')
    db.close()
    refuses(other, ['note', 'list', '--study', other], 'ander programma')
  })

  it('refuses a study folder it cannot write to, whoever runs it', () => {
    const study = makeStudy()
    const mount = join(tempDir(), 'alleen-lezen')
    mkdirSync(mount)
    const isRoot = process.getuid?.() === 0
    let undo: () => void
    if (isRoot) {
      // chmod does not stop root: a read-only bind mount does.
      if (spawnSync('mount', ['--bind', study, mount]).status !== 0) return void console.log('overgeslagen: bind mount lukt hier niet')
      if (spawnSync('mount', ['-o', 'remount,ro,bind', mount]).status !== 0) {
        spawnSync('umount', [mount])
        return void console.log('overgeslagen: alleen-lezen mount lukt hier niet')
      }

      undo = () => spawnSync('umount', [mount])
    } else {
      spawnSync('chmod', ['-R', 'a-w', study])
      undo = () => spawnSync('chmod', ['-R', 'u+w', study])
    }

    const target = isRoot ? mount : study
    try {
      refuses(target, ['note', 'add', '--study', target, '--halteplaats', 'noord', '--group', 'moeders', '--interviewer', 'anna', '--date', '2026-03-11', '--text', 'mag niet'], /schrijf/)
      refuses(target, ['backup', '--study', target], /schrijf/)
    } finally {
      undo()
    }
  })
})

describe('errors do not show note text', () => {
  const secret = 'Mevrouw vertelde over haar schulden bij de woningcorporatie'

  it('a failure while storing a note shows no note text without --debug, and shows it with', () => {
    const study = makeStudy()
    // Another tool added a trigger that fails with the note's text as its message: an error
    // karavaan does not know, so it is reported as a bug (exit 10).
    const db = new Database(join(study, 'karavaan.db'))
    db.exec("CREATE TRIGGER weiger BEFORE INSERT ON notes BEGIN SELECT RAISE(ABORT, 'geweigerd: ' || NEW.text); END")
    db.close()
    const add = ['note', 'add', '--study', study, '--halteplaats', 'noord', '--group', 'moeders', '--interviewer', 'anna', '--date', '2026-03-11', '--text', secret]
    const plain = karavaan(add)
    expect(plain.code).toBe(10)
    expect(plain.stderr).toMatch(/^Fout: Er ging iets mis in karavaan \(SqliteError SQLITE_CONSTRAINT_TRIGGER in [\w/.-]+:\d+\)\./m)
    expect(plain.stderr).not.toContain('schulden')
    expect(plain.stderr).not.toMatch(/^ {4}at /m)
    const asJson = karavaan([...add, '--json'])
    expect(asJson.stdout + asJson.stderr).not.toContain('schulden')
    const debug = karavaan([...add, '--debug'])
    expect(debug.code).toBe(10)
    expect(debug.stderr).toContain(secret)
    expect(debug.stderr).toContain('kan tekst uit notities bevatten')
  })
})

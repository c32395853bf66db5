import {spawnSync} from 'node:child_process'
import {closeSync, openSync, readFileSync, ftruncateSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {strFromU8, strToU8, unzipSync, zipSync} from 'fflate'
import {beforeAll, describe, expect, it} from 'vitest'
import {validateXML} from 'xmllint-wasm'

import {expectRefusal, json, karavaan, makeStudy, ROOT, tempDir} from '../helpers/cli.js'

const SCHEMAS = join(ROOT, 'test', 'fixtures', 'refi-qda')
const hasXmllint = spawnSync('xmllint', ['--version']).status === 0

// Accents, emoji (two UTF-16 units, one code point), and several lines.
const TEXT = 'Één vader 👨‍👧 zegt:\n“Ik ben gewoon een nummer bij de gemeente.”\n\nEen moeder (café 🙂): “Er gebeurt toch niets mee.”\nDerde regel, zonder codering.'

interface TagJson {
  code: string
  coder: string
  end: null | number
  id: string
  noteId: string
  origin: string
  quote: null | string
  start: null | number
}

const cp = (text: string) => [...text]

async function expectValid(xml: string, schema: string): Promise<void> {
  const result = await validateXML({schema: [readFileSync(join(SCHEMAS, schema), 'utf8')], xml: [{contents: xml, fileName: 'export.xml'}]})
  expect(result.errors.map((e) => e.rawMessage)).toEqual([])
  expect(result.valid).toBe(true)
}

describe('karavaan export --format qdpx|qdc and import FILE.qdpx', () => {
  let study: string
  let out: string
  let note: string
  let other: string
  const tags = () => json<TagJson[]>(karavaan(['tag', 'list', '--json', '--study', study]))
  const positions = (list: TagJson[]) => list.map((t) => `${t.noteId} ${t.code} ${t.coder} ${t.start}-${t.end} ${t.quote}`).sort()

  beforeAll(() => {
    study = makeStudy()
    out = tempDir()
    const add = (...args: string[]) => json<{id: string}>(karavaan(['note', 'add', '--study', study, '--json', ...args])).id
    note = add('--halteplaats', 'noord', '--group', 'moeders', '--date', '2026-03-11', '--interviewer', 'anna', '--text', TEXT, '--narrative', '2', '--theme', 'gezien-en-gehoord')
    other = add('--halteplaats', 'dorp', '--activity', 'wijkwandeling', '--date', '2026-04-02', '--interviewer', 'bram', '--text', 'Een rondje door het dorp met de wijkagent.')
    const tag = (...args: string[]) => expect(karavaan(['tag', 'add', ...args, '--study', study]).code).toBe(0)
    tag(note, 'onzichtbare-burger', '--quote', 'Ik ben gewoon een nummer bij de gemeente.', '--coder', 'bram')
    tag(note, '4', '--quote', 'Er gebeurt toch niets mee.', '--coder', 'anna')
    tag(note, 'voorzieningen', '--quote', 'café 🙂', '--coder', 'bram')
    tag(note, '5', '--coder', 'bram')
  })

  it('writes a project that validates against Project.xsd, with every tag at its place in the source text', async () => {
    const file = join(out, 'studie.qdpx')
    const result = karavaan(['export', '--format', 'qdpx', '--out', file, '--study', study])
    expect(result.code, result.stderr).toBe(0)
    expect(result.stdout).toMatch(/2 notities, 6 gecodeerde passages/)
    const files = unzipSync(readFileSync(file))
    expect(Object.keys(files).sort()).toEqual(['project.qde', `sources/${note}.txt`, `sources/${other}.txt`].sort())
    const qde = strFromU8(files['project.qde'])
    await expectValid(qde, 'Project.xsd')
    if (hasXmllint) {
      const path = join(out, 'project.qde')
      writeFileSync(path, qde)
      const lint = spawnSync('xmllint', ['--noout', '--schema', join(SCHEMAS, 'Project.xsd'), path], {encoding: 'utf8'})
      expect(lint.status, lint.stderr).toBe(0)
    }

    const source = strFromU8(files[`sources/${note}.txt`])
    expect(source).toBe(TEXT)
    expect(qde).toContain(`<TextSource guid="${note}" name="2026-03-11 Noord – moeders (${note.slice(-8)})" plainTextPath="internal://${note}.txt"`)
    // Every tag of the note is a selection whose code points in the source are its quote.
    for (const t of tags().filter((x) => x.noteId === note)) {
      const match = new RegExp(`startPosition="(\\d+)" endPosition="(\\d+)"[^>]*>\\s*<Coding guid="${t.id}"`).exec(qde)
      expect(match, t.code).not.toBeNull()
      const [start, end] = [Number(match![1]), Number(match![2])]
      if (t.quote === null) expect([start, end]).toEqual([0, cp(TEXT).length])
      else expect(cp(source).slice(start, end).join('')).toBe(t.quote)
    }

    expect(qde).toMatch(/<User guid="[0-9a-f-]{36}" name="Anna Visser" id="anna"\/>/)
    expect(qde).toContain('name="1. Onzichtbaarheid van de overheid" isCodable="true"')
    expect(qde).toMatch(/<Case guid="[0-9a-f-]{36}" name="Noord – moeders">/)
    expect(qde).toContain(`<SourceRef targetGUID="${note}"/>`)
  })

  it('gives the same GUIDs to codes, users and cases in every export', () => {
    const guids = (file: string) => {
      expect(karavaan(['export', '--out', file, '--study', study]).code).toBe(0)
      return strFromU8(unzipSync(readFileSync(file))['project.qde']).match(/<(?:User|Code|Case|Variable) guid="[^"]+"/g)
    }

    expect(guids(join(out, 'eerste.qdpx'))).toEqual(guids(join(out, 'tweede.qdpx')))
  })

  it('writes the codebook alone as a .qdc that validates against Codebook.xsd', async () => {
    const file = join(out, 'codeboek.qdc')
    const result = karavaan(['export', '--out', file, '--study', study])
    expect(result.code, result.stderr).toBe(0)
    const xml = readFileSync(file, 'utf8')
    await expectValid(xml, 'Codebook.xsd')
    if (hasXmllint) expect(spawnSync('xmllint', ['--noout', '--schema', join(SCHEMAS, 'Codebook.xsd'), file]).status).toBe(0)
    expect(xml.match(/isCodable="true"/g)).toHaveLength(5 + 9)
    expect(xml).toContain('Karavaan-id: ongehoorde-burger')
  })

  it('round trip: importing its own export changes nothing, also the second time', () => {
    const file = join(out, 'rond.qdpx')
    expect(karavaan(['export', '--out', file, '--study', study]).code).toBe(0)
    const before = positions(tags())
    for (let i = 0; i < 2; i++) {
      const result = karavaan(['import', file, '--study', study])
      expect(result.code, result.stderr).toBe(0)
      expect(result.stdout).toMatch(/2 notities herkend, 0 nieuwe tags/)
      expect(result.stdout).not.toContain('Overgeslagen')
    }

    expect(positions(tags())).toEqual(before)
  })

  describe('codings made in another tool', () => {
    // What ATLAS.ti or NVivo hands back: its own user, its own code folder, a source of its own,
    // the kit's texts rewritten with Windows line ends and positions counted in that text.
    const FOREIGN_USER = '8c0f4a8e-1111-4aaa-8bbb-0123456789ab'
    const FOREIGN_CODE = '8c0f4a8e-2222-4aaa-8bbb-0123456789ab'
    const edited = (file: string, change: (qde: string, files: Record<string, Uint8Array>) => string) => {
      const files = unzipSync(readFileSync(join(out, 'studie.qdpx')))
      files['project.qde'] = strToU8(change(strFromU8(files['project.qde']), files))
      writeFileSync(file, zipSync(files))
      return file
    }

    const selection = (start: number, end: number, code: string, user: string, guid: string) =>
      `<PlainTextSelection guid="${guid}" startPosition="${start}" endPosition="${end}" creatingUser="${user}"><Coding guid="${guid.replace(/^.{8}/, 'cccccccc')}" creatingUser="${user}"><CodeRef targetGUID="${code}"/></Coding></PlainTextSelection>`

    const foreign = (qde: string, files: Record<string, Uint8Array>, extra = '', user = 'name="Anna Visser"') => {
      const crlf = TEXT.replaceAll('\n', '\r\n')
      files[`sources/${note}.txt`] = strToU8(crlf)
      const quote = cp('Derde regel')
      const crlfStart = cp(crlf.slice(0, crlf.indexOf('Derde regel'))).length
      const ours = qde.match(/<Code guid="([^"]+)" name="4\. Ongehoorde burgers"/)![1]
      return qde
        .replace('</Users>', `<User guid="${FOREIGN_USER}" ${user}/></Users>`)
        .replace('</Codes>', `<Code guid="${FOREIGN_CODE}" name="Eigen code van de analist" isCodable="true"/></Codes>`)
        .replace(
          new RegExp(`(<TextSource guid="${note}"[^>]*>(?:\\s*<Description>[^<]*</Description>)?)`),
          `$1${selection(crlfStart, crlfStart + quote.length, ours, FOREIGN_USER, '0a0a0a0a-3333-4aaa-8bbb-0123456789ab')}${selection(0, 4, FOREIGN_CODE, FOREIGN_USER, '0b0b0b0b-3333-4aaa-8bbb-0123456789ab')}${extra}`,
        )
        .replace('</Sources>', '<TextSource guid="9d9d9d9d-4444-4aaa-8bbb-0123456789ab" name="Interview uit een ander project"><PlainTextContent>Iets anders.</PlainTextContent></TextSource></Sources>')
    }

    it('become tags of the coder the user stands for, at the right code points; unknown sources and codes are listed', () => {
      const file = edited(join(out, 'atlas.qdpx'), (qde, files) => foreign(qde, files))
      const before = tags()
      const result = karavaan(['import', file, '--study', study])
      expect(result.code, result.stderr).toBe(0)
      expect(result.stdout).toMatch(/2 notities herkend, 1 nieuwe tag\b/)
      expect(result.stdout).toMatch(/Interview uit een ander project: geen notitie van deze studie/)
      expect(result.stdout).toMatch(/Overgeslagen codes .*Eigen code van de analist/)
      const added = tags().filter((t) => !before.some((b) => b.id === t.id))
      expect(added).toHaveLength(1)
      const start = cp(TEXT.slice(0, TEXT.indexOf('Derde regel'))).length // code points, not UTF-16 units
      expect(start).toBeLessThan(TEXT.indexOf('Derde regel'))
      expect(added[0]).toMatchObject({code: 'ongehoorde-burger', coder: 'anna', end: start + 11, noteId: note, origin: 'import', quote: 'Derde regel', start})

      const again = karavaan(['import', file, '--study', study])
      expect(again.stdout).toMatch(/0 nieuwe tags/)
      expect(tags()).toHaveLength(before.length + 1)
    })

    it('refuses codings of a user the team does not know, naming the user, unless --coder says who', () => {
      const file = edited(join(out, 'onbekend.qdpx'), (qde, files) => foreign(qde, files, '', 'name="Kees van Dam"'))
      const before = tags()
      expectRefusal(karavaan(['import', file, '--study', study]), 1, 'Kees van Dam', '--coder', 'niets ingelezen')
      expect(tags()).toEqual(before)
      const result = karavaan(['import', file, '--study', study, '--coder', 'bram'])
      expect(result.code, result.stderr).toBe(0)
      expect(result.stdout).toMatch(/1 nieuwe tag\b/)
    })

    it('stores nothing when one coding is wrong (all or nothing)', () => {
      const ours = (qde: string) => qde.match(/<Code guid="([^"]+)" name="3\. Ongelijke behandeling"/)![1]
      const file = edited(join(out, 'fout.qdpx'), (qde) =>
        qde.replace(new RegExp(`(<TextSource guid="${other}"[^>]*>)`), `$1${selection(0, 5, ours(qde), FOREIGN_USER, '0c0c0c0c-3333-4aaa-8bbb-0123456789ab')}${selection(10, 999, ours(qde), FOREIGN_USER, '0d0d0d0d-3333-4aaa-8bbb-0123456789ab')}`).replace('</Users>', `<User guid="${FOREIGN_USER}" name="bram"/></Users>`),
      )
      const before = tags()
      expectRefusal(karavaan(['import', file, '--study', study]), 1, 'niet in orde', 'buiten de tekst')
      expect(tags()).toEqual(before)
    })

    it('skips a source whose text was edited in the other tool, since its positions no longer fit', () => {
      const file = edited(join(out, 'gewijzigd.qdpx'), (qde, files) => {
        files[`sources/${other}.txt`] = strToU8('Een heel andere tekst.')
        return qde
      })
      const result = karavaan(['import', file, '--study', study])
      expect(result.code, result.stderr).toBe(0)
      expect(result.stdout).toMatch(/1 notitie herkend/)
      expect(result.stdout).toMatch(/de tekst is in het andere programma gewijzigd/)
    })
  })

  describe('a .qdpx from elsewhere that is not to be trusted', () => {
    const PROJECT = '<?xml version="1.0" encoding="UTF-8"?><Project xmlns="urn:QDA-XML:project:1.0" name="p"/>'
    const hostile = (name: string, content: Uint8Array | string) => {
      const file = join(out, name)
      writeFileSync(file, typeof content === 'string' ? content : content)
      return file
    }

    it.each([
      ['pad.qdpx', () => zipSync({'../../buiten.txt': strToU8('x'), 'project.qde': strToU8(PROJECT)}), /onveilige naam: "..\/..\/buiten.txt"/],
      ['bom.qdpx', () => zipSync({'project.qde': new Uint8Array(8 * 1024 * 1024)}), /zip-bom/],
      ['doctype.qdpx', () => zipSync({'project.qde': strToU8('<?xml version="1.0"?><!DOCTYPE p [<!ENTITY x SYSTEM "file:///etc/passwd">]><Project name="&x;"/>')}), /DOCTYPE/],
      ['codeboek.qdpx', () => zipSync({'codebook.qdc': strToU8('<CodeBook/>')}), /project.qde ontbreekt/],
      ['tekst.qdpx', () => strToU8('dit is geen zip'), /geen geldig zip-bestand/],
    ])('refuses %s with a Dutch message and changes nothing', (name, make, message) => {
      const before = tags()
      expectRefusal(karavaan(['import', hostile(name, make()), '--study', study]), 1, message)
      expect(tags()).toEqual(before)
    })

    it('refuses an absurdly large file before reading it', () => {
      const file = join(out, 'enorm.qdpx')
      const fd = openSync(file, 'w')
      ftruncateSync(fd, 1024 * 1024 * 1024 + 1) // sparse: takes no room on disk
      closeSync(fd)
      expectRefusal(karavaan(['import', file, '--study', study]), 1, /groter dan 1024 MB/)
    })
  })
})

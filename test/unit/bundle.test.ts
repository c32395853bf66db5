import Database from 'better-sqlite3'
import fc from 'fast-check'
import {join} from 'node:path'
import {gzipSync} from 'node:zlib'
import {describe, expect, it} from 'vitest'

import {UserError} from '../../src/errors.js'
import {readBundle, writeBundle} from '../../src/exchange/bundle/bundle.js'
import {seal, unseal} from '../../src/exchange/bundle/container.js'
import {parseManifest} from '../../src/exchange/bundle/manifest.js'
import {bundledMigrations, migrate} from '../../src/store/migrate.js'
import {tempDir} from '../helpers/cli.js'

const MIGRATIONS = join(__dirname, '..', '..', 'src', 'store', 'migrations')

const VALID = {
  bundle: '019a0000-0000-7000-8000-00000000000b',
  createdAt: '2026-03-01T12:00:00.000Z',
  device: '019a0000-0000-7000-8000-00000000000d',
  format: 1,
  kit: '0.1.0',
  parts: [{bytes: 0, count: 0, kind: 'notes', sha256: '0'.repeat(64)}],
  since: null,
  study: '019a0000-0000-7000-8000-000000000001',
  type: 'karavaan-bundel',
}

/** Runs fn and says whether it returned or threw a UserError; anything else fails the property. */
function onlyUserErrors(fn: () => unknown): boolean {
  try {
    fn()
    return true
  } catch (error) {
    if (error instanceof UserError) return true
    throw error
  }
}

describe('the bundle manifest', () => {
  it('reads a valid manifest and names a newer format before anything else', () => {
    expect(parseManifest(JSON.stringify(VALID), 'b').study).toBe(VALID.study)
    expect(() => parseManifest(JSON.stringify({format: 7}), 'b')).toThrow(/nieuwere versie van karavaan \(bundelformaat 7/)
    expect(() => parseManifest(JSON.stringify({...VALID, parts: [...VALID.parts, ...VALID.parts]}), 'b')).toThrow(/twee keer/)
  })

  it('never fails with anything but a user error, whatever the line holds (property)', () => {
    const mutated = fc
      .record({key: fc.constantFrom(...Object.keys(VALID)), value: fc.jsonValue()})
      .map(({key, value}) => JSON.stringify({...VALID, [key]: value}))
    fc.assert(fc.property(fc.oneof(fc.string(), fc.json(), mutated, fc.jsonValue().map((v) => JSON.stringify(v))), (line) => onlyUserErrors(() => parseManifest(line, 'b'))), {
      numRuns: 2000,
    })
  })

  it('never fails with anything but a user error on arbitrary bytes after a valid header (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({maxLength: 2000}), fc.boolean(), (bytes, zipped) => {
        const body = zipped ? gzipSync(bytes) : Buffer.from(bytes)
        return onlyUserErrors(() => readBundle(Buffer.concat([Buffer.from('KARAVAAN-BUNDEL 1 gzip\n'), body]), 'b'))
      }),
      {numRuns: 500},
    )
  })
})

describe('the bundle container', () => {
  const header = {bundle: VALID.bundle, createdAt: VALID.createdAt, device: VALID.device, kit: '0.1.0', since: null, study: VALID.study}

  it('reads back what it wrote, with and without a passphrase', () => {
    const plain = writeBundle(header, [{kind: 'codings', records: [{codedAt: '2026-03-01T12:00:00.000Z', coder: 'anna', note: 'n1'}]}])
    expect(readBundle(plain.bytes, 'b').parts.get('codings')).toEqual([{codedAt: '2026-03-01T12:00:00.000Z', coder: 'anna', note: 'n1'}])
    const sealed = seal(Buffer.from('geheim'), 'een lange zin')
    expect(unseal(sealed, 'b', 'een lange zin').payload.toString()).toBe('geheim')
    expect(sealed.includes(Buffer.from('geheim'))).toBe(false)
  })

  it('reads back rejected suggestions, and refuses one whose sentence ends before it starts', () => {
    const rejection = {at: '2026-03-01T12:00:00.000Z', coder: 'anna', end: 19, id: 'r1', narrative: 'onzichtbare-overheid', note: 'n1', start: 0, versionId: 'v1', withdrawnAt: null}
    const plain = writeBundle(header, [{kind: 'rejections', records: [rejection, {...rejection, id: 'r2', withdrawnAt: '2026-03-02T09:00:00.000Z'}]}])
    expect(readBundle(plain.bytes, 'b').parts.get('rejections')).toEqual([rejection, {...rejection, id: 'r2', withdrawnAt: '2026-03-02T09:00:00.000Z'}])
    const wrong = writeBundle(header, [{kind: 'rejections', records: [{...rejection, end: 0}]}])
    expect(() => readBundle(wrong.bytes, 'b')).toThrow(/regel 1 van het deel rejections klopt niet/)
    // A bundle without the part, as every kit wrote before rejections travelled, is read as before.
    expect([...readBundle(writeBundle(header, [{kind: 'codings', records: []}]).bytes, 'b').parts.keys()]).toEqual(['codings'])
  })

  it('refuses a wrong passphrase and an altered byte anywhere in an encrypted bundle', () => {
    const sealed = seal(Buffer.from('geheim'), 'een lange zin')
    expect(() => unseal(sealed, 'b', 'een andere zin')).toThrow(/wachtwoordzin klopt niet/)
    expect(() => unseal(sealed, 'b')).toThrow(/versleuteld/)
    // Each try costs a key derivation: a byte of the header's magic, its salt, its iv, the ciphertext and the tag.
    const header = sealed.indexOf(0x0a)
    for (const at of [0, sealed.indexOf('salt=') + 6, sealed.indexOf('iv=') + 4, header + 1, header + 5, sealed.length - 17, sealed.length - 1]) {
      const altered = Buffer.from(sealed)
      altered[at] ^= 0x04
      expect(() => unseal(altered, 'b', 'een lange zin'), `byte ${at}`).toThrow(UserError)
    }
  })

  it('refuses a header that asks for absurd work from scrypt', () => {
    const sealed = seal(Buffer.from('x'), 'een lange zin').toString('latin1').replace('N=32768', 'N=1073741824')
    expect(() => unseal(Buffer.from(sealed, 'latin1'), 'b', 'een lange zin')).toThrow(/beschadigd/)
  })
})

describe('migration 005', () => {
  it('gives the versions made before it ids, the laptop and a chain of parents, and points each note at its current version', () => {
    const db = new Database(join(tempDir(), 'old.db'))
    const all = bundledMigrations(MIGRATIONS)
    migrate(db, 'old.db', all.filter((m) => m.version <= 3))
    db.exec(`INSERT INTO meta VALUES ('device_id', 'laptop-a');
      INSERT INTO notes (id, halteplaats, group_id, date, interviewer, created_at, updated_at, text, version) VALUES ('n1', 'noord', 'moeders', '2026-03-01', 'anna', 't1', 't2', 'twee', 2);
      INSERT INTO note_versions VALUES ('n1', 1, 'nieuw', 'noord', 'moeders', NULL, '2026-03-01', 'anna', NULL, '[]', '[]', '[]', 'een', NULL, 't1', NULL);
      INSERT INTO note_versions VALUES ('n1', 2, 'bewerkt', 'noord', 'moeders', NULL, '2026-03-01', 'anna', NULL, '[]', '[]', '[]', 'twee', NULL, 't2', NULL);`)
    migrate(db, 'old.db', all)
    const versions = db.prepare('SELECT id, version, parent_id, device FROM note_versions ORDER BY version').all() as Array<{device: string; id: string; parent_id: null | string; version: number}>
    expect(versions.map((v) => [v.version, v.device])).toEqual([
      [1, 'laptop-a'],
      [2, 'laptop-a'],
    ])
    expect(versions[0].id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(versions[0].parent_id).toBeNull()
    expect(versions[1].parent_id).toBe(versions[0].id)
    expect(db.prepare("SELECT version_id FROM notes WHERE id = 'n1'").pluck().get()).toBe(versions[1].id)
    db.close()
  })
})

describe('migration 006', () => {
  it('gives the material versions made before it ids, the laptop and a chain of parents, and points each record at its current version', () => {
    const db = new Database(join(tempDir(), 'old.db'))
    const all = bundledMigrations(MIGRATIONS)
    migrate(db, 'old.db', all.filter((m) => m.version <= 5))
    db.exec(`INSERT INTO meta VALUES ('device_id', 'laptop-a');
      INSERT INTO findings (id, title, version, created_at, updated_at) VALUES ('f1', 'twee', 2, 't1', 't2');
      INSERT INTO advice (id, audience, title, version, created_at, updated_at) VALUES ('a1', 'gemeenten', 'een', 1, 't1', 't1');
      INSERT INTO material_versions VALUES ('f1', 'finding', 1, 'nieuw', '{"title":"een"}', 't1', NULL);
      INSERT INTO material_versions VALUES ('f1', 'finding', 2, 'bewerkt', '{"title":"twee"}', 't2', 'anna');
      INSERT INTO material_versions VALUES ('a1', 'advice', 1, 'nieuw', '{"title":"een"}', 't1', NULL);`)
    migrate(db, 'old.db', all)
    const versions = db.prepare('SELECT * FROM material_versions ORDER BY record_id DESC, version').all() as Array<Record<string, unknown>>
    expect(versions.map((v) => [v.record_id, v.kind, v.version, v.device, v.change, v.data, v.changed_by])).toEqual([
      ['f1', 'finding', 1, 'laptop-a', 'nieuw', '{"title":"een"}', null],
      ['f1', 'finding', 2, 'laptop-a', 'bewerkt', '{"title":"twee"}', 'anna'],
      ['a1', 'advice', 1, 'laptop-a', 'nieuw', '{"title":"een"}', null],
    ])
    for (const v of versions) expect(v.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(new Set(versions.map((v) => v.id)).size).toBe(3)
    expect(versions[0].parent_id).toBeNull()
    expect(versions[1].parent_id).toBe(versions[0].id)
    expect(versions[2].parent_id).toBeNull()
    expect(db.prepare("SELECT version_id FROM findings WHERE id = 'f1'").pluck().get()).toBe(versions[1].id)
    expect(db.prepare("SELECT version_id FROM advice WHERE id = 'a1'").pluck().get()).toBe(versions[2].id)
    db.close()
  })

  it('migrates a database from before 005 too, and a new edit continues the current version', async () => {
    const dir = tempDir()
    const file = join(dir, 'karavaan.db')
    const db = new Database(file)
    const all = bundledMigrations(MIGRATIONS)
    migrate(db, file, all.filter((m) => m.version <= 4))
    db.exec(`INSERT INTO findings (id, title, version, created_at, updated_at) VALUES ('f1', 'een', 1, 't1', 't1');
      INSERT INTO material_versions VALUES ('f1', 'finding', 1, 'nieuw', '{"title":"een"}', 't1', NULL);`)
    migrate(db, file, all)
    db.pragma('foreign_keys = ON')
    const {FindingQueries} = await import('../../src/store/material.js')
    const findings = new FindingQueries(db)
    const edited = findings.update(findings.get('f1')!, {evidence: [], halteplaatsen: [], narratives: [], text: 'nieuw', themes: [], title: 'twee'}, {by: 'anna'})
    expect(edited.version).toBe(2)
    const [first, second] = findings.versions('f1')
    expect(second).toMatchObject({change: 'bewerkt', parents: [first.id], version: 2})
    expect(second.data).toMatchObject({source: null, title: 'twee'})
    expect(db.prepare("SELECT version_id FROM findings WHERE id = 'f1'").pluck().get()).toBe(second.id)
    db.close()
  })
})

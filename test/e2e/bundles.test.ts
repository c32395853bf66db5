import Database from 'better-sqlite3'
import {createHash} from 'node:crypto'
import {cpSync, readFileSync, statSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {gunzipSync, gzipSync} from 'node:zlib'
import {beforeAll, describe, expect, it} from 'vitest'

import {openStore} from '../../src/store/open.js'
import {loadStudy} from '../../src/study/load.js'
import {expectRefusal, json, karavaan, makeStudy, snapshot, tempDir} from '../helpers/cli.js'

/*
 * A team of a lead and three interviewers, as the README describes it: the lead makes a study and
 * sends a bundle; each interviewer joins, works and sends a bundle back; the lead merges them.
 */

interface NoteJson {
  id: string
  text: string
  version: number
}

interface ConflictJson {
  id: string
  kind: string
  versions: Array<{current: boolean; device: string; id: string; text: string; version: number}>
}

const PASSPHRASE = 'zeven kleine karavaans'

/** Every row a merge may touch, in a fixed order and without what is local to a laptop. */
function dump(studyDir: string): string {
  const db = new Database(join(studyDir, 'karavaan.db'), {fileMustExist: true})
  try {
    const rows = (sql: string) => db.prepare(sql).all()
    return JSON.stringify({
      codings: rows('SELECT note_id, coder, coded_at FROM codings ORDER BY note_id, coder'),
      notes: rows(
        `SELECT id, halteplaats, group_id, activity, date, interviewer, participants, roles, themes, text, version, version_id,
           created_at, created_by, updated_at, updated_by, deleted_at, personal_data FROM notes ORDER BY id`,
      ),
      // The search index must follow the current text: which notes each word of every text finds.
      search: rows("SELECT n.id, n.text FROM notes n JOIN notes_fts f ON f.rowid = n.rowid WHERE notes_fts MATCH 'buurthuis OR bus OR markt' ORDER BY n.id"),
      rejections: rows('SELECT * FROM rejections ORDER BY id'),
      tags: rows('SELECT * FROM tags ORDER BY id'),
      versions: rows('SELECT * FROM note_versions ORDER BY id'),
    })
  } finally {
    db.close()
  }
}

function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items]
  return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]))
}

/** A copy of a study folder, so each merge order starts from the same lead study. */
function copyStudy(dir: string): string {
  const copy = join(tempDir(), 'studie')
  cpSync(dir, copy, {recursive: true})
  return copy
}

/** The JSON lines inside an unencrypted bundle, to alter them as a tamperer would. */
function openPayload(file: string): {header: string; lines: string[]} {
  const bytes = readFileSync(file)
  const end = bytes.indexOf(0x0a)
  return {header: bytes.toString('utf8', 0, end + 1), lines: gunzipSync(bytes.subarray(end + 1)).toString('utf8').split('\n')}
}

function writePayload(file: string, header: string, lines: string[]): void {
  writeFileSync(file, Buffer.concat([Buffer.from(header, 'utf8'), gzipSync(Buffer.from(lines.join('\n'), 'utf8'))]))
}

interface PartEntry {
  bytes: number
  count: number
  kind: string
  sha256: string
}

/**
 * A bundle rewritten part by part, with true checksums, as a kit would have written it: `change`
 * gets each part's records and returns them (or undefined to leave the part out).
 */
function rewriteParts(from: string, to: string, change: (kind: string, records: unknown[]) => undefined | unknown[]): void {
  const {header, lines} = openPayload(from)
  const manifest = JSON.parse(lines[0]) as {parts: PartEntry[]}
  const parts: PartEntry[] = []
  const body: string[] = []
  let at = 1
  for (const part of manifest.parts) {
    const records = change(part.kind, lines.slice(at, at + part.count).map((line) => JSON.parse(line) as unknown))
    at += part.count
    if (!records) continue
    const text = records.map((r) => `${JSON.stringify(r)}\n`).join('')
    parts.push({bytes: Buffer.byteLength(text), count: records.length, kind: part.kind, sha256: createHash('sha256').update(text).digest('hex')})
    body.push(text)
  }

  writeFileSync(to, Buffer.concat([Buffer.from(header, 'utf8'), gzipSync(Buffer.from(`${JSON.stringify({...manifest, parts})}\n${body.join('')}`, 'utf8'))]))
}

const partsOf = (file: string) => (JSON.parse(openPayload(file).lines[0]) as {parts: PartEntry[]}).parts

/** Rejects suggestions as tag review does (the store's own call) on a laptop's study, as bram, and takes back those marked so. */
async function rejectOn(dir: string, rejections: Array<{narrative: string; note: string; withdraw?: boolean}>): Promise<void> {
  const study = await loadStudy(dir)
  const store = openStore(dir, study.id)
  try {
    for (const r of rejections) {
      const text = store.notes.get(r.note)!.text
      const made = store.transaction(() => store.rejections.insert({coder: 'bram', end: [...text].length, narrative: r.narrative, note: r.note, start: 0}))
      if (r.withdraw) store.transaction(() => store.rejections.withdraw(made.id))
    }
  } finally {
    store.close()
  }
}

describe('bundles between laptops', () => {
  const out = tempDir('karavaan-bundles-')
  const file = (name: string) => join(out, name)
  let lead: string
  const laptops: Record<string, string> = {}
  let shared: string
  let removed: string
  let leadAfterStart: string

  const k = (study: string, ...args: string[]) => karavaan([...args, '--study', study])
  const addNote = (study: string, text: string, extra: string[] = []) =>
    json<NoteJson>(k(study, 'note', 'add', '--halteplaats', 'noord', '--group', 'moeders', '--date', '2026-03-11', '--interviewer', 'anna', '--text', text, '--json', ...extra)).id

  let fatimaNote: string

  beforeAll(async () => {
    lead = makeStudy()
    shared = addNote(lead, 'Moeders over het buurthuis dat dichtgaat.', ['--narrative', '1'])
    removed = addNote(lead, 'Een gesprek over de markt op zaterdag.')
    expect(k(lead, 'tag', 'add', shared, 'voorzieningen', '--coder', 'bram').code).toBe(0)
    expect(k(lead, 'export', '--format', 'bundle', '--out', file('start.karavaan')).code).toBe(0)
    leadAfterStart = copyStudy(lead)

    for (const name of ['anna', 'bram', 'fatima']) {
      const dir = join(tempDir(), name)
      const joined = karavaan(['join', file('start.karavaan'), dir])
      expect(joined.code, joined.stderr).toBe(0)
      laptops[name] = dir
      // In capitals: "fatima" in small letters is a first name to the guard, and rightly so.
      const own = addNote(dir, `Notitie van laptop ${name.toUpperCase()} over de bus die niet meer rijdt.`, ['--narrative', '3'])
      if (name === 'fatima') fatimaNote = own
    }

    // Anna puts a note of the lead in the trash; Bram and Fatima each edit the same note.
    expect(k(laptops.anna, 'note', 'rm', removed).code).toBe(0)
    expect(k(laptops.bram, 'note', 'edit', shared, '--text', 'Tweede laptop: het buurthuis blijft toch open, zeggen de moeders.').code).toBe(0)
    expect(k(laptops.fatima, 'note', 'edit', shared, '--text', 'Derde laptop: het buurthuis gaat in juni dicht.').code).toBe(0)
    expect(k(laptops.fatima, 'tag', 'add', shared, '4', '--coder', 'anna').code).toBe(0)
    // On Fatima's laptop a suggestion is rejected on her own note, and one on the note she edited is taken back.
    await rejectOn(laptops.fatima, [{narrative: 'ongehoorde-burger', note: fatimaNote}, {narrative: 'onzichtbare-overheid', note: shared, withdraw: true}])
    for (const name of Object.keys(laptops)) {
      const exported = k(laptops[name], 'export', '--format', 'bundle', '--out', file(`${name}.karavaan`))
      expect(exported.code, exported.stderr).toBe(0)
    }
  }, 120_000)

  it('join starts a laptop copy with the same study id, its own device id and everything of the lead', () => {
    const study = readFileSync(join(laptops.anna, 'study.yaml'), 'utf8')
    expect(study).toBe(readFileSync(join(lead, 'study.yaml'), 'utf8'))
    const device = (dir: string) => {
      const db = new Database(join(dir, 'karavaan.db'), {fileMustExist: true})
      const value = db.prepare("SELECT value FROM meta WHERE key = 'device_id'").pluck().get()
      db.close()
      return value
    }

    expect(device(laptops.anna)).not.toBe(device(lead))
    expect(device(laptops.anna)).not.toBe(device(laptops.bram))
    const notes = json<NoteJson[]>(k(laptops.bram, 'note', 'list', '--json'))
    expect(notes.map((n) => n.id)).toEqual(expect.arrayContaining([shared, removed]))
    expect(statSync(file('start.karavaan')).mode & 0o777).toBe(0o600)
    expect(statSync(laptops.anna).mode & 0o777).toBe(0o700)
  })

  it('refuses to join into a folder that is not empty', () => {
    expectRefusal(karavaan(['join', file('start.karavaan'), lead]), 1, 'niet leeg')
  })

  it('merges the three bundles in all six orders into the same study', async () => {
    const names = ['anna', 'bram', 'fatima']
    const dumps: string[] = []
    for (const order of permutations(names)) {
      const study = copyStudy(leadAfterStart)
      for (const name of order) {
        const merged = k(study, 'merge', file(`${name}.karavaan`))
        expect(merged.code, merged.stderr).toBe(0)
        // Let vitest's worker talk to its parent between the blocking runs of the CLI.
        await new Promise((resolve) => setImmediate(resolve))
      }

      dumps.push(dump(study))
    }

    for (const other of dumps.slice(1)) expect(other).toBe(dumps[0])
    // All at once gives the same as one by one.
    const together = copyStudy(leadAfterStart)
    expect(k(together, 'merge', ...names.map((name) => file(`${name}.karavaan`))).code).toBe(0)
    expect(dump(together)).toBe(dumps[0])
    // And an interviewer who merges the others ends up with the same rows as the lead.
    const anna = copyStudy(laptops.anna)
    expect(k(anna, 'merge', file('fatima.karavaan'), file('bram.karavaan')).code).toBe(0)
    expect(dump(anna)).toBe(dumps[0])
  }, 120_000)

  it('merges into the lead: everything arrives, and the same bundle twice changes nothing', () => {
    const first = k(lead, 'merge', file('anna.karavaan'), file('bram.karavaan'), file('fatima.karavaan'))
    expect(first.code, first.stderr).toBe(0)
    expect(first.stdout).toMatch(/anna\.karavaan .*nieuw of bijgewerkt: 2 notitieversies/)
    const notes = json<NoteJson[]>(k(lead, 'note', 'list', '--json'))
    expect(notes.filter((n) => n.text.includes('over de bus'))).toHaveLength(3)
    const before = dump(lead)
    const again = k(lead, 'merge', file('bram.karavaan'))
    expect(again.code).toBe(0)
    expect(again.stdout).toMatch(/niets nieuws; al ingelezen op/)
    expect(dump(lead)).toBe(before)
    // The search index follows the merged notes.
    expect(json<Array<{note: NoteJson}>>(k(lead, 'note', 'search', 'rijdt', '--json'))).toHaveLength(3)
  })

  it('carries rejected suggestions with their withdrawals, in a part that a bundle without any leaves out', () => {
    expect(partsOf(file('fatima.karavaan')).find((p) => p.kind === 'rejections')).toMatchObject({count: 2})
    // Without rejections a bundle has exactly the parts it had before rejections travelled, so an older kit reads it.
    for (const name of ['start', 'anna', 'bram']) {
      expect(partsOf(file(`${name}.karavaan`)).map((p) => p.kind)).toEqual(['study', 'notes', 'tags', 'codings', 'findings', 'reflections', 'advice'])
    }

    const db = new Database(join(lead, 'karavaan.db'), {readonly: true})
    const stored = db.prepare('SELECT r.note_id, r.narrative, r.coder, r.withdrawn_at IS NOT NULL AS withdrawn, v.text FROM rejections r JOIN note_versions v ON v.id = r.version_id ORDER BY r.narrative').all()
    db.close()
    expect(stored).toEqual([
      {coder: 'bram', narrative: 'ongehoorde-burger', note_id: fatimaNote, text: 'Notitie van laptop FATIMA over de bus die niet meer rijdt.', withdrawn: 0},
      // Judged on Fatima's own edit of the shared note, which travelled with it.
      {coder: 'bram', narrative: 'onzichtbare-overheid', note_id: shared, text: 'Derde laptop: het buurthuis gaat in juni dicht.', withdrawn: 1},
    ])
    // The rejection that stands makes its coder a coder of the note, as it does on Fatima's laptop; the withdrawn one does not.
    const report = json<{coders: string[]; units: number}>(k(lead, 'tag', 'agreement', '--coders', 'interviewer,bram', '--json'))
    expect(report.units).toBe(1)
  })

  it('merges a bundle without the rejections part, as a kit from before rejections wrote it', () => {
    const study = copyStudy(leadAfterStart)
    rewriteParts(file('fatima.karavaan'), file('fatima-oud.karavaan'), (kind, records) => (kind === 'rejections' ? undefined : records))
    const merged = k(study, 'merge', file('fatima-oud.karavaan'))
    expect(merged.code, merged.stderr).toBe(0)
    expect(merged.stdout).not.toContain('afgewezen')
    expect(json<NoteJson[]>(k(study, 'note', 'list', '--json')).some((n) => n.text.includes('FATIMA'))).toBe(true)
    const full = copyStudy(leadAfterStart)
    expect(k(full, 'merge', file('fatima.karavaan')).stdout).toContain('2 afgewezen voorstellen')
  })

  it('keeps both versions of a note edited on two laptops, lists it, and a resolution travels', () => {
    const conflicts = json<ConflictJson[]>(k(lead, 'conflicts', '--json'))
    expect(conflicts).toHaveLength(1)
    expect(conflicts[0]).toMatchObject({id: shared, kind: 'notitie'})
    expect(conflicts[0].versions.map((v) => v.text).sort()).toEqual(['Derde laptop: het buurthuis gaat in juni dicht.', 'Tweede laptop: het buurthuis blijft toch open, zeggen de moeders.'])
    expect(conflicts[0].versions.map((v) => v.version)).toEqual([2, 2])
    expect(k(lead, 'conflicts').stdout).toMatch(/Notitie .{8}: 2 versies/)
    // The history keeps both, each as what it changed in version 1.
    const history = k(lead, 'note', 'history', shared)
    expect(history.stdout).toContain('[-Moeders over-]{+Tweede laptop:+} het buurthuis [-dat dichtgaat.-]{+blijft toch open, zeggen de moeders.+}')
    expect(history.stdout).toContain('[-Moeders over-]{+Derde laptop:+} het buurthuis [-dat dichtgaat.-]{+gaat in juni dicht.+}')

    expectRefusal(k(lead, 'conflicts', 'resolve', shared), 1, 'Kies welke versie')
    const bram = conflicts[0].versions.find((v) => v.text.startsWith('Tweede'))!
    const resolved = k(lead, 'conflicts', 'resolve', shared.slice(-8), '--kies', bram.id.slice(-8))
    expect(resolved.code, resolved.stderr).toBe(0)
    expect(resolved.stdout).toMatch(/opgelost met versie .* bewaard als versie 3/)
    expect(json<ConflictJson[]>(k(lead, 'conflicts', '--json'))).toEqual([])
    expect(json<NoteJson>(k(lead, 'note', 'show', shared, '--json')).text).toBe(bram.text)
    // Two laptops each made a version 2: history tells them apart, and says which one was kept.
    const settled = k(lead, 'note', 'history', shared).stdout
    expect(settled).toMatch(/── versie 2 \(laptop .{8}\) · bewerkt · .*\nGewijzigd: tekst\.\n {2}\[-Moeders over-\]\{\+Tweede laptop:/)
    expect(settled).toMatch(/── versie 3 · conflict opgelost · .*\nGekozen: versie 2 \(laptop .{8}\), ongewijzigd\./)
    expectRefusal(k(lead, 'conflicts', 'resolve', shared, '--kies', bram.id), 1, 'geen conflict')

    // Fatima takes in the lead's bundle: the conflict is settled on her laptop too.
    expect(k(lead, 'export', '--format', 'bundle', '--out', file('lead-2.karavaan')).code).toBe(0)
    expect(k(laptops.fatima, 'merge', file('lead-2.karavaan')).code).toBe(0)
    expect(json<ConflictJson[]>(k(laptops.fatima, 'conflicts', '--json'))).toEqual([])
    expect(json<NoteJson>(k(laptops.fatima, 'note', 'show', shared, '--json')).text).toBe(bram.text)
  })

  it('settles a conflict with a merged text written from both versions', () => {
    const study = copyStudy(leadAfterStart)
    expect(k(study, 'merge', file('bram.karavaan'), file('fatima.karavaan')).code).toBe(0)
    const merged = join(out, 'samengevoegd.txt')
    writeFileSync(merged, 'Het buurthuis gaat in juni dicht (derde laptop); de moeders hopen dat het open blijft (tweede).')
    const resolved = k(study, 'conflicts', 'resolve', shared, '--tekst', merged)
    expect(resolved.code, resolved.stderr).toBe(0)
    expect(json<NoteJson>(k(study, 'note', 'show', shared, '--json')).text).toContain('de moeders hopen')
    expect(json<ConflictJson[]>(k(study, 'conflicts', '--json'))).toEqual([])
  })

  it('takes the flags by their English names, --choose and --text, and lists only those in its help', () => {
    const chosen = copyStudy(leadAfterStart)
    expect(k(chosen, 'merge', file('bram.karavaan'), file('fatima.karavaan')).code).toBe(0)
    const version = json<ConflictJson[]>(k(chosen, 'conflicts', '--json'))[0].versions.find((v) => v.text.startsWith('Derde'))!
    const resolved = k(chosen, 'conflicts', 'resolve', shared, '--choose', version.id.slice(-8))
    expect(resolved.code, resolved.stderr).toBe(0)
    expect(json<NoteJson>(k(chosen, 'note', 'show', shared, '--json')).text).toBe(version.text)

    const written = copyStudy(leadAfterStart)
    expect(k(written, 'merge', file('bram.karavaan'), file('fatima.karavaan')).code).toBe(0)
    const merged = join(out, 'samen-engels.txt')
    writeFileSync(merged, 'Het buurthuis blijft open tot de zomer, en gaat daarna misschien dicht.')
    const fromText = k(written, 'conflicts', 'resolve', shared, '--text', merged)
    expect(fromText.code, fromText.stderr).toBe(0)
    expect(fromText.stdout).toContain('met de samengevoegde tekst')
    expect(json<ConflictJson[]>(k(written, 'conflicts', '--json'))).toEqual([])

    const help = k(written, 'conflicts', 'resolve', '--help').stdout
    expect(help).toContain('--choose=<versie-id>')
    expect(help).toContain('--text=<bestand>')
    expect(help).not.toMatch(/--kies|--tekst/)
  })

  it('carries a removal as a tombstone that can be restored after the merge, and the restore travels back', () => {
    const trash = json<NoteJson[]>(k(lead, 'note', 'list', '--deleted', '--json'))
    expect(trash.map((n) => n.id)).toEqual([removed])
    expect(k(lead, 'note', 'restore', removed).code).toBe(0)
    expect(json<NoteJson[]>(k(lead, 'note', 'list', '--json')).map((n) => n.id)).toContain(removed)
    expect(k(lead, 'export', '--format', 'bundle', '--out', file('lead-3.karavaan')).code).toBe(0)
    expect(k(laptops.anna, 'merge', file('lead-3.karavaan')).code).toBe(0)
    expect(json<NoteJson[]>(k(laptops.anna, 'note', 'list', '--deleted', '--json'))).toEqual([])
  })

  it('exports only what changed since a moment with --since', () => {
    const since = new Date().toISOString()
    const study = copyStudy(lead)
    addNote(study, 'Nieuw na het moment.')
    const result = k(study, 'export', '--format', 'bundle', '--out', file('since.karavaan'), '--since', since)
    expect(result.code, result.stderr).toBe(0)
    expect(result.stdout).toMatch(/1 notitieversie, 1 tag|1 notitieversie, 0 tags/)
    expectRefusal(k(study, 'export', '--format', 'bundle', '--out', file('x.karavaan'), '--since', 'gisteren'), 1, '--since "gisteren"')
  })

  it('encrypts with a passphrase from KARAVAAN_PASSPHRASE and reads it back only with the right one', () => {
    const env = {KARAVAAN_PASSPHRASE: PASSPHRASE}
    const encrypted = karavaan(['export', '--format', 'bundle', '--out', file('geheim.karavaan'), '--encrypt', '--study', laptops.bram], {env})
    expect(encrypted.code, encrypted.stderr).toBe(0)
    expect(encrypted.stdout).toContain('(versleuteld)')
    expect(readFileSync(file('geheim.karavaan')).includes(Buffer.from('buurthuis'))).toBe(false)

    const study = copyStudy(leadAfterStart)
    const before = snapshot(study)
    expectRefusal(k(study, 'merge', file('geheim.karavaan')), 1, 'versleuteld', 'KARAVAAN_PASSPHRASE')
    expectRefusal(karavaan(['merge', file('geheim.karavaan'), '--study', study], {env: {KARAVAAN_PASSPHRASE: 'verkeerde zin'}}), 1, 'De wachtwoordzin klopt niet')
    const bytes = readFileSync(file('geheim.karavaan'))
    bytes[bytes.length - 40] ^= 0x01
    writeFileSync(file('geheim-veranderd.karavaan'), bytes)
    expectRefusal(karavaan(['merge', file('geheim-veranderd.karavaan'), '--study', study], {env}), 1, 'onderweg veranderd')
    expect(snapshot(study)).toEqual(before)

    const merged = karavaan(['merge', file('geheim.karavaan'), '--study', study], {env})
    expect(merged.code, merged.stderr).toBe(0)
    expect(json<NoteJson[]>(k(study, 'note', 'list', '--json')).some((n) => n.text.startsWith('Notitie van laptop BRAM'))).toBe(true)
    expectRefusal(karavaan(['export', '--format', 'bundle', '--out', file('kort.karavaan'), '--encrypt', '--study', study], {env: {KARAVAAN_PASSPHRASE: 'kort'}}), 1, 'te kort')
  })

  describe('refuses and changes nothing', () => {
    let study: string
    let before: Record<string, string>

    beforeAll(() => {
      study = copyStudy(leadAfterStart)
      before = snapshot(study)
    })

    const refuse = (bundle: string, ...mentions: Array<RegExp | string>) => {
      expectRefusal(k(study, 'merge', file('anna.karavaan'), bundle), 1, ...mentions)
      expect(snapshot(study)).toEqual(before)
    }

    it('a bundle of another study', () => {
      const other = makeStudy()
      expect(k(other, 'export', '--format', 'bundle', '--out', file('ander.karavaan')).code).toBe(0)
      refuse(file('ander.karavaan'), 'hoort bij een andere studie')
    })

    it('a damaged bundle (a flipped byte)', () => {
      const bytes = readFileSync(file('bram.karavaan'))
      bytes[Math.floor(bytes.length / 2)] ^= 0xff
      writeFileSync(file('beschadigd.karavaan'), bytes)
      refuse(file('beschadigd.karavaan'), 'beschadigd of veranderd')
    })

    it('an altered bundle whose record no longer matches its checksum', () => {
      const {header, lines} = openPayload(file('bram.karavaan'))
      const at = lines.findIndex((line) => line.includes('Tweede laptop: het buurthuis'))
      lines[at] = lines[at].replace('blijft toch open', 'gaat toch dicht')
      writePayload(file('veranderd.karavaan'), header, lines)
      refuse(file('veranderd.karavaan'), 'het deel notes klopt niet met zijn controlesom')
    })

    it('a bundle from a newer kit: a newer manifest, a newer container or an unknown part', () => {
      const {header, lines} = openPayload(file('bram.karavaan'))
      writePayload(file('nieuwer.karavaan'), header, [lines[0].replace('"format":1', '"format":2'), ...lines.slice(1)])
      refuse(file('nieuwer.karavaan'), 'nieuwere versie van karavaan', 'bundelformaat 2')
      writePayload(file('nieuwer-container.karavaan'), header.replace('KARAVAAN-BUNDEL 1', 'KARAVAAN-BUNDEL 2'), lines)
      refuse(file('nieuwer-container.karavaan'), 'nieuwere versie van karavaan')
      const manifest = JSON.parse(lines[0]) as {parts: Array<{kind: string}>}
      manifest.parts[3].kind = 'toekomst'
      writePayload(file('onbekend-deel.karavaan'), header, [JSON.stringify(manifest), ...lines.slice(1)])
      refuse(file('onbekend-deel.karavaan'), 'nieuwere versie van karavaan', 'toekomst')
    })

    it('a rejected suggestion on a note version that is neither here nor in the bundles', () => {
      rewriteParts(file('fatima.karavaan'), file('los-oordeel.karavaan'), (kind, records) =>
        kind === 'rejections' ? records.map((r) => ({...(r as object), versionId: '019a0000-0000-7000-8000-0000000000ff'})) : records,
      )
      refuse(file('los-oordeel.karavaan'), 'er ontbreekt iets waar hij naar verwijst', 'een afgewezen voorstel hoort bij een versie van notitie')
      rewriteParts(file('fatima.karavaan'), file('verkeerd-oordeel.karavaan'), (kind, records) =>
        kind === 'rejections' ? records.map((r) => ({...(r as object), end: 0, start: 5})) : records,
      )
      refuse(file('verkeerd-oordeel.karavaan'), 'het deel rejections klopt niet')
    })

    it('a file that is no bundle, and one that inflates far beyond its size (a bomb)', () => {
      writeFileSync(file('tekst.karavaan'), 'Dit is geen bundel.\n')
      refuse(file('tekst.karavaan'), 'geen bundel van karavaan')
      writeFileSync(file('bom.karavaan'), Buffer.concat([Buffer.from('KARAVAAN-BUNDEL 1 gzip\n'), gzipSync(Buffer.alloc(64 * 1024 * 1024))]))
      refuse(file('bom.karavaan'), /pakt uit tot meer dan \d+ MB/)
    })
  })
})

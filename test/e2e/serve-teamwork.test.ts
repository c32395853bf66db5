import Database from 'better-sqlite3'
import {readFileSync, writeFileSync} from 'node:fs'
import {request as httpRequest} from 'node:http'
import {join} from 'node:path'
import type {Browser, Page} from 'playwright-core'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {expectNoAxeViolations, hasChromium, launchChromium} from '../helpers/browser.js'
import {json, karavaan, makeStudy, tempDir} from '../helpers/cli.js'
import {login, raw, type Served, serveStudy} from '../helpers/serve.js'

/*
 * Samenwerken over HTTP, with two copies of one study as the README's team has them: the lead's
 * (served) and Bram's (joined from the lead's bundle). Both edit the same notes, Bram's bundle is
 * merged into the lead's copy, and the conflicts are settled in the browser. The next bundle,
 * made with the CLI, carries the resolution to Bram.
 */

interface ConflictJson {
  id: string
  versions: Array<{id: string; text: string}>
}

interface Sent {
  body: Buffer
  headers: Record<string, string | string[] | undefined>
  status: number
}

const PASSPHRASE = 'zeven kleine karavaans'

let lead: string
let bram: string
let served: Served
let session: {cookie: string; csrf: string}
let chosenNote: string
let writtenNote: string
const out = tempDir('karavaan-samenwerken-')
const file = (name: string) => join(out, name)
const env = {XDG_CONFIG_HOME: tempDir()}

const k = (study: string, ...args: string[]) => karavaan([...args, '--study', study], {env})
const conflicts = (study: string) => json<ConflictJson[]>(k(study, 'conflicts', '--json'))
const noteText = (study: string, id: string) => json<{text: string}>(k(study, 'note', 'show', id, '--json')).text
const addNote = (study: string, text: string) =>
  json<{id: string}>(k(study, 'note', 'add', '--halteplaats', 'noord', '--group', 'moeders', '--date', '2026-03-11', '--interviewer', 'anna', '--text', text, '--json')).id

/** Every row a merge or a resolution could touch: equal before and after means nothing changed. */
function state(study: string): string {
  const db = new Database(join(study, 'karavaan.db'), {fileMustExist: true, readonly: true})
  try {
    const rows = (sql: string) => db.prepare(sql).all()
    return JSON.stringify([rows('SELECT * FROM notes ORDER BY id'), rows('SELECT id FROM note_versions ORDER BY id'), rows('SELECT * FROM tags ORDER BY id'), rows('SELECT * FROM bundles_merged ORDER BY bundle_id')])
  } finally {
    db.close()
  }
}

/** One request with a body of bytes, the answer as bytes: a bundle is not text. */
function send(path: string, body: Buffer | string, headers: Record<string, string>): Promise<Sent> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({agent: false, headers: {host: `127.0.0.1:${served.port}`, ...headers}, host: '127.0.0.1', method: 'POST', path, port: served.port}, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () => resolve({body: Buffer.concat(chunks), headers: res.headers, status: res.statusCode ?? 0}))
    })
    req.on('error', reject)
    req.end(body)
  })
}

const form = (fields: Record<string, string>) => send('/samenwerken/bundel', new URLSearchParams(fields).toString(), {'content-type': 'application/x-www-form-urlencoded', cookie: session.cookie, origin: served.origin})

/** A multipart form as a browser sends a file upload. */
function upload(fields: Record<string, string>, bundle?: {bytes: Buffer; name: string}, headers: Record<string, string> = {}): Promise<Sent> {
  const boundary = '----karavaan-test-grens'
  const parts: Buffer[] = Object.entries(fields).map(([name, value]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`))
  if (bundle) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="bundel"; filename="${bundle.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`), bundle.bytes, Buffer.from('\r\n'))
  }

  parts.push(Buffer.from(`--${boundary}--\r\n`))
  return send('/samenwerken/inlezen', Buffer.concat(parts), {'content-type': `multipart/form-data; boundary=${boundary}`, cookie: session.cookie, origin: served.origin, ...headers})
}

async function resolve(id: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  const sent = await send(`/samenwerken/conflicten/${id}`, new URLSearchParams(fields).toString(), {'content-type': 'application/x-www-form-urlencoded', cookie: session.cookie, origin: served.origin, ...headers})
  return {...sent, body: sent.body.toString()}
}

const page = async (path = '/samenwerken') => (await raw(served.port, path, {headers: {cookie: session.cookie}})).body

beforeAll(async () => {
  lead = makeStudy()
  chosenNote = addNote(lead, 'Moeders over het buurthuis dat dichtgaat.')
  writtenNote = addNote(lead, 'De bus naar de stad rijdt nog twee keer per dag.')
  expect(k(lead, 'export', '--format', 'bundle', '--out', file('start.karavaan')).code).toBe(0)
  bram = join(tempDir(), 'bram')
  expect(karavaan(['join', file('start.karavaan'), bram]).code).toBe(0)
  expect(k(lead, 'note', 'edit', chosenNote, '--text', 'Leiding: het buurthuis gaat in juni dicht, zeggen de moeders.').code).toBe(0)
  expect(k(bram, 'note', 'edit', chosenNote, '--text', 'Bram: het buurthuis blijft toch open, zeggen de moeders.').code).toBe(0)
  expect(k(lead, 'note', 'edit', writtenNote, '--text', 'De bus naar de stad rijdt nog één keer per dag.').code).toBe(0)
  expect(k(bram, 'note', 'edit', writtenNote, '--text', 'De bus naar de stad rijdt sinds maart niet meer.').code).toBe(0)
  expect(k(bram, 'export', '--format', 'bundle', '--out', file('bram-1.karavaan')).code).toBe(0)
  expect(k(lead, 'merge', file('bram-1.karavaan')).code).toBe(0)
  expect(conflicts(lead)).toHaveLength(2)
  expect(k(lead, 'config', 'set', 'interviewer', 'anna').code).toBe(0)
  served = await serveStudy(lead, [], env)
  session = await login(served)
}, 120_000)

afterAll(async () => {
  await served?.stop()
})

describe('karavaan serve: Samenwerken', () => {
  it('shows each conflict with both versions side by side, what differs marked', async () => {
    const body = await page()
    expect(body).toContain('<a class="utrecht-link" href="/samenwerken" aria-current="page">Samenwerken</a>')
    expect(body).toContain('<div class="werkplek-naast">')
    expect(body).toContain('<mark class="werkplek-anders">Leiding: </mark>het buurthuis <mark class="werkplek-anders">gaat in juni dicht, </mark>zeggen de moeders.')
    expect(body).toContain('<mark class="werkplek-anders">Bram: </mark>het buurthuis <mark class="werkplek-anders">blijft toch open, </mark>zeggen de moeders.')
    expect(body.match(/Houd deze versie/g)).toHaveLength(4)
    expect(body).toContain('Of schrijf zelf de tekst die blijft')
  })

  it('refuses a version that is not in the conflict, with the Dutch message of conflicts resolve: 400, nothing changed', async () => {
    const before = state(lead)
    const response = await resolve(chosenNote, {_csrf: session.csrf, kies: 'ffffffff'})
    expect(response.status).toBe(400)
    expect(response.body).toMatch(/versie/i)
    expect(response.body).toContain('role="alert"')
    const empty = await resolve(writtenNote, {_csrf: session.csrf, tekst: '   '})
    expect(empty.status).toBe(400)
    expect(empty.body).toContain('leeg')
    expect(state(lead)).toBe(before)
  })

  it('refuses a resolution without the CSRF token or from another site, and changes nothing', async () => {
    const before = state(lead)
    const version = conflicts(lead).find((c) => c.id === chosenNote)!.versions[0].id
    expect((await resolve(chosenNote, {kies: version})).status).toBe(403)
    expect((await resolve(chosenNote, {_csrf: session.csrf, kies: version}, {origin: 'http://evil.example'})).status).toBe(403)
    expect((await send('/samenwerken/bundel', 'sinds=', {'content-type': 'application/x-www-form-urlencoded', cookie: session.cookie, origin: served.origin})).status).toBe(403)
    const missing = await upload({}, {bytes: readFileSync(file('bram-1.karavaan')), name: 'bram-1.karavaan'})
    expect(missing.status).toBe(403)
    expect(missing.body.toString()).toContain('Dit formulier is verlopen')
    expect(state(lead)).toBe(before)
  })

  it('keeps the version chosen in the browser, and the resolution travels to the other copy in the next bundle', async () => {
    const conflict = conflicts(lead).find((c) => c.id === chosenNote)!
    const leads = conflict.versions.find((v) => v.text.startsWith('Leiding'))!
    const response = await resolve(chosenNote, {_csrf: session.csrf, kies: leads.id})
    expect(response.status).toBe(303)
    expect(response.headers.location).toBe('/samenwerken#conflicten')
    expect(await page()).toMatch(/Conflict in notitie .{8} opgelost met versie .{8}; bewaard als versie 3\./)
    expect(conflicts(lead).map((c) => c.id)).toEqual([writtenNote])
    expect(noteText(lead, chosenNote)).toBe(leads.text)
    expect(k(lead, 'note', 'history', chosenNote).stdout).toMatch(/── versie 3 · conflict opgelost · .* door anna/)

    // The next bundle, made in the terminal, settles it on Bram's laptop: he sees the lead's text.
    expect(k(lead, 'export', '--format', 'bundle', '--out', file('lead-2.karavaan')).code).toBe(0)
    const merged = k(bram, 'merge', file('lead-2.karavaan'))
    expect(merged.code, merged.stderr).toBe(0)
    expect(noteText(bram, chosenNote)).toBe(leads.text)
    expect(conflicts(bram).map((c) => c.id)).toEqual([writtenNote])
  })

  it('settles a conflict with a text written in the textarea', async () => {
    const written = 'De bus naar de stad rijdt sinds maart nog één keer per dag.'
    const response = await resolve(writtenNote, {_csrf: session.csrf, tekst: written.replaceAll('\n', '\r\n')})
    expect(response.status).toBe(303)
    expect(await page()).toContain('opgelost met de samengevoegde tekst')
    expect(conflicts(lead)).toEqual([])
    expect(noteText(lead, writtenNote)).toBe(written)
    expect(await page()).toContain('Geen conflicten')
  })

  it('downloads an encrypted bundle under the name the kit gives it, which the CLI merges with the passphrase', async () => {
    const response = await form({_csrf: session.csrf, privacy: 'weigeren', sinds: '', versleutelen: 'ja', wachtwoordzin: PASSPHRASE, wachtwoordzin2: PASSPHRASE})
    expect(response.status).toBe(200)
    const today = new Date().toISOString().slice(0, 10)
    expect(response.headers['content-disposition']).toBe(`attachment; filename="anna-${today}.karavaan"`)
    expect(response.headers['content-type']).toBe('application/octet-stream')
    expect(response.headers['cache-control']).toBe('no-store')
    expect(response.body.subarray(0, 40).toString()).toMatch(/^KARAVAAN-BUNDEL 1 gzip aes-256-gcm/)
    expect(response.body.includes(Buffer.from('buurthuis'))).toBe(false)
    writeFileSync(file('uit-browser.karavaan'), response.body)
    expect(k(bram, 'merge', file('uit-browser.karavaan')).code).not.toBe(0)
    const merged = karavaan(['merge', file('uit-browser.karavaan'), '--study', bram], {env: {...env, KARAVAAN_PASSPHRASE: PASSPHRASE}})
    expect(merged.code, merged.stderr).toBe(0)
    expect(conflicts(bram)).toEqual([])
    expect(noteText(bram, writtenNote)).toBe('De bus naar de stad rijdt sinds maart nog één keer per dag.')
    // The passphrase is never written into a page or onto the terminal.
    expect(served.stderr()).not.toContain(PASSPHRASE)
  })

  it('downloads a bundle of what changed since a date, unencrypted', async () => {
    const response = await form({_csrf: session.csrf, sinds: '2026-03-16'})
    expect(response.status).toBe(200)
    expect(String(response.headers['content-disposition'])).toMatch(/^attachment; filename="anna-\d{4}-\d\d-\d\d-sinds-2026-03-16\.karavaan"$/)
    expect(response.body.subarray(0, 22).toString()).toBe('KARAVAAN-BUNDEL 1 gzip')
  })

  it('refuses a passphrase as the CLI does: too short, typed differently, or given without encryption; no bundle, nothing echoed', async () => {
    const cases: Array<[Record<string, string>, string]> = [
      [{versleutelen: 'ja', wachtwoordzin: 'kort', wachtwoordzin2: 'kort'}, 'De wachtwoordzin is te kort (minder dan 8 tekens); er is geen bundel gemaakt.'],
      [{versleutelen: 'ja', wachtwoordzin: PASSPHRASE, wachtwoordzin2: `${PASSPHRASE}!`}, 'De twee wachtwoordzinnen verschillen; er is geen bundel gemaakt.'],
      [{wachtwoordzin: PASSPHRASE, wachtwoordzin2: PASSPHRASE}, 'vinkte'],
      [{sinds: '2026-02-30'}, 'bestaat niet'],
    ]
    for (const [fields, message] of cases) {
      const response = await form({...fields, _csrf: session.csrf})
      expect(response.status, message).toBe(400)
      const body = response.body.toString()
      expect(body).toContain(message)
      expect(response.headers['content-disposition']).toBeUndefined()
      expect(body).not.toContain(PASSPHRASE)
      expect(body).not.toContain('value="kort"')
    }
  })

  it('merges an uploaded encrypted bundle and shows the report as karavaan merge prints it; a wrong passphrase or a bad file changes nothing', async () => {
    const added = addNote(bram, 'Bram sprak de wijkagent over de hangplek bij het station.')
    expect(karavaan(['export', '--format', 'bundle', '--out', file('bram-2.karavaan'), '--encrypt', '--study', bram], {env: {...env, KARAVAAN_PASSPHRASE: PASSPHRASE}}).code).toBe(0)
    const bytes = readFileSync(file('bram-2.karavaan'))
    const before = state(lead)

    const wrong = await upload({_csrf: session.csrf, wachtwoordzin: 'niet de goede zin'}, {bytes, name: 'bram-2.karavaan'})
    expect(wrong.status).toBe(400)
    expect(wrong.body.toString()).toContain('De wachtwoordzin klopt niet, of bram-2.karavaan is onderweg veranderd of beschadigd. Er is niets veranderd.')
    expect(wrong.body.toString()).not.toContain('niet de goede zin')
    const none = await upload({_csrf: session.csrf, wachtwoordzin: ''}, {bytes, name: 'bram-2.karavaan'})
    expect(none.status).toBe(400)
    expect(none.body.toString()).toContain('bram-2.karavaan is versleuteld; vul de wachtwoordzin in')
    const notABundle = await upload({_csrf: session.csrf}, {bytes: Buffer.from('Dit is een boodschappenlijstje.'), name: 'lijstje.txt'})
    expect(notABundle.status).toBe(400)
    expect(notABundle.body.toString()).toContain('lijstje.txt is geen bundel van karavaan.')
    const damaged = Buffer.from(bytes)
    damaged[damaged.length - 20] ^= 0xff
    expect((await upload({_csrf: session.csrf, wachtwoordzin: PASSPHRASE}, {bytes: damaged, name: 'bram-2.karavaan'})).status).toBe(400)
    const nothing = await upload({_csrf: session.csrf})
    expect(nothing.status).toBe(400)
    expect(nothing.body.toString()).toContain('Kies eerst een bundel')
    expect(state(lead)).toBe(before)

    const right = await upload({_csrf: session.csrf, wachtwoordzin: PASSPHRASE}, {bytes, name: 'C:\\Users\\bram\\bram-2.karavaan'})
    expect(right.status).toBe(303)
    expect(right.headers.location).toBe('/samenwerken/ingelezen')
    const report = await page('/samenwerken/ingelezen')
    expect(report).toMatch(/bram-2\.karavaan \(van laptop .{8}, gemaakt .*\): nieuw of bijgewerkt: 1 notitieversie\./)
    expect(report).not.toContain('Users')
    expect(noteText(lead, added)).toBe('Bram sprak de wijkagent over de hangplek bij het station.')

    // The same bundle again: nothing new, as merge says it.
    const again = await upload({_csrf: session.csrf, wachtwoordzin: PASSPHRASE}, {bytes, name: 'bram-2.karavaan'})
    expect(again.status).toBe(303)
    expect(await page('/samenwerken/ingelezen')).toMatch(/bram-2\.karavaan .*: niets nieuws; al ingelezen op/)
  })

  it('reports a conflict that a merged upload brings, with the words of karavaan merge', async () => {
    expect(k(bram, 'note', 'edit', chosenNote, '--text', 'Bram opnieuw: het buurthuis sluit in juli.').code).toBe(0)
    expect(k(lead, 'note', 'edit', chosenNote, '--text', 'Leiding opnieuw: het buurthuis sluit in augustus.').code).toBe(0)
    expect(k(bram, 'export', '--format', 'bundle', '--out', file('bram-3.karavaan')).code).toBe(0)
    const response = await upload({_csrf: session.csrf}, {bytes: readFileSync(file('bram-3.karavaan')), name: 'bram-3.karavaan'})
    expect(response.status).toBe(303)
    const report = await page('/samenwerken/ingelezen')
    expect(report).toContain('is op twee laptops verschillend bewerkt; beide versies zijn bewaard.')
    expect(report).toContain('href="/samenwerken#conflicten"')
    expect(conflicts(lead).map((c) => c.id)).toEqual([chosenNote])
  })

  it('refuses an upload above the limit before reading it', async () => {
    const response = await send('/samenwerken/inlezen', 'x', {'content-length': String(300 * 1024 * 1024), 'content-type': 'multipart/form-data; boundary=x', cookie: session.cookie, origin: served.origin})
    // The header alone is enough: the server answers before a byte of the body is read.
    expect(response.status).toBe(413)
    expect(response.body.toString()).toContain('Lees een grotere bundel in de terminal in, met karavaan merge BESTAND')
  })
})

// The same page in a real browser: Debian's chromium, driven by playwright-core (never a download).

describe.skipIf(!hasChromium)('Samenwerken in chromium (skipped without /usr/bin/chromium)', () => {
  let browser: Browser
  let page: Page
  let own: Served
  let leadCopy: string
  let bramCopy: string
  let note: string

  const axe = (name: string) => expectNoAxeViolations(page, name)

  beforeAll(async () => {
    // Two copies of a study of their own, with one note edited on both.
    leadCopy = makeStudy()
    note = addNote(leadCopy, 'Moeders over het speelveld achter de school.')
    expect(k(leadCopy, 'export', '--format', 'bundle', '--out', file('b-start.karavaan')).code).toBe(0)
    bramCopy = join(tempDir(), 'bram-b')
    expect(karavaan(['join', file('b-start.karavaan'), bramCopy]).code).toBe(0)
    expect(k(leadCopy, 'note', 'edit', note, '--text', 'Leiding: het speelveld achter de school wordt een parkeerplaats.').code).toBe(0)
    expect(k(bramCopy, 'note', 'edit', note, '--text', 'Bram: het speelveld achter de school blijft, zegt de wethouder.').code).toBe(0)
    expect(k(bramCopy, 'export', '--format', 'bundle', '--out', file('b-bram.karavaan')).code).toBe(0)
    expect(k(leadCopy, 'merge', file('b-bram.karavaan')).code).toBe(0)
    own = await serveStudy(leadCopy, [], env)
    browser = await launchChromium()
    page = await (await browser.newContext({acceptDownloads: true, locale: 'nl-NL'})).newPage()
    await page.goto(own.url)
  }, 180_000)

  afterAll(async () => {
    await browser?.close()
    await own?.stop()
  })

  it('resolves a conflict by clicking "Houd deze versie" under the version to keep', async () => {
    await page.goto(`${own.origin}/samenwerken`)
    await expect(page.locator('.werkplek-versie').count()).resolves.toBe(2)
    await axe('samenwerken met een conflict')
    const bramsVersion = page.locator('.werkplek-versie', {hasText: 'Bram:'})
    await expect(bramsVersion.locator('mark').allTextContents()).resolves.toEqual(['Bram: ', 'blijft, zegt de wethouder.'])
    await Promise.all([page.waitForNavigation(), bramsVersion.getByRole('button', {name: /Houd deze versie/}).click()])
    await expect(page.getByRole('status').first().textContent()).resolves.toMatch(/Conflict in notitie .{8} opgelost met versie/)
    await expect(page.locator('#conflicten + p').textContent()).resolves.toContain('Geen conflicten')
    expect(conflicts(leadCopy)).toEqual([])
    expect(noteText(leadCopy, note)).toBe('Bram: het speelveld achter de school blijft, zegt de wethouder.')
    await axe('samenwerken zonder conflict')
  }, 60_000)

  it('downloads an encrypted bundle through the download event, and the other copy merges it with the passphrase', async () => {
    await page.check('#export-versleutelen')
    await page.fill('#export-wachtwoord', PASSPHRASE)
    await page.fill('#export-wachtwoord2', PASSPHRASE)
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', {name: 'Bundel maken en downloaden'}).click()])
    expect(download.suggestedFilename()).toBe(`anna-${new Date().toISOString().slice(0, 10)}.karavaan`)
    const saved = file('b-download.karavaan')
    await download.saveAs(saved)
    expect(readFileSync(saved).subarray(0, 40).toString()).toMatch(/^KARAVAAN-BUNDEL 1 gzip aes-256-gcm/)
    const merged = karavaan(['merge', saved, '--study', bramCopy], {env: {...env, KARAVAAN_PASSPHRASE: PASSPHRASE}})
    expect(merged.code, merged.stderr).toBe(0)
    expect(conflicts(bramCopy)).toEqual([])
  }, 60_000)

  it('takes in a bundle chosen with the file input, and shows what came in', async () => {
    const added = addNote(bramCopy, 'Bram hoorde van de jongerenwerker dat de skatebaan terugkomt.')
    expect(k(bramCopy, 'export', '--format', 'bundle', '--out', file('b-bram-2.karavaan')).code).toBe(0)
    await page.goto(`${own.origin}/samenwerken`)
    await page.setInputFiles('#inlees-bundel', file('b-bram-2.karavaan'))
    await Promise.all([page.waitForNavigation(), page.getByRole('button', {name: 'Bundel inlezen'}).click()])
    expect(page.url()).toBe(`${own.origin}/samenwerken/ingelezen`)
    await expect(page.getByRole('status').textContent()).resolves.toMatch(/b-bram-2\.karavaan \(van laptop .{8}, gemaakt .*\): nieuw of bijgewerkt: 1 notitieversie/)
    expect(noteText(leadCopy, added)).toBe('Bram hoorde van de jongerenwerker dat de skatebaan terugkomt.')
    await axe('bundel ingelezen')

    // A wrong passphrase on an encrypted bundle: the Dutch message, nothing taken in.
    expect(karavaan(['export', '--format', 'bundle', '--out', file('b-bram-3.karavaan'), '--encrypt', '--study', bramCopy], {env: {...env, KARAVAAN_PASSPHRASE: PASSPHRASE}}).code).toBe(0)
    const before = state(leadCopy)
    await page.goto(`${own.origin}/samenwerken`)
    await page.setInputFiles('#inlees-bundel', file('b-bram-3.karavaan'))
    await page.fill('#inlees-wachtwoord', 'een andere zin')
    await Promise.all([page.waitForNavigation(), page.getByRole('button', {name: 'Bundel inlezen'}).click()])
    await expect(page.locator('#inleesfout').textContent()).resolves.toContain('De wachtwoordzin klopt niet')
    await expect(page.locator('#inlees-wachtwoord').inputValue()).resolves.toBe('')
    await axe('bundel geweigerd')
    expect(state(leadCopy)).toBe(before)
  }, 90_000)
})

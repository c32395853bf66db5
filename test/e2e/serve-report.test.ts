import {spawnSync} from 'node:child_process'
import {existsSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import type {Browser, BrowserContext, Page} from 'playwright-core'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {expectNoAxeViolations, hasChromium, launchChromium} from '../helpers/browser.js'
import {exampleStudy, json, karavaan, makeStudy, tempDir} from '../helpers/cli.js'
import {login, raw, type Served, serveStudy} from '../helpers/serve.js'

// The Rapport page of the workspace: the same core, template and privacy gate as `karavaan report`.
const hasPoppler = spawnSync('pdftotext', ['-v']).status === 0 && spawnSync('pdfinfo', ['-v']).status === 0

// A phone number in a tagged passage: the passage is quoted in the report of halteplaats noord.
const PERSONAL = 'Mevrouw zei: bel me op 06-12345678 als er nieuws is over het loket.'
const QUOTE = 'bel me op 06-12345678 als'

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString()
const reports = (study: string) => (existsSync(join(study, 'rapporten')) ? readdirSync(join(study, 'rapporten')).sort() : [])

/** pdftotext's reading of a PDF and its page count: what a reader gets out of it, dates aside. */
function pdfText(file: string): {pages: number; text: string} {
  const text = spawnSync('pdftotext', ['-layout', file, '-'], {encoding: 'utf8'})
  const info = spawnSync('pdfinfo', [file], {encoding: 'utf8'})
  expect(text.status, text.stderr).toBe(0)
  return {pages: Number(/^Pages:\s+(\d+)/m.exec(info.stdout)?.[1]), text: text.stdout}
}

/** A study with one note with a phone number (kept on purpose), tagged so the report quotes it. */
function privacyStudy(): {note: string; study: string} {
  const study = makeStudy()
  const run = (...args: string[]) => karavaan([...args, '--study', study])
  const note = json<{id: string}>(run('note', 'add', '--halteplaats', 'noord', '--group', 'ouderen', '--date', '2026-03-03', '--interviewer', 'bram', '--text', PERSONAL, '--allow-personal-data', '--json')).id
  expect(run('tag', 'add', note, '1', '--quote', QUOTE, '--coder', 'anna').code).toBe(0)
  return {note, study}
}

async function get(served: Served, cookie: string, path: string) {
  return raw(served.port, path, {headers: {cookie}})
}

/** Starts a PDF build as the page's form does and waits until it is no longer running. */
async function buildPdf(served: Served, session: {cookie: string; csrf: string}, fields: Record<string, string>): Promise<{job: string; state: string}> {
  // A CLI run (spawnSync) blocks this process; let it see the kept-alive sockets the server closed meanwhile.
  await new Promise((resolve) => setTimeout(resolve, 50))
  const started = await raw(served.port, '/rapport/pdf', {
    body: form({_csrf: session.csrf, ...fields}),
    headers: {'content-type': 'application/x-www-form-urlencoded', cookie: session.cookie, origin: served.origin},
    method: 'POST',
  })
  expect(started.status, started.body).toBe(303)
  const job = /^\/rapport\/pdf\/([\w-]+)\?/.exec(String(started.headers.location))![1]
  for (let i = 0; i < 300; i++) {
    const stand = JSON.parse((await get(served, session.cookie, `/rapport/pdf/${job}/stand`)).body) as {state: string}
    if (stand.state !== 'bezig') return {job, state: stand.state}
    await new Promise((resolve) => setTimeout(resolve, 100))
  }

  throw new Error('the PDF build did not finish in 30 s')
}

describe('karavaan serve: Rapport over HTTP', () => {
  let study: string
  let served: Served
  let session: {cookie: string; csrf: string}
  const cli = (...args: string[]) => karavaan([...args, '--study', study])

  beforeAll(async () => {
    study = exampleStudy()
    // A study's own template, made as the README says: template copy in the study folder.
    expect(karavaan(['template', 'copy', 'veldwerk', 'mijn-sjablonen'], {cwd: study}).code).toBe(0)
    served = await serveStudy(study, [], {XDG_CONFIG_HOME: tempDir()})
    session = await login(served)
  }, 180_000)

  afterAll(async () => {
    await served?.stop()
  })

  it('lists the kit\'s templates, the halteplaatsen and the study\'s own template, and frames the preview', async () => {
    const page = await get(served, session.cookie, '/rapport')
    expect(page.status).toBe(200)
    for (const value of ['eindrapport', 'halteplaats', 'spiegel', 'veldwerk', 'mijn-sjablonen/veldwerk.md', 'wendelo']) expect(page.body).toContain(`value="${value}"`)
    expect(page.body).toContain('Eigen sjabloon: mijn-sjablonen/veldwerk.md')
    expect(page.body).toContain('<iframe class="werkplek-voorbeeld" id="voorbeeld" title="Voorbeeld van het rapport" src="/rapport/voorbeeld?sjabloon=eindrapport" sandbox>')
    expect(page.body).toContain(join(study, 'rapporten'))
  })

  it('previews the report exactly as report --format html writes it: its headings and a finding\'s title', async () => {
    const preview = await get(served, session.cookie, '/rapport/voorbeeld?sjabloon=eindrapport')
    expect(preview.status).toBe(200)
    for (const heading of ['Samenvatting', 'De aanpak', 'Vijf narratieven van wantrouwen']) expect(preview.body).toMatch(new RegExp(`<h1 id="[^"]+">${heading}</h1>`))
    const [finding] = json<Array<{draft: boolean; title: string}>>(cli('finding', 'list', '--json')).filter((f) => !f.draft)
    expect(finding.title).toBe('Waar het loket verdween, verdween voor veel inwoners ook de overheid')
    expect(preview.body).toContain(finding.title)
    const file = join(tempDir(), 'rapport.html')
    expect(cli('report', '--format', 'html', '--out', file).code).toBe(0)
    expect(preview.body).toBe(readFileSync(file, 'utf8'))
    // Nothing from outside the machine: the report carries its fonts and charts.
    expect(preview.body).not.toMatch(/(?:src|href)="https?:/)
    expect(preview.body).not.toMatch(/url\(["']?https?:/)
  })

  it('previews halteplaats, spiegel and the own template for a chosen halteplaats', async () => {
    for (const query of ['sjabloon=halteplaats&halteplaats=wendelo', 'sjabloon=spiegel&halteplaats=wendelo', 'sjabloon=mijn-sjablonen%2Fveldwerk.md']) {
      const page = await get(served, session.cookie, `/rapport?${query}`)
      expect(page.status, query).toBe(200)
      expect(page.body).toContain('<iframe')
      const preview = await get(served, session.cookie, `/rapport/voorbeeld?${query}`)
      expect(preview.status, query).toBe(200)
      expect(preview.body).toContain('<h1')
    }

    expect((await get(served, session.cookie, '/rapport/voorbeeld?sjabloon=spiegel&halteplaats=wendelo')).body).toContain('Wendelo')
  })

  it('lets only the preview be framed, by this workspace only; every other page still refuses framing', async () => {
    const preview = await get(served, session.cookie, '/rapport/voorbeeld?sjabloon=eindrapport')
    const policy = String(preview.headers['content-security-policy'])
    expect(policy).toContain("frame-ancestors 'self'")
    expect(policy).toContain("default-src 'none'")
    expect(policy).not.toContain('script-src')
    expect(preview.headers['x-frame-options']).toBe('SAMEORIGIN')
    for (const path of ['/', '/rapport', '/notities', '/rapport/voorbeeld/', '/static/werkplek.css']) {
      const other = await get(served, session.cookie, path)
      expect(String(other.headers['content-security-policy']), path).toContain("frame-ancestors 'none'")
      expect(other.headers['x-frame-options'], path).toBe('DENY')
    }
  })

  it('refuses an unknown template, an unknown halteplaats or a missing one with a Dutch 400', async () => {
    const before = reports(study)
    const cases: Array<[string, RegExp]> = [
      ['sjabloon=geheim', /Het sjabloon &quot;geheim&quot; bestaat niet\. Kies uit: eindrapport, halteplaats, spiegel, veldwerk, mijn-sjablonen\/veldwerk\.md\./],
      ['sjabloon=..%2F..%2Fetc%2Fpasswd', /bestaat niet/],
      ['sjabloon=halteplaats&halteplaats=atlantis', /De halteplaats &quot;atlantis&quot; bestaat niet in deze studie/],
      ['sjabloon=spiegel', /Het sjabloon spiegel gaat over één gebied: kies een halteplaats/],
    ]
    for (const [query, message] of cases) {
      const page = await get(served, session.cookie, `/rapport?${query}`)
      expect(page.status, query).toBe(400)
      expect(page.body).toMatch(message)
      expect(page.body).not.toContain('<iframe')
      expect((await get(served, session.cookie, `/rapport/voorbeeld?${query}`)).status, query).toBe(400)
    }

    expect(reports(study)).toEqual(before)
  })

  it('refuses a PDF build without the CSRF token or from another site, and builds nothing', async () => {
    const before = reports(study)
    for (const headers of [
      {cookie: session.cookie, origin: served.origin},
      {cookie: session.cookie, origin: 'http://evil.example'},
    ]) {
      const body = headers.origin === served.origin ? form({sjabloon: 'eindrapport'}) : form({_csrf: session.csrf, sjabloon: 'eindrapport'})
      const response = await raw(served.port, '/rapport/pdf', {body, headers: {'content-type': 'application/x-www-form-urlencoded', ...headers}, method: 'POST'})
      expect(response.status).toBe(403)
      expect(response.headers.location).toBeUndefined()
    }

    await new Promise((resolve) => setTimeout(resolve, 500))
    expect(reports(study)).toEqual(before)
  })

  it.skipIf(!hasPoppler)('builds the PDF in the background, in rapporten/ as the CLI does, and downloads the same document as karavaan report', async () => {
    const before = reports(study)
    const {job, state} = await buildPdf(served, session, {halteplaats: 'wendelo', sjabloon: 'halteplaats'})
    expect(state).toBe('klaar')
    const made = reports(study).filter((name) => !before.includes(name))
    expect(made).toEqual([expect.stringMatching(/^halteplaats-wendelo-\d{4}-\d\d-\d\d(-\d+)?\.pdf$/)])
    const status = await get(served, session.cookie, `/rapport/pdf/${job}?sjabloon=halteplaats&halteplaats=wendelo`)
    expect(status.body).toContain(`rapporten/${made[0]}`)
    expect(status.body).toContain(`Download ${made[0]}`)

    const download = await fetch(`${served.origin}/rapport/pdf/${job}/bestand`, {headers: {cookie: session.cookie}})
    expect(download.status).toBe(200)
    expect(download.headers.get('content-type')).toBe('application/pdf')
    expect(download.headers.get('content-disposition')).toBe(`attachment; filename="${made[0]}"; filename*=UTF-8''${made[0]}`)
    const downloaded = join(tempDir(), 'download.pdf')
    writeFileSync(downloaded, Buffer.from(await download.arrayBuffer()))
    expect(readFileSync(downloaded).equals(readFileSync(join(study, 'rapporten', made[0])))).toBe(true)

    const file = join(tempDir(), 'cli.pdf')
    const result = cli('report', '--template', 'halteplaats', '--halteplaats', 'wendelo', '--out', file)
    expect(result.code, result.stderr).toBe(0)
    const browser = pdfText(downloaded)
    const terminal = pdfText(file)
    expect(browser.pages).toBeGreaterThan(1)
    expect(browser.pages).toBe(terminal.pages)
    expect(browser.text).toBe(terminal.text)
    // Only the moments pdfkit stamps in may differ; the report's date sets them, so here nothing does.
    const stamps = /\/(?:CreationDate|ModDate) \(D:[^)]*\)/g
    expect(readFileSync(downloaded, 'latin1').replaceAll(stamps, '')).toBe(readFileSync(file, 'latin1').replaceAll(stamps, ''))
  }, 60_000)

  it('keeps a build of one session from another, and says so in Dutch', async () => {
    const {job} = await buildPdf(served, session, {sjabloon: 'veldwerk'})
    const other = await serveStudy(study, [], {XDG_CONFIG_HOME: tempDir()})
    try {
      const stranger = await login(other)
      const response = await raw(other.port, `/rapport/pdf/${job}/bestand`, {headers: {cookie: stranger.cookie}})
      expect(response.status).toBe(400)
      expect(response.body).toContain('Deze PDF is niet (meer) bekend')
    } finally {
      await other.stop()
    }
  }, 60_000)
})

describe('karavaan serve: the privacy refusal of report on the Rapport page', () => {
  let study: string
  let note: string
  let served: Served
  let session: {cookie: string; csrf: string}

  beforeAll(async () => {
    ;({note, study} = privacyStudy())
    served = await serveStudy(study, [], {XDG_CONFIG_HOME: tempDir()})
    session = await login(served)
  }, 120_000)

  afterAll(async () => {
    await served?.stop()
  })

  it('shows each hit with the words around it, marked, a link to the note, and the CLI\'s two choices', async () => {
    const page = await get(served, session.cookie, '/rapport?sjabloon=halteplaats&halteplaats=noord')
    expect(page.status).toBe(200)
    expect(page.body).toContain('Het rapport bevat mogelijk persoonsgegevens (1); er is niets gemaakt')
    expect(page.body).toMatch(/Regel \d+ van het rapport: telefoonnummer/)
    expect(page.body).toMatch(/bel me op <mark>06-12345678<\/mark> als/)
    expect(page.body).toContain(`<a class="utrecht-link" href="/notities/${note}">notitie ${note.slice(-8)}</a>`)
    expect(page.body).toContain('name="privacy" value="pseudonymise"')
    expect(page.body).toContain('name="privacy" value="allow"')
    expect(page.body).not.toContain('<iframe')
    // The frame, asked for on its own, shows no personal data either.
    const framed = await get(served, session.cookie, '/rapport/voorbeeld?sjabloon=halteplaats&halteplaats=noord')
    expect(framed.body).not.toContain('06-12345678')
  })

  it('shows placeholders after the choice to pseudonymise; the study itself keeps its text', async () => {
    const page = await get(served, session.cookie, '/rapport?sjabloon=halteplaats&halteplaats=noord&privacy=pseudonymise')
    expect(page.body).toContain('1 mogelijk persoonsgegeven in het rapport vervangen door een plaatshouder')
    const preview = await get(served, session.cookie, '/rapport/voorbeeld?sjabloon=halteplaats&halteplaats=noord&privacy=pseudonymise')
    expect(preview.body).toMatch(/bel me op \[telefoonnummer-[\da-f]+\] als/)
    expect(preview.body).not.toContain('06-12345678')
    expect(json<{text: string}>(karavaan(['note', 'show', note, '--json', '--study', study])).text).toBe(PERSONAL)
  })

  it('refuses the PDF in the same way, and records the choice to allow only once a PDF is written', async () => {
    const overrides = () => json<{overrides?: unknown[]}>(karavaan(['status', '--json', '--study', study])).overrides ?? []
    const refused = await buildPdf(served, session, {halteplaats: 'noord', sjabloon: 'halteplaats'})
    expect(refused.state).toBe('geweigerd')
    const page = await get(served, session.cookie, `/rapport/pdf/${refused.job}?sjabloon=halteplaats&halteplaats=noord`)
    expect(page.body).toMatch(/bel me op <mark>06-12345678<\/mark> als/)
    expect(page.body).toContain('action="/rapport/pdf"')
    expect(reports(study)).toEqual([])
    expect(overrides()).toHaveLength(0)

    // Looking at it is no output: nothing is recorded for the preview.
    expect((await get(served, session.cookie, '/rapport?sjabloon=halteplaats&halteplaats=noord&privacy=allow')).body).toContain('het rapport staat hier mét 1 mogelijk persoonsgegeven')
    expect((await get(served, session.cookie, '/rapport/voorbeeld?sjabloon=halteplaats&halteplaats=noord&privacy=allow')).body).toContain('06-12345678')
    expect(overrides()).toHaveLength(0)
    const allowed = await buildPdf(served, session, {halteplaats: 'noord', privacy: 'allow', sjabloon: 'halteplaats'})
    expect(allowed.state).toBe('klaar')
    expect(overrides()).toHaveLength(1)
    expect(overrides()[0]).toMatchObject({hits: 1, kinds: ['telefoonnummer'], output: 'report'})
  }, 60_000)
})

describe.skipIf(!hasChromium)('karavaan serve: Rapport in chromium (skipped without /usr/bin/chromium)', () => {
  let study: string
  let served: Served
  let privacy: Served
  let browser: Browser
  let context: BrowserContext
  let page: Page

  const axe = (name: string) => expectNoAxeViolations(page, name)

  async function tabTo(predicate: string, most = 60): Promise<void> {
    for (let i = 0; i < most; i++) {
      await page.keyboard.press('Tab')
      if (await page.evaluate(predicate)) return
    }

    throw new Error(`never reached by Tab: ${predicate}`)
  }

  beforeAll(async () => {
    study = exampleStudy()
    served = await serveStudy(study, [], {XDG_CONFIG_HOME: tempDir()})
    privacy = await serveStudy(privacyStudy().study, [], {XDG_CONFIG_HOME: tempDir()})
    browser = await launchChromium()
    context = await browser.newContext({acceptDownloads: true, locale: 'nl-NL'})
    // What the live region said, kept across the reload at the end of the build.
    await context.addInitScript(() => {
      document.addEventListener('DOMContentLoaded', () => {
        const stand = document.getElementById('pdfstand')
        if (!stand || stand.getAttribute('aria-live') !== 'polite') return
        new MutationObserver(() => {
          const said = JSON.parse(sessionStorage.getItem('gezegd') ?? '[]') as string[]
          sessionStorage.setItem('gezegd', JSON.stringify([...said, stand.textContent]))
        }).observe(stand, {characterData: true, childList: true, subtree: true})
      })
    })
    page = await context.newPage()
    await page.goto(served.url)
  }, 180_000)

  afterAll(async () => {
    await browser?.close()
    await served?.stop()
    await privacy?.stop()
  })

  it('chooses a template by keyboard and shows the report in the page', async () => {
    await page.goto(`${served.origin}/rapport`)
    await expect(page.getByRole('navigation', {name: 'Hoofdmenu'}).getByRole('link', {name: 'Rapport'}).getAttribute('aria-current')).resolves.toBe('page')
    await expect(page.frameLocator('#voorbeeld').locator('h1#samenvatting').textContent()).resolves.toBe('Samenvatting')
    await axe('rapport')

    await tabTo("document.activeElement?.id === 'veld-sjabloon'")
    await page.keyboard.press('ArrowDown')
    await expect(page.locator('#veld-sjabloon').inputValue()).resolves.toBe('halteplaats')
    await tabTo("document.activeElement?.id === 'veld-halteplaats'")
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('ArrowDown')
    await expect(page.locator('#veld-halteplaats').inputValue()).resolves.toBe('wendelo')
    await tabTo("document.activeElement?.textContent === 'Toon het voorbeeld'")
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')])
    expect(page.url()).toBe(`${served.origin}/rapport?sjabloon=halteplaats&halteplaats=wendelo`)
    const frame = page.frameLocator('#voorbeeld')
    await expect(frame.locator('h1').first().isVisible()).resolves.toBe(true)
    await expect(frame.locator('body').textContent()).resolves.toContain('Wendelo')
    expect(await page.locator('#voorbeeld').boundingBox()).toMatchObject({height: expect.any(Number)})
    expect((await page.locator('#voorbeeld').boundingBox())!.height).toBeGreaterThan(300)
    await axe('rapport halteplaats')
  }, 90_000)

  it('refuses to show any other page of the workspace in a frame', async () => {
    await page.goto(`${served.origin}/rapport`)
    await page.evaluate(() => {
      const frame = document.createElement('iframe')
      frame.id = 'proef'
      frame.src = '/notities'
      document.body.append(frame)
    })
    await page.waitForTimeout(1000)
    // Chromium blocks the answer (frame-ancestors 'none', X-Frame-Options DENY) and shows its own error page instead.
    const frames = page.frames().filter((f) => f.parentFrame() === page.mainFrame())
    expect(frames.map((f) => f.url())).not.toContain(`${served.origin}/notities`)
    expect(frames.map((f) => f.url())).toContain(`${served.origin}/rapport/voorbeeld?sjabloon=eindrapport`)
    await expect(page.frameLocator('#proef').locator('h1').allTextContents()).resolves.not.toContain('Notities')
  }, 60_000)

  it('builds the PDF with its progress announced, then downloads it', async () => {
    await page.goto(`${served.origin}/rapport?sjabloon=eindrapport`)
    await page.evaluate(() => sessionStorage.removeItem('gezegd'))
    await Promise.all([page.waitForNavigation(), page.getByRole('button', {name: 'Maak de PDF'}).click()])
    await expect(page.locator('#pdfstand').getAttribute('aria-live')).resolves.toBe('polite')
    await page.locator('#pdfdownload').waitFor({timeout: 30_000})
    const said = await page.evaluate(() => JSON.parse(sessionStorage.getItem('gezegd') ?? '[]') as string[])
    expect(said.length).toBeGreaterThan(0)
    for (const line of said) expect(line).toMatch(/^De PDF wordt gemaakt: \d+% klaar\.$/)
    await expect(page.locator('#pdfstand').textContent()).resolves.toMatch(/De PDF is klaar: \d+ pagina's\. Hij staat in de studie: rapporten\/eindrapport-/)
    await axe('pdf klaar')

    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#pdfdownload').click()])
    expect(download.suggestedFilename()).toMatch(/^eindrapport-\d{4}-\d\d-\d\d(-\d+)?\.pdf$/)
    const saved = join(tempDir(), download.suggestedFilename())
    await download.saveAs(saved)
    expect(readFileSync(saved).equals(readFileSync(join(study, 'rapporten', download.suggestedFilename())))).toBe(true)
    expect(readFileSync(saved).subarray(0, 5).toString()).toBe('%PDF-')
  }, 90_000)

  it('shows the privacy refusal accessibly, and the choice to pseudonymise shows the preview', async () => {
    await page.goto(privacy.url)
    await page.goto(`${privacy.origin}/rapport?sjabloon=halteplaats&halteplaats=noord`)
    await expect(page.locator('#persoonsgegevens mark').allTextContents()).resolves.toEqual(['06-12345678'])
    await axe('weigering')
    await Promise.all([page.waitForNavigation(), page.getByRole('button', {name: 'Toon met plaatshouders (--pseudonymise)'}).click()])
    await expect(page.frameLocator('#voorbeeld').locator('body').textContent()).resolves.toMatch(/\[telefoonnummer-[\da-f]+\]/)
    await axe('met plaatshouders')
  }, 60_000)
})

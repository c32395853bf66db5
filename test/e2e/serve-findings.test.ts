import Database from 'better-sqlite3'
import {join} from 'node:path'
import type {Browser, Page} from 'playwright-core'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {expectNoAxeViolations, hasChromium, launchChromium} from '../helpers/browser.js'
import {exampleStudy, json, karavaan, tempDir} from '../helpers/cli.js'
import {login, raw, type Served, serveStudy} from '../helpers/serve.js'

// Bevindingen in the browser workspace: the same records and checks as `karavaan finding …`.

interface Evidence {
  attribution: string
  kind: string
  noteId: string
  quote: null | string
  tagId: null | string
}

interface ShownFinding {
  deletedAt: null | string
  draft: boolean
  evidence: Evidence[]
  figures: Array<{figureId: string; verdict: string}>
  halteplaatsen: string[]
  id: string
  narratives: string[]
  text: string
  themes: string[]
  title: string
  version: number
}

let study: string
let served: Served
let session: {cookie: string; csrf: string}
let env: NodeJS.ProcessEnv

const cli = (...args: string[]) => karavaan([...args, '--study', study], {env})
const show = (id: string) => json<ShownFinding>(cli('finding', 'show', id, '--json'))
const history = (id: string) => json<Array<{change: string; data: ShownFinding; version: number}>>(cli('finding', 'history', id, '--json'))
const findings = () => json<ShownFinding[]>(cli('finding', 'list', '--json'))

/** Every row a finding route could touch: equal before and after means nothing changed. */
function state(): string {
  const db = new Database(join(study, 'karavaan.db'), {fileMustExist: true, readonly: true})
  try {
    const rows = (sql: string) => db.prepare(sql).all()
    return JSON.stringify({evidence: rows('SELECT * FROM finding_evidence ORDER BY 1, 2'), findings: rows('SELECT * FROM findings ORDER BY id'), versions: rows('SELECT id FROM material_versions ORDER BY id')})
  } finally {
    db.close()
  }
}

function body(fields: Array<[string, string]> | Record<string, string>, csrf: null | string = session.csrf): string {
  const params = new URLSearchParams(Array.isArray(fields) ? fields : Object.entries(fields))
  if (csrf !== null) params.set('_csrf', csrf)
  return params.toString()
}

function post(path: string, fields: Array<[string, string]> | Record<string, string>, csrf: null | string = session.csrf) {
  return raw(served.port, path, {body: body(fields, csrf), headers: {'content-type': 'application/x-www-form-urlencoded', cookie: session.cookie, origin: served.origin}, method: 'POST'})
}

const get = (path: string) => raw(served.port, path, {headers: {cookie: session.cookie}})

/** A tagged passage of the example study: a tag with words, on a note not in the trash. */
function passage(): {code: string; id: string; noteId: string; quote: string} {
  const tags = json<Array<{code: string; id: string; noteId: string; quote: null | string}>>(cli('tag', 'list', '--json'))
  const tag = tags.find((t) => t.quote && t.quote.length > 30 && t.quote.length < 200)!
  return {...tag, quote: tag.quote!}
}

beforeAll(async () => {
  study = exampleStudy()
  env = {XDG_CONFIG_HOME: tempDir()}
  expect(cli('config', 'set', 'interviewer', 'anna').code).toBe(0)
  served = await serveStudy(study, [], env)
  session = await login(served)
}, 120_000)

afterAll(async () => {
  await served?.stop()
})

describe('karavaan serve: Bevindingen over HTTP', () => {
  let created: string
  const noteId = () => json<Array<{halteplaats: string; id: string}>>(cli('note', 'list', '--halteplaats', 'wendelo', '--json'))[0].id
  const figure = () => json<Array<{halteplaats: string; id: string; indicator: string}>>(cli('context', 'list', '--json')).find((f) => f.halteplaats === 'wendelo')!

  it('lists the findings as finding list, with the menu entry and the trash view', async () => {
    const response = await get('/bevindingen')
    expect(response.status).toBe(200)
    for (const f of findings()) expect(response.body).toContain(`/bevindingen/${f.id}`)
    expect(response.body).toMatch(/<a class="utrecht-link" href="\/bevindingen" aria-current="page">Bevindingen<\/a>/)
    const trash = await get('/bevindingen?prullenbak=ja')
    expect(trash.body).toContain('De prullenbak is leeg.')
  })

  it('adds a finding from the form: finding show --json has it, with its evidence and cited figure', async () => {
    const note = noteId()
    const cited = figure()
    const response = await post('/bevindingen/nieuw', [
      ['titel', 'De bibliotheekbus is voor ouderen in Wendelo de laatste voorziening'],
      ['tekst', 'Ouderen noemen de bus die eens per week komt de enige plek waar ze nog iemand spreken.'],
      ['halteplaatsen', 'wendelo'],
      ['themas', 'voorzieningen'],
      ['narratieven', 'onzichtbare-overheid'],
      [`cijfer-${cited.id}`, 'nuanceert'],
      ['onderbouwing', `notitie:${note}`],
      ['actie', 'opslaan'],
    ])
    expect(response.status, response.body).toBe(303)
    created = /^\/bevindingen\/([\w-]+)$/.exec(String(response.headers.location))![1]
    const finding = show(created)
    expect(finding).toMatchObject({halteplaatsen: ['wendelo'], narratives: ['onzichtbare-overheid'], themes: ['voorzieningen'], title: 'De bibliotheekbus is voor ouderen in Wendelo de laatste voorziening', version: 1})
    expect(finding.evidence).toEqual([expect.objectContaining({kind: 'notitie', noteId: note, tagId: null})])
    expect(finding.figures).toEqual([expect.objectContaining({figureId: cited.id, verdict: 'nuanceert'})])
    const page = await get(`/bevindingen/${created}`)
    expect(page.body).toContain('is opgeslagen')
    expect(page.body).toContain(finding.evidence[0].attribution)
    expect(page.body).toContain(cited.indicator)
    expect(page.body).toContain('nuanceert')
  })

  it('edits as a new version, kept in finding history --json with what changed', async () => {
    const before = show(created)
    const response = await post(`/bevindingen/${created}/bewerken`, [
      ['titel', 'De bibliotheekbus is voor ouderen in Wendelo de laatste ontmoetingsplek'],
      ['tekst', before.text],
      ['halteplaatsen', 'wendelo'],
      ['themas', 'voorzieningen'],
      ['themas', 'gemeenschapskracht'],
      ['narratieven', 'onzichtbare-overheid'],
      [`cijfer-${before.figures[0].figureId}`, 'bevestigt'],
      ['onderbouwing', `notitie:${before.evidence[0].noteId}`],
    ])
    expect(response.status, response.body).toBe(303)
    const versions = history(created)
    expect(versions.map((v) => v.version)).toEqual([1, 2])
    expect(versions[0].data.title).toContain('laatste voorziening')
    expect(versions[1].data).toMatchObject({themes: ['voorzieningen', 'gemeenschapskracht'], title: expect.stringContaining('ontmoetingsplek')})
    expect(show(created).figures[0].verdict).toBe('bevestigt')
    const page = await get(`/bevindingen/${created}/geschiedenis`)
    expect(page.status).toBe(200)
    expect(page.body).toContain('Versie 2: bewerkt')
    expect(page.body).toContain('Gewijzigd: titel, cijfers (')
    expect(page.body).toContain('thema&#39;s (+ Gemeenschapskracht')
    expect(page.body).toContain('<ins>ontmoetingsplek</ins>')
  })

  it('POST /bevindingen/onderbouwing with a tag adds it, goes back to terug, and says so; a second time changes nothing', async () => {
    const tag = passage()
    const response = await post('/bevindingen/onderbouwing', {bevinding: created, tag: tag.id, terug: '/analyse?halteplaats=wendelo'})
    expect(response.status).toBe(303)
    expect(response.headers.location).toBe('/analyse?halteplaats=wendelo')
    const finding = show(created)
    expect(finding.evidence).toContainEqual(expect.objectContaining({kind: 'tag', quote: tag.quote, tagId: tag.id}))
    const page = await get(`/bevindingen/${created}`)
    expect(page.body).toContain('Toegevoegd aan bevinding')
    // The quote, attributed by group type and halteplaats only, with the way to the note.
    expect(page.body).toContain(`“${tag.quote.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll("'", '&#39;')}”`)
    expect(page.body).toContain(`href="/notities/${tag.noteId}"`)

    const before = state()
    const again = await post('/bevindingen/onderbouwing', {bevinding: created, tag: tag.id})
    expect(again.status).toBe(303)
    expect(again.headers.location).toBe(`/bevindingen/${created}`)
    expect(state()).toBe(before)
    expect((await get(`/bevindingen/${created}`)).body).toContain('stond al in de onderbouwing')
    // Never to another site.
    const away = await post('/bevindingen/onderbouwing', {bevinding: created, tag: tag.id, terug: '//evil.example/x'})
    expect(away.headers.location).toBe('/')
  })

  it('opens the add form with the evidence of ?tag= chosen', async () => {
    const tag = passage()
    const response = await get(`/bevindingen/nieuw?tag=${tag.id}`)
    expect(response.status).toBe(200)
    expect(response.body).toMatch(new RegExp(`name="onderbouwing" value="tag:${tag.id}" checked`))
    const note = await get(`/bevindingen/nieuw?notitie=${tag.noteId}`)
    expect(note.body).toMatch(new RegExp(`name="onderbouwing" value="notitie:${tag.noteId}" checked`))
    const unknown = await get('/bevindingen/nieuw?tag=ffffffff')
    expect(unknown.status).toBe(400)
  })

  it('searches notes and passages on the finding page, with one button per hit', async () => {
    const response = await get(`/bevindingen/${created}?zoek=loket&zoek-halteplaats=wendelo`)
    expect(response.status).toBe(200)
    expect(response.body).toContain('<mark>')
    expect(response.body).toMatch(/<form method="post" action="\/bevindingen\/onderbouwing">/)
    expect(response.body).toContain('Voeg toe')
    const bad = await get(`/bevindingen/${created}?zoek=%22loket`)
    expect(bad.body).toContain('afsluitend aanhalingsteken')
  })

  it('pages the picker\'s hits: "Meer resultaten" shows the next 50, on the finding page and in the form', async () => {
    const tokens = (page: string) => [...page.matchAll(/data-token="([^"]+)"/g)].map((m) => m[1])
    const first = await get(`/bevindingen/${created}?zoek=de`)
    expect(first.body).toContain('50 resultaten; er is meer, maak de zoekopdracht scherper.')
    const href = /<a class="utrecht-link" href="([^"]+)" data-meer>Meer resultaten<\/a>/.exec(first.body)![1].replaceAll('&amp;', '&')
    expect(href).toBe(`/bevindingen/${created}?zoek=de&zoek-pagina=2#kiezerkop`)
    const second = await get(href.split('#')[0])
    expect(second.status).toBe(200)
    expect(second.body).toMatch(/Resultaten 51 tot en met \d+/)
    expect(second.body).toContain('<ol class="werkplek-resultaten" start="51">')
    expect(tokens(second.body).length).toBeGreaterThan(0)
    expect(tokens(second.body).filter((t) => tokens(first.body).includes(t))).toEqual([])
    // Adding a hit of page 2 comes back to page 2.
    expect(second.body).toContain(`name="terug" value="/bevindingen/${created}?zoek=de&amp;zoek-pagina=2#kiezerkop"`)

    const typed: Array<[string, string]> = [['titel', 'Een bevinding met veel onderbouwing'], ['zoek', 'de']]
    const searched = await post('/bevindingen/nieuw', [...typed, ['actie', 'zoeken'], ['zoek-pagina', '3']])
    expect(searched.body).toContain('50 resultaten; er is meer')
    expect(searched.body).toContain('name="zoek-pagina" value="1"')
    expect(searched.body).toContain('name="actie" value="meer" data-meer>Meer resultaten</button>')
    const more = await post('/bevindingen/nieuw', [...typed, ['actie', 'meer'], ['zoek-pagina', '1']])
    expect(more.body).toMatch(/Resultaten 51 tot en met \d+/)
    expect(more.body).toContain('name="zoek-pagina" value="2"')
    expect(more.body).toContain('value="Een bevinding met veel onderbouwing"')
  })

  it('takes a piece of evidence off again (dropEvidence), as a new version', async () => {
    const tag = show(created).evidence.find((e) => e.kind === 'tag')!
    const response = await post(`/bevindingen/${created}/onderbouwing/weg`, {bron: `tag:${tag.tagId}`})
    expect(response.status).toBe(303)
    expect(show(created).evidence.some((e) => e.tagId === tag.tagId)).toBe(false)
    expect(show(created).evidence).toHaveLength(1)
  })

  it('moves a finding to the trash and back, as finding rm and finding restore', async () => {
    const rm = await post(`/bevindingen/${created}/verwijderen`, {})
    expect(rm.status).toBe(303)
    expect(show(created).deletedAt).not.toBeNull()
    expect(findings().some((f) => f.id === created)).toBe(false)
    expect((await get('/bevindingen?prullenbak=ja')).body).toContain(`/bevindingen/${created}/terugzetten`)
    // A finding in the trash takes no evidence.
    const before = state()
    await post('/bevindingen/onderbouwing', {bevinding: created, tag: passage().id})
    expect(state()).toBe(before)
    const restore = await post(`/bevindingen/${created}/terugzetten`, {terug: '/bevindingen?prullenbak=ja'})
    expect(restore.headers.location).toBe('/bevindingen?prullenbak=ja')
    expect(show(created).deletedAt).toBeNull()
    expect(history(created).map((v) => v.change).slice(-2)).toEqual(['verwijderd', 'teruggezet'])
  })

  it('shows the form again with the CLI\'s Dutch message on bad input, status 400, and stores nothing', async () => {
    const before = state()
    const cases: Array<{fields: Array<[string, string]>; message: RegExp | string; path?: string}> = [
      {fields: [['titel', '   '], ['tekst', 'Iets.']], message: 'Een bevinding heeft een titel nodig.'},
      {fields: [['titel', 'Een titel'], ['halteplaatsen', 'atlantis']], message: /atlantis/},
      {fields: [['titel', 'Een titel'], ['narratieven', 'geen-narratief']], message: /geen-narratief/},
      {fields: [['titel', 'Een titel'], [`cijfer-${figure().id}`, 'misschien']], message: 'Oordeel &quot;misschien&quot;'},
      {fields: [['titel', 'Een titel'], ['onderbouwing', 'tag:ffffffff']], message: 'is er niet meer'},
      {fields: [['titel', '']], message: 'Een bevinding heeft een titel nodig.', path: `/bevindingen/${created}/bewerken`},
    ]
    for (const c of cases) {
      const response = await post(c.path ?? '/bevindingen/nieuw', c.fields)
      expect(response.status, JSON.stringify(c.fields)).toBe(400)
      if (typeof c.message === 'string') expect(response.body).toContain(c.message)
      else expect(response.body).toMatch(c.message)
    }

    expect(state()).toBe(before)
  })

  it('warns of a finding that nearly repeats one, as finding add does, and saves only on a second yes', async () => {
    const existing = findings()[0]
    const before = state()
    const fields: Array<[string, string]> = [['titel', existing.title], ['actie', 'opslaan']]
    const first = await post('/bevindingen/nieuw', fields)
    expect(first.status).toBe(200)
    expect(first.body).toContain('hier sterk op')
    expect(first.body).toContain(`/bevindingen/${existing.id}`)
    expect(state()).toBe(before)
    const second = await post('/bevindingen/nieuw', [...fields, ['toch', 'ja']])
    expect(second.status).toBe(303)
    expect(findings().filter((f) => f.title === existing.title)).toHaveLength(2)
  })

  it('searches and adds evidence on the add form itself, keeping what was typed and saving nothing yet', async () => {
    const before = state()
    const typed: Array<[string, string]> = [['titel', 'Het loket is weg en de drempel hoog'], ['halteplaatsen', 'wendelo'], ['zoek', 'loket'], ['zoek-halteplaats', 'wendelo']]
    const searched = await post('/bevindingen/nieuw', [...typed, ['actie', 'zoeken']])
    expect(searched.status).toBe(200)
    expect(searched.body).toContain('value="Het loket is weg en de drempel hoog"')
    const token = /name="voegtoe" value="((?:tag|notitie):[\w-]+)"/.exec(searched.body)![1]
    const added = await post('/bevindingen/nieuw', [...typed, ['voegtoe', token]])
    expect(added.body).toContain(`name="onderbouwing" value="${token}" checked`)
    expect(state()).toBe(before)
    const saved = await post('/bevindingen/nieuw', [...typed, ['onderbouwing', token], ['actie', 'opslaan']])
    expect(saved.status).toBe(303)
    const id = String(saved.headers.location).split('/').pop()!
    expect(show(id).evidence).toHaveLength(1)
  })

  it('runs the privacy check of finding add: refuses first, then saves with placeholders when asked', async () => {
    const before = state()
    const fields: Array<[string, string]> = [['titel', 'Bewoners mailen de wethouder zelf'], ['tekst', 'Een bewoner gaf zijn adres: jan.jansen@example.nl, voor vragen.']]
    const refused = await post('/bevindingen/nieuw', fields)
    expect(refused.status).toBe(400)
    expect(refused.body).toContain('De bevinding bevat persoonsgegevens; er is niets opgeslagen')
    expect(state()).toBe(before)
    const saved = await post('/bevindingen/nieuw', [...fields, ['privacy', 'pseudonymise']])
    expect(saved.status).toBe(303)
    const id = String(saved.headers.location).split('/').pop()!
    expect(show(id).text).not.toContain('jan.jansen@example.nl')
  })

  it('refuses every change without the CSRF token, and changes nothing', async () => {
    const before = state()
    const tag = passage()
    for (const [path, fields] of [
      ['/bevindingen/nieuw', {titel: 'Van buiten'}],
      [`/bevindingen/${created}/bewerken`, {titel: 'Van buiten'}],
      ['/bevindingen/onderbouwing', {bevinding: created, tag: tag.id}],
      [`/bevindingen/${created}/onderbouwing/weg`, {bron: `notitie:${tag.noteId}`}],
      [`/bevindingen/${created}/verwijderen`, {}],
      [`/bevindingen/${created}/terugzetten`, {}],
    ] as const) {
      for (const token of [null, 'verkeerd']) {
        const response = await post(path, fields, token)
        expect(response.status, `${path} ${token}`).toBe(403)
        expect(response.body).toContain('Dit formulier is verlopen')
      }
    }

    expect(state()).toBe(before)
  })
})

describe.skipIf(!hasChromium)('Bevindingen in chromium (skipped without /usr/bin/chromium)', () => {
  let browser: Browser
  let page: Page
  let browserServed: Served

  const axe = (name: string) => expectNoAxeViolations(page, name)

  beforeAll(async () => {
    browserServed = await serveStudy(study, [], env)
    browser = await launchChromium()
    const context = await browser.newContext({locale: 'nl-NL'})
    page = await context.newPage()
    await page.goto(browserServed.url)
  }, 120_000)

  afterAll(async () => {
    await browser?.close()
    await browserServed?.stop()
  })

  it('creates a finding with the keyboard, adds a passage from the picker with one click, shows it as a quote, trashes and restores it', async () => {
    await page.goto(`${browserServed.origin}/bevindingen`)
    await axe('lijst')
    await page.getByRole('link', {name: 'Nieuwe bevinding'}).first().click()
    await axe('formulier')
    await page.locator('#veld-titel').focus()
    await page.keyboard.type('Jongeren in het Havenkwartier voelen zich niet gehoord bij de plannen voor de haven')
    await page.keyboard.press('Tab')
    await page.keyboard.type('Scholieren vertellen dat hun ideeën wel worden gevraagd, maar dat er niets mee gebeurt.')
    // Tab to the halteplaats Havenkwartier and tick it with the space bar.
    for (let i = 0; i < 40 && !(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.value === 'havenkwartier')); i++) await page.keyboard.press('Tab')
    await page.keyboard.press('Space')
    await expect(page.locator('input[name="halteplaatsen"][value="havenkwartier"]').isChecked()).resolves.toBe(true)
    // Enter in the title saves (the script), as a person expects.
    await page.locator('#veld-titel').focus()
    await Promise.all([page.waitForURL((url) => /^\/bevindingen\/[\w-]+$/.test(url.pathname) && !url.pathname.endsWith('/nieuw')), page.keyboard.press('Enter')])
    await expect(page.getByRole('status').first().textContent()).resolves.toContain('als concept')
    const id = /\/bevindingen\/([\w-]+)$/.exec(page.url())![1]
    await axe('bevinding')

    const tag = passage()
    const words = tag.quote.replaceAll('"', '').split(/\s+/).slice(0, 4).join(' ')
    await page.locator('#zoek-woorden').fill(`"${words}"`)
    await Promise.all([page.waitForURL(/zoek=/), page.locator('#zoek-woorden').press('Enter')])
    await axe('bevinding met zoekresultaten')
    const hit = page.locator('.werkplek-resultaat', {hasText: tag.quote.slice(0, 20)}).filter({has: page.locator(`button[data-token="tag:${tag.id}"]`)})
    await Promise.all([page.waitForURL(new RegExp(`/bevindingen/${id}`)), hit.locator('button').click()])
    await expect(page.getByRole('status').first().textContent()).resolves.toContain('Toegevoegd aan bevinding')
    await expect(page.locator('#onderbouwing blockquote').first().textContent()).resolves.toContain(tag.quote.slice(0, 40))
    expect(show(id).evidence).toEqual([expect.objectContaining({tagId: tag.id})])

    await page.getByRole('button', {name: 'Naar de prullenbak'}).click()
    await expect(page.getByRole('button', {name: 'Zet terug uit de prullenbak'}).count()).resolves.toBe(1)
    expect(show(id).deletedAt).not.toBeNull()
    await page.goto(`${browserServed.origin}/bevindingen?prullenbak=ja`)
    await axe('prullenbak')
    await page.getByRole('button', {name: /^Zet terug/}).first().click()
    expect(show(id).deletedAt).toBeNull()

    await page.goto(`${browserServed.origin}/bevindingen/${id}/geschiedenis`)
    await expect(page.locator('#versies > li').count()).resolves.toBe(4)
    await axe('geschiedenis')
    await page.goto(`${browserServed.origin}/bevindingen/${id}/bewerken`)
    await axe('bewerken')
  }, 120_000)
})

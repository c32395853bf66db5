import Database from 'better-sqlite3'
import {join} from 'node:path'
import type {Browser, Page} from 'playwright-core'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {expectNoAxeViolations, hasChromium, launchChromium} from '../helpers/browser.js'
import {exampleStudy, json, karavaan, tempDir} from '../helpers/cli.js'
import {login, raw, type Served, serveStudy} from '../helpers/serve.js'

/*
 * Reflectiegesprekken and Adviezen in the workspace: what a POST stores is what `reflect show` and
 * `advice show` print, an edit keeps the version before it, the trash works both ways, bad input
 * shows the form again with the CLI's Dutch message and stores nothing, and a change that does not
 * come from the workspace is refused.
 */

interface Reflection {
  added: {findings: string[]; text: string}
  confirmed: {findings: string[]; text: string}
  createdBy: null | string
  date: string
  deletedAt: null | string
  halteplaats: string
  id: string
  nuanced: {findings: string[]; text: string}
  participants: Array<{count: null | number; role: string}>
  version: number
}

interface Advice {
  audience: string
  deletedAt: null | string
  examples: string[]
  findings: string[]
  frame: null | string
  id: string
  text: string
  title: string
  version: number
}

let study: string
let served: Served
let session: {cookie: string; csrf: string}
let env: NodeJS.ProcessEnv
let findings: Array<{id: string; title: string}>

const cli = (...args: string[]) => karavaan([...args, '--study', study], {env})

/** Every row the material's routes could touch: equal before and after means nothing changed. */
function state(): string {
  const db = new Database(join(study, 'karavaan.db'), {fileMustExist: true, readonly: true})
  try {
    const rows = (sql: string) => db.prepare(sql).all()
    return JSON.stringify({
      advice: rows('SELECT * FROM advice ORDER BY id'),
      examples: rows('SELECT * FROM advice_examples ORDER BY 1, 2'),
      links: rows('SELECT * FROM advice_findings ORDER BY 1, 2'),
      reflectionLinks: rows('SELECT * FROM reflection_findings ORDER BY 1, 2, 3'),
      reflections: rows('SELECT * FROM reflections ORDER BY id'),
      versions: rows('SELECT id FROM material_versions ORDER BY id'),
    })
  } finally {
    db.close()
  }
}

/** A form body as a browser sends it: repeated names for checkboxes. */
function body(fields: Record<string, string | string[]>, csrf: null | string = session.csrf): string {
  const params = new URLSearchParams()
  if (csrf !== null) params.append('_csrf', csrf)
  for (const [name, value] of Object.entries(fields)) for (const one of [value].flat()) params.append(name, one)
  return params.toString()
}

function post(path: string, fields: Record<string, string | string[]>, options: {csrf?: null | string; headers?: Record<string, string>} = {}) {
  return raw(served.port, path, {
    body: body(fields, options.csrf === undefined ? session.csrf : options.csrf),
    headers: {'content-type': 'application/x-www-form-urlencoded', cookie: session.cookie, origin: served.origin, ...options.headers},
    method: 'POST',
  })
}

/** The page's text with the html template's escapes undone, to compare with the CLI's messages. */
const decoded = (html: string) => html.replaceAll('&quot;', '"').replaceAll('&#39;', "'").replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&')

const get = (path: string) => raw(served.port, path, {headers: {cookie: session.cookie}})
const idOf = (location: unknown, base: string) => new RegExp(`^${base}/([\\da-f-]{36})$`).exec(String(location))?.[1] ?? ''

beforeAll(async () => {
  study = exampleStudy()
  env = {XDG_CONFIG_HOME: tempDir()}
  expect(karavaan(['config', 'set', 'interviewer', 'anna', '--study', study], {env}).code).toBe(0)
  findings = json<Array<{id: string; title: string}>>(cli('finding', 'list', '--json'))
  served = await serveStudy(study, [], env)
  session = await login(served)
}, 120_000)

afterAll(async () => {
  await served?.stop()
})

describe('karavaan serve: Reflectiegesprekken', () => {
  const meeting = () => ({
    aangevuld: 'De jongeren vroegen om een eigen avond in het dorpshuis.',
    'aangevuld-bevindingen': findings[2].id,
    'aantal-ambtenaren': '',
    'aantal-bewoners': '4',
    bevestigd: 'Het verdwijnen van de bus raakt vooral ouderen.',
    'bevestigd-bevindingen': [findings[0].id, findings[1].id],
    datum: '2026-10-06',
    genuanceerd: '',
    halteplaats: 'wendelo',
    rol: ['bewoners', 'ambtenaren'],
  })

  it('lists the meetings per halteplaats as reflect list, and filters by halteplaats', async () => {
    const listed = json<Reflection[]>(cli('reflect', 'list', '--json'))
    const page = await get('/reflectiegesprekken')
    expect(page.status).toBe(200)
    expect(page.body).toContain(`${listed.length} reflectiegesprekken.`)
    for (const r of listed) expect(page.body).toContain(`href="/reflectiegesprekken/${r.id}"`)
    expect(page.body).toMatch(/<h2 class="utrecht-heading-2" id="plaats-wendelo">Wendelo<\/h2>/)
    expect(page.body).toContain('aria-current="page">Reflectiegesprekken</a>')
    const wendelo = await get('/reflectiegesprekken?halteplaats=wendelo')
    const own = json<Reflection[]>(cli('reflect', 'list', '--halteplaats', 'wendelo', '--json'))
    expect([...wendelo.body.matchAll(/href="\/reflectiegesprekken\/([\da-f-]{36})"/g)].map((m) => m[1]).sort()).toEqual(own.map((r) => r.id).sort())
    // A halteplaats without a meeting says so, with the way to record one there.
    const fresh = json<Reflection[]>(cli('reflect', 'list', '--halteplaats', 'kanaalzone', '--json'))
    for (const r of fresh) expect(cli('reflect', 'rm', r.id).code).toBe(0)
    const without = await get('/reflectiegesprekken')
    expect(without.body).toContain('Nog zonder reflectiegesprek: Kanaalzone.')
    expect(without.body).toContain('href="/reflectiegesprekken/nieuw?halteplaats=kanaalzone"')
    expect((await get('/reflectiegesprekken/nieuw?halteplaats=kanaalzone')).body).toContain('<option value="kanaalzone" selected>')
    for (const r of fresh) expect(cli('reflect', 'restore', r.id).code).toBe(0)
    const wrong = await get('/reflectiegesprekken?halteplaats=atlantis')
    expect(wrong.status).toBe(200)
    expect(decoded(wrong.body)).toContain('Onbekende halteplaats "atlantis"')
  })

  it('offers the method’s roles and the study’s findings to choose from, never typed ids', async () => {
    const form = await get('/reflectiegesprekken/nieuw')
    expect(form.status).toBe(200)
    for (const role of ['Bewoners', 'Jongeren', 'Sleutelfiguren', 'Ambtenaren', 'Onderzoekers']) expect(form.body).toContain(`>${role}</label>`)
    expect(form.body).toContain('<legend class="utrecht-form-fieldset__legend">Bevindingen die het gesprek bevestigde</legend>')
    expect(form.body).toContain(`value="${findings[0].id}"`)
    expect(form.body).toContain('<option value="wendelo">Wendelo</option>')
  })

  it('stores a new meeting as reflect add does: reflect show --json shows the same', async () => {
    const response = await post('/reflectiegesprekken/nieuw', meeting())
    expect(response.status, response.body).toBe(303)
    const id = idOf(response.headers.location, '/reflectiegesprekken')
    const shown = json<Reflection>(cli('reflect', 'show', id, '--json'))
    expect(shown).toMatchObject({
      added: {findings: [findings[2].id], text: 'De jongeren vroegen om een eigen avond in het dorpshuis.'},
      confirmed: {findings: [findings[0].id, findings[1].id], text: 'Het verdwijnen van de bus raakt vooral ouderen.'},
      createdBy: 'anna',
      date: '2026-10-06',
      halteplaats: 'wendelo',
      nuanced: {findings: [], text: ''},
      participants: [{count: 4, role: 'bewoners'}, {count: null, role: 'ambtenaren'}],
      version: 1,
    })
    const page = await get(`/reflectiegesprekken/${id}`)
    expect(page.body).toContain('Reflectiegesprek opgeslagen.')
    expect(decoded(page.body)).toContain(`<a class="utrecht-link" href="/bevindingen/${findings[0].id}">${findings[0].title}</a>`)
    expect(page.body).toMatch(/<td class="utrecht-table__cell">Bewoners<\/td><td class="utrecht-table__cell">4<\/td>/)
    expect(page.body).toContain('niet geteld')
  })

  it('keeps the version before an edit, and history shows what changed', async () => {
    const id = idOf((await post('/reflectiegesprekken/nieuw', meeting())).headers.location, '/reflectiegesprekken')
    const edit = await get(`/reflectiegesprekken/${id}/bewerken`)
    expect(edit.body).toContain('Het verdwijnen van de bus raakt vooral ouderen.</textarea>')
    expect(edit.body).toMatch(/id="rol-bewoners" name="rol" value="bewoners" checked/)
    const response = await post(`/reflectiegesprekken/${id}/bewerken`, {...meeting(), 'aantal-bewoners': '6', genuanceerd: 'De dorpsraad voelt zich wel gehoord.'})
    expect(response.status).toBe(303)
    expect(json<Reflection>(cli('reflect', 'show', id, '--json'))).toMatchObject({nuanced: {text: 'De dorpsraad voelt zich wel gehoord.'}, participants: [{count: 6, role: 'bewoners'}, {count: null, role: 'ambtenaren'}], version: 2})
    expect(json<Reflection>(cli('reflect', 'show', id, '--version', '1', '--json')).participants[0].count).toBe(4)
    expect((await get(`/reflectiegesprekken/${id}`)).body).toContain('Opgeslagen als versie 2.')
    const history = await get(`/reflectiegesprekken/${id}/geschiedenis`)
    expect(history.status).toBe(200)
    expect(history.body).toContain(`href="/reflectiegesprekken/${id}?versie=1">Versie 1</a>: aangemaakt`)
    expect(history.body).toContain(`href="/reflectiegesprekken/${id}?versie=2">Versie 2</a>: bewerkt`)
    expect(history.body).toContain('deelnemers (+ bewoners (6), − bewoners (4))')
    expect(history.body).toContain('<ins>De dorpsraad voelt zich wel gehoord.</ins>')
    const old = await get(`/reflectiegesprekken/${id}?versie=1`)
    expect(old.body).toContain('Je bekijkt versie 1; de nieuwste is versie 2.')
    const none = await get(`/reflectiegesprekken/${id}?versie=9`)
    expect(none.status).toBe(400)
    expect(none.body).toContain('heeft geen versie 9; de nieuwste is versie 2')
    // Saving the form unchanged stores no new version.
    const same = await post(`/reflectiegesprekken/${id}/bewerken`, {...meeting(), 'aantal-bewoners': '6', genuanceerd: 'De dorpsraad voelt zich wel gehoord.'})
    expect(same.status).toBe(303)
    expect(json<Reflection>(cli('reflect', 'show', id, '--json')).version).toBe(2)
  })

  it('moves a meeting to the trash and back, as reflect rm and reflect restore', async () => {
    const id = idOf((await post('/reflectiegesprekken/nieuw', meeting())).headers.location, '/reflectiegesprekken')
    expect((await post(`/reflectiegesprekken/${id}/verwijderen`, {})).status).toBe(303)
    expect(json<Reflection[]>(cli('reflect', 'list', '--deleted', '--json')).map((r) => r.id)).toContain(id)
    expect((await get('/reflectiegesprekken')).body).not.toContain(id)
    const trash = await get('/reflectiegesprekken?prullenbak=ja')
    expect(trash.body).toContain(`href="/reflectiegesprekken/${id}"`)
    const page = await get(`/reflectiegesprekken/${id}`)
    expect(page.body).toContain('staat in de prullenbak')
    expect(page.body).toContain('Terugzetten uit de prullenbak')
    const edit = await get(`/reflectiegesprekken/${id}/bewerken`)
    expect(edit.status).toBe(400)
    expect(edit.body).toContain('staat in de prullenbak')
    expect((await post(`/reflectiegesprekken/${id}/terugzetten`, {})).status).toBe(303)
    expect(json<Reflection>(cli('reflect', 'show', id, '--json')).deletedAt).toBeNull()
    expect((await get(`/reflectiegesprekken/${id}`)).body).toContain('is teruggezet uit de prullenbak')
  })

  it('shows the form again with the CLI’s Dutch messages on bad input, stores nothing, 400', async () => {
    const before = state()
    const empty = await post('/reflectiegesprekken/nieuw', {datum: '31-02-2026', halteplaats: '', rol: 'bewoners', 'aantal-bewoners': '0'})
    expect(empty.status).toBe(400)
    expect(empty.body).toContain('Het reflectiegesprek is niet opgeslagen: niet alle gegevens kloppen.')
    expect(empty.body).toContain('<a class="utrecht-link" href="#veld-halteplaats">Halteplaats</a>: Ontbreekt; kies uit')
    expect(decoded(empty.body)).toContain('id="deelnemers-fout">"bewoners:0": na de dubbele punt komt een aantal, zoals bewoners:4.')
    expect(empty.body).toContain('Schrijf op wat het gesprek bevestigde, nuanceerde of aanvulde (minstens één van de drie).')
    expect(empty.body).toMatch(/id="veld-datum" name="datum" aria-describedby="datum-fout" aria-invalid="true" value="31-02-2026"/)
    // A role or finding that is not in the method or the study, as a hand-made request could send it.
    const forged = await post('/reflectiegesprekken/nieuw', {...meeting(), 'bevestigd-bevindingen': 'ffffffff', rol: ['bewoners', 'wethouder-jansen']})
    expect(forged.status).toBe(400)
    expect(decoded(forged.body)).toContain('"wethouder-jansen" is geen rol voor een reflectiegesprek')
    expect(forged.body).toContain('Het verdwijnen van de bus raakt vooral ouderen.</textarea>')
    expect(state()).toBe(before)
  })

  it('guards the texts for personal data as reflect add does, with the same three ways on', async () => {
    const before = state()
    const text = 'Mevrouw Jansen (06-12345678) vond dat de bus terug moet.'
    const refused = await post('/reflectiegesprekken/nieuw', {...meeting(), bevestigd: text})
    expect(refused.status).toBe(400)
    expect(refused.body).toContain('bevat persoonsgegevens')
    expect(refused.body).toContain('telefoonnummer')
    expect(state()).toBe(before)
    const replaced = await post('/reflectiegesprekken/nieuw', {...meeting(), bevestigd: text, privacy: 'pseudonymise'})
    expect(replaced.status).toBe(303)
    const stored = json<Reflection>(cli('reflect', 'show', idOf(replaced.headers.location, '/reflectiegesprekken'), '--json'))
    expect(stored.confirmed.text).not.toContain('06-12345678')
    expect(stored.confirmed.text).toMatch(/\[telefoonnummer-[\da-f]+\]/)
  })
})

describe('karavaan serve: Adviezen', () => {
  const advice = () => ({
    bevindingen: [findings[0].id, findings[3].id],
    doelgroep: 'gemeenten',
    instrumenten: 'spiegelgesprek',
    kader: 'perspectief-nabij-zichtbaar',
    tekst: 'Zorg voor vaste gezichten in de wijk.\n\nEen wijkambtenaar die blijft, bouwt vertrouwen op.',
    titel: 'Houd vaste gezichten in de wijk',
    'voorbeelden-methode': 'erfturbine-gesprekken',
  })

  it('lists the advice per doelgroep as advice list, filtered by doelgroep and by finding', async () => {
    const listed = json<Advice[]>(cli('advice', 'list', '--json'))
    const page = await get('/adviezen')
    expect(page.status).toBe(200)
    for (const a of listed) expect(page.body).toContain(`href="/adviezen/${a.id}"`)
    expect(page.body).toContain('>Voor gemeenten</h2>')
    const ids = (html: string) => [...html.matchAll(/href="\/adviezen\/([\da-f-]{36})"/g)].map((m) => m[1]).sort()
    expect(ids((await get('/adviezen?doelgroep=rijksoverheid')).body)).toEqual(json<Advice[]>(cli('advice', 'list', '--audience', 'rijksoverheid', '--json')).map((a) => a.id).sort())
    expect(ids((await get(`/adviezen?bevinding=${findings[0].id}`)).body)).toEqual(json<Advice[]>(cli('advice', 'list', '--finding', findings[0].id, '--json')).map((a) => a.id).sort())
    expect(decoded((await get('/adviezen?doelgroep=burgers')).body)).toContain('Onbekende doelgroep "burgers"')
  })

  it('stores a new advice as advice add does, and shows its findings, frame and examples in words', async () => {
    const form = await get('/adviezen/nieuw')
    expect(form.body).toContain('<optgroup label="De vijf handelingsperspectieven">')
    expect(form.body).toMatch(/value="spiegelgesprek">\n<label [^>]+>Spiegelgesprek </)
    const response = await post('/adviezen/nieuw', advice())
    expect(response.status, response.body).toBe(303)
    const id = idOf(response.headers.location, '/adviezen')
    expect(json<Advice>(cli('advice', 'show', id, '--json'))).toMatchObject({
      audience: 'gemeenten',
      examples: ['spiegelgesprek', 'erfturbine-gesprekken'],
      findings: [findings[0].id, findings[3].id],
      frame: 'perspectief-nabij-zichtbaar',
      text: 'Zorg voor vaste gezichten in de wijk.\n\nEen wijkambtenaar die blijft, bouwt vertrouwen op.',
      title: 'Houd vaste gezichten in de wijk',
      version: 1,
    })
    const page = await get(`/adviezen/${id}`)
    expect(page.body).toContain('<h1 class="utrecht-heading-1">Houd vaste gezichten in de wijk</h1>')
    expect(decoded(page.body)).toContain(`href="/bevindingen/${findings[3].id}">${findings[3].title}</a>`)
    expect(page.body).toContain('Kader: Wees nabij en zichtbaar')
    expect(page.body).toContain('<strong>Erfturbine-tafelgesprekken</strong>')
    expect(page.body).toContain('<p class="utrecht-paragraph">Een wijkambtenaar die blijft, bouwt vertrouwen op.</p>')
  })

  it('keeps the version before an edit; "geen kader" takes the frame off as --no-frame', async () => {
    const id = idOf((await post('/adviezen/nieuw', advice())).headers.location, '/adviezen')
    const edit = await get(`/adviezen/${id}/bewerken`)
    expect(edit.body).toContain('<option value="perspectief-nabij-zichtbaar" selected>')
    const response = await post(`/adviezen/${id}/bewerken`, {...advice(), doelgroep: 'professionals', instrumenten: [], kader: ''})
    expect(response.status).toBe(303)
    expect(json<Advice>(cli('advice', 'show', id, '--json'))).toMatchObject({audience: 'professionals', examples: ['erfturbine-gesprekken'], frame: null, version: 2})
    expect(json<Advice>(cli('advice', 'show', id, '--version', '1', '--json')).frame).toBe('perspectief-nabij-zichtbaar')
    const history = await get(`/adviezen/${id}/geschiedenis`)
    expect(history.body).toContain('doelgroep (Gemeenten → Professionals)')
    expect(history.body).toContain('kader (Wees nabij en zichtbaar → –)')
    expect(history.body).toContain('voorbeelden (− Spiegelgesprek)')
  })

  it('moves an advice to the trash and back, as advice rm and advice restore', async () => {
    const id = idOf((await post('/adviezen/nieuw', advice())).headers.location, '/adviezen')
    expect((await post(`/adviezen/${id}/verwijderen`, {})).status).toBe(303)
    expect(json<Advice[]>(cli('advice', 'list', '--deleted', '--json')).map((a) => a.id)).toContain(id)
    expect((await get('/adviezen?prullenbak=ja')).body).toContain(`href="/adviezen/${id}"`)
    expect((await get('/adviezen')).body).not.toContain(`href="/adviezen/${id}"`)
    const again = await post(`/adviezen/${id}/verwijderen`, {})
    expect(again.status).toBe(400)
    expect(again.body).toContain('staat al in de prullenbak')
    expect((await post(`/adviezen/${id}/terugzetten`, {})).status).toBe(303)
    expect(json<Advice>(cli('advice', 'show', id, '--json')).deletedAt).toBeNull()
  })

  it('shows the form again with the CLI’s Dutch messages on bad input, stores nothing, 400', async () => {
    const before = state()
    const bad = await post('/adviezen/nieuw', {...advice(), doelgroep: '', kader: 'route-onbekend', titel: '  ', 'voorbeelden-methode': 'nergens'})
    expect(bad.status).toBe(400)
    expect(bad.body).toContain('Het advies is niet opgeslagen: niet alle gegevens kloppen.')
    expect(bad.body).toContain('id="titel-fout">Een advies heeft een titel nodig.')
    expect(bad.body).toContain('id="doelgroep-fout">Ontbreekt; kies uit gemeenten, professionals of rijksoverheid.')
    expect(decoded(bad.body)).toContain('"route-onbekend" is geen kader van de methode')
    expect(decoded(bad.body)).toContain('"nergens" is geen instrument of voorbeeld van de methode of de studie')
    expect(bad.body).toContain('Zorg voor vaste gezichten in de wijk.')
    const id = json<Advice[]>(cli('advice', 'list', '--json'))[0].id
    const edit = await post(`/adviezen/${id}/bewerken`, {...advice(), bevindingen: 'ffffffff'})
    expect(edit.status).toBe(400)
    expect(edit.body).toContain('id="bevindingen-fout">')
    expect(state()).toBe(before)
  })
})

describe('karavaan serve: the material’s change routes refuse what does not come from the workspace', () => {
  it('refuses a POST without the CSRF token, or from another site, and changes nothing', async () => {
    const reflection = json<Reflection[]>(cli('reflect', 'list', '--json'))[0].id
    const adviceId = json<Advice[]>(cli('advice', 'list', '--json'))[0].id
    const routes = [
      {fields: {bevestigd: 'Van een andere site.', datum: '2026-10-06', halteplaats: 'wendelo'}, path: '/reflectiegesprekken/nieuw'},
      {fields: {bevestigd: 'Overschreven.', datum: '2026-10-06', halteplaats: 'wendelo'}, path: `/reflectiegesprekken/${reflection}/bewerken`},
      {fields: {}, path: `/reflectiegesprekken/${reflection}/verwijderen`},
      {fields: {}, path: `/reflectiegesprekken/${reflection}/terugzetten`},
      {fields: {doelgroep: 'gemeenten', titel: 'Van een andere site'}, path: '/adviezen/nieuw'},
      {fields: {doelgroep: 'gemeenten', titel: 'Overschreven'}, path: `/adviezen/${adviceId}/bewerken`},
      {fields: {}, path: `/adviezen/${adviceId}/verwijderen`},
      {fields: {}, path: `/adviezen/${adviceId}/terugzetten`},
    ]
    const before = state()
    for (const route of routes) {
      for (const csrf of [null, 'verkeerd']) {
        const response = await post(route.path, route.fields, {csrf})
        expect(response.status, `${route.path} ${csrf}`).toBe(403)
        expect(response.body).toContain('Dit formulier is verlopen')
      }

      const foreign = await post(route.path, route.fields, {headers: {origin: 'http://evil.example'}})
      expect(foreign.status, route.path).toBe(403)
      expect(foreign.body).toContain('Een wijziging moet uit deze werkplek zelf komen')
    }

    expect(state()).toBe(before)
  })
})

// The same pages in a real browser: Debian's chromium, driven by playwright-core (never a download).

describe.skipIf(!hasChromium)('Reflectiegesprekken and Adviezen in chromium (skipped without /usr/bin/chromium)', () => {
  let browserStudy: string
  let browserServed: Served
  let browser: Browser
  let page: Page
  const bcli = (...args: string[]) => karavaan([...args, '--study', browserStudy], {env})

  const axe = (name: string) => expectNoAxeViolations(page, name)

  /** Presses a key that sends a form or follows a link, and waits for the page it leads to. */
  async function pressAndLoad(key: string): Promise<void> {
    await Promise.all([page.waitForNavigation(), page.keyboard.press(key)])
  }

  async function clickAndLoad(name: string): Promise<void> {
    await Promise.all([page.waitForNavigation(), page.getByRole('button', {name}).click()])
  }

  beforeAll(async () => {
    if (!hasChromium) return
    browserStudy = exampleStudy()
    browserServed = await serveStudy(browserStudy, [], env)
    browser = await launchChromium()
    const context = await browser.newContext({locale: 'nl-NL'})
    page = await context.newPage()
    await page.goto(browserServed.url)
  }, 180_000)

  afterAll(async () => {
    await browser?.close()
    await browserServed?.stop()
  })

  it('records a reflection meeting with selects and the keyboard, then trashes and restores it', async () => {
    await Promise.all([page.waitForNavigation(), page.getByRole('navigation', {name: 'Hoofdmenu'}).getByRole('link', {name: 'Reflectiegesprekken'}).click()])
    await expect(page.locator('h1').textContent()).resolves.toBe('Reflectiegesprekken')
    await axe('reflectiegesprekken, lijst')
    await Promise.all([page.waitForNavigation(), page.getByRole('link', {name: 'Nieuw reflectiegesprek vastleggen'}).click()])
    await axe('reflectiegesprek, formulier')
    await page.selectOption('#veld-halteplaats', 'wendelo')
    await page.fill('#veld-datum', '2026-10-06')
    // By keyboard: Space ticks a role, Tab goes on to its number.
    await page.focus('#rol-bewoners')
    await page.keyboard.press('Space')
    await page.keyboard.press('Tab')
    await page.keyboard.type('5')
    await page.focus('#rol-onderzoekers')
    await page.keyboard.press('Space')
    await page.focus('#veld-bevestigd')
    await page.keyboard.type('Het verdwijnen van de bus raakt vooral ouderen.')
    await page.focus('#bevestigd-bevindingen-0')
    await page.keyboard.press('Space')
    await page.getByRole('button', {name: 'Opslaan'}).focus()
    await pressAndLoad('Enter')
    const id = /\/reflectiegesprekken\/([\da-f-]{36})$/.exec(page.url())?.[1] ?? ''
    expect(json<Reflection>(bcli('reflect', 'show', id, '--json'))).toMatchObject({confirmed: {text: 'Het verdwijnen van de bus raakt vooral ouderen.'}, createdBy: 'anna', halteplaats: 'wendelo', participants: [{count: 5, role: 'bewoners'}, {count: null, role: 'onderzoekers'}]})
    await expect(page.getByRole('status').first().textContent()).resolves.toContain('Reflectiegesprek opgeslagen.')
    await axe('reflectiegesprek, tonen')

    await clickAndLoad('Naar de prullenbak (reflectiegesprek')
    expect(json<Reflection>(bcli('reflect', 'show', id, '--json')).deletedAt).not.toBeNull()
    await axe('reflectiegesprek in de prullenbak')
    await clickAndLoad('Terugzetten uit de prullenbak')
    expect(json<Reflection>(bcli('reflect', 'show', id, '--json')).deletedAt).toBeNull()

    await Promise.all([page.waitForNavigation(), page.getByRole('link', {name: /^Bewerken/}).click()])
    await page.fill('#veld-genuanceerd', 'De dorpsraad voelt zich wel gehoord.')
    await clickAndLoad('Opslaan als nieuwe versie')
    // The trash and the way back are versions too (2 and 3), so the edit is version 4.
    expect(json<Reflection>(bcli('reflect', 'show', id, '--json')).version).toBe(4)
    await Promise.all([page.waitForNavigation(), page.getByRole('link', {name: /^Alle versies/}).click()])
    await expect(page.locator('ol ins').first().textContent()).resolves.toBe('De dorpsraad voelt zich wel gehoord.')
    await axe('reflectiegesprek, versies')
    await page.goto(`${browserServed.origin}/reflectiegesprekken?prullenbak=ja`)
    await axe('reflectiegesprekken, prullenbak')
  }, 120_000)

  it('records an advice with selects and the keyboard, shows it in words, trashes and restores it', async () => {
    await Promise.all([page.waitForNavigation(), page.getByRole('navigation', {name: 'Hoofdmenu'}).getByRole('link', {name: 'Adviezen'}).click()])
    await axe('adviezen, lijst')
    await Promise.all([page.waitForNavigation(), page.getByRole('link', {name: 'Nieuw advies vastleggen'}).click()])
    // Saved without anything: the form again, with what is missing beside each field.
    await clickAndLoad('Opslaan')
    await expect(page.locator('#titel-fout').textContent()).resolves.toBe('Een advies heeft een titel nodig.')
    await axe('advies, formulier met fouten')
    await page.selectOption('#veld-doelgroep', 'gemeenten')
    await page.selectOption('#veld-kader', 'perspectief-nabij-zichtbaar')
    await page.focus('#veld-tekst')
    await page.keyboard.type('Een wijkambtenaar die blijft, bouwt vertrouwen op.')
    await page.focus('#bevindingen-0')
    await page.keyboard.press('Space')
    await page.getByLabel('Spiegelgesprek (', {exact: false}).first().focus()
    await page.keyboard.press('Space')
    // Enter in the title sends the form, as in any form.
    await page.focus('#veld-titel')
    await page.keyboard.type('Houd vaste gezichten in de wijk')
    await pressAndLoad('Enter')
    const id = /\/adviezen\/([\da-f-]{36})$/.exec(page.url())?.[1] ?? ''
    const stored = json<Advice>(bcli('advice', 'show', id, '--json'))
    expect(stored).toMatchObject({audience: 'gemeenten', examples: ['spiegelgesprek'], frame: 'perspectief-nabij-zichtbaar', text: 'Een wijkambtenaar die blijft, bouwt vertrouwen op.', title: 'Houd vaste gezichten in de wijk'})
    expect(stored.findings).toHaveLength(1)
    await expect(page.getByRole('link', {name: json<{title: string}>(bcli('finding', 'show', stored.findings[0], '--json')).title}).getAttribute('href')).resolves.toBe(`/bevindingen/${stored.findings[0]}`)
    await axe('advies, tonen')

    await clickAndLoad('Naar de prullenbak (advies')
    expect(json<Advice>(bcli('advice', 'show', id, '--json')).deletedAt).not.toBeNull()
    await clickAndLoad('Terugzetten uit de prullenbak')
    expect(json<Advice>(bcli('advice', 'show', id, '--json')).deletedAt).toBeNull()
    await Promise.all([page.waitForNavigation(), page.getByRole('link', {name: /^Alle versies/}).click()])
    await expect(page.locator('ol li').count()).resolves.toBe(3)
    await axe('advies, versies')
  }, 120_000)
})

import Database from 'better-sqlite3'
import {cpSync} from 'node:fs'
import {join} from 'node:path'
import type {Browser, Page} from 'playwright-core'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {expectNoAxeViolations, hasChromium, launchChromium} from '../helpers/browser.js'
import {exampleStudy, json, karavaan, tempDir} from '../helpers/cli.js'
import {login, raw, type Served, serveStudy} from '../helpers/serve.js'

/*
 * Context en planning over HTTP: a figure or a plan change made in the browser is exactly what
 * `context add` or `plan set` makes in the terminal (a twin of the study gets the same by the CLI),
 * a bad input shows the form again with the CLI's Dutch message and changes nothing.
 */

interface FigureJson {
  createdAt?: string
  halteplaats: string
  id: string
  indicator: string
  updatedAt?: string
  value: number
  version: number
}

let study: string
let twin: string
let served: Served
let session: {cookie: string; csrf: string}
let env: NodeJS.ProcessEnv

const cli = (dir: string, ...args: string[]) => karavaan([...args, '--study', dir], {env})
/** The figures without the moments they were made, which differ between the two studies. */
const figures = (dir: string) => json<FigureJson[]>(cli(dir, 'context', 'list', '--json')).map(({createdAt: _c, updatedAt: _u, ...rest}) => rest)
const plan = (dir: string) => json<unknown[]>(cli(dir, 'plan', '--json'))

/** Every row of the figures and the plan, with their versions: equal before and after means nothing changed. */
function state(): string {
  const db = new Database(join(study, 'karavaan.db'), {fileMustExist: true, readonly: true})
  try {
    const rows = (sql: string) => db.prepare(sql).all()
    return JSON.stringify([rows('SELECT * FROM context_figures ORDER BY id'), rows('SELECT * FROM context_figure_versions ORDER BY id'), rows('SELECT * FROM plan_items ORDER BY id'), rows('SELECT * FROM plan_item_versions ORDER BY id')])
  } finally {
    db.close()
  }
}

function post(path: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  return raw(served.port, path, {
    body: new URLSearchParams(fields).toString(),
    headers: {'content-type': 'application/x-www-form-urlencoded', cookie: session.cookie, origin: served.origin, ...headers},
    method: 'POST',
  })
}

const get = (path: string) => raw(served.port, path, {headers: {cookie: session.cookie}})

beforeAll(async () => {
  study = exampleStudy()
  twin = join(tempDir(), 'tweeling')
  cpSync(study, twin, {recursive: true})
  env = {XDG_CONFIG_HOME: tempDir()}
  expect(karavaan(['config', 'set', 'interviewer', 'anna', '--study', study], {env}).code).toBe(0)
  served = await serveStudy(study, [], env)
  session = await login(served)
}, 120_000)

afterAll(async () => {
  await served?.stop()
})

describe('karavaan serve: Context en planning', () => {
  it('shows the figures per halteplaats as context list does, under its own menu entry', async () => {
    const page = await get('/context')
    expect(page.status).toBe(200)
    expect(page.body).toContain('<a class="utrecht-link" href="/context" aria-current="page">Context en planning</a>')
    expect(page.body).toContain('Kanaalzone (Veenstad, stadswijk)')
    for (const figure of figures(study)) expect(page.body).toContain(`href="/context?bewerk=${figure.id}#cijferformulier"`)
    expect(page.body).toContain('inwoners van 65 jaar en ouder')
    expect(page.body).toContain('<option value="wendelo">Wendelo</option>')
  })

  it('adds a figure exactly as context add does', async () => {
    const fields = {bron: 'Wijkmonitor Oost-Veenland', eenheid: '%', halteplaats: 'wendelo', indicator: 'Aandeel vrijwilligers', jaar: '2025', waarde: '31,5'}
    const response = await post('/context', {...fields, _csrf: session.csrf})
    expect(response.status).toBe(303)
    expect(response.headers.location).toBe('/context')
    expect(cli(twin, 'context', 'add', '--halteplaats', 'wendelo', '--indicator', 'Aandeel vrijwilligers', '--value', '31,5', '--unit', '%', '--source', 'Wijkmonitor Oost-Veenland', '--year', '2025').code).toBe(0)
    expect(figures(study)).toEqual(figures(twin))
    const page = await get('/context')
    expect(page.body).toContain('Vastgelegd: Aandeel vrijwilligers in Wendelo (2025) = 31,5 % · bron: Wijkmonitor Oost-Veenland')
    // The message is shown once.
    expect((await get('/context')).body).not.toContain('Vastgelegd:')
  })

  it('changes a figure as a new version, the old value kept, as context add does', async () => {
    const before = figures(study).find((f) => f.indicator === 'Aandeel vrijwilligers')!
    const form = await get(`/context?bewerk=${before.id}`)
    expect(form.body).toContain('value="Aandeel vrijwilligers"')
    expect(form.body).toContain('value="31,5"')
    const response = await post('/context', {_csrf: session.csrf, bron: 'Wijkmonitor Oost-Veenland', eenheid: '%', halteplaats: 'wendelo', indicator: 'Aandeel vrijwilligers', jaar: '2025', waarde: '33.1'})
    expect(response.status).toBe(303)
    expect(cli(twin, 'context', 'add', '--halteplaats', 'wendelo', '--indicator', 'Aandeel vrijwilligers', '--value', '33.1', '--unit', '%', '--source', 'Wijkmonitor Oost-Veenland', '--year', '2025').code).toBe(0)
    expect(figures(study)).toEqual(figures(twin))
    expect(figures(study).find((f) => f.id === before.id)).toMatchObject({value: 33.1, version: 2})
    expect((await get('/context')).body).toContain('Bijgewerkt (de vorige waarde is bewaard)')
    const db = new Database(join(study, 'karavaan.db'), {readonly: true})
    const versions = db.prepare('SELECT COUNT(*) FROM context_figure_versions WHERE figure_id = ?').pluck().get(before.id)
    db.close()
    expect(versions).toBe(2)
  })

  it('shows the form again with the Dutch messages of context add on bad input: 400, nothing changed', async () => {
    const before = state()
    const cases: Array<[Record<string, string>, string[]]> = [
      [{bron: 'CBS', eenheid: '%', halteplaats: 'wendelo', indicator: 'Opkomst', jaar: '2024', waarde: 'twaalf'}, ['Waarde &quot;twaalf&quot; is geen getal']],
      [{bron: 'CBS', eenheid: '%', halteplaats: 'wendelo', indicator: 'Opkomst', jaar: '2024', waarde: '1.234'}, ['dubbelzinnig']],
      [{bron: '', eenheid: '', halteplaats: 'wendelo', indicator: '', jaar: '24', waarde: '3'}, ['Indicator ontbreekt', 'Bron ontbreekt', 'Jaar &quot;24&quot; is geen jaartal']],
      [{bron: 'CBS', eenheid: '', halteplaats: 'atlantis', indicator: 'Opkomst', jaar: '2024', waarde: '3'}, ['Onbekende halteplaats &quot;atlantis&quot;']],
    ]
    for (const [fields, messages] of cases) {
      const response = await post('/context', {...fields, _csrf: session.csrf})
      expect(response.status, JSON.stringify(fields)).toBe(400)
      for (const message of messages) expect(response.body).toContain(message)
      expect(response.body).toContain('Het cijfer is niet opgeslagen')
      expect(response.body).toContain('aria-invalid="true"')
      // What was typed is there again.
      if (fields.indicator) expect(response.body).toContain(`value="${fields.indicator}"`)
    }

    expect(state()).toBe(before)
  })

  it('plans a conversation exactly as plan set does, and says a date outside the period', async () => {
    const response = await post('/context/planning', {_csrf: session.csrf, datum: '2026-06-03', halteplaats: 'havenkwartier', onderwerp: 'moeders', status: 'gepland'})
    expect(response.status).toBe(303)
    expect(cli(twin, 'plan', 'set', '--halteplaats', 'havenkwartier', '--group', 'moeders', '--date', '2026-06-03', '--state', 'gepland').code).toBe(0)
    expect(plan(study)).toEqual(plan(twin))
    expect((await get('/context/planning')).body).toMatch(/(Gepland|Bijgewerkt): gesprek met moeders in Havenkwartier, 3 juni 2026, gepland\./)

    const outside = await post('/context/planning', {_csrf: session.csrf, datum: '2027-01-12', halteplaats: 'havenkwartier', onderwerp: 'wijkwandeling', status: 'gepland'})
    expect(outside.status).toBe(303)
    expect(cli(twin, 'plan', 'set', '--halteplaats', 'havenkwartier', '--activity', 'wijkwandeling', '--date', '2027-01-12', '--state', 'gepland').code).toBe(0)
    const page = (await get('/context/planning')).body
    expect(page).toContain('valt buiten de periode van de studie')
    // An observation gets an id of its own; the rest is as plan set made it.
    const withoutIds = (rows: unknown[]) => (rows as Array<{activity: null | string; id: null | string}>).map((r) => (r.activity ? {...r, id: null} : r))
    expect(withoutIds(plan(study))).toEqual(withoutIds(plan(twin)))
  })

  it('changes a planned conversation from the row chosen with Wijzig, keeping the earlier version', async () => {
    const form = (await get('/context/planning?halteplaats=havenkwartier&onderwerp=moeders')).body
    expect(form).toContain('value="2026-06-03"')
    const response = await post('/context/planning', {_csrf: session.csrf, datum: '2026-06-03', halteplaats: 'havenkwartier', onderwerp: 'moeders', status: 'gehouden'})
    expect(response.status).toBe(303)
    expect(cli(twin, 'plan', 'set', '--halteplaats', 'havenkwartier', '--group', 'moeders', '--state', 'gehouden').code).toBe(0)
    expect(plan(study).filter((r) => (r as {group: string}).group)).toEqual(plan(twin).filter((r) => (r as {group: string}).group))
    const db = new Database(join(study, 'karavaan.db'), {readonly: true})
    const versions = db.prepare("SELECT COUNT(*) FROM plan_item_versions v JOIN plan_items p ON p.id = v.item_id WHERE p.halteplaats = 'havenkwartier' AND p.group_id = 'moeders'").pluck().get() as number
    db.close()
    expect(versions).toBeGreaterThanOrEqual(2)
  })

  it('shows the plan form again with the Dutch message of plan set on bad input: 400, nothing changed', async () => {
    const before = state()
    const cases: Array<[Record<string, string>, string]> = [
      [{datum: '2026-02-30', halteplaats: 'wendelo', onderwerp: 'ouderen', status: 'gepland'}, 'bestaat niet'],
      [{datum: '2026-03-01', halteplaats: 'wendelo', onderwerp: 'ouderen', status: 'misschien'}, 'Onbekende status &quot;misschien&quot;'],
      [{datum: '2026-03-01', halteplaats: 'atlantis', onderwerp: 'ouderen', status: 'gepland'}, 'atlantis'],
      [{datum: '2026-03-01', halteplaats: 'wendelo', onderwerp: 'dansles', status: 'gepland'}, 'dansles'],
    ]
    for (const [fields, message] of cases) {
      const response = await post('/context/planning', {...fields, _csrf: session.csrf})
      expect(response.status, JSON.stringify(fields)).toBe(400)
      expect(response.body).toContain('Er is niets opgeslagen:')
      expect(response.body).toContain(message)
    }

    expect(state()).toBe(before)
  })

  it('refuses a change without the CSRF token or from another site, and changes nothing', async () => {
    const before = state()
    const routes = [
      {body: {bron: 'CBS', eenheid: '%', halteplaats: 'wendelo', indicator: 'Van elders', jaar: '2024', waarde: '1'}, path: '/context'},
      {body: {datum: '2026-03-01', halteplaats: 'wendelo', onderwerp: 'ouderen', status: 'vervallen'}, path: '/context/planning'},
    ]
    for (const route of routes) {
      const missing = await post(route.path, route.body)
      expect(missing.status).toBe(403)
      expect(missing.body).toContain('Dit formulier is verlopen')
      const elsewhere = await post(route.path, {...route.body, _csrf: session.csrf}, {origin: 'http://evil.example'})
      expect(elsewhere.status).toBe(403)
    }

    expect(state()).toBe(before)
  })
})

// The same pages in a real browser: Debian's chromium, driven by playwright-core (never a download).

describe.skipIf(!hasChromium)('Context en planning in chromium (skipped without /usr/bin/chromium)', () => {
  let browser: Browser
  let page: Page
  let second: Served

  const axe = (name: string) => expectNoAxeViolations(page, name)

  async function tabTo(predicate: string, most = 250): Promise<void> {
    for (let i = 0; i < most; i++) {
      await page.keyboard.press('Tab')
      if (await page.evaluate(predicate)) return
    }

    throw new Error(`never reached by Tab: ${predicate}`)
  }

  const pressAndLoad = (key: string) => Promise.all([page.waitForNavigation(), page.keyboard.press(key)])

  beforeAll(async () => {
    // A server of its own: the first one's one-time token is used up.
    second = await serveStudy(study, [], env)
    browser = await launchChromium()
    page = await (await browser.newContext({locale: 'nl-NL'})).newPage()
    await page.goto(second.url)
  }, 120_000)

  afterAll(async () => {
    await browser?.close()
    await second?.stop()
  })

  it('changes a figure with the keyboard only, as a new version', async () => {
    await page.goto(`${second.origin}/context`)
    await axe('contextcijfers')
    const figure = figures(study).find((f) => f.halteplaats === 'kanaalzone' && f.indicator === 'inwoners van 65 jaar en ouder')!
    await tabTo(`document.activeElement?.getAttribute('href') === '/context?bewerk=${figure.id}#cijferformulier'`)
    await pressAndLoad('Enter')
    await expect(page.locator('#cijfer-indicator').inputValue()).resolves.toBe('inwoners van 65 jaar en ouder')
    await tabTo("document.activeElement?.id === 'cijfer-waarde'", 20)
    await page.keyboard.press('Control+A')
    await page.keyboard.type('twee')
    await tabTo("document.activeElement?.textContent === 'Cijfer opslaan'", 20)
    await pressAndLoad('Enter')
    await expect(page.locator('#waarde-fout').textContent()).resolves.toContain('Waarde "twee" is geen getal')
    await expect(page.locator('#cijfer-waarde').getAttribute('aria-invalid')).resolves.toBe('true')
    await axe('contextcijfer met een fout')
    expect(figures(study).find((f) => f.id === figure.id)).toMatchObject({version: figure.version})

    await page.locator('#cijfer-waarde').focus()
    await page.keyboard.press('Control+A')
    await page.keyboard.type('23,9')
    await page.keyboard.press('Tab')
    await page.keyboard.press('Tab')
    await page.keyboard.press('Tab')
    await tabTo("document.activeElement?.textContent === 'Cijfer opslaan'", 20)
    await pressAndLoad('Enter')
    await expect(page.getByRole('status').first().textContent()).resolves.toContain('Bijgewerkt (de vorige waarde is bewaard): inwoners van 65 jaar en ouder in Kanaalzone (2024) = 23,9 %')
    expect(figures(study).find((f) => f.id === figure.id)).toMatchObject({value: 23.9, version: figure.version + 1})
  }, 90_000)

  it('plans a conversation with the keyboard: select lists, a date input, Enter', async () => {
    await page.goto(`${second.origin}/context/planning`)
    await axe('planning')
    await page.locator('#plan-halteplaats').focus()
    // Typing in a closed select list picks the first option that starts with it, as a keyboard user does.
    await page.keyboard.type('Ha')
    await page.keyboard.press('Tab')
    await page.keyboard.type('7')
    await page.keyboard.press('Tab')
    // The order of day and month in a date input follows the browser's own language; fill it as one value.
    await page.locator('#plan-datum').fill('2026-09-15')
    // Tab walks through the day, month and year of a date input first.
    await tabTo("document.activeElement?.id === 'plan-status'", 6)
    await page.keyboard.type('verv')
    await expect(page.locator('#plan-halteplaats').inputValue()).resolves.toBe('havenkwartier')
    await expect(page.locator('#plan-onderwerp').inputValue()).resolves.toBe('wijkprofessionals')
    await expect(page.locator('#plan-datum').inputValue()).resolves.toBe('2026-09-15')
    await expect(page.locator('#plan-status').inputValue()).resolves.toBe('vervallen')
    await page.keyboard.press('Tab')
    await pressAndLoad('Enter')
    await expect(page.getByRole('status').first().textContent()).resolves.toMatch(/: gesprek met wijkprofessionals in Havenkwartier, 15 september 2026, vervallen\./)
    const row = plan(study).find((r) => (r as {group: string; halteplaats: string}).halteplaats === 'havenkwartier' && (r as {group: string}).group === 'wijkprofessionals')
    expect(row).toMatchObject({date: '2026-09-15', state: 'vervallen'})
    await expect(page.locator('caption', {hasText: 'Havenkwartier'}).count()).resolves.toBe(1)
  }, 90_000)
})

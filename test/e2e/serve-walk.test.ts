import type {Browser, Page} from 'playwright-core'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {hasChromium, launchChromium} from '../helpers/browser.js'
import {exampleStudy, json, karavaan, tempDir} from '../helpers/cli.js'
import {type Served, serveStudy} from '../helpers/serve.js'

// The walk of a project lead in one browser: which narratives sound where, those passages, a
// finding with its evidence, the finding in the report. Each step one click from the next.
const TITLE = 'Bewoners van Wendelo wachten op antwoord dat niet komt'

let study: string
let served: Served
let browser: Browser
let page: Page
let env: NodeJS.ProcessEnv
/** The quotes put under the finding, as the passages page showed them. */
const chosen: string[] = []

interface FindingJson {
  evidence: Array<{noteId: string; tagId: null | string}>
  id: string
  title: string
}

const cli = (...args: string[]) => karavaan([...args, '--study', study], {env})
const menu = () => page.getByRole('navigation', {name: 'Hoofdmenu'})
/** The words of a quote as the page shows them, without the quotation marks around them. */
const words = (quote: null | string) => (quote ?? '').trim().replace(/^“/, '').replace(/”$/, '')

beforeAll(async () => {
  if (!hasChromium) return
  study = exampleStudy()
  env = {XDG_CONFIG_HOME: tempDir()}
  served = await serveStudy(study, [], env)
  browser = await launchChromium()
  page = await (await browser.newContext({locale: 'nl-NL'})).newPage()
  await page.goto(served.url)
  await page.selectOption('#wie', 'anna')
  await page.getByRole('button', {name: 'Kies'}).click()
}, 180_000)

afterAll(async () => {
  await browser?.close()
  await served?.stop()
})

describe.skipIf(!hasChromium)('from the matrix to the report in chromium (skipped without /usr/bin/chromium)', () => {
  it('matrix cell → its passages → a new finding with that quote → the finding shows it → a second quote added with one click', async () => {
    await menu().getByRole('link', {name: 'Analyse'}).click()
    const cell = page.locator('table a[href^="/analyse/passages?narratief="]').first()
    const target = await cell.getAttribute('href')
    await cell.click()
    expect(page.url()).toContain(target!)
    const passages = page.url()
    const quotes = page.locator('li.werkplek-citaat')
    expect(await quotes.count()).toBeGreaterThan(1)
    const first = words(await quotes.nth(0).locator('blockquote').textContent())
    const second = words(await quotes.nth(1).locator('blockquote').textContent())

    await quotes.nth(0).getByRole('link', {name: 'Nieuwe bevinding met dit citaat'}).click()
    await page.getByLabel('Titel: de bevinding in één zin').fill(TITLE)
    await page.getByRole('button', {exact: true, name: 'Opslaan'}).click()
    await expect(page.locator('h1').textContent()).resolves.toContain(TITLE)
    await expect(page.locator('main blockquote').allTextContents()).resolves.toEqual(expect.arrayContaining([expect.stringContaining(first)]))

    await page.goto(passages)
    await quotes.nth(1).getByRole('combobox', {name: 'Bevinding'}).selectOption({label: TITLE})
    await quotes.nth(1).getByRole('button', {name: 'Voeg toe aan bevinding'}).click()
    expect(page.url()).toBe(passages)
    await expect(page.locator('main').textContent()).resolves.toContain('Toegevoegd aan bevinding')

    const finding = json<FindingJson[]>(cli('finding', 'list', '--json')).find((f) => f.title === TITLE)!
    const shown = json<FindingJson>(cli('finding', 'show', finding.id, '--json'))
    expect(shown.evidence.filter((e) => e.tagId !== null)).toHaveLength(2)
    await page.goto(`${served.origin}/bevindingen/${finding.id}`)
    chosen.push(first, second)
    const onPage = await page.locator('main blockquote').allTextContents()
    for (const quote of [first, second]) expect(onPage.some((q) => q.includes(quote)), quote).toBe(true)
  }, 90_000)

  it('shows that finding with its quotes in the preview of the report', async () => {
    await menu().getByRole('link', {name: 'Rapport'}).click()
    const frame = page.frameLocator('#voorbeeld')
    await expect(frame.getByRole('heading', {name: TITLE}).count()).resolves.toBe(1)
    const heading = frame.getByRole('heading', {name: TITLE})
    // The quotes follow the finding's heading, before the next finding's.
    const section = await heading.evaluate((h) => {
      let text = ''
      for (let node = h.nextElementSibling; node && !/^H[12]$/.test(node.tagName); node = node.nextElementSibling) text += `${node.textContent} `
      return text
    })
    expect(section).toContain('Onderbouwing')
    const flat = (text: string) => text.replaceAll(/\s+/g, ' ').trim()
    for (const quote of chosen) expect(flat(section)).toContain(flat(quote))
  }, 60_000)

  it('has the same menu on every page, with the page it is on marked', async () => {
    const links = await menu().getByRole('link').evaluateAll((as) => as.map((a) => ({href: a.getAttribute('href')!, label: a.textContent!})))
    expect(links.map((l) => l.label)).toEqual(['Overzicht', 'Notities', 'Nieuwe notitie', 'Taggen', 'Analyse', 'Overeenstemming', 'Bevindingen', 'Reflectiegesprekken', 'Adviezen', 'Rapport', 'Context en planning', 'Samenwerken'])
    for (const link of links) {
      await page.goto(`${served.origin}${link.href}`)
      const here = await menu().getByRole('link').evaluateAll((as) => as.map((a) => ({current: a.getAttribute('aria-current'), href: a.getAttribute('href')!, label: a.textContent!})))
      expect(here.map(({href, label}) => ({href, label})), link.href).toEqual(links)
      expect(here.filter((l) => l.current === 'page').map((l) => l.href), link.href).toEqual([link.href])
    }
  }, 90_000)
})

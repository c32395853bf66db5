import Database from 'better-sqlite3'
import {existsSync, readdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import type {Browser, BrowserContext, Page} from 'playwright-core'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {expectNoAxeViolations, hasChromium, launchChromium} from '../helpers/browser.js'
import {exampleStudy, json, karavaan, tempDir} from '../helpers/cli.js'
import {type Served, serveStudy} from '../helpers/serve.js'

// The workspace in a real browser: Debian's chromium, driven by playwright-core (never a download).

interface TagRow {
  code: string
  coder: string
  end: null | number
  origin: string
  quote: null | string
  start: null | number
}

let study: string
let served: Served
let browser: Browser
let context: BrowserContext
let page: Page
let env: NodeJS.ProcessEnv

const EMOJI_TEXT = 'Het café aan de brug 🚌 is dicht sinds maart.\nDe bewoners zijn teleurgesteld 😞 over de gemeente, en één wil actie voeren bij het gemeentehuis.'
const HOSTILE_TEXT = 'Iemand schreef <script>window.__gehackt = 1</script> en <img src="x" onerror="window.__gehackt = 2"> in de tekst over het buurthuis.'

const cli = (...args: string[]) => karavaan([...args, '--study', study], {env})
const notes = () => json<Array<{id: string; text: string; version: number}>>(cli('note', 'list', '--json'))
const tagsOf = (id: string) => json<TagRow[]>(cli('tag', 'list', '--note', id, '--json'))
const drafts = () => (existsSync(join(study, 'concepten')) ? readdirSync(join(study, 'concepten')) : [])
const points = (text: string) => [...text].length

function addNote(text: string): string {
  const added = json<{id: string}>(cli('note', 'add', '--halteplaats', 'wendelo', '--group', 'ouderen', '--date', '2026-03-10', '--interviewer', 'anna', '--text', text, '--json'))
  return added.id
}

const axe = (name: string) => expectNoAxeViolations(page, name)

async function progress(): Promise<string> {
  return (await page.locator('#voortgang').textContent()) ?? ''
}

/** Drags the mouse from the first to the last code point of `words` in the note text, as a coder does. */
async function dragOver(words: string): Promise<void> {
  const box = await page.evaluate((words) => {
    const container = document.getElementById('notitietekst')!
    const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT)
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent!.indexOf(words)
      if (at === -1) continue
      const range = document.createRange()
      range.setStart(node, at)
      range.setEnd(node, at + 1)
      const first = range.getBoundingClientRect()
      const lastLength = [...words].at(-1)!.length
      range.setStart(node, at + words.length - lastLength)
      range.setEnd(node, at + words.length)
      const last = range.getBoundingClientRect()
      return {x1: first.left + 1, x2: last.right - 1, y1: first.top + first.height / 2, y2: last.top + last.height / 2}
    }

    return null
  }, words)
  expect(box, `"${words}" in the note text`).not.toBeNull()
  await page.mouse.move(box!.x1, box!.y1)
  await page.mouse.down()
  await page.mouse.move(box!.x2, box!.y2, {steps: 8})
  await page.mouse.up()
}

/** Presses a key that sends a form or follows a link, and waits for the page it leads to. */
async function pressAndLoad(key: string): Promise<void> {
  await Promise.all([page.waitForNavigation(), page.keyboard.press(key)])
}

async function tabTo(predicate: string, most = 80): Promise<void> {
  for (let i = 0; i < most; i++) {
    await page.keyboard.press('Tab')
    if (await page.evaluate(predicate)) return
  }

  throw new Error(`never reached by Tab: ${predicate}`)
}

beforeAll(async () => {
  if (!hasChromium) return
  study = exampleStudy()
  env = {XDG_CONFIG_HOME: tempDir()}
  served = await serveStudy(study, [], env)
  browser = await launchChromium()
  context = await browser.newContext({locale: 'nl-NL'})
  page = await context.newPage()
}, 180_000)

afterAll(async () => {
  await browser?.close()
  await served?.stop()
})

describe.skipIf(!hasChromium)('karavaan serve in chromium (skipped without /usr/bin/chromium)', () => {
  it('logs in with the one-time token, drops it from the address and asks once who works here', async () => {
    await page.goto(served.url)
    expect(page.url()).toBe(`${served.origin}/`)
    await expect(page.locator('h1').textContent()).resolves.toBe('Overzicht')
    const cookies = await context.cookies()
    expect(cookies.find((c) => c.name === 'karavaan_sessie')).toMatchObject({httpOnly: true, sameSite: 'Strict'})
    await page.selectOption('#wie', 'anna')
    await page.getByRole('button', {name: 'Kies'}).click()
    await expect(page.locator('.werkplek-wie').textContent()).resolves.toContain('Anna')
    for (const label of ['Overzicht', 'Notities', 'Nieuwe notitie', 'Taggen']) await expect(page.getByRole('navigation', {name: 'Hoofdmenu'}).getByRole('link', {name: label}).count()).resolves.toBe(1)
    await expect(page.locator('#laatste + ul li').count()).resolves.toBe(10)
    await axe('overzicht')
  }, 60_000)

  it('filters the list and searches with highlighted hits', async () => {
    await page.goto(`${served.origin}/notities`)
    const all = await page.getByRole('status').textContent()
    await page.selectOption('#filter-halteplaats', 'wendelo')
    await page.getByRole('button', {name: 'Toon'}).click()
    expect(page.url()).toContain('halteplaats=wendelo')
    const wendelo = json<unknown[]>(cli('note', 'list', '--halteplaats', 'wendelo', '--json')).length
    await expect(page.getByRole('status').textContent()).resolves.toContain(`${wendelo} notities`)
    expect(all).not.toBe(await page.getByRole('status').textContent())
    await axe('notities')
    await page.fill('#filter-zoek', 'buurtbus')
    await page.getByRole('button', {name: 'Toon'}).click()
    const marks = await page.locator('tbody mark').allTextContents()
    expect(marks.length).toBeGreaterThan(0)
    for (const mark of marks) expect(mark.toLowerCase()).toContain('buurtbus')
    await axe('zoeken')
  }, 60_000)

  it('adds a note through the form: a draft as you type, a personal-data refusal, then a pseudonymised save', async () => {
    const before = notes().length
    await page.goto(`${served.origin}/notities/nieuw`)
    await axe('nieuwe notitie')
    await page.selectOption('#veld-halteplaats', 'kanaalzone')
    await page.selectOption('#veld-onderwerp', 'ouderen')
    await page.fill('#veld-datum', '2026-03-10')
    await expect(page.locator('#veld-interviewer').inputValue()).resolves.toBe('anna')
    await page.check('#themas-0')
    await page.locator('#veld-tekst').pressSequentially('Mevrouw Jansen belde met 06-12345678 over de buurtbus naar het buurthuis.', {delay: 5})
    await page.waitForFunction(() => document.getElementById('conceptstatus')?.textContent?.includes('Concept bewaard'))
    const [draft] = drafts()
    expect(draft).toMatch(/^notitie-.*\.md$/)
    expect(readFileSync(join(study, 'concepten', draft), 'utf8')).toContain('over de buurtbus naar het buurthuis.')

    // Closing the tab loses nothing: a new tab offers the draft, with the text in it.
    await page.close()
    page = await context.newPage()
    await page.goto(`${served.origin}/notities/nieuw`)
    await page.getByRole('link', {name: `Verder met concepten/${draft}`}).click()
    await expect(page.locator('#veld-tekst').inputValue()).resolves.toContain('06-12345678 over de buurtbus')
    await expect(page.locator('#veld-halteplaats').inputValue()).resolves.toBe('kanaalzone')

    await page.getByRole('button', {name: 'Opslaan', exact: true}).click()
    const alert = page.locator('#persoonsgegevens')
    await expect(alert.locator('mark').allTextContents()).resolves.toEqual(['Jansen', '06-12345678'])
    await expect(alert.textContent()).resolves.toContain('Regel 1, kolom 26: telefoonnummer')
    expect(notes().length).toBe(before)
    await axe('persoonsgegevens gevonden')

    await page.getByRole('button', {name: 'Vervang ze door vaste plaatshouders en sla op'}).click()
    await expect(page.getByRole('status').first().textContent()).resolves.toContain('2 persoonsgegevens zijn vervangen')
    const stored = notes().find((n) => n.text.includes('over de buurtbus naar het buurthuis'))!
    expect(stored.text).toMatch(/^Mevrouw \[naam-[\da-f]+\] belde met \[telefoonnummer-[\da-f]+\] over/)
    expect(drafts()).toEqual([])
  }, 90_000)

  it('shows every wrong field again with a Dutch message, and stores nothing', async () => {
    const before = notes().length
    await page.goto(`${served.origin}/notities/nieuw`)
    await page.fill('#veld-datum', '')
    await page.getByRole('button', {name: 'Opslaan', exact: true}).click()
    for (const field of ['halteplaats', 'onderwerp', 'datum', 'tekst']) {
      await expect(page.locator(`#veld-${field}`).getAttribute('aria-invalid')).resolves.toBe('true')
      await expect(page.locator(`#${field}-fout`).textContent()).resolves.toMatch(/\S/)
    }

    expect(notes().length).toBe(before)
    await axe('formulier met fouten')
  }, 60_000)

  it('tags a passage with emoji and accents chosen with the mouse, at the exact code-point offsets', async () => {
    const id = addNote(EMOJI_TEXT)
    await page.goto(`${served.origin}/notities/${id}`)
    const words = 'teleurgesteld 😞 over de gemeente, en één'
    await dragOver(words)
    const start = points(EMOJI_TEXT.slice(0, EMOJI_TEXT.indexOf(words)))
    await expect(page.locator('#keuze').textContent()).resolves.toContain(`«${words}» (teken ${start} tot ${start + points(words)})`)
    await page.selectOption('#tag-code', 'ongehoorde-burger')
    await page.getByRole('button', {name: 'Tag opslaan'}).click()
    const tag = tagsOf(id).find((t) => t.coder === 'anna')!
    expect(tag).toMatchObject({code: 'ongehoorde-burger', end: start + points(words), quote: words, start})
    expect([...EMOJI_TEXT].slice(tag.start!, tag.end!).join('')).toBe(words)
    await expect(page.locator('mark.werkplek-tag').textContent()).resolves.toBe(words)
    await expect(page.locator('[data-label]').textContent()).resolves.toContain('ongehoorde burger')
    await axe('notitie met tags')
  }, 60_000)

  it('tags a passage by keyboard only: Tab to the text, Shift with the arrows, Enter, choose, submit', async () => {
    const id = addNote(EMOJI_TEXT)
    await page.goto(`${served.origin}/notities/${id}`)
    await tabTo("document.activeElement?.id === 'notitietekst'")
    await page.keyboard.press('Shift+ArrowRight')
    await page.keyboard.press('Shift+ArrowRight')
    await expect(page.locator('#keuze').textContent()).resolves.toContain('«Het café» (teken 0 tot 8)')
    await page.keyboard.press('Enter')
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('tag-code')
    await page.keyboard.press('ArrowDown')
    const code = await page.locator('#tag-code').inputValue()
    await tabTo("document.activeElement?.textContent === 'Tag opslaan'")
    await pressAndLoad('Enter')
    expect(page.url()).toBe(`${served.origin}/notities/${id}`)
    expect(tagsOf(id).filter((t) => t.coder === 'anna')).toEqual([expect.objectContaining({code, end: 8, quote: 'Het café', start: 0})])
  }, 60_000)

  it('works through the review queue by keyboard: a accepts, j and k move, 1 tags the whole note', async () => {
    await page.goto(`${served.origin}/taggen`)
    await axe('taggen')
    const shortcuts = await page.locator('#sneltoetsen').textContent()
    for (const key of ['1 tot en met 5', 'a neemt', 'r wijst', 'j gaat', 'k naar']) expect(shortcuts).toContain(key)
    const [, total] = /Notitie 1 van (\d+)/.exec(await progress())!
    // With j to the first note of the queue that has a suggestion open.
    let nr = 1
    while (!(await page.locator('#huidige-suggestie').count())) {
      await pressAndLoad('j')
      nr++
      await expect(progress()).resolves.toBe(`Notitie ${nr} van ${total}`)
    }

    const first = (await page.locator('#notitiekop a').getAttribute('href'))!.split('/').pop()!
    const narrative = await page.locator('#huidige-suggestie input[name="narrative"]').first().inputValue()
    await pressAndLoad('a')
    await expect(progress()).resolves.toBe(`Notitie ${nr} van ${total}`)
    expect(tagsOf(first)).toContainEqual(expect.objectContaining({code: narrative, coder: 'anna', origin: 'suggestion'}))

    await pressAndLoad('j')
    await expect(progress()).resolves.toBe(`Notitie ${nr + 1} van ${total}`)
    const second = (await page.locator('#notitiekop a').getAttribute('href'))!.split('/').pop()!
    await pressAndLoad('1')
    expect(page.url()).toMatch(new RegExp(`nr=${nr + 1}$`))
    expect(tagsOf(second)).toContainEqual(expect.objectContaining({code: 'onzichtbare-overheid', coder: 'anna', end: null, start: null}))
    await pressAndLoad('k')
    await expect(progress()).resolves.toBe(`Notitie ${nr} van ${total}`)
  }, 90_000)

  it('accepts and rejects a suggestion on the note page; the rejection is stored and not asked again', async () => {
    // A note of the queue with at least two open suggestions.
    let id = ''
    for (let nr = 3; nr < 30 && !id; nr++) {
      await page.goto(`${served.origin}/taggen?nr=${nr}`)
      if (await page.getByText(/daarna nog \d+ op deze notitie/).count()) id = (await page.locator('#notitiekop a').getAttribute('href'))!.split('/').pop()!
    }

    expect(id).not.toBe('')
    await page.goto(`${served.origin}/notities/${id}`)
    const suggestion = (i: number) => page.locator('.werkplek-suggestie').nth(i)
    const accepted = await suggestion(0).locator('input[name="narrative"]').first().inputValue()
    await suggestion(0).getByRole('button', {name: /^Accepteer/}).click()
    expect(tagsOf(id)).toContainEqual(expect.objectContaining({code: accepted, coder: 'anna', origin: 'suggestion'}))

    const left = await page.locator('.werkplek-suggestie').count()
    const rejected = await suggestion(0).locator('input[name="narrative"]').first().inputValue()
    const range = await Promise.all(['start', 'end'].map((n) => suggestion(0).locator(`input[name="${n}"]`).first().inputValue()))
    await suggestion(0).getByRole('button', {name: /^Wijs af/}).click()
    await expect(page.locator('.werkplek-suggestie').count()).resolves.toBe(left - 1)
    const db = new Database(join(study, 'karavaan.db'), {fileMustExist: true, readonly: true})
    try {
      expect(db.prepare('SELECT note_id, narrative, coder, start_pos, end_pos FROM rejections WHERE withdrawn_at IS NULL').all()).toContainEqual({coder: 'anna', end_pos: Number(range[1]), narrative: rejected, note_id: id, start_pos: Number(range[0])})
    } finally {
      db.close()
    }

    expect(tagsOf(id).some((t) => t.code === rejected && t.origin === 'suggestion')).toBe(false)
    await page.reload()
    const again = page.locator(`.werkplek-suggestie:has(input[name="narrative"][value="${rejected}"]):has(input[name="start"][value="${range[0]}"])`)
    await expect(again.count()).resolves.toBe(0)
  }, 90_000)

  it('edits a note as a new version and shows what changed; a change made with the CLI shows on reload', async () => {
    const id = addNote('De bewoners willen een bankje bij de bushalte.')
    await page.goto(`${served.origin}/notities/${id}/bewerken`)
    await axe('bewerken')
    await page.fill('#veld-tekst', 'De bewoners willen een overdekt bankje bij de bushalte.')
    await page.getByRole('button', {name: 'Opslaan als nieuwe versie'}).click()
    await expect(page.getByRole('status').first().textContent()).resolves.toContain('Opgeslagen als versie 2')
    await expect(page.locator('.werkplek-verschil ins').textContent()).resolves.toContain('overdekt')

    expect(cli('note', 'edit', id, '--text', 'De bewoners willen twee bankjes bij de bushalte.').code).toBe(0)
    await page.reload()
    await expect(page.locator('#notitietekst').textContent()).resolves.toBe('De bewoners willen twee bankjes bij de bushalte.')
    await expect(page.locator('#versiekop ~ ol li').count()).resolves.toBe(3)
  }, 60_000)

  it('keeps <script> and <img onerror> in a note as inert text', async () => {
    const id = addNote(HOSTILE_TEXT)
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(error.message))
    for (const path of [`/notities/${id}`, '/notities?zoek=buurthuis', `/notities/${id}/bewerken`, '/']) {
      await page.goto(`${served.origin}${path}`)
      expect(await page.evaluate(() => (window as unknown as {__gehackt?: number}).__gehackt), path).toBeUndefined()
      await expect(page.locator('main img').count()).resolves.toBe(0)
    }

    await page.goto(`${served.origin}/notities/${id}`)
    await expect(page.locator('#notitietekst').textContent()).resolves.toBe(HOSTILE_TEXT)
    expect(errors).toEqual([])
  }, 60_000)
})

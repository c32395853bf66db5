import Database from 'better-sqlite3'
import {join} from 'node:path'
import type {Browser, Page} from 'playwright-core'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {expectNoAxeViolations, hasChromium, launchChromium} from '../helpers/browser.js'
import {exampleStudy, json, karavaan, tempDir} from '../helpers/cli.js'
import {login, raw, type Served, serveStudy} from '../helpers/serve.js'

// The Overeenstemming page: tag agreement between coders in the browser, and settling a difference.

interface TagRow {
  code: string
  coder: string
  end: null | number
  id: string
  kind: string
  noteId: string
  origin: string
  quote: null | string
  start: null | number
}

interface Measure {
  alpha: null | number
  kappa: null | number
  observed: number
}

interface Report {
  coders: string[]
  disagreements: Array<{narrative: string; notTagged: string[]; note: string; tagged: string[]}>
  overall: Measure
  perNarrative: Array<Measure & {narrative: string; units: number}>
  units: number
}

const NARRATIVES = ['onzichtbare-overheid', 'onzichtbare-burger', 'ongelijke-behandeling', 'ongehoorde-burger', 'ervaren-incompetentie']

/**
 * The example study (the interviewers, and joost as a second coder from tags-tweede-codeur.csv)
 * with a third coder, bram, who tags some of joost's notes with `tag add --coder`: on two notes
 * the same passage as joost, on the others another narrative on the whole note.
 */
function studyWithTwoCoders(): {bramTagged: string[]; study: string} {
  const study = exampleStudy()
  const cli = (...args: string[]) => karavaan([...args, '--study', study])
  const joost = json<TagRow[]>(cli('tag', 'list', '--coder', 'joost', '--json')).filter((t) => t.kind === 'narrative')
  const notes = [...new Set(joost.map((t) => t.noteId))].slice(0, 6)
  notes.forEach((note, i) => {
    if (i < 2) {
      const same = joost.find((t) => t.noteId === note && t.start !== null)!
      expect(cli('tag', 'add', note, same.code, '--start', String(same.start), '--end', String(same.end), '--coder', 'bram').code).toBe(0)
    } else {
      const other = NARRATIVES.find((n) => !joost.some((t) => t.noteId === note && t.code === n))!
      expect(cli('tag', 'add', note, other, '--coder', 'bram').code).toBe(0)
    }
  })
  return {bramTagged: notes, study}
}

const fmt = (n: null | number) => (n === null ? '–' : n.toFixed(2).replace('.', ','))
const percent = (n: number) => `${Math.round(n * 100)}%`
const verdict = (n: null | number) => (n === null ? 'niet te bepalen' : n > 0.8 ? 'uitstekend' : n > 0.6 ? 'goed' : n > 0.4 ? 'matig' : 'zwak')
const text = (fragment: string) => fragment.replaceAll(/<[^>]+>/g, '').replaceAll('&quot;', '"').replaceAll('&amp;', '&').replaceAll(/\s+/g, ' ').trim()

/** The rows of the figures table as the page shows them: narrative, eens, kappa, alpha, oordeel, notities. */
function tableRows(body: string): string[][] {
  const table = /<table class="utrecht-table" id="overeenstemming">([\s\S]*?)<\/table>/.exec(body)?.[1]
  expect(table, 'the figures table').toBeDefined()
  const tbody = /<tbody[^>]*>([\s\S]*)<\/tbody>/.exec(table!)![1]
  return [...tbody.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((row) => [...row[1].matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((cell) => text(cell[1])))
}

/** The rows `tag agreement --json` gives, written as the page writes them. */
function expectedRows(report: Report): string[][] {
  const main = (r: Measure) => (report.coders.length === 2 ? r.kappa : r.alpha)
  const row = (label: string, r: Measure, units: number) => [label, percent(r.observed), fmt(r.kappa), fmt(r.alpha), verdict(main(r)), String(units)]
  const labels = ['1. onzichtbare overheid', '2. onzichtbare burger', '3. ongelijke behandeling', '4. ongehoorde burger', '5. ervaren incompetentie']
  return [...report.perNarrative.map((r, i) => row(labels[i], r, r.units)), row('Alles samen', report.overall, report.units)]
}

interface PostForm {
  action: string
  button: string
  fields: Record<string, string>
}

/** The POST forms on a page with their hidden fields and the button's words. */
function postForms(body: string): PostForm[] {
  return [...body.matchAll(/<form method="post" action="([^"]+)">([\s\S]*?)<\/form>/g)].map((m) => ({
    action: m[1].replaceAll('&amp;', '&'),
    button: text(/<button[^>]*>([\s\S]*?)<\/button>/.exec(m[2])?.[1] ?? ''),
    fields: Object.fromEntries([...m[2].matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((f) => [f[1], f[2].replaceAll('&amp;', '&')])),
  }))
}

describe('karavaan serve: Overeenstemming over HTTP', () => {
  let study: string
  let served: Served
  let session: {cookie: string; csrf: string}
  let bramTagged: string[]
  const cli = (...args: string[]) => karavaan([...args, '--study', study])
  const agreement = (coders: string) => json<Report>(cli('tag', 'agreement', '--coders', coders, '--json'))
  const get = (path: string) => raw(served.port, path, {headers: {cookie: session.cookie}})
  const post = (path: string, fields: Record<string, string>) => raw(served.port, path, {
    body: new URLSearchParams(fields).toString(),
    headers: {'content-type': 'application/x-www-form-urlencoded', cookie: session.cookie, origin: served.origin},
    method: 'POST',
  })

  /** Every row a settle could touch: equal before and after means nothing changed. */
  function state(): string {
    const db = new Database(join(study, 'karavaan.db'), {fileMustExist: true, readonly: true})
    try {
      return JSON.stringify({codings: db.prepare('SELECT * FROM codings ORDER BY note_id, coder').all(), tags: db.prepare('SELECT * FROM tags ORDER BY id').all()})
    } finally {
      db.close()
    }
  }

  beforeAll(async () => {
    ;({bramTagged, study} = studyWithTwoCoders())
    // Bram works in this browser: config gives the workspace his id.
    const env = {XDG_CONFIG_HOME: tempDir()}
    expect(karavaan(['config', 'set', 'interviewer', 'bram', '--study', study], {env}).code).toBe(0)
    served = await serveStudy(study, [], env)
    session = await login(served)
  }, 180_000)

  afterAll(async () => {
    await served?.stop()
  })

  it('is in the menu, and by default compares the interviewers with the first other coder', async () => {
    const page = await get('/overeenstemming')
    expect(page.status).toBe(200)
    expect(page.body).toContain('<a class="utrecht-link" href="/overeenstemming" aria-current="page">Overeenstemming</a>')
    expect(tableRows(page.body)).toEqual(expectedRows(agreement('interviewer,bram')))
    // Every coder with decisions can be chosen, and the kit too.
    for (const coder of ['interviewer', 'bram', 'joost', 'kit']) expect(page.body).toContain(`<option value="${coder}"`)
  })

  it('shows the same numbers as tag agreement --json for two and for three coders', async () => {
    for (const coders of ['joost,bram', 'interviewer,joost', 'interviewer,joost,bram', 'kit,joost']) {
      const page = await get(`/overeenstemming?${coders.split(',').map((c) => `codeur=${c}`).join('&')}`)
      expect(page.status, coders).toBe(200)
      const report = agreement(coders)
      expect(tableRows(page.body), coders).toEqual(expectedRows(report))
      const notes = new Set(report.disagreements.map((d) => d.note)).size
      expect(text(page.body), coders).toContain(`${report.disagreements.length} verschil${report.disagreements.length === 1 ? '' : 'len'} in ${notes} notitie${notes === 1 ? '' : 's'}`)
    }

    // Three coders: kappa is not defined, the verdict is on alpha.
    const three = await get('/overeenstemming?codeur=interviewer&codeur=joost&codeur=bram')
    expect(tableRows(three.body).every((row) => row[2] === '–')).toBe(true)
    expect(three.body).toContain('Het oordeel gaat over alpha')
  })

  it('shows each differing note side by side, with every coder\'s tags in words, and pages through many', async () => {
    const report = agreement('interviewer,joost')
    const first = await get('/overeenstemming?codeur=interviewer&codeur=joost')
    const firstNote = report.disagreements[0].note
    expect(first.body).toContain(`href="/notities/${firstNote}"`)
    expect(first.body).toContain('De notitie zoals interviewer haar codeerde')
    expect(first.body).toContain('De notitie zoals joost haar codeerde')
    // A passage joost tagged is marked in his colour, with his id and the narrative in words after it.
    const passage = json<TagRow[]>(cli('tag', 'list', '--coder', 'joost', '--note', firstNote, '--json')).find((t) => t.start !== null)!
    expect(text(first.body)).toContain(`[joost: ${({'onzichtbare-overheid': '1 onzichtbare overheid', 'onzichtbare-burger': '2 onzichtbare burger', 'ongelijke-behandeling': '3 ongelijke behandeling', 'ongehoorde-burger': '4 ongehoorde burger', 'ervaren-incompetentie': '5 ervaren incompetentie'} as Record<string, string>)[passage.code]}]`)
    expect(first.body).toContain('id="legenda"')
    // Bram is not one of these coders: nothing to settle for him here, and the page says why.
    expect(text(first.body)).toContain('Je werkt als bram, en dat is geen van de vergeleken codeurs')
    expect(postForms(first.body)).toEqual([])

    const notes = [...new Set(report.disagreements.map((d) => d.note))]
    expect(notes.length).toBeGreaterThan(10)
    expect(first.body).toContain('Pagina 1 van 2')
    const second = await get('/overeenstemming?codeur=interviewer&codeur=joost&pagina=2')
    expect(second.body).toContain(`href="/notities/${notes[10]}"`)
    expect(second.body).not.toContain(`href="/notities/${notes[0]}"`)
  })

  it('refuses an unknown coder or the same coder twice with a Dutch 400, and changes nothing', async () => {
    const before = state()
    const unknown = await get('/overeenstemming?codeur=joost&codeur=niemand')
    expect(unknown.status).toBe(400)
    expect(text(unknown.body)).toContain('"niemand" is geen codeur in deze studie. Kies een codeur uit de lijst')
    expect(unknown.body).toContain('id="codeurkeuze"')
    const twice = await get('/overeenstemming?codeur=joost&codeur=joost')
    expect(twice.status).toBe(400)
    expect(text(twice.body)).toContain('Kies twee verschillende codeurs')
    const one = await get('/overeenstemming?codeur=joost')
    expect(one.status).toBe(400)
    expect(state()).toBe(before)
  })

  it('settles a difference by taking the other coder\'s tag over, as tag add does: the database and the figures change', async () => {
    const path = '/overeenstemming?codeur=joost&codeur=bram'
    const before = agreement('joost,bram')
    const page = await get(path)
    // A difference on a note where joost has a passage bram lacks.
    const take = postForms(page.body).find((f) => f.button.startsWith('Neem over van joost') && f.fields.start !== '')!
    expect(take, 'a "Neem over" button').toBeDefined()
    const noteId = /^\/notities\/([^/]+)\/tags$/.exec(take.action)![1]
    expect(take.fields.terug).toBe(path)

    // Without the CSRF token: refused, nothing changed.
    const unchanged = state()
    const {_csrf: _, ...withoutToken} = take.fields
    expect((await post(take.action, withoutToken)).status).toBe(403)
    expect(state()).toBe(unchanged)

    const answer = await post(take.action, take.fields)
    expect(answer.status).toBe(303)
    expect(answer.headers.location).toBe(path)
    const tags = json<TagRow[]>(cli('tag', 'list', '--note', noteId, '--coder', 'bram', '--json'))
    expect(tags).toContainEqual(expect.objectContaining({code: take.fields.code, coder: 'bram', end: Number(take.fields.end), origin: 'coder', start: Number(take.fields.start)}))

    const after = agreement('joost,bram')
    expect(after.disagreements.some((d) => d.note === noteId && d.narrative === take.fields.code)).toBe(false)
    expect(after.disagreements.length).toBe(before.disagreements.length - 1)
    expect(after.overall.observed).toBeGreaterThan(before.overall.observed)
    const again = await get(path)
    expect(tableRows(again.body)).toEqual(expectedRows(after))
    expect(tableRows(again.body)).not.toEqual(expectedRows(before))
  })

  it('settles a difference by taking one\'s own tag off, as tag rm does: the tag is kept with the time it was removed', async () => {
    const path = '/overeenstemming?codeur=joost&codeur=bram'
    const before = agreement('joost,bram')
    const own = postForms((await get(path)).body).find((f) => f.button.startsWith('Haal jouw tag weg'))!
    expect(own, 'a "Haal jouw tag weg" button').toBeDefined()
    const [, noteId, tagId] = /^\/notities\/([^/]+)\/tags\/([^/]+)\/verwijderen$/.exec(own.action)!
    expect(bramTagged).toContain(noteId)
    const tag = json<TagRow[]>(cli('tag', 'list', '--note', noteId, '--json')).find((t) => t.id === tagId)!
    expect(tag.coder).toBe('bram')

    const answer = await post(own.action, own.fields)
    expect(answer.status).toBe(303)
    expect(json<TagRow[]>(cli('tag', 'list', '--note', noteId, '--json')).some((t) => t.id === tagId)).toBe(false)
    const db = new Database(join(study, 'karavaan.db'), {fileMustExist: true, readonly: true})
    try {
      expect((db.prepare('SELECT deleted_at FROM tags WHERE id = ?').get(tagId) as {deleted_at: null | string}).deleted_at).not.toBeNull()
    } finally {
      db.close()
    }

    const after = agreement('joost,bram')
    expect(after.disagreements.some((d) => d.note === noteId && d.narrative === tag.code)).toBe(false)
    expect(after.disagreements.length).toBe(before.disagreements.length - 1)
    expect(tableRows((await get(path)).body)).toEqual(expectedRows(after))
  })
})

describe.skipIf(!hasChromium)('karavaan serve: Overeenstemming in chromium (skipped without /usr/bin/chromium)', () => {
  let study: string
  let served: Served
  let browser: Browser
  let page: Page

  const axe = (name: string) => expectNoAxeViolations(page, name)

  beforeAll(async () => {
    ;({study} = studyWithTwoCoders())
    served = await serveStudy(study, [], {XDG_CONFIG_HOME: tempDir()})
    browser = await launchChromium()
    page = await (await browser.newContext({locale: 'nl-NL'})).newPage()
    await page.goto(served.url)
  }, 180_000)

  afterAll(async () => {
    await browser?.close()
    await served?.stop()
  })

  it('chooses the coders with the keyboard, shows a differing note side by side, and settles it with a click', async () => {
    await page.goto(`${served.origin}/overeenstemming`)
    // Nobody chosen yet: the page asks who you are, and says settling needs it.
    await expect(page.locator('#oplossen-uitleg').textContent()).resolves.toContain('Kies eerst wie je bent')
    await page.selectOption('#wie', 'bram')
    await Promise.all([page.waitForNavigation(), page.getByRole('button', {name: 'Kies'}).click()])
    expect(new URL(page.url()).pathname).toBe('/overeenstemming')
    await axe('overeenstemming, interviewer en bram')

    // Codeur 1 becomes joost, codeur 2 bram, by keyboard only: focus, type to choose, Enter sends the form.
    await page.locator('#codeur-1').focus()
    await page.keyboard.type('joost')
    await page.keyboard.press('Tab')
    await page.keyboard.type('bram')
    // Past "Codeur 3 (mag leeg)" to the button.
    await page.keyboard.press('Tab')
    await page.keyboard.press('Tab')
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Vergelijk')
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')])
    expect(new URL(page.url()).search).toBe('?codeur=joost&codeur=bram&codeur=')
    await expect(page.locator('#codeur-1').inputValue()).resolves.toBe('joost')
    await expect(page.locator('#codeur-2').inputValue()).resolves.toBe('bram')

    const count = async () => Number(/^(\d+) verschil/.exec((await page.locator('#aantal-verschillen').textContent()) ?? '')?.[1] ?? 0)
    const differences = await count()
    expect(differences).toBeGreaterThan(1)
    const article = page.locator('article.werkplek-verschilnotitie').first()
    await expect(article.locator('section.werkplek-kolom').count()).resolves.toBe(2)
    await expect(article.locator('section.werkplek-kolom').first().locator('h4').textContent()).resolves.toBe('joost')
    // Side by side: the two readings of the note stand next to each other.
    const [left, right] = await article.locator('section.werkplek-kolom').evaluateAll((els) => els.map((el) => el.getBoundingClientRect().top))
    expect(Math.abs(left - right)).toBeLessThan(2)
    await expect(article.locator('mark.werkplek-codeur--1').count()).resolves.toBeGreaterThan(0)
    await axe('overeenstemming met verschillen')

    const heading = (await article.locator('h3').textContent()) ?? ''
    const kappaBefore = await page.locator('#overeenstemming tbody tr').last().locator('td').nth(1).textContent()
    await Promise.all([page.waitForNavigation(), article.getByRole('button', {name: /^Neem over van joost/}).first().click()])
    expect(new URL(page.url()).search).toBe('?codeur=joost&codeur=bram')
    await expect(count()).resolves.toBe(differences - 1)
    expect(await page.locator('#overeenstemming tbody tr').last().locator('td').nth(1).textContent()).not.toBe(kappaBefore)

    // Settle everything on the first pages until the coders agree: the page then says so.
    for (let i = 0; i < 60 && (await page.locator('#geen-verschillen').count()) === 0; i++) {
      const button = page.locator('article.werkplek-verschilnotitie button').first()
      await Promise.all([page.waitForNavigation(), button.click()])
    }

    await expect(page.locator('#geen-verschillen').textContent()).resolves.toContain('Geen verschillen')
    await expect(page.getByText(heading).count()).resolves.toBe(0)
    await axe('overeenstemming zonder verschillen')
  }, 120_000)
})

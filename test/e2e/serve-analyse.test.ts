import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import type {Browser, Page} from 'playwright-core'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {expectNoAxeViolations, hasChromium, launchChromium} from '../helpers/browser.js'
import {exampleStudy, json, karavaan, makeStudy, tempDir} from '../helpers/cli.js'
import {login, raw, type Served, serveStudy} from '../helpers/serve.js'

// The Analyse pages against the CLI they show: analyse matrix, analyse quotes, analyse compare.

interface MatrixJson {
  columns: Array<{id: string; label: string}>
  rows: Array<{cells: Record<string, {count: number; share: number}>; id: string; label: string; notes: number}>
  total: {cells: Record<string, {count: number; share: number}>; notes: number}
}
interface QuoteJson {
  attribution: string
  quote: string
}
interface ContrastJson {
  message: string
  narrative: string
  row: string
  rowsBy: string
}

let study: string
let served: Served
let session: {cookie: string; csrf: string}
const env = {XDG_CONFIG_HOME: tempDir()}
const TEAM = ['Anna Visser', 'Bram de Jong', 'Fatima El Amrani']

const cli = (...args: string[]) => karavaan([...args, '--study', study], {env})
const get = (path: string) => raw(served.port, path, {headers: {cookie: session.cookie}})

const decode = (text: string) => text.replaceAll('&quot;', '"').replaceAll('&#39;', '\'').replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&')
/** The words a sighted reader sees: without tags and without the words only a screen reader reads. */
const visible = (fragment: string) => decode(fragment.replaceAll(/<span class="werkplek-verborgen">[\s\S]*?<\/span>/g, '').replaceAll(/<[^>]+>/g, '')).trim()
const mainOf = (body: string) => body.slice(body.indexOf('<main'), body.indexOf('</main>'))

interface Cell {
  href?: string
  text: string
}

/** The matrix table as rows of header and cells, the total last. */
function matrixOf(body: string): Array<{cells: Cell[]; label: string}> {
  const table = /<table class="utrecht-table werkplek-matrix">([\s\S]*?)<\/table>/.exec(body)?.[1]
  expect(table, 'the matrix table').toBeDefined()
  return [...table!.matchAll(/<tr class="utrecht-table__row[^"]*">([\s\S]*?)<\/tr>/g)]
    .map((m) => m[1])
    .filter((row) => row.includes('scope="row"'))
    .map((row) => ({
      cells: [...row.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((td) => ({href: /href="([^"]+)"/.exec(td[1])?.[1], text: visible(td[1])})),
      label: visible(/<th[^>]*scope="row">([\s\S]*?)<\/th>/.exec(row)![1]),
    }))
}

interface Item {
  attribution?: string
  form?: string
  link?: string
  note: string
  quote?: string
}

/** The passages (with their note and add-to-finding control) and the whole notes of a passages page. */
function passagesOf(body: string): {notes: Item[]; passages: Item[]} {
  const items = (kind: string) => [...body.matchAll(new RegExp(`<li class="${kind}">([\\s\\S]*?)</li>`, 'g'))].map((m) => ({
    attribution: /<figcaption[^>]*>— ([\s\S]*?)<\/figcaption>/.exec(m[1])?.[1],
    form: /<form[\s\S]*?<\/form>/.exec(m[1])?.[0],
    link: /href="(\/bevindingen\/nieuw\?[^"]+)"/.exec(m[1])?.[1],
    note: /href="\/notities\/([\da-f-]{36})"/.exec(m[1])![1],
    quote: /<blockquote[^>]*><p[^>]*>“([\s\S]*?)”<\/p>/.exec(m[1])?.[1],
  })).map((item) => ({...item, attribution: item.attribution && decode(item.attribution), link: item.link && decode(item.link), quote: item.quote && decode(item.quote)}))
  return {notes: items('werkplek-hele-notitie'), passages: items('werkplek-citaat')}
}

const hidden = (form: string, name: string) => {
  const value = new RegExp(`<input type="hidden" name="${name}" value="([^"]*)">`).exec(form)?.[1]
  return value === undefined ? undefined : decode(value)
}

beforeAll(async () => {
  study = exampleStudy()
  served = await serveStudy(study, [], env)
  session = await login(served)
}, 180_000)

afterAll(async () => {
  await served?.stop()
})

describe('karavaan serve: Analyse', () => {
  it('has Analyse in the menu, marked on each of its pages', async () => {
    for (const path of ['/analyse', '/analyse/verschillen', '/analyse/passages?narratief=1']) {
      const page = await get(path)
      expect(page.status, path).toBe(200)
      expect(page.body, path).toContain('<a class="utrecht-link" href="/analyse" aria-current="page">Analyse</a>')
    }
  })

  it('shows the counts and shares of analyse matrix --json for every choice of rows and columns, in the address', async () => {
    for (const [rijen, rows] of [['halteplaats', 'halteplaats'], ['groep', 'group'], ['interviewer', 'interviewer']]) {
      for (const [kolommen, cols] of [['narratieven', 'narrative'], ['themas', 'theme']]) {
        const expected = json<MatrixJson>(cli('analyse', 'matrix', '--rows', rows, '--cols', cols, '--json'))
        const page = await get(`/analyse?rijen=${rijen}&kolommen=${kolommen}`)
        expect(page.status).toBe(200)
        // The choice stays in the form, so the page can be bookmarked and shown again.
        expect(page.body).toContain(`<option value="${rijen}" selected>`)
        expect(page.body).toContain(`<option value="${kolommen}" selected>`)
        const shown = matrixOf(page.body)
        const want = [...expected.rows.map((r) => ({...r, label: r.label})), {...expected.total, label: 'Totaal'}]
        expect(shown.map((r) => r.label)).toEqual(want.map((r) => r.label))
        for (const [i, row] of want.entries()) {
          const texts = [String(row.notes), ...expected.columns.map((c) => (row.cells[c.id].count === 0 ? '–' : `${row.cells[c.id].count} (${Math.round(row.cells[c.id].share * 100)}%)`))]
          expect(shown[i].cells.map((c) => c.text), `${rijen} × ${kolommen}, ${row.label}`).toEqual(texts)
          // Every cell that is not zero opens its passages; an empty one is no link.
          for (const [j, column] of expected.columns.entries()) expect(Boolean(shown[i].cells[j + 1].href), column.id).toBe(row.cells[column.id].count > 0)
        }
      }
    }
  })

  it('leads from a cell to exactly the passages of analyse quotes for that cell, and to the notes the cell counts', async () => {
    const narratives = json<MatrixJson>(cli('analyse', 'matrix', '--json'))
    const cases: Array<{flags: string[]; path: string; rijen: string}> = []
    for (const rijen of ['halteplaats', 'groep']) {
      const rows = matrixOf((await get(`/analyse?rijen=${rijen}`)).body)
      const expected = json<MatrixJson>(cli('analyse', 'matrix', '--rows', rijen === 'groep' ? 'group' : 'halteplaats', '--json'))
      for (const [i, row] of expected.rows.entries()) {
        // Two narratives for every halteplaats, one for every group, and the whole study.
        for (const [j, column] of expected.columns.entries()) {
          if (rijen === 'groep' ? j !== 3 : j > 1) continue
          if (row.cells[column.id].count === 0) {
            expect(rows[i].cells[j + 1].href).toBeUndefined()
            continue
          }

          const href = decode(rows[i].cells[j + 1].href!)
          expect(href).toBe(`/analyse/passages?narratief=${column.id}&${rijen}=${row.id}`)
          cases.push({flags: ['--narrative', column.id, rijen === 'groep' ? '--group' : '--halteplaats', row.id], path: href, rijen})
          const page = await get(href)
          const {notes, passages} = passagesOf(page.body)
          // The notes behind the passages and the whole notes are the notes the cell counts.
          expect(new Set([...passages, ...notes].map((p) => p.note)).size, href).toBe(row.cells[column.id].count)
        }
      }
    }

    const total = decode(matrixOf((await get('/analyse')).body).at(-1)!.cells[2].href!)
    expect(total).toBe(`/analyse/passages?narratief=${narratives.columns[1].id}`)
    cases.push({flags: ['--narrative', narratives.columns[1].id], path: total, rijen: 'totaal'})
    for (const c of cases) {
      const quotes = json<QuoteJson[]>(cli('analyse', 'quotes', ...c.flags, '--json'))
      const page = await get(c.path)
      expect(page.status).toBe(200)
      expect(passagesOf(page.body).passages.map((p) => ({attribution: p.attribution, quote: p.quote})), c.path).toEqual(quotes.map((q) => ({attribution: q.attribution, quote: q.quote})))
    }
  }, 120_000)

  it('never names an interviewer or a participant on a passages page, also when the rows are interviewers', async () => {
    const rows = matrixOf((await get('/analyse?rijen=interviewer')).body)
    const listed = json<Array<{id: string; interviewer: string}>>(cli('note', 'list', '--json'))
    for (const row of rows.slice(0, -1)) {
      const href = decode(row.cells.slice(1).find((c) => c.href)!.href!)
      const page = await get(href)
      expect(page.status).toBe(200)
      const main = mainOf(page.body)
      for (const name of TEAM) expect(main, href).not.toContain(name)
      expect(main).toContain('uit de notities van de interviewer die je in de matrix koos')
      // The page shows only that interviewer's notes.
      const interviewer = new URLSearchParams(href.split('?')[1]).get('interviewer')!
      const {notes, passages} = passagesOf(page.body)
      expect(passages.length + notes.length).toBeGreaterThan(0)
      for (const item of [...passages, ...notes]) expect(listed.find((n) => n.id === item.note)?.interviewer).toBe(interviewer)
    }

    for (const path of ['/analyse/passages?narratief=2', '/analyse/passages?thema=voorzieningen&halteplaats=wendelo']) {
      const main = mainOf((await get(path)).body)
      for (const name of TEAM) expect(main, path).not.toContain(name)
    }
  })

  it('puts under each quote the control to add it to a finding, with the tag or note and the way back', async () => {
    const findings = json<Array<{id: string; title: string}>>(cli('finding', 'list', '--json'))
    expect(findings.length).toBeGreaterThan(0)
    const tags = json<Array<{id: string; noteId: string; quote: null | string}>>(cli('tag', 'list', '--json'))
    const path = '/analyse/passages?narratief=onzichtbare-burger&halteplaats=havenkwartier'
    const {notes, passages} = passagesOf((await get(path)).body)
    expect(passages.length).toBeGreaterThan(0)
    expect(notes.length).toBeGreaterThan(0)
    for (const item of passages) {
      const form = item.form!
      expect(form).toMatch(/^<form[^>]* method="post" action="\/bevindingen\/onderbouwing">/)
      const tag = tags.find((t) => t.id === hidden(form, 'tag'))
      expect(tag, 'the tag of the passage').toMatchObject({noteId: item.note, quote: item.quote})
      expect(hidden(form, 'notitie')).toBeUndefined()
      expect(hidden(form, 'terug')).toBe(path)
      expect(hidden(form, '_csrf')).toBe(session.csrf)
      const options = [...form.matchAll(/<option value="([^"]+)">([^<]*)<\/option>/g)].map((m) => ({id: m[1], title: decode(m[2])}))
      expect(options).toEqual(findings.map((f) => ({id: f.id, title: f.title})))
      expect(form).toContain('<select class="utrecht-select utrecht-select--html-select" id="bevinding-')
      expect(form).toContain('name="bevinding"')
      expect(form).toContain('<button class="utrecht-button utrecht-button--secondary-action" type="submit">Voeg toe aan bevinding</button>')
      expect(item.link).toBe(`/bevindingen/nieuw?tag=${tag!.id}`)
    }

    for (const item of notes) {
      expect(hidden(item.form!, 'notitie')).toBe(item.note)
      expect(hidden(item.form!, 'tag')).toBeUndefined()
      expect(item.link).toBe(`/bevindingen/nieuw?notitie=${item.note}`)
    }
  })

  it('offers only a new finding while the study has none', async () => {
    const fresh = makeStudy()
    const text = 'Het loket is dicht en niemand neemt nog op.'
    const note = json<{id: string}>(karavaan(['note', 'add', '--halteplaats', 'noord', '--group', 'ouderen', '--date', '2026-03-10', '--interviewer', 'anna', '--text', text, '--json', '--study', fresh]))
    expect(karavaan(['tag', 'add', note.id, '1', '--quote', 'Het loket is dicht', '--coder', 'bram', '--study', fresh]).code).toBe(0)
    const other = await serveStudy(fresh, [], {XDG_CONFIG_HOME: tempDir()})
    try {
      const {cookie} = await login(other)
      const page = await raw(other.port, '/analyse/passages?narratief=1&halteplaats=noord', {headers: {cookie}})
      const {passages} = passagesOf(page.body)
      expect(passages.map((p) => p.quote)).toEqual(['Het loket is dicht'])
      expect(passages[0].form).toBeUndefined()
      expect(passages[0].link).toMatch(/^\/bevindingen\/nieuw\?tag=[\da-f-]{36}$/)
      expect(page.body).not.toContain('/bevindingen/onderbouwing')
    } finally {
      await other.stop()
    }
  }, 60_000)

  it('lists the differences of analyse compare, each opening its passages', async () => {
    const expected = json<{contrasts: ContrastJson[]; groupsPerHalteplaats: Record<string, Record<string, number>>}>(cli('analyse', 'compare', '--json'))
    const page = await get('/analyse/verschillen')
    expect(page.status).toBe(200)
    const items = [...page.body.matchAll(/<li class="utrecht-unordered-list__item"><strong>(Meer|Minder):<\/strong> <a class="utrecht-link" href="([^"]+)">([^<]*)<\/a>/g)]
    expect(items.map((m) => decode(m[3]))).toEqual(expected.contrasts.map((c) => c.message))
    for (const [i, c] of expected.contrasts.entries()) {
      expect(decode(items[i][2])).toBe(`/analyse/passages?narratief=${c.narrative}&${c.rowsBy === 'group' ? 'groep' : 'halteplaats'}=${c.row}`)
    }

    const followed = await get(decode(items[0][2]))
    expect(followed.status).toBe(200)
    const contrast = expected.contrasts[0]
    const quotes = json<QuoteJson[]>(cli('analyse', 'quotes', '--narrative', contrast.narrative, contrast.rowsBy === 'group' ? '--group' : '--halteplaats', contrast.row, '--json'))
    expect(passagesOf(followed.body).passages.map((p) => p.quote)).toEqual(quotes.map((q) => q.quote))
    const wendelo = expected.groupsPerHalteplaats.wendelo
    expect(page.body).toContain(`${wendelo['onzichtbare-overheid']} van 8`)
  })

  it('answers a choice or cell that does not exist with a Dutch 400 that says what to do', async () => {
    const cases: Array<[string, RegExp]> = [
      ['/analyse?rijen=postcode', /"postcode" kan niet in de rijen staan\. Kies halteplaats, groep of interviewer/],
      ['/analyse?kolommen=rollen', /"rollen" kan niet in de kolommen staan\. Kies narratieven of themas/],
      ['/analyse/passages?narratief=9', /Onbekend narratief "9" \(narratief\)\. Kies uit: .*onzichtbare-overheid/],
      ['/analyse/passages?thema=weer', /Onbekend thema "weer" \(thema\)/],
      ['/analyse/passages?narratief=1&halteplaats=atlantis', /Onbekende halteplaats "atlantis" \(halteplaats\)/],
      ['/analyse/passages?narratief=1&groep=12', /Onbekende groep "12" \(groep\)/],
      ['/analyse/passages?narratief=1&interviewer=zorro', /"zorro" staat niet in het team van study\.yaml/],
      ['/analyse/passages?narratief=1&thema=voorzieningen', /Kies een narratief of een thema, niet allebei/],
      ['/analyse/passages', /Er is geen narratief of thema gekozen/],
    ]
    for (const [path, message] of cases) {
      const page = await get(path)
      expect(page.status, path).toBe(400)
      expect(decode(page.body), path).toMatch(message)
      expect(page.body).toContain('role="alert"')
    }
  })

  it('counts again once the database changed, also by a command in the terminal', async () => {
    const cellOf = (body: string) => matrixOf(body).find((r) => r.label === 'Wendelo')!.cells[5].text
    const before = cellOf((await get('/analyse')).body)
    const tagged = new Set(json<Array<{noteId: string}>>(cli('tag', 'list', '--code', 'ervaren-incompetentie', '--json')).map((t) => t.noteId))
    const note = json<Array<{halteplaats: string; id: string}>>(cli('note', 'list', '--halteplaats', 'wendelo', '--json')).find((n) => !tagged.has(n.id))!
    expect(cellOf((await get('/analyse')).body)).toBe(before)
    expect(cli('tag', 'add', note.id, '5', '--coder', 'joost').code).toBe(0)
    const expected = json<MatrixJson>(cli('analyse', 'matrix', '--json')).rows.find((r) => r.id === 'wendelo')!.cells['ervaren-incompetentie']
    expect(Number.parseInt(before, 10)).toBe(expected.count - 1)
    expect(cellOf((await get('/analyse')).body)).toBe(`${expected.count} (${Math.round(expected.share * 100)}%)`)
  })

  it('shows fifty passages a page, with the next and previous pages', async () => {
    // A theme passage on every note: more than one page.
    const notes = json<Array<{id: string}>>(cli('note', 'list', '--json'))
    const csv = join(tempDir(), 'passages.csv')
    writeFileSync(csv, ['note,code,coder,start,end', ...notes.map((n) => `${n.id},wijkeconomie,joost,0,12`)].join('\n'))
    expect(cli('tag', 'import', csv).code).toBe(0)
    const first = await get('/analyse/passages?thema=wijkeconomie')
    expect(first.status).toBe(200)
    const one = passagesOf(first.body)
    expect(one.passages).toHaveLength(50)
    expect(first.body).toContain('pagina 1 van 2')
    expect(first.body).not.toContain('rel="prev"')
    const next = decode(/rel="next" href="([^"]+)"/.exec(first.body)![1])
    expect(next).toBe('/analyse/passages?thema=wijkeconomie&pagina=2')
    const second = await get(next)
    const two = passagesOf(second.body)
    expect(second.body).toContain('rel="prev" href="/analyse/passages?thema=wijkeconomie&amp;pagina=1"')
    expect(second.body).not.toContain('rel="next"')
    // Every note once over the two pages: its new passage, or an older one of the same theme.
    const shown = new Set([...one.passages, ...two.passages, ...two.notes].map((p) => p.note))
    expect(shown.size).toBe(notes.length)
    expect(two.passages.length + two.notes.length).toBeLessThanOrEqual(50)
  }, 60_000)
})

describe.skipIf(!hasChromium)('the Analyse pages in chromium (skipped without /usr/bin/chromium)', () => {
  let browser: Browser
  let page: Page

  beforeAll(async () => {
    browser = await launchChromium()
    const context = await browser.newContext({locale: 'nl-NL'})
    page = await context.newPage()
    // A second session of its own: the one-time token of serve is spent, so log in with the cookie.
    const origin = served.origin
    await context.addCookies([{name: session.cookie.split('=')[0], sameSite: 'Strict', url: origin, value: session.cookie.split('=').slice(1).join('=')}])
  }, 60_000)

  afterAll(async () => {
    await browser?.close()
  })

  const axe = (name: string) => expectNoAxeViolations(page, name)

  it('goes from a matrix cell to its passages and on to the note, with the mouse and with the keyboard; axe finds nothing', async () => {
    await page.goto(`${served.origin}/analyse`)
    await expect(page.locator('h1').textContent()).resolves.toBe('Analyse')
    await axe('matrix')
    // The first cell of Kanaalzone: its passages, then the first note link.
    await Promise.all([page.waitForURL(/\/analyse\/passages\?/), page.locator('table.werkplek-matrix tbody tr').first().locator('td a').nth(1).click()])
    expect(new URL(page.url()).search).toBe('?narratief=onzichtbare-overheid&halteplaats=kanaalzone')
    await expect(page.locator('h1').textContent()).resolves.toBe('Passages')
    await axe('passages')
    const note = await page.locator('li.werkplek-citaat a[href^="/notities/"], li.werkplek-hele-notitie a[href^="/notities/"]').first().getAttribute('href')
    await Promise.all([page.waitForURL(`**${note}`), page.locator(`a[href="${note}"]`).first().click()])
    await expect(page.locator('h1').textContent()).resolves.toMatch(/Notitie/)

    // The keyboard: choose groups as rows, send the form with Enter, open a cell with Enter.
    await page.goto(`${served.origin}/analyse`)
    await page.locator('#matrix-rijen').focus()
    await page.keyboard.press('ArrowDown')
    await expect(page.locator('#matrix-rijen').inputValue()).resolves.toBe('groep')
    await page.keyboard.press('Tab')
    await page.keyboard.press('Tab')
    await Promise.all([page.waitForURL(/rijen=groep/), page.keyboard.press('Enter')])
    expect(new URL(page.url()).search).toBe('?rijen=groep&kolommen=narratieven')
    await expect(page.locator('table.werkplek-matrix tbody th').first().textContent()).resolves.toMatch(/^1\. /)
    let onCell = false
    for (let i = 0; i < 40 && !onCell; i++) {
      await page.keyboard.press('Tab')
      onCell = await page.evaluate(() => document.activeElement?.closest('table.werkplek-matrix td') !== null && (document.activeElement?.getAttribute('href') ?? '').startsWith('/analyse/passages'))
    }

    expect(onCell, 'a cell reached with Tab').toBe(true)
    await Promise.all([page.waitForURL(/\/analyse\/passages\?narratief=[^&]+&groep=/), page.keyboard.press('Enter')])
    await page.goto(`${served.origin}/analyse?rijen=interviewer&kolommen=themas`)
    await axe('matrix by interviewer, themes')
    await page.goto(`${served.origin}/analyse/verschillen`)
    await axe('differences')
    await page.goto(`${served.origin}/analyse?rijen=nergens`)
    await axe('matrix with a wrong choice')
  }, 120_000)
})

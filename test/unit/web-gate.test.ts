import {Hono} from 'hono'
import {describe, expect, it} from 'vitest'

import {createGate, CSRF_FIELD, type Session} from '../../src/web/security.js'

const PORT = 4999

/** A gate in front of one route that counts the changes that got through. */
function app() {
  const gate = createGate(() => PORT, 'de-sleutel-van-de-test-die-lang-genoeg-is')
  const hono = new Hono<{Variables: {session: Session}}>()
  let changes = 0
  hono.use('*', gate.middleware)
  hono.get('/', (c) => c.text(`csrf:${c.var.session.csrf}`))
  hono.post('/wijzig', (c) => {
    changes++
    return c.text('ok')
  })
  return {changes: () => changes, hono}
}

async function session(hono: Hono<{Variables: {session: Session}}>): Promise<{cookie: string; csrf: string}> {
  const entry = await hono.request('/?token=de-sleutel-van-de-test-die-lang-genoeg-is', {headers: {host: `127.0.0.1:${PORT}`}})
  const cookie = entry.headers.get('set-cookie')!.split(';')[0]
  const page = await hono.request('/', {headers: {cookie, host: `127.0.0.1:${PORT}`}})
  return {cookie, csrf: (await page.text()).replace('csrf:', '')}
}

function post(hono: Hono<{Variables: {session: Session}}>, headers: Record<string, string>, body: string): Promise<Response> {
  return Promise.resolve(hono.request('/wijzig', {body, headers: {'content-type': 'application/x-www-form-urlencoded', host: `127.0.0.1:${PORT}`, ...headers}, method: 'POST'}))
}

describe('the workspace gate', () => {
  it('lets a same-origin change with the CSRF token through', async () => {
    const {changes, hono} = app()
    const {cookie, csrf} = await session(hono)
    const response = await post(hono, {cookie, origin: `http://127.0.0.1:${PORT}`}, `${CSRF_FIELD}=${csrf}`)
    expect(response.status).toBe(200)
    expect(changes()).toBe(1)
  })

  it('accepts a form post that a browser sends with Origin: null under no-referrer, when it says same-origin', async () => {
    const {changes, hono} = app()
    const {cookie, csrf} = await session(hono)
    const response = await post(hono, {cookie, origin: 'null', 'sec-fetch-site': 'same-origin'}, `${CSRF_FIELD}=${csrf}`)
    expect(response.status).toBe(200)
    expect(changes()).toBe(1)
  })

  it('accepts the CSRF token as a header for scripts of the page', async () => {
    const {changes, hono} = app()
    const {cookie, csrf} = await session(hono)
    const response = await post(hono, {cookie, origin: `http://localhost:${PORT}`, 'x-csrf-token': csrf}, '')
    expect(response.status).toBe(200)
    expect(changes()).toBe(1)
  })

  it('refuses a cross-origin change, even with cookie and token', async () => {
    const {changes, hono} = app()
    const {cookie, csrf} = await session(hono)
    for (const origin of ['http://evil.example', `http://127.0.0.1:${PORT + 1}`, 'null']) {
      const response = await post(hono, {cookie, origin}, `${CSRF_FIELD}=${csrf}`)
      expect(response.status, origin).toBe(403)
    }

    expect((await post(hono, {cookie, 'sec-fetch-site': 'cross-site'}, `${CSRF_FIELD}=${csrf}`)).status).toBe(403)
    expect((await post(hono, {cookie, origin: 'null', 'sec-fetch-site': 'cross-site'}, `${CSRF_FIELD}=${csrf}`)).status).toBe(403)
    expect((await post(hono, {cookie, origin: 'http://evil.example', 'sec-fetch-site': 'same-origin'}, `${CSRF_FIELD}=${csrf}`)).status).toBe(403)
    expect((await post(hono, {cookie}, `${CSRF_FIELD}=${csrf}`)).status).toBe(403)
    expect(changes()).toBe(0)
  })

  it('refuses a change without the CSRF token or with another one', async () => {
    const {changes, hono} = app()
    const {cookie} = await session(hono)
    expect((await post(hono, {cookie, origin: `http://127.0.0.1:${PORT}`}, 'tekst=hallo')).status).toBe(403)
    expect((await post(hono, {cookie, origin: `http://127.0.0.1:${PORT}`}, `${CSRF_FIELD}=verzonnen`)).status).toBe(403)
    expect(changes()).toBe(0)
  })

  it('refuses a change without a session', async () => {
    const {changes, hono} = app()
    const {csrf} = await session(hono)
    expect((await post(hono, {origin: `http://127.0.0.1:${PORT}`}, `${CSRF_FIELD}=${csrf}`)).status).toBe(401)
    expect(changes()).toBe(0)
  })
})

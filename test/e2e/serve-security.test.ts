import {createServer} from 'node:net'
import {networkInterfaces} from 'node:os'
import {connect} from 'node:net'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {exampleStudy, json, karavaan, tempDir} from '../helpers/cli.js'
import {login, raw, type Served, serveStudy} from '../helpers/serve.js'

// The example study's notes contain this sentence; no refusal may ever show it.
const NOTE_WORDS = /notitie|halteplaats|Wendelo/i

let study: string
let served: Served

beforeAll(async () => {
  study = exampleStudy()
  served = await serveStudy(study)
}, 120_000)

afterAll(async () => {
  await served?.stop()
})

describe('karavaan serve: who gets in', () => {
  it('prints the loopback address with a one-time token as its first line', () => {
    expect(served.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{40,}$/)
  })

  it('answers 401 without the cookie and shows no data', async () => {
    for (const path of ['/', '/notities', '/static/werkplek.css']) {
      const response = await raw(served.port, path)
      expect(response.status).toBe(401)
      expect(response.body).toContain('Niet aangemeld')
      expect(response.body).not.toMatch(NOTE_WORDS)
    }
  })

  it('exchanges the token once for an HttpOnly SameSite=Strict cookie and drops it from the address', async () => {
    const entry = new URL(served.url)
    const first = await raw(served.port, entry.pathname + entry.search)
    expect(first.status).toBe(303)
    expect(first.headers.location).toBe('/')
    const cookie = String(first.headers['set-cookie'])
    expect(cookie).toMatch(/karavaan_sessie=[\w-]+/)
    expect(cookie).toContain('HttpOnly')
    expect(cookie).toContain('SameSite=Strict')

    const again = await raw(served.port, entry.pathname + entry.search)
    expect(again.status).toBe(403)
    expect(again.headers['set-cookie']).toBeUndefined()
    expect(again.body).toContain('werkt één keer')

    const page = await raw(served.port, '/', {headers: {cookie: cookie.split(';')[0]}})
    expect(page.status).toBe(200)
    expect(page.body).toContain('Gesprekken per halteplaats en groep')
  })

  it('refuses a wrong token without using up the right one', async () => {
    const other = await serveStudy(study)
    try {
      const wrong = await raw(other.port, '/?token=raden-helpt-niet')
      expect(wrong.status).toBe(403)
      const {cookie} = await login(other)
      expect(cookie).toMatch(/^karavaan_sessie=/)
    } finally {
      await other.stop()
    }
  }, 60_000)

  it('refuses a Host other than 127.0.0.1 or localhost with its port (DNS rebinding), even with the cookie', async () => {
    const other = await serveStudy(study)
    try {
      const {cookie} = await login(other)
      for (const host of ['evil.example', `evil.example:${other.port}`, '127.0.0.1', `127.0.0.1:${other.port + 1}`]) {
        const response = await raw(other.port, '/', {headers: {cookie, host}})
        expect(response.status, host).toBe(421)
        expect(response.body).not.toMatch(NOTE_WORDS)
      }

      expect((await raw(other.port, '/', {headers: {cookie, host: `localhost:${other.port}`}})).status).toBe(200)
    } finally {
      await other.stop()
    }
  }, 60_000)

  it('sends the security headers on pages, refusals and static files', async () => {
    const other = await serveStudy(study)
    try {
      const {cookie} = await login(other)
      for (const response of [await raw(other.port, '/', {headers: {cookie}}), await raw(other.port, '/'), await raw(other.port, '/static/werkplek.css', {headers: {cookie}})]) {
        const csp = String(response.headers['content-security-policy'])
        expect(csp).toContain("default-src 'self'")
        expect(csp).toContain("script-src 'self'")
        expect(csp).not.toContain('unsafe-inline')
        expect(csp).toContain("frame-ancestors 'none'")
        expect(response.headers['x-content-type-options']).toBe('nosniff')
        expect(response.headers['referrer-policy']).toBe('no-referrer')
      }
    } finally {
      await other.stop()
    }
  }, 60_000)

  it('listens on loopback only', async () => {
    const outside = Object.values(networkInterfaces()).flat().find((i) => i && i.family === 'IPv4' && !i.internal)
    if (!outside) return // No other interface on this machine: nothing else to reach it from.
    const reached = await new Promise<boolean>((resolve) => {
      const socket = connect({host: outside.address, port: served.port})
      socket.once('connect', () => {
        socket.destroy()
        resolve(true)
      })
      socket.once('error', () => resolve(false))
    })
    expect(reached).toBe(false)
  })
})

describe('karavaan serve: starting and stopping', () => {
  it('refuses a port in use with a Dutch message and exit 1', async () => {
    const blocker = createServer()
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve))
    const port = (blocker.address() as {port: number}).port
    try {
      const result = karavaan(['serve', '--no-open', '--port', String(port), '--study', study])
      expect(result.code).toBe(1)
      expect(result.stderr).toContain(`poort ${port} is al in gebruik`)
      expect(result.stderr).toContain('--port')
      expect(result.stderr).not.toMatch(/EADDRINUSE|at .*\.js:\d+/)
    } finally {
      blocker.close()
    }
  }, 60_000)

  it('stops cleanly on Ctrl-C', async () => {
    const other = await serveStudy(study)
    expect(await other.stop()).toBe(0)
    expect(other.stderr()).toContain('De werkplek stopt.')
  }, 60_000)
})

describe('karavaan serve: who works here', () => {
  it('keeps the team member chosen in the browser as this laptop\'s interviewer, so the next start asks nothing', async () => {
    const env = {XDG_CONFIG_HOME: tempDir()}
    const first = await serveStudy(study, [], env)
    try {
      const {cookie, csrf} = await login(first)
      const home = await raw(first.port, '/', {headers: {cookie}})
      expect(home.body).toContain('Wie ben je?')
      const chosen = await raw(first.port, '/wie', {
        body: new URLSearchParams({_csrf: csrf, terug: '/', wie: 'bram'}).toString(),
        headers: {'content-type': 'application/x-www-form-urlencoded', cookie, origin: first.origin},
        method: 'POST',
      })
      expect(chosen.status).toBe(303)
    } finally {
      await first.stop()
    }

    expect(json<{interviewer?: string}>(karavaan(['config', 'get', '--json'], {env})).interviewer).toBe('bram')
    const second = await serveStudy(study, [], env)
    try {
      const {cookie} = await login(second)
      const home = await raw(second.port, '/', {headers: {cookie}})
      expect(home.body).toContain('Je werkt als: <strong>')
      expect(home.body).not.toContain('Wie ben je?')
    } finally {
      await second.stop()
    }
  }, 90_000)
})

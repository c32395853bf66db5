import {randomBytes, timingSafeEqual} from 'node:crypto'

import type {Context, MiddlewareHandler} from 'hono'
import {getCookie, setCookie} from 'hono/cookie'

/**
 * Who may use the browser workspace: only the person who started `karavaan serve`, in a browser on
 * this laptop. The server holds respondents' notes, so every layer refuses on its own:
 *
 * - it listens on 127.0.0.1 only (src/web/server.ts);
 * - the Host header must name that address or localhost with our port, so a page on another site
 *   cannot reach us through a DNS name that points at 127.0.0.1 (DNS rebinding);
 * - the one-time token of the printed address is exchanged for an HttpOnly, SameSite=Strict
 *   cookie and dropped from the address bar; without the cookie nothing but a Dutch refusal is sent;
 * - a request that changes something must come from our own origin and carry the session's CSRF
 *   token;
 * - every answer carries a strict Content-Security-Policy (no inline script, nothing from outside
 *   the machine) and headers against framing, sniffing and leaking the address.
 */
export const SESSION_COOKIE = 'karavaan_sessie'
export const CSRF_FIELD = '_csrf'
export const CSRF_HEADER = 'x-csrf-token'

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; "
    + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'",
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
}

/**
 * The one page that may be shown in a frame: the report preview, inside the Rapport page of this
 * same workspace (frame-ancestors 'self', X-Frame-Options SAMEORIGIN), and only there; every other
 * answer keeps frame-ancestors 'none'. It is the report's HTML as `report --format html` writes
 * it, with its styles inline and its fonts and charts as data: URLs, so its policy is the one that
 * file carries: no script at all, nothing loaded from anywhere, no form to send.
 */
export const REPORT_PREVIEW_PATH = '/rapport/voorbeeld'

export const REPORT_PREVIEW_HEADERS: Readonly<Record<string, string>> = {
  ...SECURITY_HEADERS,
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; form-action 'none'; frame-ancestors 'self'; base-uri 'none'; object-src 'none'",
  'X-Frame-Options': 'SAMEORIGIN',
}

export interface Session {
  csrf: string
  /** A message for the next page this session opens (what went wrong with the last change). */
  flash: null | string
  /** Good news for the next page this session opens (a note saved). */
  notice: null | string
  secret: string
  /** Who works in this browser: the config's interviewer id, or the team member chosen here. */
  who: null | string
}

export interface Gate {
  /** The path with the one-time token a person opens first. */
  entryPath: string
  middleware: MiddlewareHandler<{Variables: {session: Session}}>
}

const UNSAFE = new Set(['DELETE', 'PATCH', 'POST', 'PUT'])

function secret(): string {
  return randomBytes(32).toString('base64url')
}

function same(a: string, b: string): boolean {
  const left = Buffer.from(a)
  const right = Buffer.from(b)
  return left.length === right.length && timingSafeEqual(left, right)
}

function refuse(c: Context, status: 400 | 401 | 403 | 421, title: string, text: string): Response {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) c.header(name, value)
  c.header('Cache-Control', 'no-store')
  // A refusal is a page of its own: no layout, no study data, no note text.
  return c.html(
    `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>${title}</title></head>`
    + `<body><h1>${title}</h1><p>${text}</p></body></html>`,
    status,
  )
}

/**
 * The gate every request passes. `port` is the port we listen on: only `127.0.0.1:PORT` and
 * `localhost:PORT` are accepted as Host and as Origin.
 */
export function createGate(port: () => number, token: string = secret(), who: null | string = null): Gate & {token: string} {
  let unused = true
  const sessions = new Map<string, Session>()

  const middleware: Gate['middleware'] = async (c, next) => {
    const hosts = new Set([`127.0.0.1:${port()}`, `localhost:${port()}`])
    const host = c.req.header('host') ?? ''
    if (!hosts.has(host.toLowerCase())) {
      return refuse(c, 421, 'Onbekend adres', 'Deze werkplek is alleen te bereiken via het adres dat karavaan serve in de terminal liet zien.')
    }

    const url = new URL(c.req.url)
    const offered = url.searchParams.get('token')
    if (offered !== null) {
      if (!unused || !same(offered, token)) {
        return refuse(c, 403, 'Deze link werkt niet meer', 'Een link van karavaan serve werkt één keer. Start karavaan serve opnieuw voor een nieuwe link, of ga verder in het venster dat al open is.')
      }

      unused = false
      const session: Session = {csrf: secret(), flash: null, notice: null, secret: secret(), who}
      sessions.set(session.secret, session)
      setCookie(c, SESSION_COOKIE, session.secret, {httpOnly: true, path: '/', sameSite: 'Strict'})
      url.searchParams.delete('token')
      c.header('Cache-Control', 'no-store')
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) c.header(name, value)
      // 303 so the token leaves the address bar and the history.
      return c.redirect(url.pathname + url.search, 303)
    }

    const cookie = getCookie(c, SESSION_COOKIE)
    const session = cookie ? sessions.get(cookie) : undefined
    if (!session) {
      return refuse(c, 401, 'Niet aangemeld', 'Open de link die karavaan serve in de terminal liet zien (met ?token=…) om deze werkplek te gebruiken.')
    }

    if (UNSAFE.has(c.req.method)) {
      const origin = c.req.header('origin')
      const site = c.req.header('sec-fetch-site')
      // With Referrer-Policy no-referrer a browser sends "Origin: null" on a form post (Fetch
      // standard), so then the browser's own Sec-Fetch-Site has to say it came from this page.
      const sameOrigin = origin && origin !== 'null' ? [...hosts].some((h) => origin.toLowerCase() === `http://${h}`) : site === 'same-origin'
      if (!sameOrigin) return refuse(c, 403, 'Geweigerd', 'Een wijziging moet uit deze werkplek zelf komen.')
      const sent = c.req.header(CSRF_HEADER) ?? await formField(c, CSRF_FIELD)
      if (!sent || !same(sent, session.csrf)) {
        return refuse(c, 403, 'Geweigerd', 'Dit formulier is verlopen. Laad de pagina opnieuw en probeer het nog eens.')
      }
    }

    c.set('session', session)
    await next()
    const headers = c.req.method === 'GET' && c.req.path === REPORT_PREVIEW_PATH ? REPORT_PREVIEW_HEADERS : SECURITY_HEADERS
    for (const [name, value] of Object.entries(headers)) c.res.headers.set(name, value)
    if (!c.res.headers.has('Cache-Control')) c.res.headers.set('Cache-Control', 'no-store')
  }

  return {entryPath: `/?token=${token}`, middleware, token}
}

async function formField(c: Context, name: string): Promise<string | undefined> {
  const type = c.req.header('content-type') ?? ''
  if (!type.startsWith('application/x-www-form-urlencoded') && !type.startsWith('multipart/form-data')) return undefined
  // parseBody caches the parsed form, so the route reads it again for free.
  const body = await c.req.parseBody()
  const value = body[name]
  return typeof value === 'string' ? value : undefined
}

import Database from 'better-sqlite3'
import {existsSync, readdirSync} from 'node:fs'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {exampleStudy, json, karavaan, tempDir} from '../helpers/cli.js'
import {login, raw, type Served, serveStudy} from '../helpers/serve.js'

let study: string
let served: Served
let session: {cookie: string; csrf: string}
let noteId: string

/** Every row a change route could touch, and the drafts folder: equal before and after means nothing changed. */
function state(): string {
  const db = new Database(join(study, 'karavaan.db'), {fileMustExist: true, readonly: true})
  try {
    const rows = (sql: string) => db.prepare(sql).all()
    const drafts = existsSync(join(study, 'concepten')) ? readdirSync(join(study, 'concepten')) : []
    return JSON.stringify({codings: rows('SELECT * FROM codings'), drafts, notes: rows('SELECT * FROM notes ORDER BY id'), rejections: rows('SELECT * FROM rejections'), tags: rows('SELECT * FROM tags ORDER BY id'), versions: rows('SELECT id FROM note_versions ORDER BY id')})
  } finally {
    db.close()
  }
}

beforeAll(async () => {
  study = exampleStudy()
  noteId = json<Array<{id: string}>>(karavaan(['note', 'list', '--json', '--study', study]))[0].id
  // Anna set herself as interviewer with config, so the workspace knows who works in it.
  const env = {XDG_CONFIG_HOME: tempDir()}
  expect(karavaan(['config', 'set', 'interviewer', 'anna', '--study', study], {env}).code).toBe(0)
  served = await serveStudy(study, [], env)
  session = await login(served)
}, 120_000)

afterAll(async () => {
  await served?.stop()
})

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString()

describe('karavaan serve: the change routes refuse what does not come from the workspace', () => {
  const routes = () => [
    {body: {code: '1', start: '0', end: '5'}, path: `/notities/${noteId}/tags`},
    {body: {narrative: 'onzichtbare-overheid', start: '0', end: '20'}, path: `/notities/${noteId}/suggesties/accepteren`},
    {body: {narrative: 'onzichtbare-overheid', start: '0', end: '20'}, path: `/notities/${noteId}/suggesties/afwijzen`},
    {body: {datum: '2026-03-10', halteplaats: 'wendelo', interviewer: 'anna', onderwerp: 'ouderen', tekst: 'Een nieuwe notitie van een andere site.'}, path: '/notities/nieuw'},
    {body: {datum: '2026-03-10', halteplaats: 'wendelo', interviewer: 'anna', onderwerp: 'ouderen', tekst: 'Overschreven van een andere site.'}, path: `/notities/${noteId}/bewerken`},
    {body: {concept: 'notitie-2026-03-11T09-15-00-000Z.md', tekst: 'Een concept van een andere site.'}, path: '/concepten'},
    {body: {terug: '/', wie: 'bram'}, path: '/wie'},
  ]

  it('refuses a cross-origin POST with the right cookie and CSRF token, and changes nothing', async () => {
    const before = state()
    for (const route of routes()) {
      for (const headers of [{origin: 'http://evil.example'}, {origin: 'null', 'sec-fetch-site': 'cross-site'}, {'sec-fetch-site': 'same-site'}]) {
        const response = await raw(served.port, route.path, {
          body: form({...route.body, _csrf: session.csrf}),
          headers: {'content-type': 'application/x-www-form-urlencoded', cookie: session.cookie, ...headers},
          method: 'POST',
        })
        expect(response.status, `${route.path} ${JSON.stringify(headers)}`).toBe(403)
        expect(response.body).toContain('Een wijziging moet uit deze werkplek zelf komen')
      }
    }

    expect(state()).toBe(before)
  })

  it('refuses a same-origin POST without the CSRF token or with a wrong one, and changes nothing', async () => {
    const before = state()
    for (const route of routes()) {
      for (const token of [undefined, 'verkeerd', `${session.csrf}x`]) {
        const response = await raw(served.port, route.path, {
          body: form(token === undefined ? route.body : {...route.body, _csrf: token}),
          headers: {'content-type': 'application/x-www-form-urlencoded', cookie: session.cookie, origin: served.origin},
          method: 'POST',
        })
        expect(response.status, `${route.path} ${token}`).toBe(403)
        expect(response.body).toContain('Dit formulier is verlopen')
      }
    }

    expect(state()).toBe(before)
  })

  it('takes the same request from the workspace itself: the route is real', async () => {
    const response = await raw(served.port, `/notities/${noteId}/tags`, {
      body: form({_csrf: session.csrf, code: 'onzichtbare-overheid', end: '5', start: '0'}),
      headers: {'content-type': 'application/x-www-form-urlencoded', cookie: session.cookie, origin: served.origin},
      method: 'POST',
    })
    expect(response.status).toBe(303)
    const tags = json<Array<{code: string; coder: string; end: number; start: number}>>(karavaan(['tag', 'list', '--note', noteId, '--json', '--study', study]))
    expect(tags).toContainEqual(expect.objectContaining({code: 'onzichtbare-overheid', coder: 'anna', end: 5, start: 0}))
  })

  it('never writes a draft outside concepten/ or under a name of its own choosing', async () => {
    const before = state()
    for (const concept of ['../karavaan.db', '/tmp/x.md', 'notitie-x.md', 'bewerk-zz-2026-03-11T09-15-00-000Z.md']) {
      const response = await raw(served.port, '/concepten', {
        body: form({_csrf: session.csrf, concept, tekst: 'Mijn tekst.'}),
        headers: {'content-type': 'application/x-www-form-urlencoded', cookie: session.cookie, origin: served.origin},
        method: 'POST',
      })
      expect(response.status, concept).toBe(400)
      expect(response.body).toContain('geen geldige naam')
    }

    expect(state()).toBe(before)
  })
})

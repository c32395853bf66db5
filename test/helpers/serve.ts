import type {ChildProcess} from 'node:child_process'
import {request as httpRequest} from 'node:http'

import {start} from './processes.js'

export interface Served {
  child: ChildProcess
  /** Resolves with the exit code once the server has stopped. */
  exited: Promise<null | number>
  origin: string
  port: number
  stderr: () => string
  stop: () => Promise<null | number>
  /** The first line serve printed: the address with the one-time token. */
  url: string
}

/** Starts `karavaan serve --no-open --port 0` on a study and waits for its first line. */
export async function serveStudy(study: string, extra: string[] = [], env: NodeJS.ProcessEnv = {}): Promise<Served> {
  const {child, done} = start(['serve', '--no-open', '--port', '0', '--study', study, ...extra], env)
  let stdout = ''
  let stderr = ''
  child.stderr!.on('data', (chunk) => (stderr += chunk))
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve printed no address in 20 s: ${stderr}`)), 20_000)
    child.stdout!.on('data', (chunk) => {
      stdout += chunk
      if (stdout.includes('\n')) {
        clearTimeout(timer)
        resolve(stdout.split('\n')[0])
      }
    })
    void done.then((finished) => reject(new Error(`serve stopped: ${finished.stderr}`)))
  })
  const parsed = new URL(url)
  const exited = done.then((finished) => finished.code)
  return {
    child,
    exited,
    origin: parsed.origin,
    port: Number(parsed.port),
    stderr: () => stderr,
    stop: async () => {
      child.kill('SIGINT')
      return exited
    },
    url,
  }
}

export interface RawResponse {
  body: string
  headers: Record<string, string | string[] | undefined>
  status: number
}

/** One HTTP request with exactly the headers given (Host included), as an attacker could send it. */
export function raw(port: number, path: string, options: {body?: string; headers?: Record<string, string>; method?: string} = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({headers: {host: `127.0.0.1:${port}`, ...options.headers}, host: '127.0.0.1', method: options.method ?? 'GET', path, port}, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk) => (body += chunk))
      res.on('end', () => resolve({body, headers: res.headers, status: res.statusCode ?? 0}))
    })
    req.on('error', reject)
    if (options.body) req.write(options.body)
    req.end()
  })
}

/** Logs in with the one-time token as a browser does: the session cookie and the page's CSRF token. */
export async function login(served: Served): Promise<{cookie: string; csrf: string}> {
  const entry = new URL(served.url)
  const first = await raw(served.port, entry.pathname + entry.search)
  const setCookie = first.headers['set-cookie']
  if (first.status !== 303 || !setCookie) throw new Error(`login failed: ${first.status}`)
  const cookie = String(Array.isArray(setCookie) ? setCookie[0] : setCookie).split(';')[0]
  const home = await raw(served.port, '/', {headers: {cookie}})
  const csrf = /<meta name="csrf-token" content="([^"]+)">/.exec(home.body)?.[1]
  if (!csrf) throw new Error('no csrf token on the overview page')
  return {cookie, csrf}
}

import {type ChildProcess, spawn} from 'node:child_process'
import {mkdirSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {ROOT} from './cli.js'

export interface Finished {
  code: null | number
  signal: NodeJS.Signals | null
  stderr: string
  stdout: string
}

/** Starts the built CLI without waiting for it, for tests that run several at once or kill one. */
export function start(args: string[], env: NodeJS.ProcessEnv = {}): {child: ChildProcess; done: Promise<Finished>} {
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'run.js'), ...args], {
    cwd: tmpdir(),
    env: {...process.env, KARAVAAN_STUDY: undefined, NODE_ENV: undefined, NO_COLOR: '1', ...env},
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout!.on('data', (chunk) => (stdout += chunk))
  child.stderr!.on('data', (chunk) => (stderr += chunk))
  const done = new Promise<Finished>((resolve) => child.on('close', (code, signal) => resolve({code, signal, stderr, stdout})))
  return {child, done}
}

/** Runs the CLI to the end, asynchronously. */
export function run(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Finished> {
  return start(args, env).done
}

const WORDS =
  'het buurthuis is dicht en de bewoners voelen zich niet gehoord door de gemeente want het loket is weg en niemand weet waar je heen moet met vragen over de huur of de zorg voor ouders in de wijk'.split(
    ' ',
  )

/**
 * Writes count note files for the test study of makeStudy() (halteplaats noord, group moeders,
 * interviewer anna) into a new folder: lower-case words only, so the personal-data guard lets
 * them through. The same seed gives the same files.
 */
export function writeNoteFiles(count: number, words = 120, seed = 1): string {
  const dir = join(tmpdir(), `karavaan-notes-${process.pid}-${Date.now().toString(36)}-${seed}`)
  mkdirSync(dir, {recursive: true})
  let state = seed
  const next = () => (state = (state * 16_807) % 2_147_483_647) / 2_147_483_647
  for (let i = 0; i < count; i++) {
    const text = Array.from({length: words}, () => WORDS[Math.floor(next() * WORDS.length)]).join(' ')
    writeFileSync(join(dir, `notitie-${String(i).padStart(5, '0')}.md`), `---\nhalteplaats: noord\ngroup: moeders\ndate: 2026-03-11\ninterviewer: anna\n---\n${text}.\n`)
  }

  return dir
}

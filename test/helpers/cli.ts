import {spawnSync} from 'node:child_process'
import {createHash} from 'node:crypto'
import {cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {dirname, join, relative} from 'node:path'
import {fileURLToPath} from 'node:url'
import {expect} from 'vitest'

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
export const EXAMPLE = join(ROOT, 'examples', 'voorbeeldstudie')

export interface CliResult {
  code: number
  stderr: string
  stdout: string
}

/** Runs the built CLI as a user does: a separate process, no terminal, Dutch output. */
export function karavaan(args: string[], options: {cwd?: string; env?: NodeJS.ProcessEnv; input?: string} = {}): CliResult {
  // NODE_ENV=test (set by vitest) would make oclif print development warnings a user never sees.
  const env = {...process.env, KARAVAAN_STUDY: undefined, NODE_ENV: undefined, NO_COLOR: '1', ...options.env}
  const result = spawnSync(process.execPath, [join(ROOT, 'bin', 'run.js'), ...args], {cwd: options.cwd ?? tmpdir(), encoding: 'utf8', env, input: options.input})
  return {code: result.status ?? -1, stderr: result.stderr, stdout: result.stdout}
}

export function json<T = unknown>(result: CliResult): T {
  if (result.code !== 0) throw new Error(`exit ${result.code}: ${result.stderr}`)
  return JSON.parse(result.stdout) as T
}

export function tempDir(prefix = 'karavaan-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix))
}

export const HALTEPLAATSEN = [
  'noord:Noord:Emmen:stadswijk',
  'dorp:Het Dorp:Borger-Odoorn:dorp in krimpregio',
  'nieuw:Nieuwbouw:Almere:vinex-wijk',
  'kust:De Kust:Den Helder:kustplaats',
]

export function initArgs(dir: string, extra: string[] = []): string[] {
  return [
    'init',
    dir,
    '--yes',
    '--title',
    'Proefstudie',
    '--client',
    'Gemeente Proef',
    ...HALTEPLAATSEN.flatMap((h) => ['--halteplaats', h]),
    '--interviewer',
    'anna:Anna Visser',
    '--interviewer',
    'bram',
    '--start',
    '2026-01-01',
    '--end',
    '2026-12-31',
    ...extra,
  ]
}

/** A fresh study in a temp folder, made with `karavaan init` as a script would. */
export function makeStudy(): string {
  const dir = join(tempDir(), 'studie')
  const result = karavaan(initArgs(dir))
  if (result.code !== 0) throw new Error(`init failed: ${result.stderr}`)
  return dir
}

/** The example study as `npm run demo` builds it, in a fresh folder (findings, reflections and advice included). */
export function exampleStudy(): string {
  const study = join(tempDir(), 'voorbeeld')
  mkdirSync(study)
  cpSync(join(EXAMPLE, 'study.yaml'), join(study, 'study.yaml'))
  cpSync(join(EXAMPLE, 'inbox'), join(study, 'inbox'), {recursive: true})
  for (const args of [
    ['context', 'import', join(EXAMPLE, 'context.csv')],
    ['plan', 'import', join(EXAMPLE, 'plan.csv')],
    ['import'],
    ['tag', 'import', join(EXAMPLE, 'tags-tweede-codeur.csv')],
    ...materialImports(),
  ]) {
    const result = karavaan([...args, '--study', study])
    if (result.code !== 0) throw new Error(`${args.join(' ')}: ${result.stderr}`)
  }

  return study
}

/** The example's findings, reflections and advice, as the demo imports them. */
export function materialImports(): string[][] {
  return [['material', 'import', ...['bevindingen.yaml', 'reflecties.yaml', 'adviezen.yaml'].map((file) => join(EXAMPLE, file))]]
}

/** Every file under dir with a hash of its content: compare two to prove nothing changed. */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {}
  const walk = (at: string) => {
    let entries: string[]
    try {
      entries = readdirSync(at)
    } catch {
      return
    }

    for (const name of entries) {
      const path = join(at, name)
      if (statSync(path).isDirectory()) walk(path)
      else out[relative(dir, path)] = createHash('sha256').update(readFileSync(path)).digest('hex')
    }
  }

  walk(dir)
  return out
}

/** A refusal as docs/architecture.md promises it: the exit code, a Dutch "Fout:" line, no stack trace, and the given words. */
export function expectRefusal(result: CliResult, exit: number, ...mentions: Array<RegExp | string>): void {
  expect(result.code, result.stderr).toBe(exit)
  expect(result.stderr).toMatch(/^Fout: /m)
  expect(result.stderr).not.toMatch(/^ {4}at /m)
  for (const mention of mentions) {
    if (typeof mention === 'string') expect(result.stderr).toContain(mention)
    else expect(result.stderr).toMatch(mention)
  }
}

import {type ChildProcess, spawn} from 'node:child_process'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {ROOT} from './cli.js'

const KEYS = {
  backspace: '\u007F',
  'ctrl-c': '\u0003',
  down: '\u001B[B',
  enter: '\r',
  escape: '\u001B',
  space: ' ',
  tab: '\t',
  up: '\u001B[A',
} as const

/** What a person sees, without colours and cursor moves. */
function plain(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replaceAll(/\u001B\[[0-9;?]*[A-Za-z]|\u001B[()][0-9A-Za-z]|\u001B[=>]|\r/g, '')
}

/**
 * The kit in a real terminal (a pseudo-terminal from test/helpers/pseudo-terminal.py): the test waits for what
 * a person would read, then types, as a person does.
 */
export class Terminal {
  private raw = ''
  private seenUpTo = 0
  private closed = false
  private readonly child: ChildProcess
  private readonly exited: Promise<number>

  private constructor(args: string[], options: {cwd?: string; env?: NodeJS.ProcessEnv}) {
    const env = {...process.env, COLUMNS: '120', FORCE_COLOR: '0', KARAVAAN_STUDY: undefined, LINES: '40', NODE_ENV: undefined, NO_COLOR: '1', TERM: 'xterm-256color', ...options.env}
    this.child = spawn('python3', [join(ROOT, 'test', 'helpers', 'pseudo-terminal.py'), process.execPath, join(ROOT, 'bin', 'run.js'), ...args], {cwd: options.cwd ?? tmpdir(), env})
    this.child.stdout?.on('data', (chunk: Buffer) => {
      this.raw += chunk.toString('utf8')
    })
    this.exited = new Promise((resolve) =>
      this.child.on('close', (code) => {
        this.closed = true
        resolve(code ?? -1)
      }),
    )
  }

  static start(args: string[], options: {cwd?: string; env?: NodeJS.ProcessEnv} = {}): Terminal {
    return new Terminal(args, options)
  }

  /** Everything shown so far. */
  get screen(): string {
    return plain(this.raw)
  }

  /**
   * Waits until the screen shows `what` after what the last wait found, so the same question asked
   * twice is waited for twice; fails with the screen after `timeout` ms.
   */
  async waitFor(what: RegExp | string, timeout = 15_000): Promise<void> {
    const started = Date.now()
    for (;;) {
      const rest = this.screen.slice(this.seenUpTo)
      const match = typeof what === 'string' ? (rest.includes(what) ? {index: rest.indexOf(what), length: what.length} : undefined) : (() => {
        const m = new RegExp(what.source, what.flags.replace('g', '')).exec(rest)
        return m ? {index: m.index, length: m[0].length} : undefined
      })()
      if (match) {
        this.seenUpTo += match.index + match.length
        // The prompt is drawn a moment before it listens to the keyboard.
        await new Promise((resolve) => setTimeout(resolve, 300))
        return
      }

      if (Date.now() - started > timeout) throw new Error(`Niet op het scherm na ${timeout} ms: ${String(what)}\n--- scherm ---\n${this.screen.slice(-3000)}`)
      if (this.child.exitCode !== null && this.closed) throw new Error(`Het programma stopte (${this.child.exitCode}) zonder ${String(what)}\n--- scherm ---\n${this.screen.slice(-3000)}`)
      await new Promise((resolve) => setTimeout(resolve, 25))
    }
  }

  /** Waits for `what`, then types `text` (and Enter unless `enter` is false). */
  async answer(what: RegExp | string, text: string, enter = true): Promise<void> {
    await this.waitFor(what)
    this.type(text)
    if (!enter) return
    this.press('enter')
    await this.waitFor('✔')
  }

  /** Waits for a select or confirm question, presses `keys` (Enter at the end is added) and waits until it is answered. */
  async choose(what: RegExp | string, ...keys: Array<keyof typeof KEYS>): Promise<void> {
    await this.waitFor(what)
    this.press(...keys, 'enter')
    await this.waitFor('✔')
  }

  type(text: string): void {
    this.child.stdin?.write(text)
  }

  press(...keys: Array<keyof typeof KEYS>): void {
    for (const key of keys) this.child.stdin?.write(KEYS[key])
  }

  /** The exit code, once the program has ended by itself. */
  async exitCode(timeout = 15_000): Promise<number> {
    const timer = new Promise<number>((_, reject) => setTimeout(() => reject(new Error(`Het programma stopte niet binnen ${timeout} ms\n--- scherm ---\n${this.screen.slice(-3000)}`)), timeout))
    return Promise.race([this.exited, timer])
  }

  kill(): void {
    this.child.kill('SIGKILL')
  }
}

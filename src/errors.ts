/**
 * Errors the core throws. A UserError is something the user can fix (bad input, a study in the
 * wrong state): the CLI prints its Dutch message and exits 1. Anything else is a bug in the kit.
 */
export class UserError extends Error {
  readonly hint?: string
  readonly details: string[]
  /** What --json adds to the error for scripts, beside message, details and hint. */
  readonly data?: Record<string, unknown>

  constructor(message: string, options: {data?: Record<string, unknown>; details?: string[]; hint?: string} = {}) {
    super(message)
    this.name = 'UserError'
    this.hint = options.hint
    this.details = options.details ?? []
    if (options.data) this.data = options.data
  }
}

export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError
}

/**
 * The person chose to stop (a "Stoppen" in a menu, or Ctrl-C). Nothing is wrong, so the CLI tells
 * the message as it is, without "Fout:", and exits 1 because the command did not do its work.
 * The message says where what was typed is kept and how to pick it up again.
 */
export class Stopped extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'Stopped'
  }
}

export function isStopped(error: unknown): error is Stopped {
  return error instanceof Stopped
}

/** Ctrl-C at a question of inquirer, or in the kit's line-by-line input (src/ui/multiline.ts). */
export function isPromptExit(error: unknown): boolean {
  const name = (error as Error)?.name
  return name === 'ExitPromptError' || name === 'AbortPromptError'
}

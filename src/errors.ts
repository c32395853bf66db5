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

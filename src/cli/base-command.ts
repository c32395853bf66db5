import {Command, Flags, type Interfaces} from '@oclif/core'

import {isUserError} from '../errors.js'
import {describeError} from './report-error.js'

/**
 * What every karavaan command shares: Dutch --json and --debug flags, and one place that turns
 * errors into a Dutch message and the exit codes of docs/architecture.md (stack trace only with --debug).
 */
export abstract class KaravaanCommand extends Command {
  static override baseFlags = {
    debug: Flags.boolean({description: 'Toon bij een fout ook de technische details (stacktrace).', helpGroup: 'ALGEMEEN'}),
    help: Flags.help({char: 'h', description: 'Toon deze hulp.', helpGroup: 'ALGEMEEN'}),
    json: Flags.boolean({description: 'Geef het resultaat als JSON, voor scripts.', helpGroup: 'ALGEMEEN'}),
  }

  static override enableJsonFlag = true

  /** True when a person sits at the terminal, so the command may ask for what is missing. */
  protected get interactive(): boolean {
    return Boolean(process.stdin.isTTY && process.stdout.isTTY) && !this.jsonEnabled()
  }

  /** A Dutch remark on stderr ("Let op: …"); oclif's warn() would add the English word "Warning". */
  protected notice(message: string): void {
    process.stderr.write(`Let op: ${message}\n`)
  }

  protected override async catch(error: Interfaces.CommandError): Promise<void> {
    // The reader of our output went away (`karavaan tag suggest --json | head`): nothing to report.
    if ((error as {code?: string}).code === 'EPIPE') return
    const debug = this.argv.includes('--debug')
    const flags = Object.keys({...(this.ctor as typeof KaravaanCommand).baseFlags, ...this.ctor.flags})
    const reported = describeError(error, this.id ?? '', debug, {flags})
    process.exitCode = reported.exit
    if (reported.exit === 0) return
    const lines = [reported.stopped ? reported.message : `Fout: ${reported.message}`, ...reported.details.map((d) => `  - ${d}`)]
    if (reported.hint) lines.push(`→ ${reported.hint}`)
    if (debug && error.stack) lines.push('', error.stack)
    process.stderr.write(lines.join('\n') + '\n')
    if (this.jsonEnabled()) {
      const data = isUserError(error) ? error.data : undefined
      this.logJson({error: {details: reported.details, exit: reported.exit, hint: reported.hint, message: reported.message, ...data}})
    }
  }
}

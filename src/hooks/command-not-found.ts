import {type Hook, toConfiguredId} from '@oclif/core'
import {closest} from 'fastest-levenshtein'

/**
 * "Bedoelde je …?" for a mistyped command, in Dutch (oclif's own not-found plugin only speaks
 * English). In a terminal it offers to run the suggestion; in a script it only says it.
 */
const hook: Hook.CommandNotFound = async function (options) {
  const visible = options.config.commands.filter((command) => !command.hidden).map((command) => command.id)
  if (visible.length === 0) return
  // "status extra": a real command followed by a word it does not take.
  const parts = options.id.split(':')
  for (let n = parts.length - 1; n > 0; n--) {
    const command = parts.slice(0, n).join(':')
    if (!visible.includes(command)) continue
    const extra = [...parts.slice(n), ...(options.argv ?? [])].filter((arg) => !arg.startsWith('-'))
    report(`Onverwacht argument: ${extra.join(' ')}.`, `Zie: karavaan ${command.replaceAll(':', ' ')} --help`, options.argv)
    return
  }

  const suggestion = closest(options.id, visible)
  const typed = toConfiguredId(options.id, options.config)
  const readable = toConfiguredId(suggestion, options.config)
  const json = options.argv?.includes('--json')
  if (json || !(process.stdin.isTTY && process.stdout.isTTY)) {
    report(`"${typed}" is geen opdracht van karavaan.`, `Bedoelde je "karavaan ${readable}"? Alle opdrachten zie je met: karavaan --help`, options.argv)
    return
  }

  process.stderr.write(`Fout: "${typed}" is geen opdracht van karavaan.\n`)
  {
    const {askConfirm} = await import('../ui/prompts.js')
    const yes = await askConfirm(`Bedoelde je "karavaan ${readable}"?`, true).catch(() => false)
    if (yes) return options.config.runCommand(suggestion, options.argv ?? [])
  }

  process.exitCode = 2
}

/** A usage error as every command reports it: on stderr, and with --json also as the error envelope on stdout. */
function report(message: string, hint: string, argv: string[] = []): void {
  process.stderr.write(`Fout: ${message}\n→ ${hint}\n`)
  if (argv.includes('--json')) process.stdout.write(JSON.stringify({error: {details: [], exit: 2, hint, message}}, null, 2) + '\n')
  process.exitCode = 2
}

export default hook

import {distance} from 'fastest-levenshtein'

import {isPromptExit, isStopped, isUserError} from '../errors.js'
import {databaseProblem, waitSeconds} from '../store/errors.js'

export const EXIT = {bug: 10, ok: 0, usage: 2, user: 1} as const

export interface ReportedError {
  details: string[]
  exit: number
  hint?: string
  message: string
  /** A stop the person chose: told without "Fout:". */
  stopped?: boolean
}

/**
 * Turns any error into what the user reads: a Dutch message, details, a hint and the exit code
 * of docs/architecture.md. Parse errors of oclif are translated; an unknown error is reported as our bug.
 */
export function describeError(error: unknown, commandId: string, debug = false, known: KnownFlags = {}): ReportedError {
  if (isStopped(error)) return {details: [], exit: EXIT.user, message: error.message, stopped: true}
  if (isUserError(error)) return {details: error.details, exit: EXIT.user, hint: error.hint, message: error.message}
  // Ctrl-C at a question before anything was kept: a stop, not a mistake.
  if (isPromptExit(error)) return {details: [], exit: EXIT.user, message: 'Gestopt; er is niets opgeslagen.', stopped: true}

  // this.exit(n), as the -h flag does after printing the help: no error, only an exit code.
  const exit = (error as {oclif?: {exit?: number}})?.oclif?.exit
  if ((error as {code?: string})?.code === 'EEXIT' && typeof exit === 'number') return {details: [], exit, message: ''}

  // oclif's own existence check of a file or folder argument; ours say the same in fuller words.
  const missing = /^No (file|directory) found at (.+)$/.exec(String((error as Error)?.message ?? ''))
  if (missing) {
    return {details: [], exit: EXIT.user, hint: 'Controleer de naam en de map, of geef het volledige pad.', message: `${missing[1] === 'file' ? 'Het bestand' : 'De map'} ${missing[2]} bestaat niet.`}
  }

  const usage = translateUsageError(error, commandId, known)
  if (usage) return usage
  const code = (error as {code?: string}).code
  if (code === 'ENOSPC') {
    return {details: [], exit: EXIT.user, hint: 'Maak ruimte vrij op de schijf en probeer het opnieuw.', message: 'De schijf is vol; er is niets opgeslagen.'}
  }

  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    const path = (error as {path?: string}).path
    return {details: [], exit: EXIT.user, hint: 'Controleer of je schrijfrechten hebt op de studiemap.', message: `Geen toestemming om ${path ?? 'een bestand'} te schrijven.`}
  }

  const database = code?.startsWith('SQLITE_') ? databaseProblem(error, 'de database van de studie', safeWait()) : undefined
  if (database) return {details: database.details, exit: EXIT.user, hint: database.hint, message: database.message}
  return {
    details: [],
    exit: EXIT.bug,
    hint: 'Dit is een fout in karavaan, niet in jouw invoer. Meld het aan het team, met de uitvoer van dezelfde opdracht met --debug erbij. Let op: die uitvoer kan tekst uit notities bevatten; deel hem alleen met wie de notities mag lezen.',
    message: `Er ging iets mis in karavaan (${bugSummary(error, debug)}).`,
  }
}

/**
 * What a bug report shows without --debug: the kind of error and where in the kit it happened,
 * never its message. An error's message can quote the data it choked on (a JSON snippet, a value
 * SQLite refused), and that data may be a respondent's words.
 */
function bugSummary(error: unknown, debug: boolean): string {
  const kind = (error as Error)?.name ?? typeof error
  const code = (error as {code?: unknown})?.code
  const kindAndCode = typeof code === 'string' && /^[A-Z][A-Z0-9_]*$/.test(code) ? `${kind} ${code}` : kind
  if (debug) return `${kindAndCode}: ${(error as Error)?.message ?? String(error)}`
  const frame = String((error as Error)?.stack ?? '')
    .split('\n')
    .filter((line) => !line.includes('node_modules'))
    .map((line) => /(?:dist|src)[\\/]([\w\\/.-]+\.[jt]s):(\d+)/.exec(line))
    .find(Boolean)
  return frame ? `${kindAndCode} in ${frame[1].replaceAll('\\', '/')}:${frame[2]}` : kindAndCode
}

function safeWait(): number | undefined {
  try {
    return waitSeconds()
  } catch {
    return undefined
  }
}

const USAGE_PATTERNS: Array<[RegExp, (...groups: string[]) => string]> = [
  [/^Nonexistent flags?: (.*)/, (flags) => `Onbekende optie: ${flags}.`],
  [/^Missing \d+ required args?:?\s*(\S+)?/, (name) => `Er ontbreekt een verplicht argument${name ? `: ${name}` : ''}.`],
  [/^Unexpected arguments?: (.*)/, (args) => `Onverwacht argument: ${args}.`],
  [/^Expected --([\w-]+)=(.*) to be one of: (.*)/, (flag, value, options) => `Ongeldige waarde "${value}" voor --${flag}. Kies uit: ${options}.`],
  [/^Expected (.*) to be one of: (.*)/, (value, options) => `Ongeldige waarde "${value}". Kies uit: ${options}.`],
  [/Flag --([\w-]+) can only be specified once/, (flag) => `De optie --${flag} mag maar één keer worden gegeven.`],
  [/Flag --([\w-]+) expects one of these values: (.*)/, (flag, options) => `De optie --${flag} verwacht een van deze waarden: ${options}.`],
  [/Flag --([\w-]+) expects a value/, (flag) => `De optie --${flag} heeft een waarde nodig.`],
  [/Missing required flag:?\s*-*([\w-]+)/, (flag) => `De optie --${flag} is verplicht.`],
  [/--([\w-]+)=?\S* cannot also be provided when using --([\w-]+)/, (a, b) => `De opties --${a} en --${b} gaan niet samen; kies er één.`],
  [/Unexpected flag (\S+)/, (flag) => `Onverwachte optie ${flag}.`],
  [/Exactly one of the following must be provided: (.*)/, (flags) => `Geef precies één van deze opties: ${flags}.`],
  [/All of the following must be provided when using --([\w-]+): (.*)/, (flag, flags) => `--${flag} werkt alleen samen met ${flags}.`],
  [/Expected an integer but received: (.*)/, (value) => `"${value}" is geen geheel getal.`],
]

/** The flags of the command that failed, for "Bedoelde je --group?". */
export interface KnownFlags {
  flags?: string[]
}

function translateUsageError(error: unknown, commandId: string, known: KnownFlags): ReportedError | undefined {
  const name = (error as {constructor?: {name?: string}})?.constructor?.name ?? ''
  const message = String((error as Error)?.message ?? '')
  const isParse = /ParseError|ArgsError|FlagsError|OptionError|ValidationError|ConstraintError/.test(name) || /^(Flag --|Unexpected flag|Expected )/.test(message)
  if (!isParse) return undefined
  const lines = message.replace(/\nSee more help with --help$/, '').replace(/\u001B\[\d+m/g, '').split('\n')
  const help = `Zie: karavaan ${commandId.replaceAll(':', ' ')} --help`
  const missing = /^Missing (\d+) required args?/.exec(lines[0])
  if (missing) {
    // oclif lists each missing argument on a line of its own: "note  Id van de notitie …".
    const args = lines.slice(1).map((line) => /^(\S+)\s+(.*)$/.exec(line.trim())).filter((m): m is RegExpExecArray => m !== null)
    const names = args.map((m) => m[1].toUpperCase())
    const listed = names.length > 1 ? `${names.slice(0, -1).join(', ')} en ${names.at(-1)}` : names[0]
    return {
      details: args.map((m) => `${m[1].toUpperCase()}: ${m[2]}`),
      exit: EXIT.usage,
      hint: help,
      message: names.length === 0 ? 'Er ontbreekt een verplicht argument.' : names.length === 1 ? `Er ontbreekt een verplicht argument: ${listed}.` : `Er ontbreken ${names.length} verplichte argumenten: ${listed}.`,
    }
  }

  const unknown = /^Nonexistent flags?: (.*)/.exec(lines[0])
  if (unknown && known.flags && known.flags.length > 0) {
    const typed = unknown[1].split(/,\s*/)
    const suggestions = typed.map((flag) => nearestFlag(flag, known.flags ?? [])).filter((s): s is string => s !== undefined)
    const guess = suggestions.length > 0 ? `Bedoelde je ${[...new Set(suggestions)].map((flag) => `--${flag}`).join(' of ')}? ` : ''
    return {details: [], exit: EXIT.usage, hint: `${guess}${help}`, message: `Onbekende optie: ${typed.join(', ')}.`}
  }

  const translated = lines
    .map((line) => {
      for (const [pattern, render] of USAGE_PATTERNS) {
        const match = pattern.exec(line.trim())
        if (match) return render(...match.slice(1))
      }

      return undefined
    })
    .filter((line): line is string => Boolean(line))
  return {
    details: [],
    exit: EXIT.usage,
    hint: help,
    message: translated.length > 0 ? [...new Set(translated)].join('\n') : `Deze opdracht is verkeerd gebruikt: ${lines[0]}`,
  }
}

// The Dutch word a user may type for a flag of ours: "--groep" is --group, "--tekst" is --text.
const DUTCH_FLAGS: Record<string, string> = {
  begin: 'start', bestand: 'file', codeur: 'coder', datum: 'date', deelnemers: 'participants', einde: 'end', formaat: 'format',
  groep: 'group', groepen: 'group', narratief: 'narrative', narratieven: 'narrative', opdrachtgever: 'client', rol: 'role',
  rollen: 'role', sinds: 'since', sjabloon: 'template', studie: 'study', tekst: 'text', thema: 'theme', themas: 'theme',
  titel: 'title', uit: 'out', uitvoer: 'out', versleutel: 'encrypt', wat: 'what', ja: 'yes', forceer: 'force',
  activiteit: 'activity', observatie: 'activity', bevinding: 'finding', publiek: 'audience', doelgroep: 'audience',
}

/** The flag of the command the user most likely meant, or undefined when none is close. */
function nearestFlag(typed: string, flags: string[]): string | undefined {
  const word = typed.replace(/^-+/, '').replace(/=.*$/, '').toLowerCase()
  const dutch = DUTCH_FLAGS[word] ?? DUTCH_FLAGS[word.replace(/s$/, '')]
  if (dutch && flags.includes(dutch)) return dutch
  let best: string | undefined
  let bestDistance = Number.POSITIVE_INFINITY
  for (const flag of flags) {
    const d = distance(word, flag)
    if (d < bestDistance) [best, bestDistance] = [flag, d]
  }

  // A typo, not another word: at most a third of the letters differ.
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined
}

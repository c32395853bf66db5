import {UserError} from '../errors.js'

/** How long a command waits for another karavaan process that is writing, by default. */
export const DEFAULT_WAIT_SECONDS = 30

/**
 * The wait for a busy study, from KARAVAAN_WACHTTIJD (seconds; decimals allowed) or the default.
 * A user on a slow laptop running a large import beside other commands may want it longer.
 */
export function waitSeconds(env: NodeJS.ProcessEnv = process.env): number {
  const given = env.KARAVAAN_WACHTTIJD
  if (given === undefined || given.trim() === '') return DEFAULT_WAIT_SECONDS
  const seconds = Number(given.replace(',', '.'))
  if (!Number.isFinite(seconds) || seconds < 0 || seconds > 3600) {
    throw new UserError(`KARAVAAN_WACHTTIJD is "${given}"; dat is geen aantal seconden tussen 0 en 3600.`, {
      hint: `Zet bijvoorbeeld KARAVAAN_WACHTTIJD=60, of haal de variabele weg voor de standaard van ${DEFAULT_WAIT_SECONDS} seconden.`,
    })
  }

  return seconds
}

function codeOf(error: unknown): string {
  const code = (error as {code?: unknown})?.code
  return typeof code === 'string' ? code : ''
}

/**
 * What the user can do about a failure of the database, as a UserError; undefined when it is
 * not one a user can fix (then it is our bug). SQLite's extended codes (SQLITE_BUSY_SNAPSHOT,
 * SQLITE_IOERR_WRITE …) start with the primary code.
 */
export function databaseProblem(error: unknown, file: string, wait = DEFAULT_WAIT_SECONDS): UserError | undefined {
  const code = codeOf(error)
  const is = (...codes: string[]) => codes.some((c) => code === c || code.startsWith(`${c}_`))
  if (is('SQLITE_BUSY', 'SQLITE_LOCKED')) {
    return new UserError(`De studie is bezet: een ander karavaan-proces schrijft al langer dan ${formatSeconds(wait)} in ${file}. Er is niets opgeslagen.`, {
      hint: 'Wacht tot die opdracht klaar is (een grote import kan even duren) en probeer het opnieuw. Langer wachten: zet KARAVAAN_WACHTTIJD op een aantal seconden.',
    })
  }

  if (is('SQLITE_FULL') || code === 'ENOSPC' || (is('SQLITE_IOERR') && /disk is full|no space/i.test(String((error as Error).message)))) {
    return new UserError(`De schijf is vol; ${file} kon niet worden bijgewerkt en er is niets opgeslagen.`, {
      hint: 'Maak ruimte vrij op de schijf en probeer het opnieuw; de studie is zoals hij was.',
    })
  }

  if (is('SQLITE_READONLY', 'SQLITE_CANTOPEN', 'SQLITE_PERM', 'SQLITE_AUTH') || code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return new UserError(`${file} kan niet worden geopend of geschreven.`, {
      hint: 'Controleer of je schrijfrechten hebt op de studiemap en of de schijf niet alleen-lezen is.',
    })
  }

  if (is('SQLITE_NOTADB', 'SQLITE_CORRUPT')) {
    return new UserError(`${file} is beschadigd of geen karavaan-database.`, {
      hint: 'Kijk met karavaan doctor wat er mis is, of zet een backup terug met karavaan backup restore BESTAND (voorheen karavaan restore).',
    })
  }

  if (is('SQLITE_IOERR')) {
    return new UserError(`Lezen of schrijven van ${file} mislukte (${code}); er is niets opgeslagen.`, {
      hint: 'Controleer de schijf (is een USB-schijf losgeraakt?) en probeer het opnieuw. Daarna kun je de studie controleren met karavaan doctor.',
    })
  }

  return undefined
}

function formatSeconds(seconds: number): string {
  return seconds === 1 ? '1 seconde' : `${String(seconds).replace('.', ',')} seconden`
}

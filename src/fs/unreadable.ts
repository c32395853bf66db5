import {resolve} from 'node:path'

import {UserError} from '../errors.js'

/**
 * The error for a path the user gave that cannot be read, saying why in the words of the person who
 * typed it: it does not exist (and where the kit looked), it is a folder, or it may not be read.
 * `what` names the kind of file ("het tekstbestand", "de bundel"); `hint` is what to do beyond that.
 */
export function unreadablePath(file: string, error: unknown, what = 'het bestand', hint?: string): UserError {
  const code = (error as {code?: string})?.code
  const where = resolve(file)
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    const looked = where === file ? '' : ` (gezocht als ${where})`
    return new UserError(`${capitalised(what)} ${file} bestaat niet${looked}.`, {hint: hint ?? 'Controleer de naam en de map, of geef het volledige pad.'})
  }

  if (code === 'EISDIR') return new UserError(`${file} is een map, geen bestand.`, {hint: hint ?? `Geef ${what} in die map, niet de map zelf.`})
  if (code === 'EACCES' || code === 'EPERM') {
    return new UserError(`${capitalised(what)} ${file} mag je niet lezen.`, {hint: 'Vraag wie het bestand maakte om het leesbaar te maken, of kopieer het naar je eigen map.'})
  }

  return new UserError(`${capitalised(what)} ${file} is niet te lezen.`, {hint: hint ?? 'Controleer de naam en de map, en of je het bestand mag lezen.'})
}

function capitalised(text: string): string {
  return text[0].toUpperCase() + text.slice(1)
}

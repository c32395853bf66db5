import {Flags} from '@oclif/core'
import {readFileSync, statSync} from 'node:fs'

import {UserError} from '../errors.js'
import {decodeNoteBytes, MAX_NOTE_FILE_BYTES} from '../notes/decode.js'
import type {RawNoteFields} from '../notes/fields.js'
import {unreadablePath} from '../fs/unreadable.js'
import {requireDate} from '../parse/date.js'

/** The filters every note listing shares (note list, note search). */
export const noteFilterFlags = {
  activity: Flags.string({description: 'Alleen observaties van deze soort (wijkwandeling, fietstocht, wijkbijeenkomst, buurtactiviteit).', helpValue: '<id>', helpGroup: 'FILTER'}),
  group: Flags.string({description: 'Alleen gesprekken met deze groep (id, nummer 1-8 of naam, zoals scholieren).', helpValue: '<id|1-8>', helpGroup: 'FILTER'}),
  halteplaats: Flags.string({description: 'Alleen notities uit deze halteplaats (id of naam).', helpValue: '<id>', helpGroup: 'FILTER'}),
  interviewer: Flags.string({description: 'Alleen notities van deze interviewer.', helpValue: '<id>', helpGroup: 'FILTER'}),
  narrative: Flags.string({description: 'Alleen notities met dit narratief (id, nummer 1-5 of naam).', helpValue: '<id|1-5>', helpGroup: 'FILTER'}),
  since: Flags.string({description: 'Alleen gesprekken op of na deze datum, zoals 2026-03-15 of 15-3-2026.', helpValue: '<datum>', helpGroup: 'FILTER'}),
  theme: Flags.string({description: 'Alleen notities over dit thema.', helpValue: '<id>', helpGroup: 'FILTER'}),
  until: Flags.string({description: 'Alleen gesprekken op of voor deze datum, zoals 2026-03-15 of 15-3-2026.', helpValue: '<datum>', helpGroup: 'FILTER'}),
}

/** The metadata of a note, for note add, note edit and import. */
export const noteFieldFlags = {
  activity: Flags.string({description: 'Observatie: wijkwandeling, fietstocht, wijkbijeenkomst of buurtactiviteit (in plaats van --group).', helpValue: '<id>', exclusive: ['group']}),
  date: Flags.string({description: 'Datum van het gesprek, zoals 2026-03-15, 15-3-2026 of "15 maart 2026". Standaard: vandaag.', helpValue: '<datum>'}),
  group: Flags.string({description: 'Groep van het gesprek: id, nummer 1-8 of naam (bijv. moeders, 4 of scholieren).', helpValue: '<id|1-8>', exclusive: ['activity']}),
  halteplaats: Flags.string({description: 'Halteplaats: id of naam (bijv. vlonders of "De Vlonders").', helpValue: '<id>'}),
  interviewer: Flags.string({description: 'Id van de interviewer. Standaard: karavaan config set interviewer ID.', helpValue: '<id>'}),
  narrative: Flags.string({description: 'Narratief dat je hoorde: id, nummer 1-5 of naam; mag vaker.', helpValue: '<id|1-5>', multiple: true}),
  participants: Flags.integer({description: 'Aantal deelnemers.', helpValue: '<aantal>', min: 0}),
  role: Flags.string({description: 'Rol van deelnemers, zoals moeder of wijkagent (nooit een naam); mag vaker.', helpValue: '<rol>', multiple: true}),
  theme: Flags.string({description: 'Thema uit de methode; mag vaker.', helpValue: '<id>', multiple: true}),
}

/** note edit: what is given replaces what the note has, so nothing has a default. */
export const noteEditFlags = {
  ...noteFieldFlags,
  date: Flags.string({description: 'Nieuwe datum van het gesprek, zoals 2026-03-15, 15-3-2026 of "15 maart 2026".', helpValue: '<datum>'}),
  interviewer: Flags.string({description: 'Id van de interviewer (uit het team).', helpValue: '<id>'}),
}

/** import: the fields are for files without them of their own (a Word document, a text without the block at the top). */
export const noteImportFlags = {
  ...noteFieldFlags,
  date: Flags.string({description: 'Datum van het gesprek (zoals 2026-03-15 of 15-3-2026), voor bestanden zonder eigen datum.', helpValue: '<datum>'}),
  interviewer: Flags.string({description: 'Id van de interviewer, voor bestanden zonder eigen interviewer.', helpValue: '<id>'}),
}

/** What to do with personal data in what a command stores; `what` names it: "de bevinding", "de notities". */
export function privacyFlagsFor(what: string) {
  return {
    'allow-personal-data': Flags.boolean({description: `Sla ${what} op, ook als de privacycontrole persoonsgegevens vindt, en leg die keuze erbij vast.`, exclusive: ['pseudonymise']}),
    pseudonymise: Flags.boolean({description: 'Vervang gevonden persoonsgegevens door vaste plaatshouders: [naam-3f7a9c], [telefoonnummer-91c2e0] … (dezelfde persoon overal dezelfde; zie karavaan privacy key).', exclusive: ['allow-personal-data']}),
  }
}

/** What to do with personal data in a note. */
export const privacyFlags = privacyFlagsFor('de notitie')

export function policyOf(flags: {'allow-personal-data'?: boolean; pseudonymise?: boolean}): 'allow' | 'pseudonymise' | 'refuse' {
  if (flags['allow-personal-data']) return 'allow'
  return flags.pseudonymise ? 'pseudonymise' : 'refuse'
}

/** The note fields given as flags, in the shape the notes core checks; a date already as 2026-03-15. */
export function fieldsFromFlags(flags: {
  activity?: string
  date?: string
  group?: string
  halteplaats?: string
  interviewer?: string
  narrative?: string[]
  participants?: number
  role?: string[]
  theme?: string[]
}): RawNoteFields {
  return {
    activity: flags.activity,
    date: flags.date === undefined ? undefined : requireDate(flags.date, '--date'),
    group: flags.group,
    halteplaats: flags.halteplaats,
    interviewer: flags.interviewer,
    narratives: flags.narrative,
    participants: flags.participants,
    roles: flags.role,
    themes: flags.theme,
  }
}

/** The text of --text, or of the file of --file read as import reads it (BOM, Windows-1252, size). */
export function textFromFlags(flags: {file?: string; text?: string}): string | undefined {
  return flags.file ? readTextFile(flags.file) : flags.text
}

/** A text file given on the command line (- is standard input), checked and decoded like a note. */
export function readTextFile(file: string): string {
  let bytes: Buffer
  if (file === '-') {
    bytes = readFileSync(0)
  } else {
    let stat
    try {
      stat = statSync(file)
    } catch (error) {
      throw unreadablePath(file, error, 'het tekstbestand')
    }

    if (!stat.isFile()) throw new UserError(`${file} is geen gewoon bestand.`, {hint: 'Geef een tekstbestand (UTF-8 of Windows-1252).'})
    // Checked before reading, so a huge file is not read into memory only to be refused.
    if (stat.size > MAX_NOTE_FILE_BYTES) {
      throw new UserError(`${file} is ${Math.round(stat.size / 1024)} kB; een notitie mag hoogstens ${Math.round(MAX_NOTE_FILE_BYTES / 1024)} kB zijn.`, {hint: 'Is dit wel het goede bestand? Splits een heel lange tekst in meer notities.'})
    }

    bytes = readFileSync(file)
  }

  if (bytes.length > MAX_NOTE_FILE_BYTES) throw new UserError(`De tekst is ${Math.round(bytes.length / 1024)} kB; hoogstens ${Math.round(MAX_NOTE_FILE_BYTES / 1024)} kB.`)
  const decoded = decodeNoteBytes(bytes)
  if (decoded.problem) throw new UserError(`${file === '-' ? 'De standaardinvoer' : file}: ${decoded.problem}.`, {hint: 'Geef een tekstbestand (UTF-8 of Windows-1252).'})
  return decoded.text
}

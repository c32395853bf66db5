import {createHash, randomBytes} from 'node:crypto'
import {existsSync, readFileSync, statSync} from 'node:fs'
import {join, resolve} from 'node:path'

import {UserError} from '../errors.js'
import {copyPrivately, writeNewPrivateFile, writePrivateFile} from '../fs/private.js'
import {Pseudonyms} from './pseudonyms.js'

/*
 * The study's secret key for stable placeholders. It lives beside the database in the study folder,
 * owner-only, and is made the first time a hit is replaced. Nothing that leaves the laptop reads
 * it: a bundle carries study.yaml, the method and the records of the database; exports and reports
 * are made from the database. The team shares it on purpose, with `karavaan privacy key`.
 */

export const PSEUDONYM_KEY_FILE = 'pseudoniemen.sleutel'

const HEADER = 'karavaan-pseudoniemsleutel 1'
const KEY_BYTES = 32
const MAX_FILE_BYTES = 4096

/** What the key needs of a study: its folder and its id (a key of another study is refused). */
export interface StudyRef {
  dir: string
  id: string
}

export interface KeyInfo {
  /** Where the key is kept in the study folder. */
  file: string
  /** A short digest of the key, to check that two laptops have the same one; it gives nothing of the key away. */
  fingerprint: null | string
}

// One read per process and study: an import of 250 notes reads the file once.
const loaded = new Map<string, Buffer>()

export function pseudonymKeyFile(study: StudyRef): string {
  return join(study.dir, PSEUDONYM_KEY_FILE)
}

/**
 * The study's stable placeholders. The key is read, or made, only when the guard really replaces
 * a hit: a note without personal data, or one that is refused, never touches it.
 */
export function studyPseudonyms(study: StudyRef): Pseudonyms {
  return new Pseudonyms(() => studyKey(study).key)
}

/** The study's key; made (32 random bytes) when the study has none yet. */
export function studyKey(study: StudyRef): {created: boolean; key: Buffer} {
  const file = pseudonymKeyFile(study)
  const cached = loaded.get(file)
  if (cached) return {created: false, key: cached}
  let created = false
  if (!existsSync(file)) {
    // Two commands at once on a fresh study: the first one's key wins, the other reads it.
    created = writeNewPrivateFile(file, renderKey(study.id, randomBytes(KEY_BYTES)))
  }

  const key = readKeyFile(file, study, 'study')
  loaded.set(file, key)
  return {created, key}
}

/** Where the key is and its fingerprint; null when the study has no key yet. Makes nothing. */
export function keyInfo(study: StudyRef): KeyInfo {
  const file = pseudonymKeyFile(study)
  return {file, fingerprint: existsSync(file) ? fingerprintOf(readKeyFile(file, study, 'study')) : null}
}

/** "3f7a-91c2-0b4e": a digest of the key that two laptops can compare aloud. */
export function fingerprintOf(key: Buffer): string {
  const hex = createHash('sha256').update('karavaan-vingerafdruk\u0000').update(key).digest('hex')
  return `${hex.slice(0, 4)}-${hex.slice(4, 8)}-${hex.slice(8, 12)}`
}

/** Copies the study's key (made first if need be) to a new file for a colleague's laptop. */
export function exportKey(study: StudyRef, out: string): KeyInfo & {created: boolean; out: string} {
  const target = resolve(out)
  if (existsSync(target)) {
    throw new UserError(`${target} bestaat al; er is niets overschreven.`, {hint: 'Kies een nieuwe bestandsnaam voor de sleutel.'})
  }

  const {created, key} = studyKey(study)
  let written: boolean
  try {
    written = writeNewPrivateFile(target, renderKey(study.id, key))
  } catch (error) {
    throw new UserError(`${target} kan niet worden geschreven (${(error as {code?: string}).code ?? 'fout'}).`, {hint: 'Controleer of de map bestaat en of je er mag schrijven.'})
  }

  if (!written) throw new UserError(`${target} bestaat al; er is niets overschreven.`, {hint: 'Kies een nieuwe bestandsnaam voor de sleutel.'})
  return {created, file: pseudonymKeyFile(study), fingerprint: fingerprintOf(key), out: target}
}

export interface ImportedKey extends KeyInfo {
  /** new: the study had no key; same: it had this one; replaced: the old one is kept in `previous`. */
  change: 'gelijk' | 'nieuw' | 'vervangen'
  previous: null | string
}

/**
 * Takes over the key of another laptop of the same study. A study that already has a different
 * key keeps it, unless `force`: placeholders already written with it would then no longer match
 * new ones. The old key is kept beside it, never removed.
 */
export function importKey(study: StudyRef, from: string, options: {force?: boolean; now?: Date} = {}): ImportedKey {
  const source = resolve(from)
  const key = readKeyFile(source, study, 'import')
  const file = pseudonymKeyFile(study)
  const fingerprint = fingerprintOf(key)
  loaded.delete(file)
  if (writeNewPrivateFile(file, renderKey(study.id, key))) return {change: 'nieuw', file, fingerprint, previous: null}
  const current = readKeyFile(file, study, 'study')
  if (current.equals(key)) return {change: 'gelijk', file, fingerprint, previous: null}
  if (!options.force) {
    throw new UserError(`Deze studie heeft al een andere pseudoniemsleutel (vingerafdruk ${fingerprintOf(current)}) dan die in ${source} (${fingerprint}). Er is niets veranderd.`, {
      hint: `Plaatshouders die al met de huidige sleutel zijn gemaakt, blijven zoals ze zijn en komen niet overeen met die van de andere sleutel. Is ${source} de sleutel van de projectleider, neem hem dan toch over met --force; de huidige blijft bewaard als ${PSEUDONYM_KEY_FILE}.DATUM.bak.`,
    })
  }

  const previous = `${file}.${(options.now ?? new Date()).toISOString().replaceAll(/[:.]/g, '-')}.bak`
  copyPrivately(file, previous)
  writePrivateFile(file, renderKey(study.id, key))
  return {change: 'vervangen', file, fingerprint, previous}
}

function renderKey(studyId: string, key: Buffer): string {
  return [
    HEADER,
    '# De geheime sleutel voor vaste plaatshouders ([naam-3f7a9c]) van deze studie.',
    '# Wie hem heeft, kan een plaatshouder terugzoeken: geef hem alleen aan je eigen team,',
    '# nooit met een bundel, export of rapport mee. Delen: karavaan privacy key --export BESTAND',
    `studie: ${studyId}`,
    `sleutel: ${key.toString('hex')}`,
    '',
  ].join('\n')
}

/** The key in a key file, checked: the kit's format, 32 bytes, and this study's id. */
function readKeyFile(file: string, study: StudyRef, role: 'import' | 'study'): Buffer {
  const broken = (what: string) =>
    new UserError(`${file} is geen bruikbare pseudoniemsleutel: ${what}. Er is niets veranderd.`, {
      hint:
        role === 'import'
          ? 'Vraag de projectleider om een nieuwe, met: karavaan privacy key --export BESTAND'
          : `Zet de sleutel terug met karavaan privacy key --import BESTAND (van de projectleider, of je eigen kopie). Of verplaats ${PSEUDONYM_KEY_FILE}: dan maakt karavaan een nieuwe, en komen nieuwe plaatshouders niet meer overeen met de oude.`,
    })
  let text: string
  try {
    if (statSync(file).size > MAX_FILE_BYTES) throw broken('het bestand is veel te groot')
    text = readFileSync(file, 'utf8')
  } catch (error) {
    if (error instanceof UserError) throw error
    throw new UserError(`${file} is niet te lezen.`, {hint: role === 'import' ? 'Controleer de naam en de map van het sleutelbestand.' : 'Controleer of je het bestand mag lezen.'})
  }

  const lines = text.split(/\r?\n/)
  if (lines[0] !== HEADER) throw broken(`de eerste regel is niet "${HEADER}"`)
  const value = (name: string) => lines.find((line) => line.startsWith(`${name}:`))?.slice(name.length + 1).trim()
  const owner = value('studie')
  const hex = value('sleutel')
  if (!hex || !/^[\da-f]{64}$/.test(hex)) throw broken('de regel "sleutel:" ontbreekt of is beschadigd')
  if (owner !== study.id) {
    throw new UserError(`${file} is de pseudoniemsleutel van een andere studie (${owner ?? 'onbekend'}); deze studie is ${study.id}. Er is niets veranderd.`, {
      hint: role === 'import' ? 'Vraag de projectleider om de sleutel van deze studie: karavaan privacy key --export BESTAND' : `Hoort ${PSEUDONYM_KEY_FILE} niet in deze map, verplaats het dan; zet de goede sleutel terug met karavaan privacy key --import BESTAND.`,
    })
  }

  return Buffer.from(hex, 'hex')
}

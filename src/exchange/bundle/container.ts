import {createCipheriv, createDecipheriv, randomBytes, scryptSync} from 'node:crypto'
import {gunzipSync, gzipSync} from 'node:zlib'

import {UserError} from '../../errors.js'

/*
 * The outside of a bundle: one text line that says what the file is, then the payload, gzipped and
 * optionally encrypted.
 *
 *   KARAVAAN-BUNDEL 1 gzip\n<gzip>
 *   KARAVAAN-BUNDEL 1 gzip aes-256-gcm scrypt N=32768 r=8 p=1 salt=<base64> iv=<base64>\n<ciphertext><16-byte tag>
 *
 * Not a zip: a bundle is read into the database and never unpacked onto the disk, so there are no
 * entry names that could escape a folder. The one danger of compression that remains, a payload
 * that inflates to gigabytes, is met by a limit that zlib enforces while it inflates.
 * With encryption the header line is the additional authenticated data: changing a single byte of
 * the header, the ciphertext or the tag makes decryption fail.
 */

const MAGIC = 'KARAVAAN-BUNDEL'
/** The container's version; the manifest inside has its own format version. */
export const CONTAINER_VERSION = 1
const MAX_HEADER = 512
const TAG_BYTES = 16
const KEY_BYTES = 32
const SCRYPT = {N: 32_768, p: 1, r: 8}
/** What a bundle may inflate to: far above a real study, far below what hurts a laptop. */
export const MAX_PAYLOAD_BYTES = 480 * 1024 * 1024
/** Text compresses about 3 to 10 times; a ratio far above that is a bomb, not a study. */
export const MAX_RATIO = 200
/** Small payloads may compress better (repeated field names); below this size the ratio is not checked. */
const RATIO_FLOOR_BYTES = 16 * 1024 * 1024

export interface Sealed {
  encrypted: boolean
  payload: Buffer
}

/** Gzips and, with a passphrase, encrypts a payload into the bytes of a bundle file. */
export function seal(payload: Buffer, passphrase?: string): Buffer {
  const compressed = gzipSync(payload)
  if (passphrase === undefined) return Buffer.concat([Buffer.from(`${MAGIC} ${CONTAINER_VERSION} gzip\n`, 'utf8'), compressed])
  const salt = randomBytes(16)
  const iv = randomBytes(12)
  const header = `${MAGIC} ${CONTAINER_VERSION} gzip aes-256-gcm scrypt N=${SCRYPT.N} r=${SCRYPT.r} p=${SCRYPT.p} salt=${salt.toString('base64')} iv=${iv.toString('base64')}\n`
  const cipher = createCipheriv('aes-256-gcm', deriveKey(passphrase, salt, SCRYPT), iv)
  cipher.setAAD(Buffer.from(header, 'utf8'))
  const body = Buffer.concat([cipher.update(compressed), cipher.final()])
  return Buffer.concat([Buffer.from(header, 'utf8'), body, cipher.getAuthTag()])
}

/** Whether the bytes are an encrypted bundle (so a command knows to ask for the passphrase). */
export function isEncrypted(bytes: Buffer, file: string): boolean {
  return readHeader(bytes, file).encryption !== undefined
}

/**
 * The payload of a bundle file: checks the header, decrypts (a wrong passphrase and an altered
 * byte both fail the authentication tag) and inflates within the limits.
 */
export function unseal(bytes: Buffer, file: string, passphrase?: string): Sealed {
  const header = readHeader(bytes, file)
  let compressed = bytes.subarray(header.length)
  if (header.encryption) {
    if (passphrase === undefined) {
      throw new UserError(`${file} is versleuteld; zonder de wachtwoordzin is hij niet te lezen.`, {
        hint: 'Voer het commando uit in een terminal (dan vraagt karavaan erom), of zet de wachtwoordzin in KARAVAAN_PASSPHRASE.',
      })
    }

    if (compressed.length < TAG_BYTES) throw damaged(file)
    const {iv, params, salt} = header.encryption
    const decipher = createDecipheriv('aes-256-gcm', deriveKey(passphrase, salt, params), iv)
    decipher.setAAD(bytes.subarray(0, header.length))
    decipher.setAuthTag(compressed.subarray(compressed.length - TAG_BYTES))
    try {
      compressed = Buffer.concat([decipher.update(compressed.subarray(0, compressed.length - TAG_BYTES)), decipher.final()])
    } catch {
      throw new UserError(`De wachtwoordzin klopt niet, of ${file} is onderweg veranderd of beschadigd. Er is niets veranderd.`, {
        hint: 'Controleer de wachtwoordzin (hoofdletters, spaties). Klopt die, vraag dan om een nieuwe bundel.',
      })
    }
  }

  return {encrypted: header.encryption !== undefined, payload: inflate(compressed, file)}
}

function inflate(compressed: Buffer, file: string): Buffer {
  const limit = Math.min(MAX_PAYLOAD_BYTES, Math.max(RATIO_FLOOR_BYTES, compressed.length * MAX_RATIO))
  try {
    return gunzipSync(compressed, {maxOutputLength: limit})
  } catch (error) {
    if ((error as {code?: string}).code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError) {
      throw new UserError(`${file} pakt uit tot meer dan ${Math.round(limit / 1024 / 1024)} MB; zo groot of zo sterk ingepakt is geen bundel van karavaan. Er is niets ingelezen.`, {
        hint: 'Vertrouw dit bestand niet. Vraag de afzender om een nieuwe bundel, gemaakt met karavaan export --format bundle.',
      })
    }

    throw damaged(file)
  }
}

interface Header {
  encryption?: {iv: Buffer; params: typeof SCRYPT; salt: Buffer}
  length: number
}

function readHeader(bytes: Buffer, file: string): Header {
  const end = bytes.subarray(0, MAX_HEADER).indexOf(0x0a)
  const line = end === -1 ? '' : bytes.toString('utf8', 0, end)
  const [magic, version, compression, cipher, kdf, ...options] = line.split(' ')
  if (magic !== MAGIC) {
    throw new UserError(`${file} is geen bundel van karavaan.`, {hint: 'Een bundel maak je met: karavaan export --format bundle --out BESTAND'})
  }

  if (!/^\d{1,6}$/.test(version ?? '')) throw damaged(file)
  if (Number(version) > CONTAINER_VERSION) throw newerKit(file, Number(version))
  if (compression !== 'gzip') throw damaged(file)
  if (cipher === undefined) return {length: end + 1}
  if (cipher !== 'aes-256-gcm' || kdf !== 'scrypt') throw damaged(file)
  const values = new Map(options.map((option) => option.split('=', 2) as [string, string]))
  const N = Number(values.get('N'))
  const r = Number(values.get('r'))
  const p = Number(values.get('p'))
  const salt = Buffer.from(values.get('salt') ?? '', 'base64')
  const iv = Buffer.from(values.get('iv') ?? '', 'base64')
  // Bounds on the work a header may ask for: a hostile N would tie up memory and minutes.
  const sound = Number.isInteger(Math.log2(N)) && N >= 1024 && N <= 1_048_576 && r >= 1 && r <= 16 && p >= 1 && p <= 4
  if (!sound || salt.length < 16 || iv.length !== 12) throw damaged(file)
  return {encryption: {iv, params: {N, p, r}, salt}, length: end + 1}
}

function deriveKey(passphrase: string, salt: Buffer, params: typeof SCRYPT): Buffer {
  return scryptSync(passphrase.normalize('NFC'), salt, KEY_BYTES, {...params, maxmem: 256 * params.N * params.r + 16 * 1024 * 1024})
}

export function damaged(file: string, detail?: string): UserError {
  return new UserError(`${file} is beschadigd of veranderd${detail ? `: ${detail}` : ''}. Er is niets veranderd.`, {
    hint: 'Vraag de afzender om de bundel opnieuw te maken en te sturen.',
  })
}

export function newerKit(file: string, version: number | string, known: number = CONTAINER_VERSION): UserError {
  return new UserError(
    `${file} is gemaakt met een nieuwere versie van karavaan (bundelformaat ${version}; deze versie kent tot en met ${known}). Er is niets veranderd.`,
    {hint: 'Werk karavaan bij naar de nieuwste versie en probeer het opnieuw.'},
  )
}

import {createHash} from 'node:crypto'

/** The kit's own namespace for name-based UUIDs (RFC 9562 version 5); never change it. */
const NAMESPACE = Buffer.from('5f1c7c3e9a2b4d0e8b6f2a41c0de7a11', 'hex')

/**
 * A UUID that follows from a name: the same code, coder or case gets the same GUID in every
 * export, so another tool sees a re-export as the same project and not as new codes.
 */
export function guidFor(name: string): string {
  const known = cache.get(name)
  if (known) return known
  const hash = createHash('sha1').update(NAMESPACE).update(name, 'utf8').digest()
  hash[6] = (hash[6] & 0x0f) | 0x50
  hash[8] = (hash[8] & 0x3f) | 0x80
  const hex = hash.subarray(0, 16).toString('hex')
  const guid = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
  // Codes, users and variables come back on every selection; a tag or a note's theme only once.
  if (!name.startsWith('selection:') && !name.startsWith('note-theme-')) cache.set(name, guid)
  return guid
}

const cache = new Map<string, string>()

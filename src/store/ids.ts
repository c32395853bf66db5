import {createHash, randomBytes} from 'node:crypto'

/*
 * UUIDv7 (RFC 9562): 48 bits of milliseconds, then a 12-bit counter that keeps ids made in the
 * same millisecond in order, then random bits. Written here rather than imported: the uuid
 * package costs ~20 ms at start-up, on every command, for these few lines.
 */
let lastMs = 0
let counter = 0

export function newId(): string {
  const random = randomBytes(10)
  let ms = Date.now()
  if (ms > lastMs) {
    lastMs = ms
    // Start low in the counter's range so a burst in one millisecond has room to count up.
    counter = random.readUInt16BE(0) & 0x3_ff
  } else {
    ms = lastMs
    counter++
    if (counter > 0xf_ff) {
      lastMs++
      ms = lastMs
      counter = 0
    }
  }

  const bytes = Buffer.alloc(16)
  bytes.writeUIntBE(ms, 0, 6)
  bytes.writeUInt16BE(0x70_00 | counter, 6)
  random.copy(bytes, 8, 2, 10)
  bytes[8] = (bytes[8] & 0x3f) | 0x80
  const hex = bytes.toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

export function nowIso(): string {
  return new Date().toISOString()
}

/**
 * An id derived from what it names, in the shape of a UUID (version 8: "custom"): the same parts
 * give the same id on every laptop. Context figures and conversations in the plan are known by
 * their keys everywhere, and a version of them by its record, parents, change and state (see
 * migration 009); migrate.ts gives SQL the same function as karavaan_key.
 */
export function keyId(...parts: Array<null | number | string | undefined>): string {
  // A separator no typed text holds, and a mark for "no value" that differs from an empty text.
  const text = parts.map((part) => (part === null || part === undefined ? '\u0001' : String(part))).join('\u0000')
  const hex = createHash('sha256').update(text, 'utf8').digest('hex')
  const variant = ((Number.parseInt(hex[16], 16) & 0x3) | 0x8).toString(16)
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}

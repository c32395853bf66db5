import {randomBytes} from 'node:crypto'

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

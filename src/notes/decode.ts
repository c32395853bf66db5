export const MAX_NOTE_FILE_BYTES = 2 * 1024 * 1024

export interface Decoded {
  /** Set when the file was not UTF-8 and was converted, for the import report. */
  converted?: 'windows-1252'
  problem?: string
  text: string
}

/**
 * Turns the bytes of a note file into text: UTF-8 with or without BOM, or Windows-1252 as old
 * Word exports write it. Binary files and files too large to be a note are refused.
 */
export function decodeNoteBytes(bytes: Uint8Array, limit = MAX_NOTE_FILE_BYTES): Decoded {
  if (bytes.length > limit) {
    return {problem: `het bestand is ${Math.round(bytes.length / 1024)} kB; een notitie mag hoogstens ${Math.round(limit / 1024)} kB zijn`, text: ''}
  }

  const sample = bytes.subarray(0, 8192)
  if (sample.includes(0)) return {problem: 'dit is geen tekstbestand (het bevat binaire gegevens)', text: ''}
  let text: string
  let converted: Decoded['converted']
  try {
    text = new TextDecoder('utf-8', {fatal: true}).decode(bytes)
  } catch {
    text = decodeWindows1252(bytes)
    converted = 'windows-1252'
    // Five bytes mean nothing in Windows-1252 either: then the file is neither, or not text.
    if (/[\u0081\u008D\u008F\u0090\u009D]/.test(text)) {
      return {problem: 'het bestand is geen geldige UTF-8 en ook geen Windows-1252; sla het op als UTF-8 (in Kladblok of Word: Opslaan als, codering UTF-8)', text: ''}
    }
  }

  text = text.replace(/^\uFEFF/, '').replaceAll('\r\n', '\n').replaceAll('\r', '\n')
  // Control characters other than tab and newline do not belong in a note.
  if (/[\u0001-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(text)) return {problem: 'het bestand bevat stuurtekens; is dit wel een tekstbestand?', text: ''}
  return {converted, text}
}

// Windows-1252 differs from Latin-1 only in 0x80-0x9F, where Word put its curly quotes, dashes
// and the euro sign. Node's TextDecoder treats that label as Latin-1, so the range is mapped here.
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ'

export function decodeWindows1252(bytes: Uint8Array): string {
  let out = ''
  for (const byte of bytes) out += byte >= 0x80 && byte <= 0x9f ? CP1252_HIGH[byte - 0x80] : String.fromCharCode(byte)
  return out
}

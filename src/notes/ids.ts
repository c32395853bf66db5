/** The short form of a note id that lists show: the last 8 characters, random in a UUIDv7. */
export function shortId(id: string): string {
  return id.slice(-8)
}

import {v7} from 'uuid'

/** A new record id: UUIDv7, unique across laptops without coordination and ordered by time. */
export function newId(): string {
  return v7()
}

export function nowIso(): string {
  return new Date().toISOString()
}

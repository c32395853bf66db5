import type {PersonalDataPolicy} from '../notes/guard.js'
import {UserError} from '../errors.js'
import {KINDS, type KindId} from '../model/kinds.js'
import {shortId} from '../notes/ids.js'
import type {FieldHit} from './guard.js'
import type {RecordMeta} from '../model/record.js'

export interface WriteOptions {
  by?: null | string
  policy?: PersonalDataPolicy
  /** The import key of the record (file and key), so the same file read again finds it. */
  source?: null | string
}

export interface WriteOutcome<T> {
  change: 'bewerkt' | 'nieuw' | 'ongewijzigd'
  record: T
  /** Personal data replaced by placeholders (with --pseudonymise). */
  replaced: FieldHit[]
}


/** An edit of a record in the trash is refused: it is restored first, so its history says so. */
export function refuseDeleted(record: {deletedAt: null | string; id: string}, kind: KindId): void {
  const {labels, topic} = KINDS[kind]
  if (record.deletedAt) throw new UserError(`${labels.capital} ${shortId(record.id)} staat in de prullenbak.`, {hint: `Zet hem eerst terug met: karavaan ${topic} restore ${shortId(record.id)}`})
}

/** A choice to keep personal data stays with the record until the user pseudonymises it. */
export function keepOverride(record: RecordMeta, fresh: RecordMeta['personalData'], policy: PersonalDataPolicy | undefined): RecordMeta['personalData'] {
  return fresh ?? (record.personalData && policy !== 'pseudonymise' ? record.personalData : null)
}

/** Equal in content, whatever the order of the keys. */
export function same(a: unknown, b: unknown): boolean {
  const canonical = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(canonical)
      : value && typeof value === 'object'
        ? Object.fromEntries(Object.entries(value).sort(([x], [y]) => x.localeCompare(y)).map(([k, v]) => [k, canonical(v)]))
        : value
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b))
}

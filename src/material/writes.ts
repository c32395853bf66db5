import type {PersonalDataPolicy} from '../privacy/guard.js'
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

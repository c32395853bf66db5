import * as v from 'valibot'

// Field schemas the kinds share. Bounds keep a hostile bundle from storing absurd values; they are
// far above anything the kit itself writes.
export const id = v.pipe(v.string(), v.regex(/^[0-9A-Za-z._:-]{1,80}$/))
export const slug = v.pipe(v.string(), v.minLength(1), v.maxLength(80))
export const timestamp = v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?$/), v.maxLength(40))
export const shortText = v.pipe(v.string(), v.maxLength(500))
export const longText = v.pipe(v.string(), v.maxLength(10_000_000))
export const count = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1_000_000_000))

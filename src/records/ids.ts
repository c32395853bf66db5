import {UserError} from '../errors.js'

/** The short form of a record id that lists show: the last 8 characters, random in a UUIDv7. */
export function shortId(id: string): string {
  return id.slice(-8)
}

/**
 * The full id of a record from what a user typed: the whole id, or a unique start or end of it
 * (at least 6 characters). `what` names the record in the message ("notitie", "tag").
 */
export function resolveShortId(typed: string, matches: (short: string) => string[], what: {hint: string; name: string}): string {
  const wanted = typed.trim().toLowerCase()
  if (wanted.length < 6) throw new UserError(`"${typed}" is te kort als ${what.name}-id; geef minstens 6 tekens.`, {hint: what.hint})
  const ids = matches(wanted)
  if (ids.length === 0) throw new UserError(`Er is geen ${what.name} met id "${typed}".`, {hint: what.hint})
  if (ids.length > 1) throw new UserError(`"${typed}" past bij meer dan één ${what.name}.`, {details: ids, hint: 'Geef meer tekens van de id.'})
  return ids[0]
}

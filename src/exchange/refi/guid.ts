// The name-based GUIDs live in the model: a tag from a note's themes carries one in the store too.
export {guidFor} from '../../model/guid.js'

const GUID = /^\{?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\}?$/i

/** A GUID as REFI-QDA allows it (with or without braces, any case) in the form the kit stores. */
export function normalGuid(value: string | undefined): string | undefined {
  const match = value ? GUID.exec(value.trim()) : null
  return match ? match[1].toLowerCase() : undefined
}

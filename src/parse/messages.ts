import * as v from 'valibot'

/**
 * Dutch wording for valibot's schema issues, so that every parser in the kit speaks the user's
 * language without each schema repeating the same messages.
 */
const TYPE_NAMES: Record<string, string> = {
  array: 'een lijst',
  boolean: 'ja of nee (true/false)',
  number: 'een getal',
  object: 'een groep velden (sleutel: waarde)',
  picklist: 'een van de toegestane waarden',
  strict_object: 'een groep velden (sleutel: waarde)',
  string: 'tekst',
}

export function dutchMessage(issue: v.BaseIssue<unknown>): string {
  if (issue.kind === 'schema') {
    if (issue.received === 'undefined') return 'ontbreekt'
    if (issue.type === 'strict_object' && issue.expected === 'never') return 'is een onbekend veld'
    if (issue.type === 'picklist' && issue.expected) return `moet een van deze waarden zijn: ${issue.expected.replaceAll('"', '').split(' | ').join(', ')}`
    return `moet ${TYPE_NAMES[issue.type] ?? issue.type} zijn, niet ${describeReceived(issue.received)}`
  }

  return issue.message
}

function describeReceived(received: string): string {
  if (received === 'null') return 'leeg'
  if (/^\d/.test(received)) return `het getal ${received}`
  if (received.startsWith('"')) return `de tekst ${received}`
  return TYPE_NAMES[received.toLowerCase()] ?? received
}

let installed = false
export function useDutchMessages(): void {
  if (installed) return
  v.setGlobalMessage(dutchMessage)
  installed = true
}

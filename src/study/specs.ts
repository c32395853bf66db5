import {UserError} from '../errors.js'
import {ID_PATTERN} from '../method/contract.js'
import {TEAM_ROLES} from './roles.js'
import type {Halteplaats, TeamMember} from './schema.js'

/** Proposes an id from a name: "De Vlonders" → "de-vlonders", "Sint-Anna Parochie" → "sint-anna-parochie". */
export function slugify(name: string): string {
  return name
    .normalize('NFD')
    .replaceAll(/[\u0300-\u036F]/g, '')
    .toLowerCase()
    .replaceAll(/[^a-z0-9]+/g, '-')
    .replaceAll(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '')
}

/**
 * An id proposed for a name that no one has yet: "anna", then "anna-v" (the initial of the surname),
 * then "anna-2"; for a place "de-vlonders", then "de-vlonders-2".
 */
export function freeId(name: string, taken: readonly string[], person = false): string {
  const words = name.trim().split(/\s+/)
  const base = slugify(person ? words[0] : name) || 'id'
  const candidates = [base, ...(person && words.length > 1 ? [`${base}-${slugify(words.at(-1) ?? '')[0] ?? ''}`] : [])]
  const free = candidates.find((id) => /[a-z0-9]$/.test(id) && !taken.includes(id))
  if (free) return free
  let n = 2
  while (taken.includes(`${base}-${n}`)) n++
  return `${base}-${n}`
}

/** `id:Naam:Gemeente:type`, as given to `karavaan init --halteplaats`. */
export function parseHalteplaatsSpec(spec: string): Halteplaats {
  const parts = spec.split(':').map((part) => part.trim())
  if (parts.length !== 4 || parts.some((part) => part === '')) {
    throw new UserError(`--halteplaats "${spec}" heeft niet de vorm id:Naam:Gemeente:type.`, {
      hint: 'Bijvoorbeeld: --halteplaats "noord:Emmen-Noord:Emmen:stadswijk" (vier delen, gescheiden door dubbele punten).',
    })
  }

  const [id, name, gemeente, type] = parts
  checkId(id, '--halteplaats', spec)
  return {gemeente, id, name, type}
}

/** `id[:Naam[:rol]]`, as given to `karavaan init --interviewer`. */
export function parseMemberSpec(spec: string, role: TeamMember['role'] = 'interviewer'): TeamMember {
  const [id, name = '', given, ...rest] = spec.split(':').map((part) => part.trim())
  checkId(id, '--interviewer', spec)
  if (rest.length > 0 || (given !== undefined && !(TEAM_ROLES as readonly string[]).includes(given.toLowerCase()))) {
    throw new UserError(`--interviewer "${spec}" heeft niet de vorm id, id:Naam of id:Naam:rol.`, {
      hint: `De rol is een van: ${TEAM_ROLES.join(', ')}. Bijvoorbeeld: --interviewer "sanne:Sanne Hoekstra:projectleider".`,
    })
  }

  return {id, name: name || id, role: given === undefined ? role : (given.toLowerCase() as TeamMember['role'])}
}

function checkId(id: string, flag: string, spec: string): void {
  if (!ID_PATTERN.test(id)) {
    throw new UserError(`${flag} "${spec}": "${id}" is geen geldige id.`, {
      hint: `Gebruik kleine letters, cijfers en streepjes, zoals ${slugify(id) || 'noord'}.`,
    })
  }
}

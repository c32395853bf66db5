import {UserError} from '../errors.js'
import {ID_PATTERN} from '../method/contract.js'
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

/** `id[:Naam]`, as given to `karavaan init --interviewer`. */
export function parseMemberSpec(spec: string, role: TeamMember['role'] = 'interviewer'): TeamMember {
  const at = spec.indexOf(':')
  const id = (at === -1 ? spec : spec.slice(0, at)).trim()
  const name = at === -1 ? '' : spec.slice(at + 1).trim()
  checkId(id, '--interviewer', spec)
  return {id, name: name || id, role}
}

function checkId(id: string, flag: string, spec: string): void {
  if (!ID_PATTERN.test(id)) {
    throw new UserError(`${flag} "${spec}": "${id}" is geen geldige id.`, {
      hint: `Gebruik kleine letters, cijfers en streepjes, zoals ${slugify(id) || 'noord'}.`,
    })
  }
}

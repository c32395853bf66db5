import {ID_PATTERN} from '../method/contract.js'
import type {Halteplaats, TeamMember} from '../study/schema.js'
import {formatDate} from '../parse/date.js'
import {askDate} from './date-prompt.js'
import {TEAM_ROLES} from '../study/roles.js'
import type {StudyDraft} from '../study/scaffold.js'
import {freeId} from '../study/specs.js'
import {askConfirm, askSelect, askText} from './prompts.js'

const AREA_TYPES = ['stadswijk', 'dorp', 'dorp in krimpregio', 'vinex-wijk', 'kustplaats', 'kleine stad', 'buitengebied']
const required = (value: string) => value.trim() !== '' || 'Vul iets in.'

/** Asks, in a terminal, for every part of a new study that the flags did not give. */
export async function askStudyDraft(given: Partial<StudyDraft>, defaults: {end: string; start: string}): Promise<StudyDraft> {
  const title = given.title ?? (await askText('Titel van de studie', {validate: required}))
  const client = given.client ?? (await askText('Opdrachtgever', {validate: required}))
  const start = given.period?.start ?? (await askDate('Begin van het veldwerk (zoals 2-2-2026 of 2 februari 2026)', {default: defaults.start}))
  const end =
    given.period?.end ??
    (await askDate('Einde van het veldwerk (zoals 18-12-2026 of 18 december 2026)', {
      check: (iso) => iso >= start || `Het einde ligt voor het begin (${formatDate(start)}).`,
      default: defaults.end > start ? defaults.end : start,
    }))
  const halteplaatsen = given.halteplaatsen?.length ? given.halteplaatsen : await askHalteplaatsen()
  const team = given.team?.length ? given.team : await askTeam()
  return {client, halteplaatsen, method: given.method ?? 'karavaan', period: {end, start}, team, title}
}

async function askHalteplaatsen(): Promise<Halteplaats[]> {
  const list: Halteplaats[] = []
  for (let i = 1; i <= 4; i++) {
    const name = await askText(`Halteplaats ${i} van 4: naam van het gebied`, {validate: required})
    const id = await askText(`  id voor ${name}`, {default: freeId(name, list.map((h) => h.id)), validate: idCheck(list.map((h) => h.id))})
    const gemeente = await askText('  gemeente', {default: list.at(-1)?.gemeente, validate: required})
    let type = await askSelect('  soort gebied', [...AREA_TYPES.map((t) => ({name: t, value: t})), {name: 'iets anders…', value: ''}])
    if (!type) type = await askText('  soort gebied (eigen omschrijving)', {validate: required})
    list.push({gemeente, id, name, type})
  }

  return list
}

async function askTeam(): Promise<TeamMember[]> {
  const team: TeamMember[] = []
  do {
    const name = await askText(team.length === 0 ? 'Teamlid: naam' : 'Volgend teamlid: naam', {validate: required})
    const id = await askText(`  id voor ${name} (kort, bijv. voornaam)`, {default: freeId(name, team.map((m) => m.id), true), validate: idCheck(team.map((m) => m.id))})
    const role = await askSelect('  rol', TEAM_ROLES.map((r) => ({name: r, value: r})), team.length === 0 ? 'projectleider' : 'interviewer')
    team.push({id, name, role})
  } while (await askConfirm('Nog een teamlid toevoegen?', team.length < 2))
  return team
}

function idCheck(taken: string[]) {
  return (value: string): boolean | string => {
    if (!ID_PATTERN.test(value)) return 'Gebruik kleine letters, cijfers en streepjes, zoals noord of de-vlonders.'
    if (taken.includes(value)) return `De id ${value} is al gebruikt.`
    return true
  }
}

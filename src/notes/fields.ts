import type {Study} from '../study/load.js'
import {parseDate} from '../parse/date.js'
import {checkCode, codeChoices, describeChoice} from '../study/lookup.js'
import type {NoteFields} from '../model/note.js'

/** A note's metadata as a user gives it (flags, front matter or prompts), not yet checked. */
export interface RawNoteFields {
  activity?: unknown
  date?: unknown
  group?: unknown
  halteplaats?: unknown
  interviewer?: unknown
  narratives?: unknown
  participants?: unknown
  roles?: unknown
  text?: unknown
  themes?: unknown
}

export interface FieldProblem {
  field: string
  message: string
}

const MAX_TEXT = 200_000

/**
 * Checks a note against the study and the method and returns it in its stored shape, or every
 * problem at once. Codes may be given as ids, as the Dutch names the kit shows, or (groups and
 * narratives) as numbers; a date in any form parseDate reads. They are returned as ids and 2026-03-15.
 */
export function checkNoteFields(study: Study, raw: RawNoteFields): {fields?: NoteFields; problems: FieldProblem[]} {
  const problems: FieldProblem[] = []
  const problem = (field: string, message: string) => problems.push({field, message})

  const halteplaatsText = text(raw.halteplaats)
  let halteplaats: string | undefined
  if (!halteplaatsText) problem('halteplaats', `ontbreekt; kies uit ${codeChoices(study, 'halteplaats')}`)
  else {
    const found = checkCode(study, 'halteplaats', halteplaatsText)
    if (found.problem !== undefined) problem('halteplaats', found.problem)
    else halteplaats = found.id
  }

  let group: null | string = null
  let activity: null | string = null
  const groupText = text(raw.group)
  const activityText = text(raw.activity)
  if (groupText && activityText) problem('group', 'een notitie gaat over een gesprek (group) of een observatie (activity), niet over allebei')
  else if (!groupText && !activityText) problem('group', `ontbreekt: geef group (${codeChoices(study, 'group')}) of activity (${codeChoices(study, 'activity')})`)
  else if (groupText) {
    const found = checkCode(study, 'group', groupText)
    if (found.problem !== undefined) problem('group', found.problem)
    else group = found.id
  } else {
    const found = checkCode(study, 'activity', activityText!)
    if (found.problem !== undefined) problem('activity', found.problem)
    else activity = found.id
  }

  const dateText = text(raw.date)
  const parsed = dateText ? parseDate(dateText) : undefined
  if (!parsed) problem('date', 'ontbreekt; schrijf de datum als 2026-03-15 of 15-3-2026')
  else if (parsed.problem !== undefined) problem('date', parsed.problem)
  const date = parsed?.iso

  const interviewer = text(raw.interviewer)
  if (!interviewer) problem('interviewer', `ontbreekt; kies uit ${describeChoice(study.team.map((m) => m.id))}`)
  else if (!study.team.some((m) => m.id === interviewer)) problem('interviewer', `"${interviewer}" staat niet in het team van study.yaml; kies uit ${describeChoice(study.team.map((m) => m.id))}`)

  let participants: null | number = null
  if (raw.participants !== undefined && raw.participants !== null && raw.participants !== '') {
    const n = typeof raw.participants === 'number' ? raw.participants : Number(String(raw.participants).trim())
    if (!Number.isInteger(n) || n < 0 || n > 10_000) problem('participants', `"${String(raw.participants)}" is geen aantal; geef een geheel getal, zoals 6`)
    else participants = n
  }

  const roles = list(raw.roles, 'roles', problem)
  for (const role of roles) {
    if (role.length > 60) problem('roles', `"${role.slice(0, 30)}…" is te lang voor een rol; beschrijf deelnemers kort, zoals "moeder" of "wijkagent"`)
  }

  const themes = list(raw.themes, 'themes', problem).map((theme) => {
    const found = checkCode(study, 'theme', theme)
    if (found.problem !== undefined) problem('themes', found.problem)
    return found.id ?? theme
  })
  const narratives = list(raw.narratives, 'narratives', problem).map((value) => {
    const found = checkCode(study, 'narrative', value)
    if (found.problem !== undefined) problem('narratives', found.problem)
    return found.id ?? value
  })

  const body = typeof raw.text === 'string' ? raw.text.replaceAll('\r\n', '\n').trim() : ''
  if (!body) problem('tekst', 'de notitie heeft geen tekst')
  else if (body.length > MAX_TEXT) problem('tekst', `de tekst is te lang (${body.length} tekens; maximaal ${MAX_TEXT})`)
  if (body.includes('\u0000')) problem('tekst', 'de tekst bevat een NUL-teken; is dit wel een tekstbestand?')

  if (problems.length > 0) return {problems}
  return {
    fields: {activity, date: date!, group, halteplaats: halteplaats!, interviewer: interviewer!, narratives: unique(narratives), participants, roles: unique(roles), text: body, themes: unique(themes)},
    problems,
  }
}

function text(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined
  if (typeof value === 'number') return String(value)
  if (typeof value !== 'string') return `${JSON.stringify(value)}`
  return value.trim() || undefined
}

/** A list may be written as a YAML list or as text separated by commas. */
function list(value: unknown, field: string, problem: (field: string, message: string) => void): string[] {
  if (value === undefined || value === null || value === '') return []
  const items = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : typeof value === 'number' ? [value] : null
  if (!items) {
    problem(field, 'moet een lijst zijn, zoals [a, b]')
    return []
  }

  return items
    .map((item) => {
      if (typeof item !== 'string' && typeof item !== 'number') {
        problem(field, `bevat iets dat geen tekst is: ${JSON.stringify(item)}`)
        return ''
      }

      return String(item).trim()
    })
    .filter(Boolean)
}

function unique(values: string[]): string[] {
  return [...new Set(values)]
}

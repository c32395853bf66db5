import {UserError} from '../errors.js'
import type {Study} from '../study/load.js'
import {describeChoice, findNarrative, requireActivity, requireGroup, requireHalteplaats} from '../study/lookup.js'
import {isIsoDate} from '../study/dates.js'
import type {NoteFilter} from './types.js'

/** Checks filter values against the study, so a typo says so instead of silently finding nothing. */
export function checkFilter(study: Study, raw: NoteFilter): NoteFilter {
  const method = study.methodDefinition
  const filter: NoteFilter = {deleted: raw.deleted}
  if (raw.halteplaats) filter.halteplaats = requireHalteplaats(study, raw.halteplaats)
  if (raw.group) filter.group = requireGroup(study, raw.group)
  if (raw.activity) filter.activity = requireActivity(study, raw.activity)
  if (raw.interviewer) {
    if (!study.team.some((m) => m.id === raw.interviewer)) throw new UserError(`Onbekende interviewer "${raw.interviewer}" (--interviewer).`, {hint: `Kies uit: ${describeChoice(study.team.map((m) => m.id))}.`})
    filter.interviewer = raw.interviewer
  }

  if (raw.theme) {
    if (!method.themes.some((t) => t.id === raw.theme)) throw new UserError(`Onbekend thema "${raw.theme}" (--theme).`, {hint: `Kies uit: ${describeChoice(method.themes.map((t) => t.id))}.`})
    filter.theme = raw.theme
  }

  if (raw.narrative) {
    const found = findNarrative(method, raw.narrative)
    if (!found) throw new UserError(`Onbekend narratief "${raw.narrative}" (--narrative).`, {hint: `Kies uit: ${describeChoice(method.narratives.map((n) => n.id))}, of een nummer 1-5.`})
    filter.narrative = found.id
  }

  for (const key of ['since', 'until'] as const) {
    const value = raw[key]
    if (value === undefined) continue
    if (!isIsoDate(value)) throw new UserError(`"${value}" is geen geldige datum (--${key}).`, {hint: 'Schrijf de datum als jaar-maand-dag, bijvoorbeeld 2026-03-15.'})
    filter[key] = value
  }

  return filter
}

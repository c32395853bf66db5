import {UserError} from '../errors.js'
import type {Study} from '../study/load.js'
import {describeChoice, requireActivity, requireGroup, requireHalteplaats, requireNarrative, requireTheme} from '../study/lookup.js'
import {requireDate} from '../parse/date.js'
import type {NoteFilter} from '../model/note.js'

/** Checks filter values against the study, so a typo says so instead of silently finding nothing. */
export function checkFilter(study: Study, raw: NoteFilter): NoteFilter {
  const filter: NoteFilter = {deleted: raw.deleted}
  if (raw.halteplaats) filter.halteplaats = requireHalteplaats(study, raw.halteplaats)
  if (raw.group) filter.group = requireGroup(study, raw.group)
  if (raw.activity) filter.activity = requireActivity(study, raw.activity)
  if (raw.interviewer) {
    if (!study.team.some((m) => m.id === raw.interviewer)) throw new UserError(`Onbekende interviewer "${raw.interviewer}" (--interviewer).`, {hint: `Kies uit: ${describeChoice(study.team.map((m) => m.id))}.`})
    filter.interviewer = raw.interviewer
  }

  if (raw.theme) filter.theme = requireTheme(study, raw.theme)
  if (raw.narrative) filter.narrative = requireNarrative(study, raw.narrative)

  for (const key of ['since', 'until'] as const) {
    const value = raw[key]
    if (value === undefined) continue
    filter[key] = requireDate(value, `--${key}`)
  }

  return filter
}

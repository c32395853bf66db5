import type {RawNoteFields} from '../notes/fields.js'
import type {Study} from '../study/load.js'
import {askDate} from './date-prompt.js'
import {askCheckbox, askSelect, askText, type Choice} from './prompts.js'

/**
 * Asks, in a terminal, for the metadata of a note that flags and settings did not give: select
 * lists for everything the method or study defines, so nobody has to type an id in the evening.
 */
export async function askNoteFields(study: Study, given: RawNoteFields, today: string): Promise<RawNoteFields> {
  const method = study.methodDefinition
  const raw = {...given}
  if (!raw.halteplaats) {
    raw.halteplaats = await askSelect('Halteplaats', study.halteplaatsen.map((h) => ({description: `${h.gemeente}, ${h.type}`, name: h.name, value: h.id})))
  }

  if (!raw.group && !raw.activity) {
    const choices: Array<Choice<string>> = [
      ...method.groups.map((g) => ({name: `${g.number}. ${g.name}`, value: `group:${g.id}`})),
      ...method.activities.map((a) => ({name: `observatie: ${a.name.toLowerCase()}`, value: `activity:${a.id}`})),
    ]
    const [kind, id] = (await askSelect('Gesprek met welke groep, of welke observatie?', choices)).split(':')
    if (kind === 'group') raw.group = id
    else raw.activity = id
  }

  if (!raw.date) {
    raw.date = await askDate('Datum (zoals 15-3-2026 of 15 maart 2026)', {default: today})
  }

  if (!raw.interviewer) {
    const team = [...study.team].sort((a, b) => Number(b.role === 'interviewer') - Number(a.role === 'interviewer'))
    raw.interviewer = await askSelect('Interviewer (stel een vaste in met: karavaan config set interviewer ID)', team.map((m) => ({description: m.role, name: `${m.name} (${m.id})`, value: m.id})))
  }

  if (raw.participants === undefined) {
    const count = await askText('Aantal deelnemers', {validate: (v) => v.trim() === '' || /^\d+$/.test(v.trim()) || 'Geef een aantal, zoals 6 (of laat leeg).'})
    raw.participants = count === '' ? undefined : Number(count)
  }

  if (raw.roles === undefined || (Array.isArray(raw.roles) && raw.roles.length === 0)) {
    const roles = await askText('Rollen van de deelnemers, met komma\'s (bijv. moeder, grootmoeder; nooit namen)')
    raw.roles = roles.split(',').map((r) => r.trim()).filter(Boolean)
  }

  if (raw.themes === undefined || (Array.isArray(raw.themes) && raw.themes.length === 0)) {
    raw.themes = await askCheckbox('Over welke thema\'s ging het?', method.themes.map((t) => ({name: t.name, value: t.id})))
  }

  if (raw.narratives === undefined || (Array.isArray(raw.narratives) && raw.narratives.length === 0)) {
    raw.narratives = await askCheckbox(
      'Welke narratieven van wantrouwen hoorde je? (mag geen)',
      method.narratives.map((n) => ({description: `“${n.voice}”`, name: `${n.number}. ${n.name}`, value: n.id})),
    )
  }

  return raw
}

import type {RawNoteFields} from '../notes/fields.js'
import type {Study} from '../study/load.js'
import {askDate, confirmDate, typedDate} from './date-prompt.js'
import {askCheckbox, askSelect, askText, type Choice} from './prompts.js'
import type {Answer} from './summary.js'

/** The answers of a note, in the order they are asked; `kind` is the group or the observation. */
export const NOTE_ANSWERS = ['halteplaats', 'kind', 'date', 'interviewer', 'participants', 'roles', 'themes', 'narratives'] as const
export type NoteAnswer = (typeof NOTE_ANSWERS)[number] | 'text'

const LABELS: Record<NoteAnswer, string> = {
  date: 'Datum',
  halteplaats: 'Halteplaats',
  interviewer: 'Interviewer',
  kind: 'Gesprek of observatie',
  narratives: 'Narratieven',
  participants: 'Deelnemers',
  roles: 'Rollen',
  text: 'Tekst',
  themes: "Thema's",
}

/**
 * Asks, in a terminal, for the metadata of a note that flags and settings did not give: select
 * lists for everything the method or study defines, so nobody has to type an id in the evening.
 * A date outside the study's period is questioned at once, also when it came with --date.
 */
export async function askNoteFields(study: Study, given: RawNoteFields, today: string): Promise<RawNoteFields> {
  let raw = {...given}
  for (const field of NOTE_ANSWERS) {
    if (isMissing(raw, field)) raw = await askNoteField(study, raw, field, today)
    else if (field === 'date') {
      // A --date that is no date, or one outside the period the person does not confirm, is asked again here.
      const date = typedDate(String(raw.date))
      if (date && (await confirmDate(date, study.period))) raw.date = date
      else raw = await askNoteField(study, {...raw, date: date ?? undefined}, field, today)
    }
  }

  return raw
}

/** The answers a first pass would ask. */
export function missingAnswers(raw: RawNoteFields): Array<(typeof NOTE_ANSWERS)[number]> {
  return NOTE_ANSWERS.filter((field) => isMissing(raw, field))
}

/** Whether a first pass still has to ask this answer. */
function isMissing(raw: RawNoteFields, field: (typeof NOTE_ANSWERS)[number]): boolean {
  switch (field) {
    case 'kind': {
      return !raw.group && !raw.activity
    }

    case 'participants': {
      return raw.participants === undefined
    }

    case 'roles':
    case 'themes':
    case 'narratives': {
      return listOf(raw[field]).length === 0
    }

    default: {
      return !raw[field]
    }
  }
}

/**
 * Asks one answer of a note, with what it holds now as the default (ticked, chosen, filled in),
 * and returns the note with the new answer. The text is asked by the caller, who keeps the draft.
 */
export async function askNoteField(study: Study, raw: RawNoteFields, field: (typeof NOTE_ANSWERS)[number], today: string): Promise<RawNoteFields> {
  const method = study.methodDefinition
  const next = {...raw}
  switch (field) {
    case 'halteplaats': {
      next.halteplaats = await askSelect('Halteplaats', study.halteplaatsen.map((h) => ({description: `${h.gemeente}, ${h.type}`, name: h.name, value: h.id})), textOf(raw.halteplaats))
      break
    }

    case 'kind': {
      const choices: Array<Choice<string>> = [
        ...method.groups.map((g) => ({name: `${g.number}. ${g.name}`, value: `group:${g.id}`})),
        ...method.activities.map((a) => ({name: `observatie: ${a.name.toLowerCase()}`, value: `activity:${a.id}`})),
      ]
      const current = raw.activity ? `activity:${textOf(raw.activity)}` : raw.group ? `group:${textOf(raw.group)}` : undefined
      const [kind, id] = (await askSelect('Gesprek met welke groep, of welke observatie?', choices, current)).split(':')
      // One of the two, never both: the other key is gone, not null, so an edit does not read it as a change.
      delete next.group
      delete next.activity
      if (kind === 'group') next.group = id
      else next.activity = id
      break
    }

    case 'date': {
      next.date = await askDate('Datum (zoals 9-4-2026 of 9 april 2026)', {default: textOf(raw.date) ?? today, period: study.period})
      break
    }

    case 'interviewer': {
      const team = [...study.team].sort((a, b) => Number(b.role === 'interviewer') - Number(a.role === 'interviewer'))
      next.interviewer = await askSelect('Interviewer (stel een vaste in met: karavaan config set interviewer ID)', team.map((m) => ({description: m.role, name: `${m.name} (${m.id})`, value: m.id})), textOf(raw.interviewer))
      break
    }

    case 'participants': {
      const count = await askText('Aantal deelnemers', {default: textOf(raw.participants), validate: (v) => v.trim() === '' || /^\d+$/.test(v.trim()) || 'Geef een aantal, zoals 6 (of laat leeg).'})
      next.participants = count === '' ? null : Number(count)
      break
    }

    case 'roles': {
      const current = listOf(raw.roles).join(', ')
      const roles = await askText("Rollen van de deelnemers, met komma's (bijv. moeder, grootmoeder; nooit namen)", {default: current || undefined})
      next.roles = roles.split(',').map((r) => r.trim()).filter(Boolean)
      break
    }

    case 'themes': {
      next.themes = await askCheckbox("Over welke thema's ging het?", method.themes.map((t) => ({name: t.name, value: t.id})), listOf(raw.themes))
      break
    }

    case 'narratives': {
      const ticked = listOf(raw.narratives).map((n) => method.narratives.find((x) => x.id === n || String(x.number) === n)?.id ?? n)
      next.narratives = await askCheckbox(
        'Welke narratieven van wantrouwen hoorde je? (mag geen)',
        method.narratives.map((n) => ({description: `“${n.voice}”`, name: `${n.number}. ${n.name}`, value: n.id})),
        ticked,
      )
      break
    }
  }

  return next
}

/** The answers of a note as the summary shows them: names, not ids, and the start of the text. */
export function noteAnswers(study: Study, raw: RawNoteFields): Array<Answer<NoteAnswer>> {
  const method = study.methodDefinition
  const name = <T extends {id: string; name: string}>(list: readonly T[], id: string) => list.find((x) => x.id === id)?.name ?? id
  const group = textOf(raw.group)
  const activity = textOf(raw.activity)
  const kind = activity
    ? `observatie: ${name(method.activities, activity).toLowerCase()}`
    : group
      ? (() => {
          const found = method.groups.find((g) => g.id === group || String(g.number) === group)
          return found ? `gesprek met ${found.number}. ${found.name}` : group
        })()
      : ''
  const narratives = listOf(raw.narratives).map((n) => {
    const found = method.narratives.find((x) => x.id === n || String(x.number) === n)
    return found ? `${found.number}. ${found.name}` : n
  })
  const values: Record<NoteAnswer, string> = {
    date: textOf(raw.date) ?? '',
    halteplaats: name(study.halteplaatsen, textOf(raw.halteplaats) ?? ''),
    interviewer: (() => {
      const id = textOf(raw.interviewer) ?? ''
      const member = study.team.find((m) => m.id === id)
      return member ? `${member.name} (${member.id})` : id
    })(),
    kind,
    narratives: narratives.join(', ') || 'geen',
    participants: textOf(raw.participants) ?? 'niet geteld',
    roles: listOf(raw.roles).join(', ') || 'geen',
    text: describeText(typeof raw.text === 'string' ? raw.text : ''),
    themes: listOf(raw.themes).map((t) => name(method.themes, t)).join(', ') || 'geen',
  }
  return [...NOTE_ANSWERS, 'text' as const].map((key) => ({key, label: LABELS[key], value: values[key]}))
}

/** "3 regels: Koffieochtend in de grote zaal …" */
export function describeText(text: string): string {
  const clean = text.trim()
  if (!clean) return '(nog leeg)'
  const lines = clean.split('\n').length
  const start = clean.replaceAll(/\s+/g, ' ')
  return `${lines === 1 ? '1 regel' : `${lines} regels`}: ${start.length > 60 ? `${start.slice(0, 59)}…` : start}`
}

function textOf(value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return undefined
  return String(value)
}

function listOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String).filter(Boolean)
  if (typeof value === 'string') return value.split(',').map((v) => v.trim()).filter(Boolean)
  if (typeof value === 'number') return [String(value)]
  return []
}

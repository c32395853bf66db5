import {HALTEPLAATS_COUNT, ID_PATTERN} from '../method/contract.js'
import type {InitAnswers} from '../study/init-draft.js'
import type {Halteplaats, TeamMember} from '../study/schema.js'
import {TEAM_ROLES} from '../study/roles.js'
import type {StudyDraft} from '../study/scaffold.js'
import {freeId} from '../study/specs.js'
import {formatDate} from '../parse/date.js'
import {askDate} from './date-prompt.js'
import {askConfirm, askSelect, askText} from './prompts.js'
import {reviewAnswers} from './summary.js'

const AREA_TYPES = ['stadswijk', 'dorp', 'dorp in krimpregio', 'vinex-wijk', 'kustplaats', 'kleine stad', 'buitengebied']
const required = (value: string) => value.trim() !== '' || 'Vul iets in.'

/**
 * Asks, in a terminal, for every part of a new study that the flags (or the answers kept from an
 * init that was stopped) did not give. `keep` receives the answers after each one, so a stop
 * halfway loses none of them.
 */
export async function askStudyDraft(given: InitAnswers, defaults: {end: string; start: string}, keep: (answers: InitAnswers) => void = () => {}): Promise<StudyDraft> {
  const answers: InitAnswers = {...given, period: {...given.period}}
  const answered = () => keep(answers)
  answers.title ??= await askText('Titel van de studie', {validate: required})
  answered()
  answers.client ??= await askText('Opdrachtgever', {validate: required})
  answered()
  answers.period!.start ??= await askStart(defaults.start)
  answered()
  answers.period!.end ??= await askEnd(answers.period!.start, defaults.end)
  answered()
  answers.halteplaatsen = [...(answers.halteplaatsen ?? [])]
  while (answers.halteplaatsen.length < HALTEPLAATS_COUNT) {
    answers.halteplaatsen.push(await askHalteplaats(answers.halteplaatsen.length, answers.halteplaatsen))
    answered()
  }

  if (!answers.team?.length) {
    answers.team = []
    do {
      answers.team.push(await askMember(answers.team))
      answered()
    } while (await askConfirm('Nog een teamlid toevoegen?', answers.team.length < 2))
  }

  return {client: answers.client, halteplaatsen: answers.halteplaatsen, method: answers.method ?? 'karavaan', period: {end: answers.period!.end, start: answers.period!.start}, team: answers.team, title: answers.title}
}

type StudyAnswer = 'client' | 'end' | 'start' | 'team-add' | 'team-remove' | 'title' | `halteplaats-${number}` | `team-${number}`

/**
 * The summary of the new study with: create it, change one answer, or stop (the answers stay in
 * the draft the caller names). Returns the choice and the study as it stands then.
 */
export async function reviewStudyDraft(draft: StudyDraft, options: {dir: string; keep: (draft: StudyDraft) => void; stop: string}): Promise<{action: 'save' | 'stop'; draft: StudyDraft}> {
  let current = draft
  const update = (next: StudyDraft) => {
    current = next
    options.keep(current)
  }

  const action = await reviewAnswers<StudyAnswer>({
    answers: () => [
      {key: 'title', label: 'Titel', value: current.title},
      {key: 'client', label: 'Opdrachtgever', value: current.client},
      {key: 'start', label: 'Begin', value: formatDate(current.period.start)},
      {key: 'end', label: 'Einde', value: formatDate(current.period.end)},
      ...current.halteplaatsen.map((h, i) => ({key: `halteplaats-${i}` as const, label: `Halteplaats ${i + 1}`, value: `${h.name} (id ${h.id}; ${h.gemeente}, ${h.type})`})),
      ...current.team.map((m, i) => ({key: `team-${i}` as const, label: `Teamlid ${i + 1}`, value: `${m.name} (id ${m.id}; ${m.role})`})),
    ],
    async change(key) {
      update(await changeAnswer(current, key))
    },
    extra: () => [
      {key: 'team-add', label: 'Een teamlid toevoegen', value: ''},
      ...(current.team.length > 1 ? [{key: 'team-remove' as const, label: 'Een teamlid weghalen', value: ''}] : []),
    ],
    question: `Studie aanmaken in ${options.dir}?`,
    save: 'Aanmaken',
    stop: options.stop,
    title: `De nieuwe studie in ${options.dir}:`,
  })
  return {action, draft: current}
}

async function changeAnswer(draft: StudyDraft, key: StudyAnswer): Promise<StudyDraft> {
  const next: StudyDraft = {...draft, halteplaatsen: [...draft.halteplaatsen], period: {...draft.period}, team: [...draft.team]}
  if (key === 'title') next.title = await askText('Titel van de studie', {default: draft.title, validate: required})
  else if (key === 'client') next.client = await askText('Opdrachtgever', {default: draft.client, validate: required})
  else if (key === 'start') {
    next.period.start = await askStart(draft.period.start)
    // A new start after the end makes the end a question again.
    if (next.period.end < next.period.start) next.period.end = await askEnd(next.period.start, next.period.start)
  } else if (key === 'end') next.period.end = await askEnd(draft.period.start, draft.period.end)
  else if (key === 'team-add') next.team.push(await askMember(next.team))
  else if (key === 'team-remove') {
    const index = await askSelect('Welk teamlid weghalen?', draft.team.map((m, i) => ({name: `${m.name} (${m.id}, ${m.role})`, value: i})))
    next.team.splice(index, 1)
  } else if (key.startsWith('halteplaats-')) {
    const index = Number(key.slice('halteplaats-'.length))
    next.halteplaatsen[index] = await askHalteplaats(index, draft.halteplaatsen.filter((_, i) => i !== index), draft.halteplaatsen[index])
  } else {
    const index = Number(key.slice('team-'.length))
    next.team[index] = await askMember(draft.team.filter((_, i) => i !== index), draft.team[index])
  }

  return next
}

function askStart(fallback: string): Promise<string> {
  return askDate('Begin van het veldwerk (zoals 2-2-2026 of 2 februari 2026)', {default: fallback})
}

function askEnd(start: string, fallback: string): Promise<string> {
  return askDate('Einde van het veldwerk (zoals 18-12-2026 of 18 december 2026)', {
    check: (date) => date >= start || `Het einde ligt voor het begin (${formatDate(start)}).`,
    default: fallback > start ? fallback : start,
  })
}

/** One halteplaats; `others` are the ids it may not take, `current` what it was when it is asked again. */
async function askHalteplaats(index: number, others: readonly Halteplaats[], current?: Halteplaats): Promise<Halteplaats> {
  const taken = others.map((h) => h.id)
  const name = await askText(`Halteplaats ${index + 1} van ${HALTEPLAATS_COUNT}: naam van het gebied`, {default: current?.name, validate: required})
  const id = await askText(`  id voor ${name}`, {default: current && current.name === name ? current.id : freeId(name, taken), validate: idCheck(taken)})
  const gemeente = await askText('  gemeente', {default: current?.gemeente ?? others.at(-1)?.gemeente, validate: required})
  const known = current && AREA_TYPES.includes(current.type) ? current.type : current ? '' : undefined
  let type = await askSelect('  soort gebied', [...AREA_TYPES.map((t) => ({name: t, value: t})), {name: 'iets anders…', value: ''}], known)
  if (!type) type = await askText('  soort gebied (eigen omschrijving)', {default: current && !AREA_TYPES.includes(current.type) ? current.type : undefined, validate: required})
  return {gemeente, id, name, type}
}

async function askMember(others: readonly TeamMember[], current?: TeamMember): Promise<TeamMember> {
  const taken = others.map((m) => m.id)
  const name = await askText(current || others.length === 0 ? 'Teamlid: naam' : 'Volgend teamlid: naam', {default: current?.name, validate: required})
  const id = await askText(`  id voor ${name} (kort, bijv. voornaam)`, {default: current && current.name === name ? current.id : freeId(name, taken, true), validate: idCheck(taken)})
  const role = await askSelect('  rol', TEAM_ROLES.map((r) => ({name: r, value: r})), current?.role ?? (others.length === 0 ? 'projectleider' : 'interviewer'))
  return {id, name, role}
}

function idCheck(taken: string[]) {
  return (value: string): boolean | string => {
    if (!ID_PATTERN.test(value)) return 'Gebruik kleine letters, cijfers en streepjes, zoals noord of de-vlonders.'
    if (taken.includes(value)) return `De id ${value} is al gebruikt.`
    return true
  }
}

import {TheKind} from '../model/kinds.js'
import type {Store} from '../store/store.js'
import {parseDate} from '../parse/date.js'
import type {Study} from '../study/load.js'
import {checkCode, codeChoices, describeChoice} from '../study/lookup.js'
import {checkFindingIds, checkText, Problems} from './checks.js'
import {type Participant, type Reflection, type ReflectionFields, type Verdict, VERDICTS} from '../model/material.js'
import {saveEdit, saveNew} from './save.js'
import {requireEditable} from '../records/trash.js'
import {type WriteOptions, type WriteOutcome} from './writes.js'

export interface ReflectionInput {
  added?: string
  addedFindings?: string[]
  confirmed?: string
  confirmedFindings?: string[]
  date?: string
  halteplaats?: string
  nuanced?: string
  nuancedFindings?: string[]
  /** "bewoners:4", "ambtenaren" or {role, count}. */
  participants?: Array<Participant | string>
}

/** The roles a reflection meeting may list: the method's reflectionRoles. */
export function reflectionRoles(study: Study): Array<{description: string; id: string; name: string}> {
  return study.methodDefinition.reflectionRoles
}

function checkParticipants(study: Study, problems: Problems, raw: Array<Participant | string>): Participant[] {
  const roles = reflectionRoles(study)
  const out: Participant[] = []
  for (const item of raw) {
    let role: string
    let count: null | number = null
    if (typeof item === 'string') {
      const [name, number] = item.split(':').map((part) => part.trim())
      role = name
      if (number !== undefined && number !== '') {
        count = Number(number)
        if (!Number.isInteger(count) || count < 1 || count > 1000) {
          problems.add('deelnemers', `"${item}": na de dubbele punt komt een aantal, zoals bewoners:4`)
          continue
        }
      }
    } else {
      role = item.role
      count = item.count ?? null
    }

    if (roles.length > 0 && !roles.some((r) => r.id === role)) {
      problems.add('deelnemers', `"${role}" is geen rol voor een reflectiegesprek; kies uit ${describeChoice(roles.map((r) => r.id))} (nooit een naam)`)
      continue
    }

    if (roles.length === 0 && (!role || role.length > 60)) {
      problems.add('deelnemers', `"${role}" is geen korte rol; beschrijf deelnemers naar hun rol, zoals bewoners`)
      continue
    }

    const existing = out.find((p) => p.role === role)
    if (existing) existing.count = existing.count === null || count === null ? (existing.count ?? count) : existing.count + count
    else out.push({count, role})
  }

  return out
}

export function checkReflection(store: Store, study: Study, input: ReflectionInput): ReflectionFields {
  const problems = new Problems()
  let halteplaats = input.halteplaats?.trim() ?? ''
  if (!halteplaats) problems.add('halteplaats', `ontbreekt; kies uit ${codeChoices(study, 'halteplaats')}`)
  else {
    const found = checkCode(study, 'halteplaats', halteplaats)
    if (found.problem !== undefined) problems.add('halteplaats', found.problem)
    else halteplaats = found.id
  }
  let date = input.date?.trim() ?? ''
  const parsed = date ? parseDate(date) : undefined
  if (!parsed) problems.add('datum', 'ontbreekt; schrijf de datum als 2026-10-15 of 15-10-2026')
  else if (parsed.problem !== undefined) problems.add('datum', parsed.problem)
  else date = parsed.iso
  const participants = checkParticipants(study, problems, input.participants ?? [])
  const outcome = (verdict: Verdict, label: string) => ({
    findings: checkFindingIds(store, problems, input[`${verdict}Findings`], `${label} (bevinding)`),
    text: checkText(problems, input[verdict], label),
  })
  const fields = {added: outcome('added', 'aangevuld'), confirmed: outcome('confirmed', 'bevestigd'), date, halteplaats, nuanced: outcome('nuanced', 'genuanceerd'), participants}
  if (VERDICTS.every((v) => !fields[v].text && fields[v].findings.length === 0)) {
    problems.add('uitkomst', 'schrijf op wat het gesprek bevestigde, nuanceerde of aanvulde (minstens één van de drie)')
  }

  problems.throwIfAny(TheKind('reflection'))
  return fields
}

export function addReflection(store: Store, study: Study, input: ReflectionInput, options: WriteOptions = {}): WriteOutcome<Reflection> {
  return saveNew(store, study, 'reflection', checkReflection(store, study, input), options)
}

export function editReflection(store: Store, study: Study, id: string, changes: ReflectionInput, options: WriteOptions = {}): WriteOutcome<Reflection> {
  const reflection = requireEditable(store, 'reflection', id)
  const current = reflectionFields(reflection)
  const fields = checkReflection(store, study, {
    added: changes.added ?? current.added.text,
    addedFindings: changes.addedFindings ?? current.added.findings,
    confirmed: changes.confirmed ?? current.confirmed.text,
    confirmedFindings: changes.confirmedFindings ?? current.confirmed.findings,
    date: changes.date ?? current.date,
    halteplaats: changes.halteplaats ?? current.halteplaats,
    nuanced: changes.nuanced ?? current.nuanced.text,
    nuancedFindings: changes.nuancedFindings ?? current.nuanced.findings,
    participants: changes.participants ?? current.participants,
  })
  return saveEdit(store, study, 'reflection', reflection, current, fields, options)
}

export function reflectionFields(r: Reflection): ReflectionFields {
  const {added, confirmed, date, halteplaats, nuanced, participants} = r
  return {added, confirmed, date, halteplaats, nuanced, participants}
}

import {UserError} from '../errors.js'
import {readCsvTable} from '../parse/csv.js'
import type {Store} from '../store/store.js'
import type {Study} from '../study/load.js'
import {requireActivity, requireGroup, requireHalteplaats} from '../study/lookup.js'
import {formatDate, requireDate} from '../parse/date.js'
import {PLAN_STATES, type PlanItem, type PlanState} from '../model/plan.js'

/** A plan change as a user gives it (flags or a CSV row), not yet checked. */
export interface PlanRequest {
  activity?: string
  date?: string
  group?: string
  halteplaats?: string
  id?: string
  state?: string
}

export interface CheckedPlanRequest {
  activity: null | string
  date?: null | string
  group: null | string
  halteplaats: string
  id?: string
  state?: PlanState
}

export interface PlanOutcome {
  change: 'nieuw' | 'bijgewerkt' | 'ongewijzigd'
  item: PlanItem
  warnings: string[]
}

/** Checks a request against the study and the method; every problem is a Dutch UserError. */
export function checkPlanRequest(study: Study, request: PlanRequest): CheckedPlanRequest {
  if (!request.halteplaats) throw new UserError('Geef de halteplaats op met --halteplaats.', {hint: `Kies uit: ${study.halteplaatsen.map((h) => h.id).join(', ')}.`})
  const halteplaats = requireHalteplaats(study, request.halteplaats)
  if (Boolean(request.group) === Boolean(request.activity)) {
    throw new UserError('Geef een gesprek (--group) of een observatie (--activity) op, niet allebei en niet geen van beide.')
  }

  const group = request.group ? requireGroup(study, request.group) : null
  const activity = request.activity ? requireActivity(study, request.activity) : null
  const date = request.date === undefined || request.date === '' ? request.date : requireDate(request.date, '--date')

  if (request.state !== undefined && request.state !== '' && !PLAN_STATES.includes(request.state as PlanState)) {
    throw new UserError(`Onbekende status "${request.state}" (--state).`, {hint: `Kies uit: ${PLAN_STATES.join(', ')}.`})
  }

  return {
    activity,
    date: date === undefined ? undefined : date || null,
    group,
    halteplaats,
    id: request.id,
    state: (request.state || undefined) as PlanState | undefined,
  }
}

/**
 * Records a planned, held or cancelled conversation or observation. A conversation is known by
 * halteplaats and group; an observation by its id, or by its date, or as the only one of its kind.
 */
export function applyPlan(store: Store, study: Study, request: CheckedPlanRequest, by?: string): PlanOutcome {
  const warnings: string[] = []
  if (request.date && (request.date < study.period.start || request.date > study.period.end)) {
    warnings.push(`${formatDate(request.date)} valt buiten de periode van de studie (${formatDate(study.period.start)} tot en met ${formatDate(study.period.end)}).`)
  }

  const existing = findPlanItem(store, request)
  if (!existing) {
    const item = store.plan.insert(
      {activity: request.activity, date: request.date ?? null, group: request.group, halteplaats: request.halteplaats, state: request.state ?? 'gepland'},
      by,
    )
    return {change: 'nieuw', item, warnings}
  }

  const next = {date: request.date === undefined ? existing.date : request.date, state: request.state ?? existing.state}
  if (next.date === existing.date && next.state === existing.state) return {change: 'ongewijzigd', item: existing, warnings}
  return {change: 'bijgewerkt', item: store.plan.update(existing, next, by), warnings}
}

function findPlanItem(store: Store, request: CheckedPlanRequest): PlanItem | undefined {
  if (request.id) {
    const item = store.plan.get(request.id)
    if (!item || item.halteplaats !== request.halteplaats || item.activity !== request.activity || item.group !== request.group) {
      throw new UserError(`Er is geen planning met id ${request.id} voor deze halteplaats en ${request.group ? 'groep' : 'observatie'}.`, {
        hint: 'Zoek de id op met: karavaan plan --json',
      })
    }

    return item
  }

  if (request.group) return store.plan.conversation(request.halteplaats, request.group)
  const observations = store.plan.observations(request.halteplaats, request.activity!)
  if (request.date) return observations.find((item) => item.date === request.date)
  if (observations.length > 1) {
    throw new UserError(`Er zijn ${observations.length} observaties "${request.activity}" in ${request.halteplaats}; zeg welke je bedoelt.`, {
      hint: 'Geef de datum (--date) of de id (--id) mee; de id staat in: karavaan plan --json',
    })
  }

  return observations[0]
}

export const PLAN_COLUMNS = {
  halteplaats: ['halteplaats'],
  group: ['group', 'groep'],
  activity: ['activity', 'observatie', 'activiteit'],
  date: ['date', 'datum'],
  state: ['state', 'status'],
}

/** Reads and applies a plan CSV in one transaction: every row is checked before anything is stored. */
export function importPlan(store: Store, study: Study, file: string, by?: string): PlanOutcome[] {
  const rows = readCsvTable(file, PLAN_COLUMNS, ['halteplaats', 'date', 'state'])
  const checked: CheckedPlanRequest[] = []
  const details: string[] = []
  for (const row of rows) {
    try {
      checked.push(checkPlanRequest(study, {...row.values, group: row.values.group || undefined, activity: row.values.activity || undefined}))
    } catch (error) {
      if (!(error instanceof UserError)) throw error
      details.push(`regel ${row.line}: ${error.message}`)
    }
  }

  if (details.length > 0) {
    throw new UserError(`${file}: ${details.length} ${details.length === 1 ? 'regel is' : 'regels zijn'} niet in orde; er is niets opgeslagen.`, {
      details,
      hint: 'Verbeter deze regels en importeer het bestand opnieuw.',
    })
  }

  return store.transaction(() => checked.map((request) => applyPlan(store, study, request, by)))
}

export interface PlanRow {
  activity: null | string
  date: null | string
  group: null | string
  halteplaats: string
  id: null | string
  state: 'niet gepland' | PlanState
}

/** The whole plan as a user reads it: all 4 × 8 conversations (planned or not), then the observations. */
export function planOverview(store: Store, study: Study, only?: string): PlanRow[] {
  const items = store.plan.list()
  const rows: PlanRow[] = []
  for (const h of study.halteplaatsen.filter((x) => !only || x.id === only)) {
    for (const g of study.methodDefinition.groups) {
      const item = items.find((i) => i.halteplaats === h.id && i.group === g.id)
      rows.push({activity: null, date: item?.date ?? null, group: g.id, halteplaats: h.id, id: item?.id ?? null, state: item?.state ?? 'niet gepland'})
    }

    for (const item of items.filter((i) => i.halteplaats === h.id && i.activity)) {
      rows.push({activity: item.activity, date: item.date, group: null, halteplaats: h.id, id: item.id, state: item.state})
    }
  }

  return rows
}

import {UserError} from '../errors.js'
import {parseDecimal} from '../parse/csv.js'
import type {Store} from '../store/store.js'
import type {Study} from '../study/load.js'
import {checkCode, codeChoices} from '../study/lookup.js'
import type {ContextFigure, ContextFigureInput} from '../model/context.js'

/** A figure as a user gives it: every field still text, from flags or a CSV row. */
export interface RawFigure {
  halteplaats?: string
  indicator?: string
  source?: string
  unit?: string
  value?: number | string
  year?: number | string
}

export interface SaveResult {
  added: ContextFigure[]
  unchanged: ContextFigure[]
  updated: ContextFigure[]
}

/** Checks one figure against the study; returns the figure, or every problem with it. */
export function checkFigure(study: Study, raw: RawFigure): {figure?: ContextFigureInput; problems: string[]} {
  const problems: string[] = []
  let halteplaats = raw.halteplaats?.trim() ?? ''
  if (!halteplaats) problems.push('halteplaats ontbreekt')
  else {
    const found = checkCode(study, 'halteplaats', halteplaats)
    // A CSV row's problem starts with what is wrong, so it keeps its own word order.
    if (found.problem !== undefined) problems.push(found.candidates ? `halteplaats ${found.problem}` : `onbekende halteplaats "${halteplaats}"; kies uit ${codeChoices(study, 'halteplaats')}`)
    else halteplaats = found.id
  }

  const indicator = raw.indicator?.trim() ?? ''
  if (!indicator) problems.push('indicator ontbreekt')
  else if (indicator.length > 200) problems.push('indicator is langer dan 200 tekens')
  const source = raw.source?.trim() ?? ''
  if (!source) problems.push('bron ontbreekt: noem waar het cijfer vandaan komt')
  const unit = raw.unit?.trim() ?? ''

  const value = typeof raw.value === 'number' ? raw.value : parseDecimal(raw.value ?? '')
  if (value === undefined || !Number.isFinite(value)) {
    const given = String(raw.value ?? '').trim()
    if (!given) problems.push('waarde ontbreekt')
    else if (/^-?\d{1,3}\.\d{3}$/.test(given)) problems.push(`waarde "${given}" is dubbelzinnig: bedoel je ${given.replace('.', '')} of ${given.replace('.', ',')}? Schrijf het getal zonder punt, of met een komma als decimaalteken`)
    else problems.push(`waarde "${given}" is geen getal (schrijf bijv. 12,5 of 12.5)`)
  }

  const yearText = String(raw.year ?? '').trim()
  const year = Number(yearText)
  if (!yearText) problems.push('jaar ontbreekt')
  else if (!/^\d{4}$/.test(yearText) || year < 1900 || year > 2100) problems.push(`jaar "${yearText}" is geen jaartal zoals 2024`)

  if (problems.length > 0) return {problems}
  return {figure: {halteplaats, indicator, source, unit, value: value!, year}, problems}
}

/**
 * Stores figures in one transaction. A figure is known by halteplaats, indicator and year: the
 * same figure again changes nothing, a new value replaces the old one and keeps it as a version.
 */
export function saveFigures(store: Store, figures: ContextFigureInput[], by?: string): SaveResult {
  const result: SaveResult = {added: [], unchanged: [], updated: []}
  const seen = new Map<string, ContextFigureInput>()
  for (const figure of figures) {
    const key = `${figure.halteplaats}\u0000${figure.indicator}\u0000${figure.year}`
    const earlier = seen.get(key)
    if (earlier && !sameFigure(earlier, figure)) {
      throw new UserError(`Het cijfer "${figure.indicator}" (${figure.halteplaats}, ${figure.year}) staat twee keer in de invoer, met verschillende waarden.`, {
        hint: 'Houd één regel per halteplaats, indicator en jaar over.',
      })
    }

    seen.set(key, figure)
  }

  store.transaction(() => {
    for (const figure of seen.values()) {
      const existing = store.context.find(figure.halteplaats, figure.indicator, figure.year)
      if (!existing) result.added.push(store.context.insert(figure, by))
      else if (sameFigure(existing, figure)) result.unchanged.push(existing)
      else result.updated.push(store.context.update(existing, figure, by))
    }
  })
  return result
}

function sameFigure(a: ContextFigureInput, b: ContextFigureInput): boolean {
  return a.value === b.value && a.unit === b.unit && a.source === b.source
}

import {UserError} from '../errors.js'
import type {ContextFigure} from '../model/context.js'
import {FIGURE_VERDICT_LABELS, type FigureRef, type FigureVerdict, type ResolvedFigure} from '../model/material.js'
import {resolveShortId} from '../records/ids.js'
import type {Store} from '../store/store.js'
import type {Study} from '../study/load.js'
import {checkCode, codeChoices, halteplaatsName} from '../study/lookup.js'

/*
 * A finding is tested against the context figures of its area: each figure it cites carries a
 * verdict, whether the figure confirms the finding, nuances it or contradicts it.
 */

/** A figure as a user names it: its id (or short id), or its indicator and halteplaats (and year), with a verdict. */
export interface FigureInput {
  halteplaats?: string
  indicator?: string
  /** An id, a short id, or "indicator@halteplaats" (optionally "@jaar"). */
  ref?: string
  verdict?: string
  year?: number | string
}

/** "bevestigt, nuanceert of spreekt-tegen": how the verdicts are typed. */
export const VERDICT_CHOICES = 'bevestigt, nuanceert of spreekt-tegen'

const fold = (text: string) =>
  text
    .normalize('NFKD')
    .replaceAll(/\p{M}/gu, '')
    .toLowerCase()
    .replaceAll(/[^\p{L}\p{N}]+/gu, '')

// The forms a person may type for each verdict, folded (no case, accents, spaces or hyphens).
const VERDICT_WORDS: Record<string, FigureVerdict> = {
  bevestig: 'bevestigt',
  bevestigd: 'bevestigt',
  bevestigen: 'bevestigt',
  bevestigt: 'bevestigt',
  bevestiging: 'bevestigt',
  genuanceerd: 'nuanceert',
  nuance: 'nuanceert',
  nuanceer: 'nuanceert',
  nuanceert: 'nuanceert',
  nuanceren: 'nuanceert',
  nuancering: 'nuanceert',
  spreekttegen: 'spreekt-tegen',
  spreektegen: 'spreekt-tegen',
  tegen: 'spreekt-tegen',
  tegengesproken: 'spreekt-tegen',
  tegenspraak: 'spreekt-tegen',
  tegenspreken: 'spreekt-tegen',
  weerspreekt: 'spreekt-tegen',
}

/** A verdict from what a user typed ("bevestigd", "Spreekt tegen" …), or undefined for a word it does not know. */
export function parseVerdict(typed: string): FigureVerdict | undefined {
  return VERDICT_WORDS[fold(typed)]
}

/** The verdict of a figure, or a Dutch error naming what was typed and the choices. */
export function requireVerdict(typed: string | undefined, figure: string): FigureVerdict {
  if (typed === undefined || typed.trim() === '') {
    throw new UserError(`geef bij ${figure} het oordeel: ${VERDICT_CHOICES} (bijv. --context ID:bevestigt, of oordeel: bevestigt in YAML)`)
  }

  const verdict = parseVerdict(typed)
  if (!verdict) throw new UserError(`oordeel "${typed}" bij ${figure} bestaat niet; kies ${VERDICT_CHOICES}`)
  return verdict
}

/** `--context ID[:oordeel]`: the part after the last colon is the verdict, unless it names a figure. */
export function parseContextFlag(value: string): FigureInput {
  const colon = value.lastIndexOf(':')
  if (colon <= 0) return {ref: value.trim()}
  const after = value.slice(colon + 1)
  if (after.includes('@') || after.trim() === '') return {ref: value.trim().replace(/:$/, '')}
  return {ref: value.slice(0, colon).trim(), verdict: after.trim()}
}

/** How a figure is named in a message: "Aandeel 65-plussers (Wendelo, 2024)". */
export function figureName(study: Study, figure: Pick<ContextFigure, 'halteplaats' | 'indicator' | 'year'>): string {
  return `"${figure.indicator}" (${halteplaatsName(study, figure.halteplaats)}, ${figure.year})`
}

/** The figure a user named, or a Dutch error that says what there is. */
export function requireFigure(store: Store, study: Study, input: FigureInput): ContextFigure {
  const hint = 'Noem een cijfer bij zijn id (karavaan context list --json) of als indicator@halteplaats.'
  let {halteplaats, indicator, year} = input
  const ref = input.ref?.trim()
  if (ref && !ref.includes('@')) {
    const id = resolveShortId(ref, (short) => store.context.matchIds(short), {hint, name: 'contextcijfer'})
    return store.context.get(id)!
  }

  if (ref) [indicator, halteplaats, year] = ref.split('@').map((part) => part.trim())
  if (!indicator || !halteplaats) throw new UserError('noem een contextcijfer met zijn id, of met indicator en halteplaats (indicator@halteplaats)', {hint})
  const place = checkCode(study, 'halteplaats', halteplaats)
  if (place.problem !== undefined) throw new UserError(place.candidates ? `halteplaats ${place.problem}` : `onbekende halteplaats "${halteplaats}"; kies uit ${codeChoices(study, 'halteplaats')}`)
  const here = store.context.list(place.id)
  const named = here.filter((f) => fold(f.indicator) === fold(indicator!))
  const where = halteplaatsName(study, place.id!)
  if (named.length === 0) {
    const known = [...new Set(here.map((f) => `"${f.indicator}"`))]
    throw new UserError(`er is geen contextcijfer "${indicator}" in ${where}${known.length > 0 ? `; daar zijn: ${known.join(', ')}` : '; daar zijn nog geen cijfers'}`, {hint})
  }

  const yearText = year === undefined ? '' : String(year).trim()
  if (yearText) {
    const inYear = named.find((f) => String(f.year) === yearText)
    if (!inYear) throw new UserError(`contextcijfer "${indicator}" in ${where} is er niet voor ${yearText}, wel voor ${named.map((f) => f.year).join(', ')}`, {hint})
    return inYear
  }

  if (named.length > 1) {
    throw new UserError(`contextcijfer "${indicator}" in ${where} is er voor meer jaren (${named.map((f) => f.year).join(', ')}); noem het jaar, bijv. ${indicator}@${place.id}@${named.at(-1)!.year}`, {hint})
  }

  return named[0]
}

/** What a user gave as a cited figure, as it is stored. */
export function resolveFigureRef(store: Store, study: Study, input: FigureInput): FigureRef {
  const figure = requireFigure(store, study, input)
  return {figureId: figure.id, verdict: requireVerdict(input.verdict, `contextcijfer ${figureName(study, figure)}`)}
}

/** The cited figures with what they say; a figure that is not (or no longer) here is left out. */
export function resolveFigures(store: Store, refs: readonly FigureRef[] | undefined): ResolvedFigure[] {
  return (refs ?? []).flatMap((ref) => {
    const f = store.context.get(ref.figureId)
    return f ? [{...ref, halteplaats: f.halteplaats, indicator: f.indicator, source: f.source, unit: f.unit, value: f.value, year: f.year}] : []
  })
}

export function verdictLabel(verdict: FigureVerdict): string {
  return FIGURE_VERDICT_LABELS[verdict]
}

/** A research or policy figure about a halteplaats, which the stories are tested against. */
export interface ContextFigure {
  createdAt: string
  halteplaats: string
  id: string
  indicator: string
  source: string
  unit: string
  updatedAt: string
  value: number
  version: number
  year: number
}

export type ContextFigureInput = Pick<ContextFigure, 'halteplaats' | 'indicator' | 'source' | 'unit' | 'value' | 'year'>

import {FIGURE_VERDICT_LABELS, type FigureVerdict} from '../model/material.js'
import type {Store} from '../store/store.js'
import type {Study} from '../study/load.js'
import {buildMatrix} from './matrix.js'

/*
 * The stories heard, tested against the figures: per halteplaats the narratives its notes voice
 * (counted as in analyse matrix) beside the context figures about that halteplaats, and per figure
 * the findings that cite it with their verdict. Findings that cite no figure are listed for the
 * project lead: they have not yet been held against research and policy figures.
 */

export interface CitingFinding {
  id: string
  title: string
  verdict: FigureVerdict
  /** "bevestigt", "nuanceert", "spreekt tegen". */
  verdictLabel: string
}

export interface FigureInContext {
  findings: CitingFinding[]
  id: string
  indicator: string
  source: string
  unit: string
  value: number
  year: number
}

export interface HalteplaatsContext {
  figures: FigureInContext[]
  gemeente: string
  id: string
  name: string
  /** Per narrative of the method: how many of the halteplaats's notes voice it, and their share. */
  narratives: Array<{count: number; id: string; label: string; share: number}>
  notes: number
  type: string
}

export interface ContextAnalysis {
  halteplaatsen: HalteplaatsContext[]
  /** Findings (not in the trash) that cite no context figure; with --halteplaats those about it. */
  withoutFigures: Array<{id: string; title: string}>
}

export function analyseContext(store: Store, study: Study, only?: string): ContextAnalysis {
  const matrix = buildMatrix(store, study, 'halteplaats', 'narrative')
  const findings = store.findings.list()
  const halteplaatsen = study.halteplaatsen
    .filter((h) => !only || h.id === only)
    .map((h): HalteplaatsContext => {
      const row = matrix.rows.find((r) => r.id === h.id)!
      const figures = store.context.list(h.id).map((f): FigureInContext => ({
        findings: findings.flatMap((finding) =>
          finding.figures
            .filter((c) => c.figureId === f.id)
            .map((c) => ({id: finding.id, title: finding.title, verdict: c.verdict, verdictLabel: FIGURE_VERDICT_LABELS[c.verdict]})),
        ),
        id: f.id,
        indicator: f.indicator,
        source: f.source,
        unit: f.unit,
        value: f.value,
        year: f.year,
      }))
      return {
        figures,
        gemeente: h.gemeente,
        id: h.id,
        name: h.name,
        narratives: matrix.columns.map((c) => ({...row.cells[c.id], id: c.id, label: c.label})),
        notes: row.notes,
        type: h.type,
      }
    })
  // A finding about the whole study (no halteplaats) concerns every halteplaats.
  const about = (f: (typeof findings)[number]) => !only || f.halteplaatsen.length === 0 || f.halteplaatsen.includes(only)
  const withoutFigures = findings.filter((f) => f.figures.length === 0 && about(f)).map((f) => ({id: f.id, title: f.title}))
  return {halteplaatsen, withoutFigures}
}

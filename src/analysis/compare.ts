import type {Store} from '../store/store.js'
import type {CodedNote} from '../store/tags.js'
import type {Study} from '../study/load.js'
import {buildMatrix, type MatrixRows} from './matrix.js'

export interface Contrast {
  /** Groups (of the eight) that voiced the narrative in this halteplaats; only for halteplaatsen. */
  groups?: number
  message: string
  narrative: string
  overall: number
  row: string
  rowsBy: MatrixRows
  share: number
  direction: 'meer' | 'minder'
}

export interface Comparison {
  contrasts: Contrast[]
  /** Per halteplaats and narrative: how many of the eight groups voiced it there. */
  groupsPerHalteplaats: Record<string, Record<string, number>>
}

/** A difference is worth a look when it is this many percentage points from the overall share … */
const MIN_DIFFERENCE = 0.15
/** … and rests on at least this many notes. */
const MIN_NOTES = 3

/**
 * What differs between halteplaatsen and between groups: narratives heard in a far larger or
 * smaller share of the notes than overall, and how many of the eight groups voiced each narrative
 * in each area. Input for findings, not a conclusion: the numbers are small by design.
 */
export function compare(store: Store, study: Study, narrativeCodes: CodedNote[] = store.tags.codesPerNote('narrative')): Comparison {
  const method = study.methodDefinition
  const contrasts: Contrast[] = []
  for (const rowsBy of ['halteplaats', 'group'] as const) {
    const matrix = buildMatrix(store, study, rowsBy, 'narrative', narrativeCodes)
    for (const narrative of method.narratives) {
      const overall = matrix.total.cells[narrative.id].share
      for (const row of matrix.rows) {
        const {count, share} = row.cells[narrative.id]
        const difference = share - overall
        if (Math.abs(difference) < MIN_DIFFERENCE || (difference > 0 && count < MIN_NOTES) || row.notes < MIN_NOTES) continue
        const direction = difference > 0 ? 'meer' : 'minder'
        const rowLabel = rowsBy === 'halteplaats' ? `in ${row.label}` : `bij ${row.label.replace(/^\d+\. /, '')}`
        contrasts.push({
          direction,
          message: `${narrative.name}: ${rowLabel} in ${percent(share)} van de notities (${count} van ${row.notes}), tegen ${percent(overall)} in de hele studie.`,
          narrative: narrative.id,
          overall,
          row: row.id,
          rowsBy,
          share,
        })
      }
    }
  }

  // One pass over the notes: per halteplaats and narrative, the groups that voiced it there.
  const voiced = new Map<string, Set<null | string>>()
  for (const note of narrativeCodes) {
    if (!note.group) continue
    for (const code of note.codes) {
      const key = `${note.halteplaats}\u0000${code}`
      let groups = voiced.get(key)
      if (!groups) voiced.set(key, (groups = new Set()))
      groups.add(note.group)
    }
  }

  const groupsPerHalteplaats: Comparison['groupsPerHalteplaats'] = {}
  for (const h of study.halteplaatsen) {
    groupsPerHalteplaats[h.id] = {}
    for (const n of method.narratives) groupsPerHalteplaats[h.id][n.id] = voiced.get(`${h.id}\u0000${n.id}`)?.size ?? 0
  }

  for (const contrast of contrasts) {
    if (contrast.rowsBy === 'halteplaats') contrast.groups = groupsPerHalteplaats[contrast.row][contrast.narrative]
  }

  contrasts.sort((a, b) => Math.abs(b.share - b.overall) - Math.abs(a.share - a.overall))
  return {contrasts, groupsPerHalteplaats}
}

function percent(share: number): string {
  return `${Math.round(share * 100)}%`
}

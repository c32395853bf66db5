import type {Study} from '../../study/load.js'
import {guidFor} from './guid.js'
import type {Memo} from './project.js'

/** What a finding must offer to travel as a memo; the store's findings map onto it. */
export interface FindingForMemo {
  createdAt?: string
  createdBy?: null | string
  id: string
  /** Ids of the notes the finding rests on. */
  noteIds: string[]
  /** The statement itself, e.g. "Voorzieningen staan onder druk, maar zijn essentieel". */
  statement: string
  /** Any explanation beyond the statement. */
  text?: null | string
}

/**
 * Findings as REFI-QDA memos: the statement as the memo's name and first line, the explanation
 * below it, and a link from every note that backs it. The GUID follows from the finding's id.
 */
export function findingsAsMemos(study: Study, findings: FindingForMemo[]): Memo[] {
  return findings.map((f) => ({
    createdAt: f.createdAt,
    createdBy: f.createdBy,
    guid: guidFor(`memo:${study.id}:finding:${f.id}`),
    name: `Bevinding: ${f.statement}`,
    noteIds: f.noteIds,
    text: [f.statement, f.text?.trim()].filter(Boolean).join('\n\n'),
  }))
}

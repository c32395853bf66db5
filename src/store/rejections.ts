import type {Rejection, RejectionFilter} from '../model/rejection.js'
import {newId, nowIso} from './ids.js'
import {Queries} from './statements.js'

interface RejectionRow {
  coder: string
  created_at: string
  end_pos: number
  id: string
  narrative: string
  note_id: string
  sentence: string
  start_pos: number
  version: number
  version_id: string
  withdrawn_at: null | string
}

const toRejection = (row: RejectionRow): Rejection => ({
  at: row.created_at,
  coder: row.coder,
  end: row.end_pos,
  id: row.id,
  narrative: row.narrative,
  note: row.note_id,
  sentence: row.sentence,
  start: row.start_pos,
  version: row.version,
  versionId: row.version_id,
  withdrawnAt: row.withdrawn_at,
})

export interface NewRejection {
  coder: string
  end: number
  narrative: string
  /** The note's id; the rejection is about its current version. */
  note: string
  start: number
}

// SQLite's substr counts characters of a text, which are code points: the same positions as tags.
const SELECT = `SELECT r.*, v.version, substr(v.text, r.start_pos + 1, r.end_pos - r.start_pos) AS sentence
  FROM rejections r JOIN note_versions v ON v.id = r.version_id`

/** Suggestions coders rejected in tag review. No row is ever deleted: undo sets withdrawn_at. */
export class RejectionQueries extends Queries {

  get(id: string): Rejection | undefined {
    const row = this.prepare(`${SELECT} WHERE r.id = ?`).get(id) as RejectionRow | undefined
    return row && toRejection(row)
  }

  /** Records that a coder rejected a suggestion on the sentence start–end of the note's current version. */
  insert(rejection: NewRejection): Rejection {
    const id = newId()
    const result = this.prepare(
      `INSERT INTO rejections (id, note_id, version_id, narrative, coder, start_pos, end_pos, created_at)
       SELECT @id, n.id, n.version_id, @narrative, @coder, @start, @end, @now FROM notes n WHERE n.id = @note AND n.version_id IS NOT NULL`,
    ).run({...rejection, id, now: nowIso()})
    if (result.changes !== 1) throw new Error(`Note ${rejection.note} has no current version to reject a suggestion on.`)
    return this.get(id)!
  }

  /**
   * Rejections on notes that are not in the trash, oldest first: the ones that stand, or with
   * `withdrawn` also those taken back. Each with the sentence as it read in the judged version.
   */
  list(filter: RejectionFilter = {}): Rejection[] {
    const rows = this.prepare(
      `${SELECT} JOIN notes n ON n.id = r.note_id
       WHERE n.deleted_at IS NULL AND (@withdrawn = 1 OR r.withdrawn_at IS NULL)
         AND (@coder IS NULL OR r.coder = @coder) AND (@note IS NULL OR r.note_id = @note) AND (@narrative IS NULL OR r.narrative = @narrative)
       ORDER BY r.created_at, r.id`,
    ).all({coder: filter.coder ?? null, narrative: filter.narrative ?? null, note: filter.note ?? null, withdrawn: filter.withdrawn ? 1 : 0}) as RejectionRow[]
    return rows.map(toRejection)
  }

  /** Takes a rejection back (undo); the row stays, with the time. */
  withdraw(id: string): Rejection {
    this.prepare('UPDATE rejections SET withdrawn_at = ? WHERE id = ? AND withdrawn_at IS NULL').run(nowIso(), id)
    return this.get(id)!
  }
}

/**
 * A suggestion of the kit that a coder rejected in tag review: "not this narrative in this
 * sentence". It is a judgement about the note, as an accepted tag is.
 */
export interface Rejection {
  /** When it was rejected (ISO 8601, UTC). */
  at: string
  coder: string
  /** End of the sentence in Unicode code points (exclusive), in the text of the judged version. */
  end: number
  id: string
  narrative: string
  /** The note's id. */
  note: string
  /** The sentence as it read in the judged version. */
  sentence: string
  /** Start of the sentence in Unicode code points, in the text of the judged version. */
  start: number
  /** The number of the note version that was on screen. */
  version: number
  /** That version's own id (unique across laptops). */
  versionId: string
  /** When the rejection was taken back (undo), or null. */
  withdrawnAt: null | string
}

export interface RejectionFilter {
  coder?: string
  narrative?: string
  note?: string
  /** Taken back ones too (default: only those that stand). */
  withdrawn?: boolean
}

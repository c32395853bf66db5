import type {PersonalDataOverride, RecordMeta, VersionChange} from './record.js'

/** What a person records about one conversation or observation. */
export interface NoteFields {
  activity: null | string
  date: string
  group: null | string
  halteplaats: string
  interviewer: string
  /** Narratives the interviewer heard (ids); stored as whole-note tags with the interviewer as coder. */
  narratives: string[]
  participants: null | number
  roles: string[]
  text: string
  themes: string[]
}


export interface Note extends NoteFields, RecordMeta {}

export interface NoteVersion extends NoteFields {
  change: VersionChange
  changedAt: string
  changedBy: null | string
  /** The laptop (device id) the version was made on. */
  device: string
  /** Globally unique: two laptops may both make version 2 of a note. */
  id: string
  noteId: string
  /** The versions it was made from: none for the first, two or more for one that settled a conflict. */
  parents: string[]
  personalData: null | PersonalDataOverride
  version: number
}

export interface NoteFilter {
  activity?: string
  deleted?: boolean
  group?: string
  halteplaats?: string
  interviewer?: string
  narrative?: string
  since?: string
  theme?: string
  until?: string
}

export interface SearchHit {
  note: Note
  rank: number
  /** The text around the matches, with each match between \u0001 and \u0002. */
  snippet: string
}

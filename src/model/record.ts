/*
 * What notes and the report's material (findings, reflections, advice) have in common as stored
 * records: who made and changed them, the trash, and their versions.
 */

/** The record of a user's choice to store a record with personal data in it. */
export interface PersonalDataOverride {
  at: string
  by: null | string
  kinds: string[]
}

/** What every stored record carries besides its own fields. */
export interface RecordMeta {
  createdAt: string
  createdBy: null | string
  deletedAt: null | string
  id: string
  personalData: null | PersonalDataOverride
  /** The key it was imported under (its path, or file name and record key), or null when made by a command. */
  source: null | string
  updatedAt: string
  updatedBy: null | string
  version: number
}

/** What a version did; "samengevoegd" settles a conflict between versions made on two laptops. */
export type VersionChange = 'bewerkt' | 'nieuw' | 'samengevoegd' | 'teruggezet' | 'verwijderd'

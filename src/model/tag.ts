import {guidFor} from './guid.js'

export type TagKind = 'narrative' | 'theme'
/** Where a tag comes from; `note`: the note's own front matter (the interviewer's narratives and themes). */
export type TagOrigin = 'coder' | 'import' | 'note' | 'suggestion'

/** How every output names a tag's origin: `tag list`, the Tags table of CSV and Excel. */
export const TAG_ORIGIN_LABELS: Record<TagOrigin, string> = {coder: 'codeur', import: 'ingelezen', note: 'gegevensblok', suggestion: 'suggestie'}

/**
 * The id of the coding that a theme in a note's front matter is: it follows from the note and the
 * theme, so every output (tag list, the tables, REFI-QDA) and every laptop gives it the same id,
 * and a project exported before themes were listed as tags is still recognised on import.
 */
export const frontMatterThemeId = (noteId: string, theme: string) => guidFor(`note-theme-coding:${noteId}:${theme}`)

/** A narrative or theme on a note, by a coder: on the whole note, or on a passage of it. */
export interface Tag {
  code: string
  coder: string
  createdAt: string
  deletedAt: null | string
  /** End of the passage in Unicode code points (exclusive), or null for the whole note. */
  end: null | number
  id: string
  kind: TagKind
  noteId: string
  origin: TagOrigin
  quote: null | string
  start: null | number
}

export interface TagFilter {
  code?: string
  coder?: string
  kind?: TagKind
  noteId?: string
}

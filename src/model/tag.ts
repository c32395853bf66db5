export type TagKind = 'narrative' | 'theme'
export type TagOrigin = 'coder' | 'import' | 'note' | 'suggestion'

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

import {contextKind, planKind} from './fieldwork.js'
import type {BundleKind} from './kind.js'
import {adviceKind, findingsKind, reflectionsKind} from './material.js'
import {notesKind} from './notes.js'
import {rejectionsKind} from './rejections.js'
import {studyKind} from './study.js'
import {codingsKind, tagsKind} from './tags.js'

/**
 * Everything that travels in a bundle, in the order it is applied: what others refer to first
 * (tags, codings and rejections refer to notes; findings to notes, tags and context figures;
 * reflections and advice to findings).
 */
export const KINDS: ReadonlyArray<BundleKind<any>> = [
  studyKind,
  notesKind,
  tagsKind,
  codingsKind,
  rejectionsKind,
  contextKind,
  planKind,
  findingsKind,
  reflectionsKind,
  adviceKind,
]

export function kindNamed(name: string): BundleKind<any> | undefined {
  return KINDS.find((kind) => kind.name === name)
}

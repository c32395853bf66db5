import type {BundleKind} from './kind.js'
import {notesKind} from './notes.js'
import {studyKind} from './study.js'
import {codingsKind, tagsKind} from './tags.js'

/**
 * Everything that travels in a bundle, in the order it is applied: what others refer to first
 * (tags and codings refer to notes). Add findings, reflections and advice here, each as one module.
 */
export const KINDS: ReadonlyArray<BundleKind<any>> = [studyKind, notesKind, tagsKind, codingsKind]

export function kindNamed(name: string): BundleKind<any> | undefined {
  return KINDS.find((kind) => kind.name === name)
}

import {readFileSync} from 'node:fs'
import * as v from 'valibot'

import {BUILT_IN_METHOD, methodPath} from '../../../method/path.js'
import type {BundleKind} from './kind.js'
import {id, longText, shortText} from './records.js'

const record = v.object({
  id,
  /** The text of the method file when the study uses its own copy; null for the built-in method. */
  method: v.nullable(longText),
  methodReference: shortText,
  /** study.yaml as the lead wrote it, comments and all. */
  yaml: v.pipe(v.string(), v.maxLength(1_000_000)),
})

export type StudyRecord = v.InferOutput<typeof record>

/**
 * The study itself, for `karavaan join`: a laptop that joins needs study.yaml and the method it
 * names. A merge leaves the study's own study.yaml alone (the lead keeps it).
 */
export const studyKind: BundleKind<StudyRecord> = {
  apply: () => 0,
  collect(_store, {study}) {
    const builtIn = study.method === BUILT_IN_METHOD
    return [
      {
        id: study.id,
        method: builtIn ? null : readFileSync(methodPath(study.method, study.dir), 'utf8'),
        methodReference: study.method,
        yaml: readFileSync(study.file, 'utf8'),
      },
    ]
  },
  label: 'studiegegevens',
  name: 'study',
  record,
}

import * as v from 'valibot'

import {ID_PATTERN} from '../method/contract.js'
import {exampleSchema} from '../method/schema.js'
import {parseDate} from '../parse/date.js'

export {TEAM_ROLES, type TeamRole} from './roles.js'
import {TEAM_ROLES} from './roles.js'

const text = v.pipe(v.string(), v.trim(), v.minLength(1, 'mag niet leeg zijn'), v.maxLength(500, 'is te lang (meer dan 500 tekens)'))
const id = v.pipe(v.string(), v.regex(ID_PATTERN, 'is geen geldige id: gebruik kleine letters, cijfers en streepjes, zoals noord of de-vlonders'), v.maxLength(40, 'is te lang (meer dan 40 tekens)'))
// Written as a person writes a date (2026-03-15, 15-3-2026, 15 maart 2026); kept as 2026-03-15.
const isoDate = v.pipe(
  v.string(),
  v.check((value) => parseDate(value).iso !== undefined, (issue) => parseDate(String(issue.input)).problem ?? 'is geen datum'),
  v.transform((value) => parseDate(value).iso!),
)

export const studySchema = v.strictObject({
  client: text,
  /** The study's own instruments and inspiring examples, beside the method's (ids must differ). */
  examples: v.optional(v.array(exampleSchema)),
  halteplaatsen: v.array(v.strictObject({gemeente: text, id, name: text, type: text})),
  id: v.pipe(v.string(), v.regex(/^[0-9A-Za-z-]{10,64}$/, 'is geen geldige studie-id; laat de id staan die karavaan init maakte')),
  method: text,
  period: v.strictObject({end: isoDate, start: isoDate}),
  team: v.array(v.strictObject({id, name: text, role: v.picklist(TEAM_ROLES)})),
  title: text,
})

export type StudyFile = v.InferOutput<typeof studySchema>
export type Halteplaats = StudyFile['halteplaatsen'][number]
export type TeamMember = StudyFile['team'][number]

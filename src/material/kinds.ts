import type {MaterialKindId} from '../model/kinds.js'
import type {AdviceFields, FindingFields, MaterialVersion, ReflectionFields} from '../model/material.js'
import type {RecordOf} from '../records/registry.js'
import type {MaterialWriteMeta} from '../store/material.js'
import type {Store} from '../store/store.js'

/*
 * What the material's kinds (finding, reflection, advice) do beyond what every record does
 * (src/records/registry.ts): their versions, how history titles them, which texts the
 * personal-data guard reads, and how they are written.
 */

/** Every version of a finding, reflection or advice, oldest first. */
export function versionsOf<K extends MaterialKindId>(store: Store, kind: K, id: string): Array<MaterialVersion<RecordOf[K]>> {
  const queries = {advice: store.advice, finding: store.findings, reflection: store.reflections}
  return queries[kind].versions(id) as Array<MaterialVersion<RecordOf[K]>>
}

/** How history names what a version was about, beside its number and date. */
export const HISTORY_TITLES: {[K in MaterialKindId]: (data: RecordOf[K]) => string} = {
  advice: (a) => `${a.audience}: ${a.title}`,
  finding: (f) => f.title,
  reflection: (r) => `${r.halteplaats}, ${r.date}`,
}

/** The texts of a record the personal-data guard reads, under the Dutch names its messages give them, and how they go back. */
export interface GuardedTexts<F> {
  read(fields: F): Record<string, string>
  /** The fields with the guarded texts put back (placeholders after --pseudonymise). */
  write(fields: F, texts: Record<string, string>): F
}

export const GUARDED_TEXTS: {[K in MaterialKindId]: GuardedTexts<FieldsOf[K]>} = {
  advice: {read: (a) => ({tekst: a.text, titel: a.title}), write: (a, t) => ({...a, text: t.tekst, title: t.titel})},
  finding: {read: (f) => ({tekst: f.text, titel: f.title}), write: (f, t) => ({...f, text: t.tekst, title: t.titel})},
  reflection: {
    read: (r) => ({aangevuld: r.added.text, bevestigd: r.confirmed.text, genuanceerd: r.nuanced.text}),
    write: (r, t) => ({
      ...r,
      added: {...r.added, text: t.aangevuld},
      confirmed: {...r.confirmed, text: t.bevestigd},
      nuanced: {...r.nuanced, text: t.genuanceerd},
    }),
  },
}

/** What a record of each kind holds apart from its id, versions and dates. */
export interface FieldsOf {
  advice: AdviceFields
  finding: FindingFields
  reflection: ReflectionFields
}

/** The writing queries of a material kind: a new record as version 1, an edit as the next version. */
export interface WriteQueries<K extends MaterialKindId> {
  insert(fields: FieldsOf[K], meta: MaterialWriteMeta): RecordOf[K]
  update(record: RecordOf[K], fields: FieldsOf[K], meta: MaterialWriteMeta): RecordOf[K]
}

export function writeQueriesOf<K extends MaterialKindId>(store: Store, kind: K): WriteQueries<K> {
  const queries = {advice: store.advice, finding: store.findings, reflection: store.reflections}
  return queries[kind] as unknown as WriteQueries<K>
}

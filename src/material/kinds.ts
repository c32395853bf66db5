import {UserError} from '../errors.js'
import {KINDS, type MaterialKindId} from '../model/kinds.js'
import {type AdviceFields, FIGURE_VERDICT_LABELS, type FindingFields, type MaterialVersion, type ReflectionFields, VERDICT_LABELS, VERDICTS} from '../model/material.js'
import {shortId} from '../records/ids.js'
import type {RecordOf} from '../records/registry.js'
import type {MaterialWriteMeta} from '../store/material.js'
import type {Store} from '../store/store.js'
import type {Study} from '../study/load.js'
import {formatDate} from '../parse/date.js'

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

/**
 * The record as it was at `version` (the current record for its own version number), or a
 * UserError that says which versions there are: what `<topic> show --version` and the workspace's
 * "versie" show.
 */
export function recordAtVersion<K extends MaterialKindId>(store: Store, kind: K, record: RecordOf[K], version: number): RecordOf[K] {
  if (version === record.version) return record
  const found = versionsOf(store, kind, record.id).find((v) => v.version === version)
  if (!found) {
    const {labels: {capital}, topic} = KINDS[kind]
    throw new UserError(`${capital} ${shortId(record.id)} heeft geen versie ${version}; de nieuwste is versie ${record.version}.`, {hint: `Alle versies: karavaan ${topic} history ${shortId(record.id)}`})
  }

  return found.data
}

const nameOf = (all: Array<{id: string; name: string}>, id: string) => all.find((x) => x.id === id)?.name ?? id
const placeOf = (study: Study, id: string) => study.halteplaatsen.find((h) => h.id === id)?.name ?? id

/** How history names what a version was about, beside its number and date. */
export const HISTORY_TITLES: {[K in MaterialKindId]: (data: RecordOf[K], study: Study) => string} = {
  advice: (a, study) => `${nameOf(study.methodDefinition.audiences, a.audience).toLowerCase()}: ${a.title}`,
  finding: (f) => f.title,
  reflection: (r, study) => `${placeOf(study, r.halteplaats)}, ${formatDate(r.date)}`,
}

/** A record's contents as history compares them: its texts and its other fields, under Dutch names. */
export interface HistoryContent {
  fields: Record<string, string | string[]>
  texts: Record<string, string>
}


/** What history compares between two versions of each kind, with names as show prints them. */
export const HISTORY_CONTENT: {[K in MaterialKindId]: (data: RecordOf[K], study: Study) => HistoryContent} = {
  advice: (a, study) => ({
    fields: {
      bevindingen: a.findings.map((id) => shortId(id)),
      doelgroep: nameOf(study.methodDefinition.audiences, a.audience),
      kader: a.frame ? nameOf(study.methodDefinition.frames, a.frame) : '',
      voorbeelden: (a.examples ?? []).map((id) => nameOf(study.methodDefinition.examples ?? [], id)),
    },
    texts: {titel: a.title, tekst: a.text},
  }),
  finding: (f, study) => ({
    fields: {
      halteplaatsen: f.halteplaatsen.length === 0 ? ['alle'] : f.halteplaatsen.map((id) => placeOf(study, id)),
      narratieven: f.narratives.map((id) => nameOf(study.methodDefinition.narratives, id)),
      onderbouwing: f.evidence.map((e) => (e.tagId ? `tag ${shortId(e.tagId)}` : `${e.quote === null ? 'notitie' : 'passage uit notitie'} ${shortId(e.noteId)}`)),
      // Versions made before migration 009 have no figures.
      cijfers: (f.figures ?? []).map((c) => `contextcijfer ${shortId(c.figureId)}: ${FIGURE_VERDICT_LABELS[c.verdict]}`),
      "thema's": f.themes.map((id) => nameOf(study.methodDefinition.themes, id)),
    },
    texts: {titel: f.title, tekst: f.text},
  }),
  reflection: (r, study) => ({
    fields: {
      datum: formatDate(r.date),
      deelnemers: r.participants.map((p) => `${nameOf(study.methodDefinition.reflectionRoles, p.role).toLowerCase()}${p.count === null ? '' : ` (${p.count})`}`),
      halteplaats: placeOf(study, r.halteplaats),
      ...Object.fromEntries(VERDICTS.map((v) => [`${VERDICT_LABELS[v]} (bevindingen)`, r[v].findings.map((id) => shortId(id))])),
    },
    texts: Object.fromEntries(VERDICTS.map((v) => [VERDICT_LABELS[v], r[v].text])),
  }),
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

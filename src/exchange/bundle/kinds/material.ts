import * as v from 'valibot'

import {KINDS} from '../../../model/kinds.js'
import {FIGURE_VERDICTS, type MaterialKind} from '../../../model/material.js'
import type {MaterialVersionRecord} from '../../../store/exchange.js'
import type {Store} from '../../../store/store.js'
import type {BundleKind, IncomingBundles} from './kind.js'
import {count, id, longText, shortText, slug, timestamp} from './records.js'

/*
 * Findings, reflection meetings and advice travel as their versions, like notes: every version a
 * whole snapshot of the record (links included) with its own id, laptop and parents; a removal is a
 * version too. Loose objects: the record's own meta fields (createdAt, version …) are kept as they
 * came, and the row is derived from the versions anyway (ExchangeQueries.refreshMaterial).
 */

const ids = v.pipe(v.array(id), v.maxLength(10_000))
const slugs = v.pipe(v.array(slug), v.maxLength(100))
const title = v.pipe(v.string(), v.maxLength(1000))
const personalData = v.nullable(v.object({at: timestamp, by: v.nullable(shortText), kinds: v.pipe(v.array(shortText), v.maxLength(100))}))

const finding = v.looseObject({
  evidence: v.pipe(
    v.array(
      v.pipe(
        v.object({end: v.nullable(count), noteId: id, quote: v.nullable(longText), start: v.nullable(count), tagId: v.nullable(id)}),
        v.check((e) => (e.start === null) === (e.end === null), 'begin en eind horen samen'),
      ),
    ),
    v.maxLength(10_000),
  ),
  // Since migration 009; a version made before has none.
  figures: v.optional(v.pipe(v.array(v.object({figureId: id, verdict: v.picklist(FIGURE_VERDICTS)})), v.maxLength(10_000))),
  halteplaatsen: slugs,
  narratives: slugs,
  personalData,
  text: longText,
  themes: slugs,
  title,
})

const outcome = v.object({findings: ids, text: longText})
const reflection = v.looseObject({
  added: outcome,
  confirmed: outcome,
  date: timestamp,
  halteplaats: slug,
  nuanced: outcome,
  participants: v.pipe(v.array(v.object({count: v.nullable(count), role: shortText})), v.maxLength(100)),
  personalData,
})

// examples: absent in versions made before advice could cite them (read as none).
const advice = v.looseObject({audience: slug, examples: v.optional(slugs), findings: ids, frame: v.nullable(slug), personalData, text: longText, title})

const versionOf = (data: v.GenericSchema<unknown, Record<string, unknown>>) =>
  v.object({
    change: v.picklist(['nieuw', 'bewerkt', 'verwijderd', 'teruggezet', 'samengevoegd']),
    changedAt: timestamp,
    changedBy: v.nullable(shortText),
    data,
    device: id,
    id,
    parents: v.pipe(v.array(id), v.maxLength(100)),
    record: id,
    version: v.pipe(count, v.minValue(1)),
  }) satisfies v.GenericSchema<unknown, MaterialVersionRecord>

/** "een bevinding": how a problem names a record of this kind. */
const aKind = (kind: MaterialKind) => `een ${KINDS[kind].labels.singular}`

/** What a version refers to: notes, tags and context figures (findings) and findings (reflections, advice). */
function references(kind: MaterialKind, data: Record<string, unknown>): {figures: string[]; findings: string[]; notes: string[]; tags: string[]} {
  if (kind === 'finding') {
    const evidence = data.evidence as Array<{noteId: string; tagId: null | string}>
    const figures = ((data.figures ?? []) as Array<{figureId: string}>).map((f) => f.figureId)
    return {figures, findings: [], notes: evidence.map((e) => e.noteId), tags: evidence.flatMap((e) => (e.tagId ? [e.tagId] : []))}
  }

  if (kind === 'advice') return {figures: [], findings: data.findings as string[], notes: [], tags: []}
  const outcomes = ['confirmed', 'nuanced', 'added'].map((key) => data[key] as {findings: string[]})
  return {figures: [], findings: outcomes.flatMap((o) => o.findings), notes: [], tags: []}
}

/**
 * Refuses versions that refer to notes, tags or findings that are neither in this study nor in
 * the bundles (a --since bundle without the full one before it), and a record that is of another
 * kind here than in the bundle.
 */
function check(store: Store, kind: MaterialKind, records: MaterialVersionRecord[], incoming: IncomingBundles): string[] {
  const arriving = (part: string, key: 'id' | 'note' | 'record') => new Set((incoming.get(part) ?? []).map((r) => (r as Record<string, string>)[key]))
  const notes = arriving('notes', 'note')
  const tags = arriving('tags', 'id')
  const findings = arriving('findings', 'record')
  const figures = arriving('context', 'record')
  const problems = new Set<string>()
  for (const record of records) {
    const here = store.exchange.materialKind(record.record)
    if (here && here !== kind) problems.add(`${aKind(kind)} heeft id ${record.record}, maar in deze studie is dat ${aKind(here)}`)
    const refs = references(kind, record.data)
    for (const note of refs.notes) {
      if (!notes.has(note) && !store.exchange.hasNote(note)) problems.add(`${aKind(kind)} verwijst naar ${KINDS.note.labels.singular} ${note}, die niet in deze studie staat en niet in de bundel`)
    }

    for (const tag of refs.tags) {
      if (!tags.has(tag) && !store.exchange.hasTag(tag)) problems.add(`${aKind(kind)} verwijst naar tag ${tag}, die niet in deze studie staat en niet in de bundel`)
    }

    for (const figure of refs.figures) {
      if (!figures.has(figure) && !store.context.get(figure)) problems.add(`${aKind(kind)} noemt contextcijfer ${figure}, dat niet in deze studie staat en niet in de bundel`)
    }

    for (const finding of refs.findings) {
      if (!findings.has(finding) && store.exchange.materialKind(finding) !== 'finding') {
        problems.add(`${aKind(kind)} verwijst naar ${KINDS.finding.labels.singular} ${finding}, die niet in deze studie staat en niet in de bundel`)
      }
    }

    if (problems.size >= 5) break
  }

  return [...problems]
}

function materialKind(kind: MaterialKind, name: string, data: v.GenericSchema<unknown, Record<string, unknown>>): BundleKind<MaterialVersionRecord> {
  return {
    apply(store, records) {
      const touched = new Set<string>()
      let added = 0
      for (const version of records) {
        if (!store.exchange.insertMaterialVersion(kind, version)) continue
        added++
        touched.add(version.record)
      }

      for (const record of touched) store.exchange.refreshMaterial(kind, record)
      return added
    },
    check: (store, records, incoming) => check(store, kind, records, incoming),
    collect: (store, {since}) => store.exchange.materialVersions(kind, since),
    label: KINDS[kind].labels.versions[1],
    name,
    record: versionOf(data),
  }
}

export const findingsKind = materialKind('finding', 'findings', finding)
export const reflectionsKind = materialKind('reflection', 'reflections', reflection)
export const adviceKind = materialKind('advice', 'advice', advice)

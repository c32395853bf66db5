import {readFileSync} from 'node:fs'
import {basename} from 'node:path'
import * as v from 'valibot'

import {UserError} from '../errors.js'
import {ID_PATTERN} from '../method/contract.js'
import {KINDS, type MaterialKindId} from '../model/kinds.js'
import type {PersonalDataPolicy} from '../privacy/guard.js'
import {type FileProblem, parseYaml} from '../parse/yaml.js'
import type {Store} from '../store/store.js'
import type {Study} from '../study/load.js'
import {guardTexts} from './guard.js'
import {GUARDED_TEXTS} from './kinds.js'
import {requireFinding} from './lookup.js'
import {addAdvice, type AdviceInput, checkAdvice, editAdvice} from './advice.js'
import {addFinding, checkFinding, editFinding, type FindingInput} from './findings.js'
import {addReflection, checkReflection, editReflection, type ReflectionInput} from './reflections.js'
import {resolveEvidence} from './evidence.js'
import {resolveFigureRef} from './figures.js'
import {queriesOf, type RecordOf} from '../records/registry.js'
import type {WriteOptions, WriteOutcome} from './writes.js'
import {unreadablePath} from '../fs/unreadable.js'

const key = v.pipe(v.string(), v.regex(ID_PATTERN, 'is geen geldige sleutel: gebruik kleine letters, cijfers en streepjes, zoals voorzieningen-onder-druk'))
const words = v.optional(v.array(v.pipe(v.union([v.string(), v.number()]), v.transform(String))), [])
const outcome = v.optional(
  v.union([v.pipe(v.string(), v.transform((text) => ({findings: [] as string[], text}))), v.strictObject({findings: words, text: v.optional(v.string(), '')})]),
  {findings: [], text: ''},
)

const fileSchema = v.strictObject({
  advice: v.optional(
    v.array(
      v.strictObject({
        audience: v.string(),
        findings: words,
        frame: v.optional(v.nullable(v.string()), null),
        examples: words,
        key,
        text: v.optional(v.string(), ''),
        title: v.string(),
      }),
    ),
    [],
  ),
  findings: v.optional(
    v.array(
      v.strictObject({
        // Context figures by id or by indicator and halteplaats (and year), each with a verdict.
        cijfers: v.optional(
          v.array(
            v.strictObject({
              halteplaats: v.optional(v.string()),
              id: v.optional(v.string()),
              indicator: v.optional(v.string()),
              jaar: v.optional(v.union([v.number(), v.string()])),
              oordeel: v.optional(v.string()),
            }),
          ),
          [],
        ),
        evidence: v.optional(v.array(v.strictObject({note: v.optional(v.string()), quote: v.optional(v.string()), tag: v.optional(v.string())})), []),
        halteplaatsen: words,
        key,
        narratives: words,
        text: v.optional(v.string(), ''),
        themes: words,
        title: v.string(),
      }),
    ),
    [],
  ),
  reflections: v.optional(
    v.array(
      v.strictObject({
        added: outcome,
        confirmed: outcome,
        date: v.pipe(v.union([v.string(), v.date()]), v.transform((d) => (d instanceof Date ? d.toISOString().slice(0, 10) : d))),
        halteplaats: v.string(),
        key,
        nuanced: outcome,
        participants: v.optional(v.record(v.string(), v.nullable(v.number())), {}),
      }),
    ),
    [],
  ),
})

type MaterialFile = v.InferOutput<typeof fileSchema>

export interface ImportCount {
  changed: number
  /** Records of the file whose stored counterpart is in the trash: left there, not changed. */
  inTrash: number
  new: number
  unchanged: number
}

export interface MaterialImportReport {
  advice: ImportCount
  findings: ImportCount
  reflections: ImportCount
}

/** The key under which an imported record is stored, so reading the file again finds it. */
const sourceOf = (kind: 'advice' | 'finding' | 'reflection', key: string) => `${kind}:${key}`

/**
 * Reads findings, reflection meetings and advice from YAML files (top-level lists `findings`,
 * `reflections`, `advice`). Records are known by their `key`; reading a file again changes only
 * what changed, as a new version. Evidence names a note by the path it was imported from, with
 * optional exact words; reflections and advice name findings by key (or id). All files or nothing.
 */
export function importMaterial(store: Store, study: Study, files: string[], options: {by?: null | string; policy?: PersonalDataPolicy} = {}): MaterialImportReport {
  const texts = files.map((file) => ({file, label: basename(file), text: read(file)}))
  // First pass: the keys of every file, so one file may refer to findings of another.
  const parsed = texts.map((t) => ({...t, data: parseYaml(t.text, fileSchema, t.label)}))
  const findingKeys = new Map<string, string>()
  const seen = {advice: new Map<string, string>(), finding: findingKeys, reflection: new Map<string, string>()}
  const duplicates: string[] = []
  for (const {data, label} of parsed) {
    for (const [kind, list] of [['finding', data.findings], ['reflection', data.reflections], ['advice', data.advice]] as const) {
      for (const item of list) {
        if (seen[kind].has(item.key)) duplicates.push(`${label}: sleutel "${item.key}" staat ook in ${seen[kind].get(item.key)}`)
        seen[kind].set(item.key, label)
      }
    }
  }

  if (duplicates.length > 0) throw new UserError('Dezelfde sleutel staat er meer dan eens in; er is niets opgeslagen.', {details: duplicates, hint: 'Geef elke bevinding, elk reflectiegesprek en elk advies een eigen sleutel.'})

  // Second pass: every record checked against the study, the notes and the findings, with its line.
  const policy = options.policy ?? 'refuse'
  for (const {label, text} of parsed) parseYaml(text, fileSchema, label, (data) => checkFile(store, study, data, findingKeys, policy))

  const report: MaterialImportReport = {advice: count(), findings: count(), reflections: count()}
  const write = {by: options.by ?? null, policy}
  const counts = {advice: report.advice, finding: report.findings, reflection: report.reflections}
  // A record read before from the same file and key gets a new version; one in the trash stays there.
  const importOne = <K extends MaterialKindId, I>(kind: K, itemKey: string, input: I, save: Saves<K, I>): RecordOf[K] => {
    const source = sourceOf(kind, itemKey)
    const existing = queriesOf(store, kind).bySource(source)
    if (existing?.deletedAt) {
      counts[kind].inTrash++
      return existing
    }

    const outcome = existing ? save.edit(existing.id, input, write) : save.add(input, {...write, source})
    tally(counts[kind], outcome)
    return outcome.record
  }

  store.transaction(() => {
    const ids = new Map<string, string>()
    const findingId = (ref: string) => ids.get(ref) ?? requireFinding(store, ref).id
    const findings: Saves<'finding', FindingInput> = {add: (i, o) => addFinding(store, study, i, o), edit: (id, i, o) => editFinding(store, study, id, i, o)}
    const reflections: Saves<'reflection', ReflectionInput> = {add: (i, o) => addReflection(store, study, i, o), edit: (id, i, o) => editReflection(store, study, id, i, o)}
    const advice: Saves<'advice', AdviceInput> = {add: (i, o) => addAdvice(store, study, i, o), edit: (id, i, o) => editAdvice(store, study, id, i, o)}
    for (const {data} of parsed) {
      for (const item of data.findings) ids.set(item.key, importOne('finding', item.key, findingInput(item), findings).id)
    }

    for (const {data} of parsed) {
      for (const item of data.reflections) importOne('reflection', item.key, reflectionInput(item, findingId), reflections)
      for (const item of data.advice) importOne('advice', item.key, adviceInput(item, findingId), advice)
    }
  })
  return report
}

function read(file: string): string {
  try {
    return readFileSync(file, 'utf8')
  } catch (error) {
    throw unreadablePath(file, error, 'het .yaml-bestand')
  }
}

function count(): ImportCount {
  return {changed: 0, inTrash: 0, new: 0, unchanged: 0}
}

/** How a kind's records are added and edited. */
interface Saves<K extends MaterialKindId, I> {
  add(input: I, options: WriteOptions): WriteOutcome<RecordOf[K]>
  edit(id: string, input: I, options: WriteOptions): WriteOutcome<RecordOf[K]>
}

function tally(counts: ImportCount, outcome: WriteOutcome<unknown>): void {
  if (outcome.change === 'nieuw') counts.new++
  else if (outcome.change === 'bewerkt') counts.changed++
  else counts.unchanged++
}

function findingInput(item: MaterialFile['findings'][number]): FindingInput {
  return {
    evidence: item.evidence,
    figures: item.cijfers.map((c) => ({halteplaats: c.halteplaats, indicator: c.indicator, ref: c.id, verdict: c.oordeel, year: c.jaar})),
    halteplaatsen: item.halteplaatsen,
    narratives: item.narratives,
    text: item.text,
    themes: item.themes,
    title: item.title,
  }
}

function reflectionInput(item: MaterialFile['reflections'][number], findingId: (ref: string) => string): ReflectionInput {
  return {
    added: item.added.text,
    addedFindings: item.added.findings.map(findingId),
    confirmed: item.confirmed.text,
    confirmedFindings: item.confirmed.findings.map(findingId),
    date: item.date,
    halteplaats: item.halteplaats,
    nuanced: item.nuanced.text,
    nuancedFindings: item.nuanced.findings.map(findingId),
    participants: Object.entries(item.participants).map(([role, n]) => ({count: n ?? null, role})),
  }
}

function adviceInput(item: MaterialFile['advice'][number], findingId: (ref: string) => string): AdviceInput {
  return {audience: item.audience, examples: item.examples, findings: item.findings.map(findingId), frame: item.frame, text: item.text, title: item.title}
}

/** Every problem of one file, each pointing at its record (or evidence item) for the line. */
function checkFile(store: Store, study: Study, data: MaterialFile, findingKeys: Map<string, string>, policy: PersonalDataPolicy): FileProblem[] {
  const problems: FileProblem[] = []
  const capture = (path: Array<number | string>, fn: () => void) => {
    try {
      fn()
    } catch (error) {
      if (!(error instanceof UserError)) throw error
      const details = error.details.length > 0 ? error.details : [error.message]
      for (const detail of details) problems.push({field: '', message: detail, path})
    }
  }

  // A finding named by key is one of the files'; anything else must be an existing finding's id.
  const knownFinding = (ref: string) => {
    if (!findingKeys.has(ref)) requireFinding(store, ref)
  }

  for (const [i, item] of data.findings.entries()) {
    const path = ['findings', i]
    const refs = item.evidence.flatMap((e, j) => {
      let ref: ReturnType<typeof resolveEvidence> | undefined
      capture([...path, 'evidence', j], () => {
        ref = resolveEvidence(store, e)
      })
      return ref ? [ref] : []
    })
    const figureRefs = findingInput(item).figures!.flatMap((f, j) => {
      let ref: ReturnType<typeof resolveFigureRef> | undefined
      capture([...path, 'cijfers', j], () => {
        ref = resolveFigureRef(store, study, f)
      })
      return ref ? [ref] : []
    })
    capture(path, () => {
      const fields = checkFinding(store, study, {...findingInput(item), evidence: [], evidenceRefs: refs, figureRefs, figures: []})
      if (policy === 'refuse') guardTexts(study, `${KINDS.finding.labels.capital} ${item.key}`, GUARDED_TEXTS.finding.read(fields), policy, null)
    })
  }

  for (const [i, item] of data.reflections.entries()) {
    const path = ['reflections', i]
    for (const verdict of ['confirmed', 'nuanced', 'added'] as const) {
      for (const ref of item[verdict].findings) capture([...path, verdict], () => knownFinding(ref))
    }

    capture(path, () => {
      const fields = checkReflection(store, study, {...reflectionInput(item, () => ''), addedFindings: [], confirmedFindings: [], nuancedFindings: [], ...placeholderOutcome(item)})
      if (policy === 'refuse') guardTexts(study, `${KINDS.reflection.labels.capital} ${item.key}`, GUARDED_TEXTS.reflection.read(fields), policy, null)
    })
  }

  for (const [i, item] of data.advice.entries()) {
    const path = ['advice', i]
    for (const ref of item.findings) capture([...path, 'findings'], () => knownFinding(ref))
    capture(path, () => {
      const fields = checkAdvice(store, study, {...adviceInput(item, () => ''), findings: []})
      if (policy === 'refuse') guardTexts(study, `${KINDS.advice.labels.capital} ${item.key}`, GUARDED_TEXTS.advice.read(fields), policy, null)
    })
  }

  return problems
}

/**
 * A meeting that only links findings (no text) is valid, but its links are checked apart; give
 * the check a stand-in text so it does not ask for an outcome the links already give.
 */
function placeholderOutcome(item: MaterialFile['reflections'][number]): Partial<ReflectionInput> {
  const linked = item.confirmed.findings.length + item.nuanced.findings.length + item.added.findings.length > 0
  return linked && !item.confirmed.text && !item.nuanced.text && !item.added.text ? {confirmed: '-'} : {}
}

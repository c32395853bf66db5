import type {MaterialKindId} from './kinds.js'
import type {RecordMeta, VersionChange} from './record.js'


/**
 * The material of the advisory report. These are the shapes the report builder reads (through
 * listFindings, listReflections and listAdvice in src/material/read-model.ts) and that --json prints.
 */

/** One piece of evidence as stored: a whole note, a tagged passage, or an untagged passage. */
export interface EvidenceRef {
  /** Code-point range of an untagged passage; null for a whole note or a tag. */
  end: null | number
  noteId: string
  quote: null | string
  start: null | number
  /** The tag whose passage (or whole-note code) backs the finding; null for a note or passage. */
  tagId: null | string
}

/** What a context figure says about a finding. */
export const FIGURE_VERDICTS = ['bevestigt', 'nuanceert', 'spreekt-tegen'] as const
export type FigureVerdict = (typeof FIGURE_VERDICTS)[number]
/** As a person reads them (and as the report data carries them). */
export const FIGURE_VERDICT_LABELS: Record<FigureVerdict, string> = {bevestigt: 'bevestigt', nuanceert: 'nuanceert', 'spreekt-tegen': 'spreekt tegen'}

/** A context figure a finding cites, with its verdict. */
export interface FigureRef {
  figureId: string
  verdict: FigureVerdict
}

export interface FindingFields {
  evidence: EvidenceRef[]
  /** Context figures the finding is tested against, in the order given. */
  figures: FigureRef[]
  /** Halteplaats ids the finding is about; empty: the study as a whole. */
  halteplaatsen: string[]
  narratives: string[]
  text: string
  themes: string[]
  title: string
}

export interface Finding extends FindingFields, RecordMeta {}

/** Evidence with what a report needs of it. A note in the trash is left out of listFindings. */
export interface ResolvedEvidence extends EvidenceRef {
  activity: null | string
  /** "moeder, halteplaats Wendelo": how a quote may be attributed (group type and halteplaats only). */
  attribution: string
  /** The tag's narrative or theme, when the evidence is a tag. */
  code: null | string
  date: string
  group: null | string
  halteplaats: string
  kind: 'notitie' | 'passage' | 'tag'
  /** The tag's kind, when the evidence is a tag. */
  tagKind: 'narrative' | 'theme' | null
}

/** A cited figure with what a report and the views need of it. */
export interface ResolvedFigure extends FigureRef {
  halteplaats: string
  indicator: string
  source: string
  unit: string
  value: number
  year: number
}

/** A finding as the report reads it: its evidence and figures resolved, and whether it is still a draft. */
export interface FindingWithEvidence extends Omit<Finding, 'evidence' | 'figures'> {
  /** True when nothing backs the finding ("concept: geen onderbouwing"). */
  draft: boolean
  evidence: ResolvedEvidence[]
  figures: ResolvedFigure[]
}

export type Verdict = 'added' | 'confirmed' | 'nuanced'
export const VERDICTS: readonly Verdict[] = ['confirmed', 'nuanced', 'added']
export const VERDICT_LABELS: Record<Verdict, string> = {added: 'aangevuld', confirmed: 'bevestigd', nuanced: 'genuanceerd'}

export interface Participant {
  /** Number of people in this role, or null when not counted. */
  count: null | number
  /** A role id from the method's reflectionRoles (bewoners, professionals, ambtenaren …). */
  role: string
}

/** What a meeting did with the picture: a text and the findings it concerns. */
export interface ReflectionOutcome {
  findings: string[]
  text: string
}

export interface ReflectionFields {
  added: ReflectionOutcome
  confirmed: ReflectionOutcome
  date: string
  halteplaats: string
  nuanced: ReflectionOutcome
  participants: Participant[]
}

export interface Reflection extends ReflectionFields, RecordMeta {}

export interface AdviceFields {
  audience: string
  /** Ids of the instruments and inspiring examples it cites (method file or study.yaml), in order. */
  examples: string[]
  /** Ids of the findings the advice answers, in order. */
  findings: string[]
  /** A frame id from the method (route-…, perspectief-…, participatie-…), or null. */
  frame: null | string
  text: string
  title: string
}

export interface Advice extends AdviceFields, RecordMeta {}

/** The spelling in code, the database and bundles; see src/model/kinds.ts for the labels. */
export type MaterialKind = MaterialKindId

/** One state of a record, as history shows it; data is the whole record at that version. */
export interface MaterialVersion<T> {
  change: VersionChange
  changedAt: string
  changedBy: null | string
  data: T
  /** The laptop (device id) the version was made on. */
  device: string
  /** The version's own id: two laptops can each make a version 2 from the same version 1. */
  id: string
  /** The versions it was made from: one, none for the first, several for one that settled a conflict. */
  parents: string[]
  recordId: string
  version: number
}

export interface FindingFilter {
  deleted?: boolean
  /** Only drafts (no evidence) or only findings with evidence. */
  draft?: boolean
  halteplaats?: string
  narrative?: string
  theme?: string
}

export interface ReflectionFilter {
  deleted?: boolean
  halteplaats?: string
}

export interface AdviceFilter {
  audience?: string
  deleted?: boolean
  finding?: string
}

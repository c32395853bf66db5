import {UserError} from '../errors.js'
import type {OutputKind} from '../model/output-override.js'
import type {PersonalDataOverride} from '../model/record.js'
import {shortId} from '../records/ids.js'
import type {Store} from '../store/store.js'
import type {AllowedNames} from './allowed.js'
import {type FieldHit, guardFields, type GuardFields, type PersonalDataPolicy, scanFields} from './guard.js'
import {KIND_LABELS, type PersonalDataHit, type PersonalDataKind} from './index.js'

/*
 * The one gate for everything that leaves the laptop: a report, a bundle, a CSV, XLSX or REFI-QDA
 * export. The output's writer first shows the gate every text the output will hold (scan), the
 * user chooses once (refuse, pseudonymise, allow), and the writer then takes every text through
 * the gate again (pass): unchanged, or with placeholders. The database is never changed.
 */

/** The three choices: write nothing (the default), write placeholders in the output, or write it as is and record that. */
export type GateChoice = PersonalDataPolicy

/**
 * Options of guardFields that the gate hands on untouched, such as placeholders that stay the same
 * per person ([naam-3f7a]) once the guard knows a study key: one parameter from the command to the guard.
 */
export type GuardExtras = Omit<Parameters<typeof guardFields>[1], 'allowed' | 'by' | 'policy' | 'refuse'>

/** What a text in an output belongs to. */
export type GateRecord = 'advice' | 'finding' | 'note' | 'reflection' | 'report' | 'tag'

/** One record's texts as the output will hold them. */
export interface GateItem<F extends GuardFields = GuardFields> {
  /** Named texts, with the Dutch names messages use ("tekst", "rollen", "titel", "passage"). */
  fields: F
  id: string
  /**
   * What identifies this very content (a version id, or id@version): what the writer passes must
   * have been scanned under the same key, and anything new is scanned when it comes by.
   */
  key: string
  /** The choice recorded on this version to keep its personal data, when the output honours it (a bundle). */
  kept?: null | PersonalDataOverride
  /** For a tag: the note it is on. */
  note?: string
  record: GateRecord
  /** For a version of a record in a bundle: its number. */
  version?: number
}

/** A hit, located: which record, which field, line and column. */
export interface GateHit {
  column: number
  /** For a report: the words around the hit. */
  context?: string
  /** UTF-16 offsets into the field's text (for a list field, into its item). */
  end: number
  field: string
  id: string
  /** 0-based item of a list field (a role, a passage); for a report the line index. */
  item?: number
  kind: PersonalDataKind
  /** In a version stored with a recorded choice to keep personal data: reported, not blocking (bundles). */
  kept: boolean
  line: number
  note?: string
  reason: string
  record: GateRecord
  start: number
  text: string
  version?: number
}

/** What --json shows of the gate, and what the record of an override holds. */
export interface GateSummary {
  /** The choice that settled the hits that block; null when nothing blocked. */
  choice: GateChoice | null
  /** Hits that block without a choice. */
  found: number
  hits: GateHit[]
  /** Hits in versions with a recorded choice to keep them (bundles only). */
  kept: number
  /** The id of the recorded override, under 'allow'. */
  override?: string
}

/** How the writer and the command ask the gate for a choice. */
export interface GateRequest {
  /** Asks the user (on a terminal only), shown the hits; absent: the choice given, or refuse. */
  ask?: (gate: PrivacyGate) => Promise<GateChoice>
  /** Who decides (the interviewer of this laptop), for the record of an override. */
  by: null | string
  /** The choice given beforehand (--pseudonymise, --allow-personal-data). */
  choice?: GateChoice
  /** Options for the guard that the gate passes on (see GuardExtras). */
  guard?: GuardExtras
}

const MAX_LISTED = 20

export class PrivacyGate {
  readonly hits: GateHit[] = []
  private decided?: GateChoice
  private readonly clean = new Set<string>()
  private readonly flagged = new Map<string, {item: GateItem; replaced?: GuardFields}>()
  private readonly texts = new Map<string, PlaceholderText>()

  constructor(private readonly options: {allowed: AllowedNames; guard?: GuardExtras}) {}

  /** The hits that block the output until the user chooses. */
  get blocking(): GateHit[] {
    return this.hits.filter((hit) => !hit.kept)
  }

  get choice(): GateChoice | undefined {
    return this.decided
  }

  /** Looks for personal data in one record's texts, as the output will hold them. */
  scan(item: GateItem): void {
    const hits = scanFields(item.fields, this.options.allowed)
    if (hits.length === 0) {
      this.clean.add(item.key)
      return
    }

    this.flagged.set(item.key, {item})
    for (const hit of hits) this.hits.push(locate(item, hit))
  }

  decide(choice: GateChoice): void {
    this.decided = choice
  }

  /**
   * The texts of a record as the output must hold them: as they are, or with placeholders after
   * 'pseudonymise' (every hit, kept ones too). A record the scan did not see (changed or added
   * since) is scanned now; if it holds personal data nobody chose about, the output is stopped.
   */
  pass<F extends GuardFields>(item: GateItem<F>): F {
    let flagged = this.flagged.get(item.key)
    if (!flagged) {
      if (this.clean.has(item.key)) return item.fields
      this.scan(item)
      flagged = this.flagged.get(item.key)
      if (!flagged) return item.fields
    }

    // Without a choice only kept hits may pass: anything else came in after the scan.
    if (this.decided === undefined && !flagged.item.kept) throw changedDuringOutput()
    if (this.decided !== 'pseudonymise') return item.fields
    flagged.replaced ??= this.pseudonymised(flagged.item.fields).fields
    return flagged.replaced as F
  }

  /**
   * A passage of a note (code points, and its quote) as it stands in the output: after
   * 'pseudonymise' moved along with the placeholders in the note's text, its quote taken from
   * that text when it was the note's own words; `quote` is the quote as pass() gave it.
   */
  passage<P extends {end: null | number; quote: null | string; start: null | number}>(noteId: string, text: () => string, passage: P, quote: null | string): P {
    if (this.decided !== 'pseudonymise') return passage
    if (passage.start === null || passage.end === null) return {...passage, quote}
    let mapped = this.texts.get(noteId)
    if (!mapped) {
      const original = text()
      const guarded = this.pseudonymised({tekst: original})
      mapped = placeholderText(original, guarded.fields.tekst, guarded.hits)
      this.texts.set(noteId, mapped)
    }

    if (mapped.shifts.length === 0) return {...passage, quote}
    const start = mapped.map(passage.start, 'start')
    const end = mapped.map(passage.end, 'end')
    const own = passage.quote !== null && sliceCodePoints(mapped.original, passage.start, passage.end) === passage.quote
    return {...passage, end, quote: own ? sliceCodePoints(mapped.replaced, start, end) : quote, start}
  }

  /** What --json shows and an override records. */
  summary(override?: string): GateSummary {
    const blocking = this.blocking.length
    return {
      choice: this.decided ?? (blocking > 0 ? 'refuse' : null),
      found: blocking,
      hits: this.hits,
      kept: this.hits.length - blocking,
      ...(override ? {override} : {}),
    }
  }

  /** The records the blocking hits are in, once each, as an override records them. */
  blockingRecords(): Array<{id: string; kind: string}> {
    const seen = new Map<string, {id: string; kind: string}>()
    for (const hit of this.blocking) if (hit.record !== 'report') seen.set(`${hit.record}:${hit.id}`, {id: hit.id, kind: hit.record})
    return [...seen.values()]
  }

  /** The one place the gate makes placeholders: the guard's own, with the options the caller passed on (GuardExtras). */
  private pseudonymised<T extends GuardFields>(fields: T): {fields: T; hits: Array<FieldHit<keyof T & string>>} {
    return guardFields(fields, {...this.options.guard, allowed: this.options.allowed, by: null, policy: 'pseudonymise', refuse: () => new Error('unreachable')})
  }
}

/**
 * Asks for the choice when the gate found personal data that blocks: the choice given beforehand,
 * else the user's answer (on a terminal), else refuse. Refusing throws `refusal`; nothing is written.
 * Returns null when nothing blocked; a choice to pseudonymise given beforehand also replaces what
 * is kept by a recorded choice (a bundle's), since the user asked for placeholders.
 */
export async function settle(gate: PrivacyGate, request: GateRequest | undefined, refusal: () => Error): Promise<Exclude<GateChoice, 'refuse'> | null> {
  if (gate.blocking.length === 0) {
    if (gate.hits.length === 0 || request?.choice !== 'pseudonymise') return null
    gate.decide('pseudonymise')
    return 'pseudonymise'
  }

  const choice = request?.choice ?? (request?.ask ? await request.ask(gate) : 'refuse')
  if (choice === 'refuse') throw refusal()
  gate.decide(choice)
  return choice
}

/**
 * After the file was written: a choice to let personal data out is recorded in the study (status
 * and doctor show it), and --json shows what the gate found. Without hits the report is as it was.
 */
export function finishOutput<R extends {file: string}>(report: R, store: Store, gate: PrivacyGate, output: OutputKind, by: null | string): R & {privacy?: GateSummary} {
  if (gate.hits.length === 0) return report
  let override: string | undefined
  if (gate.choice === 'allow') {
    const blocking = gate.blocking
    override = store.transaction(() =>
      store.overrides.record({
        at: new Date().toISOString(),
        by,
        file: report.file,
        hits: blocking.length,
        kinds: [...new Set(blocking.map((hit) => hit.kind))],
        output,
        records: gate.blockingRecords(),
      }),
    ).id
  }

  return {...report, privacy: gate.summary(override)}
}

/** How Dutch messages name a record of the gate. */
const RECORD_NAMES: Record<Exclude<GateRecord, 'report'>, string> = {advice: 'advies', finding: 'bevinding', note: 'notitie', reflection: 'reflectiegesprek', tag: 'tag'}

/** Where a hit is, in Dutch: "notitie 3f7a2c1d, tekst regel 3, kolom 12: naam "Piet Jansen"". */
export function describeGateHit(hit: GateHit): string {
  const what = `${KIND_LABELS[hit.kind]} "${hit.text}"`
  if (hit.record === 'report') return `regel ${hit.line} van het rapport: ${what}${hit.context ? ` in: ${hit.context}` : ''}`
  const record = [`${RECORD_NAMES[hit.record]} ${shortId(hit.id)}`, hit.version === undefined ? '' : ` (versie ${hit.version})`, hit.note ? ` op notitie ${shortId(hit.note)}` : ''].join('')
  // A role is one short text; its line and column say nothing.
  const place = hit.field === 'rollen' ? 'rollen' : `${hit.field} regel ${hit.line}, kolom ${hit.column}`
  return `${record}, ${place}: ${what}`
}

/** At most 20 hits, one per line, then "… en nog N". */
export function listGateHits(hits: readonly GateHit[]): string[] {
  const lines = hits.slice(0, MAX_LISTED).map(describeGateHit)
  if (hits.length > MAX_LISTED) lines.push(`… en nog ${hits.length - MAX_LISTED}`)
  return lines
}

/** How the gate's messages name an output: "De export" (CSV, XLSX, REFI-QDA), "De bundel", "Het rapport". */
export const OUTPUT_SUBJECTS: Record<OutputKind, string> = {bundle: 'De bundel', csv: 'De export', qdpx: 'De export', report: 'Het rapport', xlsx: 'De export'}

/** The same two ways out, in the same words, for every output. */
export const CHOICES_HINT =
  'Of kies: --pseudonymise schrijft plaatshouders als [naam] en [telefoonnummer] in de uitvoer (de studie zelf blijft zoals hij is); --allow-personal-data schrijft alles zoals het is en legt die keuze vast (karavaan status en doctor tonen haar).'

/** The refusal: where the hits are, and the choices. `fix` says how to change the texts themselves. */
export class PersonalDataOutputError extends UserError {
  constructor(output: OutputKind, gate: PrivacyGate, fix: string) {
    const blocking = gate.blocking
    const kept = gate.hits.length - blocking.length
    const details = listGateHits(blocking)
    if (kept > 0) details.push(`(en ${kept} in versies waarbij eerder is vastgelegd dat ze persoonsgegevens mogen bevatten; die houden ${output === 'bundle' ? 'de bundel' : 'de uitvoer'} niet tegen)`)
    super(`${OUTPUT_SUBJECTS[output]} bevat mogelijk persoonsgegevens (${blocking.length}); er is niets geschreven.`, {
      data: {privacy: gate.summary()},
      details,
      hint: `${fix} ${CHOICES_HINT}`,
    })
  }
}

function changedDuringOutput(): UserError {
  return new UserError('De studie veranderde terwijl de uitvoer werd geschreven, en in wat erbij kwam staan mogelijk persoonsgegevens; er is niets geschreven.', {
    hint: 'Probeer het opnieuw: de privacycontrole bekijkt dan alles.',
  })
}

function locate(item: GateItem, hit: FieldHit<string>): GateHit {
  const {field, item: index, subject: _subject, ...rest} = hit
  return {
    ...rest,
    field,
    id: item.id,
    ...(index === undefined ? {} : {item: index}),
    kept: Boolean(item.kept),
    ...(item.note ? {note: item.note} : {}),
    record: item.record,
    ...(item.version === undefined ? {} : {version: item.version}),
  }
}

// ── placeholders and positions ─────────────────────────────────────────────────────────────

interface Shift {
  end: number
  newEnd: number
  newStart: number
  start: number
}

export interface PlaceholderText {
  /** A code-point position in the original as a position in the replaced text; inside a hit, the placeholder's start or end. */
  map(position: number, side: 'end' | 'start'): number
  original: string
  replaced: string
  shifts: Shift[]
}

/**
 * How the positions of a text move when its hits become placeholders. The replaced text is what
 * the guard made of it; each placeholder is one bracketed word ([naam], [naam-3f7a]), and the text
 * between the hits is unchanged, so each placeholder is found where it must be. Anything else is a
 * bug, and is treated as one rather than writing passages in the wrong place.
 */
export function placeholderText(original: string, replaced: string, hits: ReadonlyArray<Pick<PersonalDataHit, 'end' | 'start'>>): PlaceholderText {
  const kept: Array<Pick<PersonalDataHit, 'end' | 'start'>> = []
  for (const hit of [...hits].sort((a, b) => a.start - b.start)) if (hit.start >= (kept.at(-1)?.end ?? 0)) kept.push(hit)
  const shifts: Shift[] = []
  let from = 0
  let to = 0
  for (const [i, hit] of kept.entries()) {
    const between = original.slice(from, hit.start)
    if (!replaced.startsWith(between, to)) throw new Error('The pseudonymised text is out of step with its hits')
    to += between.length
    const end = i === kept.length - 1 ? replaced.length - (original.length - hit.end) : replaced.indexOf(']', to) + 1
    if (end <= to) throw new Error('A placeholder is not where the hit was')
    shifts.push({end: hit.end, newEnd: end, newStart: to, start: hit.start})
    from = hit.end
    to = end
  }

  if (replaced.slice(to) !== original.slice(from)) throw new Error('The pseudonymised text is out of step with its hits')
  const map = (position: number, side: 'end' | 'start') => {
    const unit = unitOf(original, position)
    let delta = 0
    for (const shift of shifts) {
      if (unit <= shift.start) break
      if (unit < shift.end) return codePointOf(replaced, side === 'start' ? shift.newStart : shift.newEnd)
      delta = shift.newEnd - shift.end
    }

    return codePointOf(replaced, unit + delta)
  }

  return {map, original, replaced, shifts}
}

/** The UTF-16 index of a code-point position. */
function unitOf(text: string, position: number): number {
  let unit = 0
  let n = 0
  for (const char of text) {
    if (n === position) return unit
    unit += char.length
    n++
  }

  return text.length
}

/** The code-point position of a UTF-16 index. */
function codePointOf(text: string, unit: number): number {
  let n = 0
  let at = 0
  for (const char of text) {
    if (at >= unit) break
    at += char.length
    n++
  }

  return n
}

function sliceCodePoints(text: string, start: number, end: number): string {
  return [...text].slice(start, end).join('')
}

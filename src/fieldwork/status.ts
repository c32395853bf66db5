import {type DraftsSummary, summariseDrafts} from '../notes/draft-files.js'
import type {OutputOverride} from '../model/output-override.js'
import type {Store} from '../store/store.js'
import type {Study} from '../study/load.js'
import type {PlanItem, PlanState} from '../model/plan.js'
import {formatDate} from '../parse/date.js'

export type CellState = 'niet gepland' | PlanState

export interface ConversationCell {
  date: null | string
  group: string
  halteplaats: string
  notes: number
  state: CellState
}

export interface ObservationSummary {
  activity: string
  halteplaats: string
  held: number
  notes: number
  planned: Array<{date: null | string; state: PlanState}>
}

export interface MissingItem {
  group?: string
  halteplaats: string
  kind: 'context' | 'gesprek' | 'notitie' | 'observatie'
  message: string
}

/** The material of the report so far; drafts are findings without evidence. */
export interface MaterialStatus {
  advice: Array<{audience: string; count: number}>
  draftFindings: Array<{id: string; title: string}>
  findings: number
  /** Findings (not in the trash) that cite no context figure yet. */
  findingsWithoutFigures: number
  reflections: Array<{count: number; halteplaats: string}>
}

export interface FieldworkStatus {
  cells: ConversationCell[]
  complete: boolean
  groups: string[]
  halteplaatsen: Array<{contextFigures: number; gemeente: string; id: string; name: string; type: string}>
  material: MaterialStatus
  missing: MissingItem[]
  observations: ObservationSummary[]
  study: {id: string; period: {end: string; start: string}; title: string}
  totals: {conversations: number; conversationsHeld: number; conversationsPlanned: number; notes: number; observationsHeld: number}
}

/**
 * What karavaan status shows: the fieldwork, the drafts a broken-off command left in concepten/,
 * and, when there are any, the exports and reports written with personal data by choice.
 */
export interface StudyStatus extends FieldworkStatus {
  drafts: DraftsSummary
  /** Outputs written with --allow-personal-data (or that answer), oldest first; absent when none. */
  overrides?: OutputOverride[]
}

export async function studyStatus(store: Store, study: Study): Promise<StudyStatus> {
  const overrides = store.overrides.list()
  return {...fieldworkStatus(store, study), drafts: await summariseDrafts(study), ...(overrides.length > 0 ? {overrides} : {})}
}

/**
 * Where the fieldwork stands: for every halteplaats and group whether the conversation is
 * planned or held and how many notes it has, the observations, and what a complete Karavaan
 * still lacks. A conversation with notes counts as held even if the plan was not updated.
 */
export function fieldworkStatus(store: Store, study: Study): FieldworkStatus {
  const method = study.methodDefinition
  const plan = store.plan.list()
  const noteCounts = store.notes.countByCell()
  const figures = store.context.list()
  const notesFor = (halteplaats: string, key: 'activity' | 'group', id: string) =>
    noteCounts.filter((row) => row.halteplaats === halteplaats && row[key] === id).reduce((sum, row) => sum + row.count, 0)

  const cells: ConversationCell[] = []
  const observations: ObservationSummary[] = []
  const missing: MissingItem[] = []
  for (const halteplaats of study.halteplaatsen) {
    if (!figures.some((figure) => figure.halteplaats === halteplaats.id)) {
      missing.push({halteplaats: halteplaats.id, kind: 'context', message: `${halteplaats.name}: nog geen contextcijfers om de verhalen aan te toetsen`})
    }

    for (const group of method.groups) {
      const item = plan.find((p) => p.halteplaats === halteplaats.id && p.group === group.id)
      const notes = notesFor(halteplaats.id, 'group', group.id)
      const state: CellState = notes > 0 ? 'gehouden' : (item?.state ?? 'niet gepland')
      cells.push({date: item?.date ?? null, group: group.id, halteplaats: halteplaats.id, notes, state})
      if (state !== 'gehouden') {
        missing.push({group: group.id, halteplaats: halteplaats.id, kind: 'gesprek', message: `${halteplaats.name}: gesprek met ${group.short} ${describePending(item)}`})
      } else if (notes === 0) {
        missing.push({group: group.id, halteplaats: halteplaats.id, kind: 'notitie', message: `${halteplaats.name}: gesprek met ${group.short} gehouden, maar nog geen notitie`})
      }
    }

    for (const activity of method.activities) {
      const items = plan.filter((p: PlanItem) => p.halteplaats === halteplaats.id && p.activity === activity.id)
      const notes = notesFor(halteplaats.id, 'activity', activity.id)
      if (items.length === 0 && notes === 0) continue
      observations.push({
        activity: activity.id,
        halteplaats: halteplaats.id,
        held: Math.max(items.filter((i) => i.state === 'gehouden').length, notes > 0 ? 1 : 0),
        notes,
        planned: items.map((i) => ({date: i.date, state: i.state})),
      })
    }

    if (!observations.some((o) => o.halteplaats === halteplaats.id && o.held > 0)) {
      missing.push({halteplaats: halteplaats.id, kind: 'observatie', message: `${halteplaats.name}: nog geen observatie gehouden (wijkwandeling, fietstocht, wijkbijeenkomst of buurtactiviteit)`})
    }
  }

  const held = cells.filter((c) => c.state === 'gehouden').length
  return {
    material: materialStatus(store, study),
    cells,
    complete: missing.length === 0,
    groups: method.groups.map((g) => g.id),
    halteplaatsen: study.halteplaatsen.map((h) => ({...h, contextFigures: figures.filter((f) => f.halteplaats === h.id).length})),
    missing,
    observations,
    study: {id: study.id, period: study.period, title: study.title},
    totals: {
      conversations: cells.length,
      conversationsHeld: held,
      conversationsPlanned: cells.filter((c) => c.state === 'gepland').length,
      notes: noteCounts.reduce((sum, row) => sum + row.count, 0),
      observationsHeld: observations.reduce((sum, o) => sum + o.held, 0),
    },
  }
}

function materialStatus(store: Store, study: Study): MaterialStatus {
  const findings = store.findings.list()
  const draftIds = new Set(store.findings.list({draft: true}).map((f) => f.id))
  // A finding whose only evidence is a note in the trash is a draft too (as listFindings has it).
  for (const f of findings) {
    if (!draftIds.has(f.id) && f.evidence.every((e) => store.notes.get(e.noteId)?.deletedAt || (e.tagId && store.tags.get(e.tagId)?.deletedAt))) draftIds.add(f.id)
  }

  const reflections = store.reflections.list()
  const advice = store.advice.list()
  return {
    advice: study.methodDefinition.audiences.map((a) => ({audience: a.id, count: advice.filter((x) => x.audience === a.id).length})),
    draftFindings: findings.filter((f) => draftIds.has(f.id)).map((f) => ({id: f.id, title: f.title})),
    findings: findings.length,
    findingsWithoutFigures: store.findings.countWithoutFigures().without,
    reflections: study.halteplaatsen.map((h) => ({count: reflections.filter((r) => r.halteplaats === h.id).length, halteplaats: h.id})),
  }
}

function describePending(item: PlanItem | undefined): string {
  if (!item) return 'nog niet gepland'
  if (item.state === 'vervallen') return `vervallen${item.date ? ` (was ${formatDate(item.date)})` : ''}; plan een nieuw gesprek`
  return item.date ? `gepland op ${formatDate(item.date)}, nog niet gehouden` : 'gepland, nog zonder datum'
}

import type {Note} from '../model/note.js'
import {resolveFigures} from './figures.js'
import {attribution} from '../privacy/attribution.js'
import type {Store} from '../store/store.js'
import type {Study} from '../study/load.js'
import type {Advice, AdviceFilter, Finding, FindingFilter, FindingWithEvidence, Reflection, ReflectionFilter, ResolvedEvidence} from '../model/material.js'


/**
 * Findings with their evidence resolved for a report: per piece of evidence the note's
 * halteplaats, group or activity and date, the passage text (for a tag or passage), and the
 * attribution a quote may carry ("moeder, halteplaats Wendelo"). Evidence whose note is in the
 * trash is left out; a finding with no evidence left is a draft (`draft: true`).
 */
export function listFindings(store: Store, study: Study, filter: FindingFilter = {}): FindingWithEvidence[] {
  const notes = new Map<string, Note | undefined>()
  const resolved = store.findings.list({...filter, draft: undefined}).map((finding) => resolveFinding(store, study, finding, notes))
  return filter.draft === undefined ? resolved : resolved.filter((f) => f.draft === filter.draft)
}

/** One finding (or an earlier version of one) with its evidence resolved, as in listFindings. */
export function resolveFinding(store: Store, study: Study, finding: Finding, cache = new Map<string, Note | undefined>()): FindingWithEvidence {
  const note = (id: string) => {
    if (!cache.has(id)) cache.set(id, store.notes.get(id))
    return cache.get(id)
  }

  const evidence: ResolvedEvidence[] = []
  for (const ref of finding.evidence) {
    const n = note(ref.noteId)
    if (!n || n.deletedAt) continue
    const tag = ref.tagId ? store.tags.get(ref.tagId) : undefined
    if (ref.tagId && (!tag || tag.deletedAt)) continue
    evidence.push({
      ...ref,
      activity: n.activity,
      attribution: attribution(study, n),
      code: tag?.code ?? null,
      date: n.date,
      group: n.group,
      halteplaats: n.halteplaats,
      kind: tag ? 'tag' : ref.quote ? 'passage' : 'notitie',
      quote: tag ? tag.quote : ref.quote,
      tagKind: tag?.kind ?? null,
    })
  }

  return {...finding, draft: evidence.length === 0, evidence, figures: resolveFigures(store, finding.figures)}
}

/** Reflection meetings, by date; each outcome lists the ids of the findings it concerns (not those in the trash). */
export function listReflections(store: Store, filter: ReflectionFilter = {}): Reflection[] {
  const live = liveFindings(store)
  return store.reflections.list(filter).map((r) => ({
    ...r,
    added: {...r.added, findings: r.added.findings.filter(live)},
    confirmed: {...r.confirmed, findings: r.confirmed.findings.filter(live)},
    nuanced: {...r.nuanced, findings: r.nuanced.findings.filter(live)},
  }))
}

/** Advice in the order it was made; `findings` holds the ids of the findings each answers (not those in the trash). */
export function listAdvice(store: Store, filter: AdviceFilter = {}): Advice[] {
  const live = liveFindings(store)
  return store.advice.list(filter).map((a) => ({...a, findings: a.findings.filter(live)}))
}

/** Links to a finding in the trash are kept (a restore brings them back) but not shown. */
function liveFindings(store: Store): (id: string) => boolean {
  const trash = new Set(store.findings.list({deleted: true}).map((f) => f.id))
  return (id) => !trash.has(id)
}

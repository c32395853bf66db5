import {TheKind} from '../model/kinds.js'
import {shortId} from '../records/ids.js'
import type {Store} from '../store/store.js'
import type {Study} from '../study/load.js'
import {checkCodes, checkText, checkTitle, matchesId, Problems} from './checks.js'
import {type EvidenceInput, type EvidencePlace, resolveEvidence, sameEvidence} from './evidence.js'
import {type FigureInput, requireFigure, resolveFigureRef} from './figures.js'
import type {EvidenceRef, FigureRef, Finding, FindingFields} from '../model/material.js'
import {saveEdit, saveNew} from './save.js'
import {requireEditable} from '../records/trash.js'
import {type WriteOptions, type WriteOutcome} from './writes.js'

export interface FindingInput {
  evidence?: EvidenceInput[]
  /** Context figures the finding cites, each with its verdict. */
  figures?: FigureInput[]
  halteplaatsen?: string[]
  narratives?: string[]
  text?: string
  themes?: string[]
  title?: string
}

export interface FindingChanges extends Omit<FindingInput, 'evidence' | 'figures'> {
  /** Evidence added after what the finding has. */
  addEvidence?: EvidenceInput[]
  /** Figures cited besides those the finding cites; one it cites already gets the new verdict. */
  addFigures?: FigureInput[]
  /** Figures (id, short id or indicator@halteplaats) no longer cited. */
  dropFigures?: string[]
  /** Replaces all cited figures (import). */
  figures?: FigureInput[]
  /** Note or tag ids (short forms too) whose evidence is taken off. */
  dropEvidence?: string[]
  /** Exactly these pieces of evidence taken off (a whole note, a passage or a tag), the rest of the same note kept. */
  dropEvidenceRefs?: EvidencePlace[]
  /** Replaces all evidence (import). */
  evidence?: EvidenceInput[]
}

/** Checks a finding against the study and the notes, and returns it in its stored shape. */
export function checkFinding(store: Store, study: Study, input: FindingInput & {evidenceRefs?: EvidenceRef[]; figureRefs?: FigureRef[]}): FindingFields {
  const problems = new Problems()
  const title = checkTitle(problems, input.title, 'een bevinding')
  const text = checkText(problems, input.text)
  const codes = checkCodes(study, problems, input)
  const evidence = [...(input.evidenceRefs ?? [])]
  for (const item of input.evidence ?? []) {
    const ref = problems.try('onderbouwing', () => resolveEvidence(store, item))
    if (ref && !evidence.some((e) => sameEvidence(e, ref))) evidence.push(ref)
  }

  const figures = [...(input.figureRefs ?? [])]
  for (const item of input.figures ?? []) {
    const ref = problems.try('cijfer', () => resolveFigureRef(store, study, item))
    if (!ref) continue
    // Citing a figure again changes its verdict; it keeps its place.
    const at = figures.findIndex((f) => f.figureId === ref.figureId)
    if (at === -1) figures.push(ref)
    else figures[at] = ref
  }

  problems.throwIfAny(TheKind('finding'))
  return {...codes, evidence, figures, text, title}
}

/** Stores a new finding as version 1; without evidence it is a draft. */
export function addFinding(store: Store, study: Study, input: FindingInput, options: WriteOptions = {}): WriteOutcome<Finding> {
  return saveNew(store, study, 'finding', checkFinding(store, study, input), options)
}

/** A new version with the given changes; an edit that changes nothing stores nothing. */
export function editFinding(store: Store, study: Study, id: string, changes: FindingChanges, options: WriteOptions = {}): WriteOutcome<Finding> {
  const finding = requireEditable(store, 'finding', id)
  const current = findingFields(finding)
  let evidence = changes.evidence === undefined ? current.evidence : []
  if (changes.dropEvidence?.length) {
    const problems = new Problems()
    for (const typed of changes.dropEvidence) {
      const wanted = typed.trim().toLowerCase()
      const before = evidence.length
      evidence = evidence.filter((e) => !(matchesId(e.noteId, wanted) || (e.tagId && matchesId(e.tagId, wanted))))
      if (evidence.length === before) problems.add('onderbouwing', `"${typed}" is geen notitie of tag in de onderbouwing van bevinding ${shortId(finding.id)}`)
    }

    problems.throwIfAny(TheKind('finding'))
  }

  if (changes.dropEvidenceRefs?.length) {
    const problems = new Problems()
    for (const ref of changes.dropEvidenceRefs) {
      const at = evidence.findIndex((e) => sameEvidence(e, ref))
      if (at === -1) problems.add('onderbouwing', `${ref.tagId ? `tag ${shortId(ref.tagId)}` : `notitie ${shortId(ref.noteId)}`} staat niet (meer) in de onderbouwing van bevinding ${shortId(finding.id)}`)
      else evidence = evidence.filter((_, i) => i !== at)
    }

    problems.throwIfAny(TheKind('finding'))
  }

  let figures = changes.figures === undefined ? current.figures : []
  if (changes.dropFigures?.length) {
    const problems = new Problems()
    for (const typed of changes.dropFigures) {
      const figure = problems.try('cijfer', () => requireFigure(store, study, {ref: typed}))
      if (!figure) continue
      if (!figures.some((f) => f.figureId === figure.id)) problems.add('cijfer', `bevinding ${shortId(finding.id)} noemt contextcijfer "${typed}" niet`)
      figures = figures.filter((f) => f.figureId !== figure.id)
    }

    problems.throwIfAny(TheKind('finding'))
  }

  const fields = checkFinding(store, study, {
    evidence: [...(changes.evidence ?? []), ...(changes.addEvidence ?? [])],
    evidenceRefs: evidence,
    figureRefs: figures,
    figures: [...(changes.figures ?? []), ...(changes.addFigures ?? [])],
    halteplaatsen: changes.halteplaatsen ?? current.halteplaatsen,
    narratives: changes.narratives ?? current.narratives,
    text: changes.text ?? current.text,
    themes: changes.themes ?? current.themes,
    title: changes.title ?? current.title,
  })
  return saveEdit(store, study, 'finding', finding, current, fields, options)
}

export function findingFields(finding: Finding): FindingFields {
  const {evidence, figures, halteplaatsen, narratives, text, themes, title} = finding
  // A version made before migration 009 has no figures.
  return {evidence, figures: figures ?? [], halteplaatsen, narratives, text, themes, title}
}

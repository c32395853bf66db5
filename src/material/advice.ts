import {TheKind} from '../model/kinds.js'
import type {Store} from '../store/store.js'
import type {Study} from '../study/load.js'
import {checkCode, codeChoices} from '../study/lookup.js'
import {checkFindingIds, checkText, checkTitle, Problems} from './checks.js'
import type {Advice, AdviceFields} from '../model/material.js'
import {saveEdit, saveNew} from './save.js'
import {requireEditable} from '../records/trash.js'
import {type WriteOptions, type WriteOutcome} from './writes.js'

export interface AdviceInput {
  audience?: string
  /** Instruments and inspiring examples it cites: ids (or names) from karavaan method show. */
  examples?: string[]
  findings?: string[]
  /** A frame id, or null / '' to take the frame off. */
  frame?: null | string
  text?: string
  title?: string
}

export function checkAdvice(store: Store, study: Study, input: AdviceInput): AdviceFields {
  const problems = new Problems()
  const title = checkTitle(problems, input.title, 'een advies')
  const text = checkText(problems, input.text)
  let audience = input.audience?.trim() ?? ''
  if (!audience) problems.add('doelgroep', `ontbreekt; kies uit ${codeChoices(study, 'audience')}`)
  else {
    const found = checkCode(study, 'audience', audience)
    if (found.problem !== undefined) problems.add('doelgroep', found.problem)
    else audience = found.id
  }

  let frame = input.frame?.trim() || null
  const foundFrame = frame ? checkCode(study, 'frame', frame) : undefined
  if (foundFrame?.problem !== undefined) problems.add('kader', foundFrame.problem)
  else if (foundFrame) frame = foundFrame.id
  const examples: string[] = []
  for (const value of input.examples ?? []) {
    const found = checkCode(study, 'example', value.trim())
    if (found.problem !== undefined) problems.add('voorbeeld', found.problem)
    else if (!examples.includes(found.id)) examples.push(found.id)
  }

  const findings = checkFindingIds(store, problems, input.findings, 'bevinding')
  problems.throwIfAny(TheKind('advice'))
  return {audience, examples, findings, frame, text, title}
}

export function addAdvice(store: Store, study: Study, input: AdviceInput, options: WriteOptions = {}): WriteOutcome<Advice> {
  return saveNew(store, study, 'advice', checkAdvice(store, study, input), options)
}

export function editAdvice(store: Store, study: Study, id: string, changes: AdviceInput, options: WriteOptions = {}): WriteOutcome<Advice> {
  const advice = requireEditable(store, 'advice', id)
  const current = adviceFields(advice)
  const fields = checkAdvice(store, study, {
    audience: changes.audience ?? current.audience,
    examples: changes.examples ?? current.examples,
    findings: changes.findings ?? current.findings,
    frame: changes.frame === undefined ? current.frame : changes.frame,
    text: changes.text ?? current.text,
    title: changes.title ?? current.title,
  })
  return saveEdit(store, study, 'advice', advice, current, fields, options)
}

export function adviceFields(a: Advice): AdviceFields {
  const {audience, examples, findings, frame, text, title} = a
  return {audience, examples: examples ?? [], findings, frame, text, title}
}

import {shortId} from '../records/ids.js'
import type {Study} from '../study/load.js'
import {halteplaatsName} from '../study/lookup.js'
import type {ReviewAction, ReviewItem, Undone} from '../tagging/review.js'
import {subjectOf} from './note-view.js'
import {askSelect} from './prompts.js'
import {colorOnStdout, formatScore, marks, matchedWords, wrap} from './suggestion-view.js'
import {formatDate} from '../parse/date.js'

/** What a coder decides about one suggestion of tag review, asked in the terminal. */
export async function askReviewAction(study: Study, item: ReviewItem): Promise<ReviewAction> {
  const method = study.methodDefinition
  const narrative = method.narratives.find((n) => n.id === item.suggestion.narrative)!
  const choice = await askSelect<'add' | Exclude<ReviewAction, object>>(`Voorstel ${item.index} van ${item.total}: ${narrative.number}. ${narrative.name}?`, [
    {name: 'overnemen', value: 'accept'},
    {name: 'afwijzen', value: 'reject'},
    {name: 'overslaan', value: 'skip'},
    {name: 'een ander narratief toevoegen', value: 'add'},
    {name: 'vorige keuze ongedaan maken', value: 'undo'},
    {name: 'stoppen', value: 'stop'},
  ])
  if (choice !== 'add') return choice
  const other = await askSelect('Welk narratief voeg je toe (op de hele notitie)?', method.narratives.map((n) => ({description: `“${n.voice}”`, name: `${n.number}. ${n.name}`, value: n.id})))
  return {add: other}
}

export interface ReviewView {
  color: boolean
  /** Columns to wrap at. */
  width: number
}

/** The terminal's width, at most 100 columns (longer lines read badly), 80 when unknown. */
export function reviewView(): ReviewView {
  return {color: colorOnStdout(), width: Math.min(process.stdout.columns || 80, 100)}
}

/** A note longer than this many lines (wrapped) is shown as its sentence with some context. */
const MAX_LINES = 12
/** Code points of context on either side of the sentence, when only part of the note is shown. */
const CONTEXT = 200

/** What the walk starts with: how many suggestions there are, and how many earlier rejections keep out. */
export function renderReviewStart(total: number, hidden: number): string {
  const left = hidden === 0 ? '' : hidden === 1 ? ' Eén voorstel dat je eerder afwees, komt niet terug.' : ` ${hidden} voorstellen die je eerder afwees, komen niet terug.`
  if (total === 0) return `Geen voorstellen om te beoordelen.${left}`
  return `${total === 1 ? 'Eén voorstel' : `${total} voorstellen`} om te beoordelen.${left}`
}

/**
 * One suggestion: the note (or, for a long note, the sentence with some context) with the
 * sentence marked, then the header and the words that made the kit suggest it, right above the
 * question, so that on a long note they stay on screen next to the choice.
 */
export function renderReviewItem(study: Study, item: ReviewItem, view: ReviewView = reviewView()): string {
  const {note, suggestion} = item
  const style = marks(view.color)
  const [on, off] = view.color ? ['\u001B[33m', '\u001B[0m'] : ['»', '«']
  const chars = [...note.text]
  const before = chars.slice(0, suggestion.start).join('')
  const after = chars.slice(suggestion.end).join('')
  const sentence = `${on}${emphasised(chars, item, view.color)}${off}`
  let lines = wrap(`${before}${sentence}${after}`, view.width)
  let part = false
  if (lines.length > MAX_LINES) {
    part = true
    lines = wrap(`${contextBefore(before)}${sentence}${contextAfter(after)}`, view.width)
  }

  const out = ['']
  if (item.undone !== undefined) out.push(...wrap(renderUndone(study, item.undone), view.width), '')
  out.push('─'.repeat(Math.min(view.width, 80)), ...lines)
  if (part) out.push(...wrap(`(een deel van de notitie; de hele tekst: karavaan note show ${shortId(note.id)})`, view.width))
  out.push(
    '',
    ...wrap(`notitie ${shortId(note.id)} · ${halteplaatsName(study, note.halteplaats)} · ${subjectOf(study, note)} · ${formatDate(note.date)}`, view.width),
    ...wrap(`Waarom: ${matchedWords(suggestion, style)} (score ${formatScore(suggestion.score)})`, view.width, ''),
  )
  return out.join('\n')
}

/** "Teruggedraaid: narratief 1 (onzichtbare overheid) bij notitie 3f7a91c2 weer open; de tag is eraf." */
export function renderUndone(study: Study, undone: null | Undone): string {
  if (undone === null) return 'Er is nog geen keuze om terug te draaien.'
  const n = study.methodDefinition.narratives.find((x) => x.id === undone.narrative)
  const narrative = n ? `narratief ${n.number} (${n.short})` : `narratief ${undone.narrative}`
  const note = `notitie ${shortId(undone.note)}`
  if (undone.action === 'add') return `Teruggedraaid: ${narrative} is weer van ${note} af${undone.tagRemoved ? '.' : '; die tag stond er al en blijft staan.'}`
  const detail = {accept: undone.tagRemoved ? 'de tag is eraf' : 'de tag stond er al en blijft staan', reject: 'de afwijzing is ingetrokken', skip: 'het was overgeslagen'}[undone.action]
  return `Teruggedraaid: ${narrative} bij ${note} weer open; ${detail}.`
}

/** The sentence, with the matched words underlined on a colour terminal (the reason line names them anyway). */
function emphasised(chars: string[], item: ReviewItem, color: boolean): string {
  const {suggestion} = item
  if (!color) return chars.slice(suggestion.start, suggestion.end).join('')
  let out = ''
  let at = suggestion.start
  for (const word of suggestion.matched) {
    out += `${chars.slice(at, word.start).join('')}\u001B[1;4m${chars.slice(word.start, word.end).join('')}\u001B[22;24m`
    at = word.end
  }

  return out + chars.slice(at, suggestion.end).join('')
}

/** The end of the text before the sentence: within its paragraph, at most CONTEXT code points, from a word on. */
function contextBefore(text: string): string {
  const paragraph = text.slice(text.lastIndexOf('\n') + 1)
  const chars = [...paragraph]
  if (chars.length <= CONTEXT) return paragraph
  const tail = chars.slice(-CONTEXT).join('')
  const space = tail.search(/\s/)
  return `…${space === -1 ? tail : tail.slice(space)}`
}

/** The start of the text after the sentence: within its paragraph, at most CONTEXT code points, up to a word. */
function contextAfter(text: string): string {
  const end = text.indexOf('\n')
  const paragraph = end === -1 ? text : text.slice(0, end)
  const chars = [...paragraph]
  if (chars.length <= CONTEXT) return paragraph
  const head = chars.slice(0, CONTEXT).join('')
  const space = head.search(/\s\S*$/)
  return `${space <= 0 ? head : head.slice(0, space)} …`
}

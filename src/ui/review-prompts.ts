import {shortId} from '../records/ids.js'
import type {Study} from '../study/load.js'
import {sliceCodePoints} from '../tagging/passage.js'
import type {ReviewAction, ReviewItem} from '../tagging/review.js'
import {askSelect} from './prompts.js'
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

/** The note of a suggestion with its sentence marked, and why the kit suggested it. */
export function renderReviewItem(study: Study, item: ReviewItem): string {
  const {note, suggestion} = item
  const color = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR
  const [on, off] = color ? ['\u001B[1;33m', '\u001B[0m'] : ['»', '«']
  const text = `${sliceCodePoints(note.text, 0, suggestion.start)}${on}${sliceCodePoints(note.text, suggestion.start, suggestion.end)}${off}${sliceCodePoints(note.text, suggestion.end, Number.MAX_SAFE_INTEGER)}`
  const h = study.halteplaatsen.find((x) => x.id === note.halteplaats)?.name ?? note.halteplaats
  return [``, `── notitie ${shortId(note.id)} · ${h} · ${note.group ?? note.activity} · ${formatDate(note.date)}`, text, '', `Waarom: ${suggestion.cues.map((c) => `“${c}”`).join(', ')} (score ${suggestion.score.toFixed(2).replace('.', ',')})`].join('\n')
}

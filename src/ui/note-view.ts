import {countOf} from '../model/kinds.js'
import {shortId} from '../records/ids.js'
import type {Note, NoteVersion, SearchHit} from '../model/note.js'
import type {Study} from '../study/load.js'
import {baseVersion, type Content, DIFF_LEGEND, type FieldValue, renderChange, versionName} from './diff-view.js'
import {formatDate, formatTimestamp, renderTable} from './table.js'

const CHANGE_LABELS: Record<NoteVersion['change'], string> = {bewerkt: 'bewerkt', nieuw: 'aangemaakt', samengevoegd: 'conflict opgelost', teruggezet: 'teruggezet uit de prullenbak', verwijderd: 'naar de prullenbak'}

export function subjectOf(study: Study, note: Pick<Note, 'activity' | 'group'>): string {
  const method = study.methodDefinition
  if (note.group) return method.groups.find((g) => g.id === note.group)?.short ?? note.group
  return `observatie: ${method.activities.find((a) => a.id === note.activity)?.name.toLowerCase() ?? note.activity}`
}

function narrativeNumbers(study: Study, ids: string[]): string {
  return ids
    .map((id) => study.methodDefinition.narratives.find((n) => n.id === id)?.number ?? id)
    .sort()
    .join(',')
}

function firstWords(text: string, length = 48): string {
  const line = text.replaceAll(/\s+/g, ' ').trim()
  return line.length > length ? `${line.slice(0, length - 1)}…` : line
}

export function renderNoteList(study: Study, notes: Note[]): string {
  if (notes.length === 0) return 'Geen notities gevonden.'
  const halteplaats = (id: string) => study.halteplaatsen.find((h) => h.id === id)?.name ?? id
  const table = renderTable(
    ['id', 'datum', 'halteplaats', 'groep', 'door', 'narr.', 'begin van de tekst'],
    notes.map((n) => [shortId(n.id), formatDate(n.date), halteplaats(n.halteplaats), subjectOf(study, n), n.interviewer, narrativeNumbers(study, n.narratives), firstWords(n.text)]),
  )
  return `${table}\n\n${countOf('note', notes.length)}. Lees er een met: karavaan note show ID`
}

export function renderNote(study: Study, note: Note | NoteVersion, options: {version?: number} = {}): string {
  const method = study.methodDefinition
  const h = study.halteplaatsen.find((x) => x.id === note.halteplaats)
  const id = 'noteId' in note ? note.noteId : note.id
  const lines = [
    `Notitie ${shortId(id)}${options.version ? ` — versie ${options.version}` : ''}${'deletedAt' in note && note.deletedAt ? ' (in de prullenbak)' : ''}`,
    `  halteplaats:  ${h ? `${h.name} (${h.gemeente})` : note.halteplaats}`,
    `  ${note.group ? 'groep:        ' : 'observatie:   '}${subjectOf(study, note).replace('observatie: ', '')}`,
    `  datum:        ${formatDate(note.date)}`,
    `  interviewer:  ${note.interviewer}`,
    `  deelnemers:   ${note.participants ?? '–'}${note.roles.length > 0 ? ` (${note.roles.join(', ')})` : ''}`,
    `  thema's:      ${note.themes.map((t) => method.themes.find((x) => x.id === t)?.short ?? t).join(', ') || '–'}`,
    `  narratieven:  ${method.narratives.filter((n) => note.narratives.includes(n.id)).map((n) => `${n.number}. ${n.short}`).join(', ') || '–'}`,
  ]
  if ('version' in note && 'updatedAt' in note) lines.push(`  versie:       ${note.version} (laatst gewijzigd ${formatTimestamp(note.updatedAt)})`)
  if (note.personalData) lines.push(`  let op:       bewust opgeslagen met persoonsgegevens (${note.personalData.kinds.join(', ')}), ${formatTimestamp(note.personalData.at)}`)
  return [...lines, '', note.text].join('\n')
}

/** A note's fields as history compares them, under the names note show gives them. */
function noteFields(study: Study, note: NoteVersion, subject: string): Record<string, FieldValue> {
  const method = study.methodDefinition
  return {
    halteplaats: study.halteplaatsen.find((h) => h.id === note.halteplaats)?.name ?? note.halteplaats,
    [subject]: subject === 'groep of observatie' ? subjectOf(study, note) : subjectOf(study, note).replace('observatie: ', ''),
    datum: formatDate(note.date),
    interviewer: note.interviewer,
    deelnemers: note.participants === null ? '' : String(note.participants),
    rollen: note.roles,
    "thema's": note.themes.map((t) => method.themes.find((x) => x.id === t)?.short ?? t),
    narratieven: note.narratives.map((id) => method.narratives.find((n) => n.id === id)).map((n, i) => (n ? `${n.number}. ${n.short}` : note.narratives[i])),
    persoonsgegevens: note.personalData ? `bewust opgeslagen (${note.personalData.kinds.join(', ')})` : '',
  }
}

/**
 * Every version of a note: the first whole, each later one as what changed since the version it
 * was made from (its first parent): the words of the text and the other fields.
 */
export function renderHistory(study: Study, versions: NoteVersion[], options: {colour?: boolean} = {}): string {
  let compared = false
  const content = (n: NoteVersion, subject: string): Content => ({fields: noteFields(study, n, subject), texts: {tekst: n.text}})
  const blocks = versions.map((v) => {
    const head = `── ${versionName(v, versions)} · ${CHANGE_LABELS[v.change]} · ${formatTimestamp(v.changedAt)}${v.changedBy ? ` · door ${v.changedBy}` : ''}`
    if (v.change === 'verwijderd' || v.change === 'teruggezet') return head
    const previous = baseVersion(v, versions, (n) => content(n, 'groep'))
    if (!previous) return `${head}\n${renderNote(study, v, {version: v.version})}`
    compared = true
    // A note that turned from a conversation into an observation (or back) says so under one name.
    const subject = Boolean(previous.group) === Boolean(v.group) ? (v.group ? 'groep' : 'observatie') : 'groep of observatie'
    const against = v.parents.length > 1 ? versionName(previous, versions) : undefined
    return [head, ...renderChange(content(previous, subject), content(v, subject), {against, colour: options.colour})].join('\n')
  })
  return (compared ? [DIFF_LEGEND, ...blocks] : blocks).join('\n\n')
}

export function renderSearchHits(study: Study, hits: SearchHit[], color: boolean): string {
  if (hits.length === 0) return 'Niets gevonden.'
  const mark = color ? ['\u001B[1;33m', '\u001B[0m'] : ['»', '«']
  return hits
    .map((hit) => {
      const n = hit.note
      const h = study.halteplaatsen.find((x) => x.id === n.halteplaats)?.name ?? n.halteplaats
      const snippet = hit.snippet.replaceAll('\u0001', mark[0]).replaceAll('\u0002', mark[1]).replaceAll(/\s+/g, ' ')
      return `${shortId(n.id)}  ${formatDate(n.date)} · ${h} · ${subjectOf(study, n)} · ${n.interviewer}\n   ${snippet}`
    })
    .join('\n\n')
}

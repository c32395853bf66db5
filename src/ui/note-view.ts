import {countOf} from '../model/kinds.js'
import {shortId} from '../records/ids.js'
import type {Note, NoteVersion, SearchHit} from '../model/note.js'
import type {Study} from '../study/load.js'
import {formatDate, renderTable} from './table.js'

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
  if ('version' in note && 'updatedAt' in note) lines.push(`  versie:       ${note.version} (laatst gewijzigd ${note.updatedAt.slice(0, 16).replace('T', ' ')})`)
  if (note.personalData) lines.push(`  let op:       bewust opgeslagen met persoonsgegevens (${note.personalData.kinds.join(', ')}), ${note.personalData.at.slice(0, 10)}`)
  return [...lines, '', note.text].join('\n')
}

export function renderHistory(study: Study, versions: NoteVersion[]): string {
  return versions
    .map((v) => {
      const head = `── versie ${v.version} · ${CHANGE_LABELS[v.change]} · ${v.changedAt.slice(0, 19).replace('T', ' ')} UTC${v.changedBy ? ` · door ${v.changedBy}` : ''}`
      return v.change === 'verwijderd' || v.change === 'teruggezet' ? head : `${head}\n${renderNote(study, v, {version: v.version})}`
    })
    .join('\n\n')
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

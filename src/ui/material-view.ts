import type {EvidenceInput} from '../material/evidence.js'
import type {FindingInput} from '../material/findings.js'
import type {SimilarFinding} from '../material/similar.js'
import {countOf} from '../model/kinds.js'
import type {Advice, FindingWithEvidence, MaterialVersion, Reflection, ResolvedFigure} from '../model/material.js'
import type {RecordMeta} from '../model/record.js'
import {FIGURE_VERDICT_LABELS, VERDICT_LABELS, VERDICTS} from '../model/material.js'
import {shortId} from '../records/ids.js'
import type {Study} from '../study/load.js'
import type {HistoryContent} from '../material/kinds.js'
import {baseVersion, DIFF_LEGEND, renderChange, versionName} from './diff-view.js'
import {formatDate, formatNumber, formatTimestamp, renderTable} from './table.js'

/** The mark a finding without evidence carries everywhere it is shown. */
export const DRAFT_MARK = 'concept: geen onderbouwing'

export const CHANGE_LABELS: Record<MaterialVersion<unknown>['change'], string> = {bewerkt: 'bewerkt', nieuw: 'aangemaakt', samengevoegd: 'conflict opgelost', teruggezet: 'teruggezet uit de prullenbak', verwijderd: 'naar de prullenbak'}

function short(text: string, length = 56): string {
  const line = text.replaceAll(/\s+/g, ' ').trim()
  return line.length > length ? `${line.slice(0, length - 1)}…` : line
}

const halteplaatsName = (study: Study, id: string) => study.halteplaatsen.find((h) => h.id === id)?.name ?? id
const names = <T extends {id: string; name: string}>(all: T[], ids: string[]) => ids.map((id) => all.find((x) => x.id === id)?.name ?? id).join(', ')

export function renderFindingList(study: Study, findings: FindingWithEvidence[]): string {
  if (findings.length === 0) return 'Geen bevindingen gevonden.'
  const narrative = (id: string) => String(study.methodDefinition.narratives.find((n) => n.id === id)?.number ?? id)
  const table = renderTable(
    ['id', 'titel', 'halteplaatsen', 'narr.', 'onderbouwing'],
    findings.map((f) => [
      shortId(f.id),
      short(f.title),
      f.halteplaatsen.length === 0 || f.halteplaatsen.length === study.halteplaatsen.length ? 'alle' : f.halteplaatsen.map((h) => halteplaatsName(study, h)).join(', '),
      f.narratives.map(narrative).sort().join(','),
      f.draft ? DRAFT_MARK : `${f.evidence.length} ${f.evidence.length === 1 ? 'bron' : 'bronnen'}`,
    ]),
  )
  const drafts = findings.filter((f) => f.draft).length
  return [
    table,
    '',
    `${countOf('finding', findings.length)}${drafts > 0 ? `, waarvan ${drafts} concept (nog zonder onderbouwing)` : ''}. Lees er een met: karavaan finding show ID`,
  ].join('\n')
}

export function renderFinding(study: Study, finding: FindingWithEvidence, options: {version?: number} = {}): string {
  const method = study.methodDefinition
  const lines = [
    `Bevinding ${shortId(finding.id)}${options.version ? ` — versie ${options.version}` : ''}${finding.draft ? ` (${DRAFT_MARK})` : ''}${finding.deletedAt ? ' (in de prullenbak)' : ''}`,
    '',
    finding.title,
    '',
  ]
  if (finding.text) lines.push(finding.text, '')
  lines.push(
    `Halteplaatsen: ${finding.halteplaatsen.length === 0 ? 'alle' : finding.halteplaatsen.map((h) => halteplaatsName(study, h)).join(', ')}`,
    `Thema's:       ${names(method.themes, finding.themes) || '–'}`,
    `Narratieven:   ${names(method.narratives, finding.narratives) || '–'}`,
    '',
  )
  if (finding.evidence.length === 0) {
    lines.push(`Onderbouwing: nog geen. Voeg die toe met: karavaan finding edit ${shortId(finding.id)} --note ID of --tag ID`)
  } else {
    lines.push(`Onderbouwing (${finding.evidence.length}):`)
    for (const e of finding.evidence) {
      const what = e.kind === 'tag' ? `tag ${shortId(e.tagId!)}${e.code ? ` (${e.code})` : ''}` : e.kind === 'passage' ? 'passage' : 'hele notitie'
      lines.push(`  - notitie ${shortId(e.noteId)}, ${e.attribution}, ${formatDate(e.date)} — ${what}`)
      if (e.quote) lines.push(`    “${short(e.quote, 200)}”`)
    }
  }

  lines.push('')
  if (finding.figures.length === 0) {
    lines.push(`Cijfers: nog geen. Toets de bevinding aan een contextcijfer met: karavaan finding edit ${shortId(finding.id)} --context ID:bevestigt`)
  } else {
    lines.push(`Cijfers (${finding.figures.length}):`)
    for (const f of finding.figures) lines.push(`  - ${figureLine(study, f)}`)
  }

  lines.push('', `Versie ${finding.version}, laatst gewijzigd ${formatTimestamp(finding.updatedAt)}${finding.updatedBy ? ` door ${finding.updatedBy}` : ''}.`)
  if (finding.personalData) lines.push(`Let op: opgeslagen mét persoonsgegevens (${finding.personalData.kinds.join(', ')}).`)
  return lines.join('\n')
}

/** "Aandeel 65-plussers in Wendelo (2024): 21,4 % — bron: CBS — bevestigt". */
export function figureLine(study: Study, f: ResolvedFigure): string {
  return `${f.indicator} in ${halteplaatsName(study, f.halteplaats)} (${f.year}): ${`${formatNumber(f.value)} ${f.unit}`.trimEnd()} — bron: ${f.source} — ${FIGURE_VERDICT_LABELS[f.verdict]}`
}

/**
 * What finding add is about to store, to check before it is saved: the title, the start of the
 * text, the codes and every piece of evidence as the list showed it.
 */
export function findingSummary(study: Study, input: FindingInput, choices: Array<{name: string; value: EvidenceInput}>): string {
  const method = study.methodDefinition
  const evidence = input.evidence ?? []
  const label = (e: EvidenceInput) =>
    choices.find((c) => c.value === e || (e.note !== undefined && c.value.note === e.note) || (e.tag !== undefined && c.value.tag === e.tag))?.name ?? (e.tag ? `passage  tag ${e.tag}` : `notitie  ${e.note}${e.quote ? `: “${short(e.quote, 60)}”` : ''}`)
  const text = input.text?.trim() ?? ''
  const lines = [
    'Dit wordt opgeslagen:',
    `  Bevinding:     ${input.title ?? ''}`,
    `  Tekst:         ${text ? short(text, 70) : '(geen)'}`,
    `  Halteplaatsen: ${input.halteplaatsen?.length ? input.halteplaatsen.map((h) => halteplaatsName(study, h)).join(', ') : 'de hele studie'}`,
    `  Thema's:       ${names(method.themes, input.themes ?? []) || '–'}`,
    `  Narratieven:   ${names(method.narratives, input.narratives ?? []) || '–'}`,
  ]
  if (evidence.length === 0) lines.push(`  Onderbouwing:  nog geen (${DRAFT_MARK}; later toe te voegen met karavaan finding edit)`)
  else lines.push(`  Onderbouwing (${evidence.length}):`, ...evidence.map((e) => `    - ${short(label(e), 110)}`))
  return lines.join('\n')
}

/** The warning before a finding that nearly repeats one the study has. */
export function similarWarning(similar: SimilarFinding[]): string {
  const lines = similar.map((f) => `  ${shortId(f.id)}  ${f.title} (${f.in === 'titel' ? 'bijna dezelfde titel' : 'bijna dezelfde tekst'})`)
  const one = similar.length === 1
  return [
    `Let op: er ${one ? 'is al een bevinding' : 'zijn al bevindingen'} die hier sterk op ${one ? 'lijkt' : 'lijken'}:`,
    ...lines,
    `Gaat het om hetzelfde, vul dan ${one ? 'die' : 'een daarvan'} aan met: karavaan finding edit ${shortId(similar[0].id)} --note ID (of --tag, --text)`,
  ].join('\n')
}

export function participantsText(study: Study, reflection: Reflection): string {
  const roles = study.methodDefinition.reflectionRoles
  return reflection.participants.map((p) => `${roles.find((r) => r.id === p.role)?.name.toLowerCase() ?? p.role}${p.count === null ? '' : ` (${p.count})`}`).join(', ') || '–'
}

export function renderReflectionList(study: Study, reflections: Reflection[]): string {
  if (reflections.length === 0) return 'Geen reflectiegesprekken gevonden.'
  const table = renderTable(
    ['id', 'datum', 'halteplaats', 'deelnemers', 'bevindingen'],
    reflections.map((r) => [
      shortId(r.id),
      formatDate(r.date),
      halteplaatsName(study, r.halteplaats),
      short(participantsText(study, r), 48),
      VERDICTS.map((v) => `${r[v].findings.length} ${VERDICT_LABELS[v]}`).join(', '),
    ]),
  )
  const missing = study.halteplaatsen.filter((h) => !reflections.some((r) => r.halteplaats === h.id)).map((h) => h.name)
  return [table, '', `${countOf('reflection', reflections.length)}.${missing.length > 0 && !reflections[0].deletedAt ? ` Nog zonder reflectiegesprek: ${missing.join(', ')}.` : ''} Lees er een met: karavaan reflect show ID`].join('\n')
}

export function renderReflection(study: Study, reflection: Reflection, findingTitle: (id: string) => string, options: {version?: number} = {}): string {
  const lines = [
    `Reflectiegesprek ${shortId(reflection.id)}${options.version ? ` — versie ${options.version}` : ''}${reflection.deletedAt ? ' (in de prullenbak)' : ''}`,
    '',
    `Halteplaats: ${halteplaatsName(study, reflection.halteplaats)}`,
    `Datum:       ${formatDate(reflection.date)}`,
    `Deelnemers:  ${participantsText(study, reflection)}`,
  ]
  for (const verdict of VERDICTS) {
    const outcome = reflection[verdict]
    if (!outcome.text && outcome.findings.length === 0) continue
    const label = VERDICT_LABELS[verdict]
    lines.push('', `${label[0].toUpperCase()}${label.slice(1)}:`)
    if (outcome.text) lines.push(outcome.text)
    for (const id of outcome.findings) lines.push(`  - bevinding ${shortId(id)}: ${findingTitle(id)}`)
  }

  lines.push('', `Versie ${reflection.version}, laatst gewijzigd ${formatTimestamp(reflection.updatedAt)}${reflection.updatedBy ? ` door ${reflection.updatedBy}` : ''}.`)
  return lines.join('\n')
}

export function renderAdviceList(study: Study, advice: Advice[]): string {
  if (advice.length === 0) return 'Geen adviezen gevonden.'
  const method = study.methodDefinition
  const table = renderTable(
    ['id', 'doelgroep', 'titel', 'bevindingen', 'kader'],
    advice.map((a) => [shortId(a.id), method.audiences.find((x) => x.id === a.audience)?.name ?? a.audience, short(a.title, 60), String(a.findings.length), a.frame ?? '–']),
  )
  return [table, '', `${countOf('advice', advice.length)}. Lees er een met: karavaan advice show ID`].join('\n')
}

export function renderAdvice(study: Study, advice: Advice, findingTitle: (id: string) => string, options: {version?: number} = {}): string {
  const method = study.methodDefinition
  const frame = advice.frame ? method.frames.find((f) => f.id === advice.frame) : undefined
  const lines = [`Advies ${shortId(advice.id)}${options.version ? ` — versie ${options.version}` : ''}${advice.deletedAt ? ' (in de prullenbak)' : ''}`, '', advice.title, '']
  if (advice.text) lines.push(advice.text, '')
  lines.push(`Doelgroep: ${method.audiences.find((a) => a.id === advice.audience)?.name ?? advice.audience}`, `Kader:     ${frame ? `${frame.name} [${frame.id}]` : '–'}`)
  if (advice.findings.length > 0) {
    lines.push('', 'Antwoord op de bevindingen:', ...advice.findings.map((id) => `  - bevinding ${shortId(id)}: ${findingTitle(id)}`))
  }

  if ((advice.examples ?? []).length > 0) {
    const known = method.examples ?? []
    lines.push(
      '',
      'Instrumenten en voorbeelden:',
      ...advice.examples.map((id) => {
        const e = known.find((x) => x.id === id)
        // An id that left the method file or study.yaml stays on the advice, visibly.
        return e ? `  - ${e.name} (${e.where}) [${id}]` : `  - [${id}] (staat niet meer in de methode of study.yaml)`
      }),
    )
  }

  lines.push('', `Versie ${advice.version}, laatst gewijzigd ${formatTimestamp(advice.updatedAt)}${advice.updatedBy ? ` door ${advice.updatedBy}` : ''}.`)
  return lines.join('\n')
}

/**
 * Every version: when, by whom, what happened and the title or summary of that state; the first
 * with its texts whole, each later one with what changed since the version it was made from.
 */
export function renderMaterialHistory<T extends RecordMeta>(
  versions: Array<MaterialVersion<T>>,
  summary: (data: T) => string,
  content: (data: T) => HistoryContent,
  options: {colour?: boolean} = {},
): string {
  let compared = false
  const blocks = versions.map((v) => {
    const head = `${capitalised(versionName(v, versions))} — ${CHANGE_LABELS[v.change]} op ${formatTimestamp(v.changedAt)}${v.changedBy ? ` door ${v.changedBy}` : ''}\n  ${summary(v.data)}`
    if (v.change === 'verwijderd' || v.change === 'teruggezet') return head
    const previous = baseVersion(v, versions, (x) => content(x.data))
    if (!previous) {
      const texts = Object.entries(content(v.data).texts).filter(([name, text]) => text && name !== 'titel')
      const whole = texts.flatMap(([name, text]) => [...(texts.length > 1 ? [`  ${capitalised(name)}:`] : []), ...text.split('\n').map((line) => `  ${line}`.trimEnd())])
      return [head, ...(whole.length > 0 ? ['', ...whole] : [])].join('\n')
    }

    compared = true
    const against = v.parents.length > 1 ? versionName(previous, versions) : undefined
    const change = renderChange(content(previous.data), content(v.data), {against, colour: options.colour})
    return [head, ...change.map((line) => `  ${line}`)].join('\n')
  })
  return (compared ? [DIFF_LEGEND, ...blocks] : blocks).join('\n\n')
}

const capitalised = (text: string) => `${text[0].toUpperCase()}${text.slice(1)}`

import {basename} from 'node:path'

import type {FieldworkStatus, StudyStatus} from '../fieldwork/status.js'
import type {OutputOverride} from '../model/output-override.js'
import {describeAge, DRAFTS_DIR} from '../notes/draft-files.js'
import {shortId} from '../records/ids.js'
import type {Study} from '../study/load.js'
import {formatDate, formatDayMonth, renderTable} from './table.js'

/** The fieldwork status as a person reads it: a groups × halteplaatsen grid, then what is missing. */
export function renderStatus(status: StudyStatus, study: Study): string {
  const method = study.methodDefinition
  const cell = (halteplaats: string, group: string) => {
    const c = status.cells.find((x) => x.halteplaats === halteplaats && x.group === group)!
    if (c.state === 'gehouden') return `✓ ${c.notes}`
    if (c.state === 'gepland') return c.date ? `gepland ${formatDayMonth(c.date)}` : 'gepland'
    if (c.state === 'vervallen') return 'vervallen'
    return '–'
  }

  const grid = renderTable(
    ['groep', ...study.halteplaatsen.map((h) => h.name)],
    method.groups.map((g) => [`${g.number}. ${g.short}`, ...study.halteplaatsen.map((h) => cell(h.id, g.id))]),
  )
  const observationRows = method.activities.map((a) => [
    a.name,
    ...study.halteplaatsen.map((h) => {
      const o = status.observations.find((x) => x.halteplaats === h.id && x.activity === a.id)
      if (!o) return '–'
      const pending = o.planned.filter((p) => p.state === 'gepland').length
      return [o.held > 0 ? `✓ ${o.held}` : '', pending > 0 ? `${pending} gepland` : ''].filter(Boolean).join(', ') || 'vervallen'
    }),
  ])
  const t = status.totals
  const lines = [
    `${study.title} (${formatDate(study.period.start)} t/m ${formatDate(study.period.end)})`,
    '',
    `Gesprekken: ${t.conversationsHeld} van ${t.conversations} gehouden, ${t.conversationsPlanned} gepland · notities: ${t.notes} · observaties gehouden: ${t.observationsHeld}`,
    '',
    grid,
    '',
    renderTable(['observatie', ...study.halteplaatsen.map((h) => h.name)], observationRows),
    '',
    `Contextcijfers: ${status.halteplaatsen.map((h) => `${h.name} ${h.contextFigures}`).join(' · ')}`,
    '',
  ]
  lines.push(...renderMaterial(status, study), '')
  if (status.drafts.count > 0) lines.push(renderDrafts(status), '')
  if (status.overrides) lines.push(renderOverrides(status.overrides), '')
  if (status.complete) {
    lines.push('Het veldwerk is compleet: alle 32 gesprekken zijn gehouden en vastgelegd, met observaties en contextcijfers in elke halteplaats.')
  } else {
    lines.push(`Nog te doen voor een complete Karavaan (${status.missing.length}):`, ...summariseMissing(status, study).map((line) => `  - ${line}`))
  }

  return lines.join('\n')
}

/** The outputs written with personal data by choice: how many, and the last one. */
function renderOverrides(overrides: OutputOverride[]): string {
  const last = overrides.at(-1)!
  const times = overrides.length === 1 ? 'één keer' : `${overrides.length} keer`
  return `Met persoonsgegevens geschreven (bewuste keuze, --allow-personal-data): ${times}, het laatst op ${last.at.slice(0, 10)}: ${basename(last.file)}. Elke keer staat in: karavaan doctor`
}

/** The drafts in concepten/, never their text: they were not stored, and the guard has not passed them. */
function renderDrafts(status: StudyStatus): string {
  const {count, oldest, withPersonalData} = status.drafts
  const age = oldest ? `${count === 1 ? '' : 'de oudste '}${describeAge(oldest.ageSeconds)} oud` : ''
  const personal =
    withPersonalData === 0
      ? 'de privacycontrole vindt er geen persoonsgegevens in'
      : count === 1
        ? 'de privacycontrole vindt er mogelijk persoonsgegevens in'
        : `in ${withPersonalData} ervan vindt de privacycontrole mogelijk persoonsgegevens`
  return `Niet opgeslagen ${count === 1 ? 'tekst' : 'teksten'} in ${DRAFTS_DIR}/: ${count} (${age}); ${personal}. Lees ${count === 1 ? 'hem' : 'ze'} in of ruim ${count === 1 ? 'hem' : 'ze'} op, zie: karavaan doctor`
}

/** The report's material: findings (drafts flagged), reflection meetings per halteplaats, advice per audience. */
function renderMaterial(status: FieldworkStatus, study: Study): string[] {
  const m = status.material
  const drafts = m.draftFindings.length
  const lines = [
    `Bevindingen: ${m.findings}${drafts > 0 ? `, waarvan ${drafts} concept (geen onderbouwing)` : ''} · reflectiegesprekken: ${m.reflections.map((r) => `${study.halteplaatsen.find((h) => h.id === r.halteplaats)?.name ?? r.halteplaats} ${r.count}`).join(' · ')}`,
    `Adviezen: ${m.advice.map((a) => `${study.methodDefinition.audiences.find((x) => x.id === a.audience)?.name.toLowerCase() ?? a.audience} ${a.count}`).join(' · ')}`,
  ]
  if (m.findingsWithoutFigures > 0) {
    lines.push(`Bevindingen zonder cijfers: ${m.findingsWithoutFigures} van ${m.findings}; zie: karavaan analyse context`)
  }

  for (const f of m.draftFindings.slice(0, 5)) lines.push(`  - concept: geen onderbouwing — bevinding ${shortId(f.id)} ${f.title}`)
  if (drafts > 5) lines.push(`  - en nog ${drafts - 5}; zie: karavaan finding list --draft`)
  return lines
}

/** One line per halteplaats and kind of gap, so 32 missing notes read as four lines, not 32. */
function summariseMissing(status: FieldworkStatus, study: Study): string[] {
  const method = study.methodDefinition
  const lines: string[] = []
  for (const h of study.halteplaatsen) {
    const mine = status.missing.filter((m) => m.halteplaats === h.id)
    for (const m of mine.filter((x) => x.kind === 'context' || x.kind === 'observatie')) lines.push(m.message)
    const groups = (kind: string) => mine.filter((m) => m.kind === kind).map((m) => method.groups.find((g) => g.id === m.group)?.short ?? m.group)
    const pending = mine.filter((m) => m.kind === 'gesprek')
    if (pending.length > 0 && pending.length <= 2) lines.push(...pending.map((m) => m.message))
    else if (pending.length > 2) lines.push(`${h.name}: ${pending.length} gesprekken nog niet gehouden (${groups('gesprek').join(', ')})`)
    const unwritten = groups('notitie')
    if (unwritten.length > 0) lines.push(`${h.name}: ${unwritten.length === 1 ? 'gesprek' : `${unwritten.length} gesprekken`} gehouden, nog zonder notitie (${unwritten.join(', ')})`)
  }

  return lines
}

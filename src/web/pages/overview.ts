import {html} from 'hono/html'

import {fieldworkStatus} from '../../fieldwork/status.js'
import type {Note} from '../../model/note.js'
import {plural} from '../../model/plural.js'
import {formatDate} from '../../parse/date.js'
import {shortId} from '../../records/ids.js'
import type {Store} from '../../store/store.js'
import {subjectOf} from '../../ui/note-view.js'
import {type Html, page, type PageContext} from '../layout.js'

/** How many untagged notes the overview links to; the rest are in the review queue. */
export const UNTAGGED_SHOWN = 5
export const LATEST_SHOWN = 10

function cellText(state: string, notes: number, date: null | string): string {
  if (state === 'gehouden') return notes === 1 ? 'gehouden, 1 notitie' : `gehouden, ${notes} notities`
  if (state === 'gepland') return date ? `gepland ${formatDate(date)}` : 'gepland'
  return state
}

function noteLine(context: PageContext, note: Note): Html {
  const place = context.study.halteplaatsen.find((h) => h.id === note.halteplaats)?.name ?? note.halteplaats
  return html`<li class="utrecht-unordered-list__item"><a class="utrecht-link" href="/notities/${note.id}">Notitie ${shortId(note.id)}</a>: ${place}, ${subjectOf(context.study, note)}, ${formatDate(note.date)} (${note.interviewer})</li>`
}

/** Overzicht: the 4 × 8 grid of conversations, the observations, what is still missing, untagged and latest notes. */
export function overviewPage(store: Store, context: PageContext): Html {
  const {study} = context
  const method = study.methodDefinition
  const status = fieldworkStatus(store, study)
  const cell = (halteplaats: string, group: string) => status.cells.find((c) => c.halteplaats === halteplaats && c.group === group)!
  const untagged = store.notes.untagged(UNTAGGED_SHOWN)
  const latest = store.notes.latest(LATEST_SHOWN)
  const held = `${status.totals.conversationsHeld} van de ${plural(status.totals.conversations, 'gesprek', 'gesprekken')} gehouden, ${plural(status.totals.notes, 'notitie', 'notities')}`

  return page(context, 'Overzicht', html`
<p class="utrecht-paragraph utrecht-paragraph--lead">${held}.</p>
<section aria-labelledby="gesprekken">
<h2 class="utrecht-heading-2" id="gesprekken">Gesprekken per halteplaats en groep</h2>
<div class="werkplek-tabel">
<table class="utrecht-table">
<caption class="utrecht-table__caption">Per groep en halteplaats: gehouden met het aantal notities, gepland met de datum, of nog niet gepland.</caption>
<thead class="utrecht-table__header"><tr class="utrecht-table__row"><th class="utrecht-table__header-cell" scope="col">Groep</th>${study.halteplaatsen.map((h) => html`<th class="utrecht-table__header-cell" scope="col">${h.name}</th>`)}</tr></thead>
<tbody class="utrecht-table__body">${method.groups.map((g) => html`<tr class="utrecht-table__row"><th class="utrecht-table__header-cell" scope="row">${g.short}</th>${study.halteplaatsen.map((h) => {
    const c = cell(h.id, g.id)
    const text = cellText(c.state, c.notes, c.date)
    return c.notes > 0
      ? html`<td class="utrecht-table__cell werkplek-status--${c.state.replaceAll(' ', '-')}"><a class="utrecht-link" href="/notities?halteplaats=${h.id}&amp;groep=${g.id}">${text}</a></td>`
      : html`<td class="utrecht-table__cell werkplek-status--${c.state.replaceAll(' ', '-')}">${text}</td>`
  })}</tr>`)}</tbody>
</table>
</div>
</section>
<section aria-labelledby="observaties">
<h2 class="utrecht-heading-2" id="observaties">Observaties</h2>
${status.observations.length === 0
    ? html`<p class="utrecht-paragraph">Nog geen observaties gepland of gehouden.</p>`
    : html`<ul class="utrecht-unordered-list">${status.observations.map((o) => {
      const activity = method.activities.find((a) => a.id === o.activity)?.name ?? o.activity
      const place = study.halteplaatsen.find((h) => h.id === o.halteplaats)?.name ?? o.halteplaats
      return html`<li class="utrecht-unordered-list__item">${place}: ${activity.toLowerCase()}, ${o.held} gehouden, ${o.notes} ${o.notes === 1 ? 'notitie' : 'notities'}</li>`
    })}</ul>`}
</section>
<section aria-labelledby="ontbreekt">
<h2 class="utrecht-heading-2" id="ontbreekt">Wat nog ontbreekt</h2>
${status.missing.length === 0
    ? html`<p class="utrecht-paragraph">Niets: de Karavaan is compleet.</p>`
    : html`<ul class="utrecht-unordered-list">${status.missing.map((m) => html`<li class="utrecht-unordered-list__item">${m.message}</li>`)}</ul>`}
</section>
<section aria-labelledby="ongetagd">
<h2 class="utrecht-heading-2" id="ongetagd">Notities zonder tags</h2>
${untagged.count === 0
    ? html`<p class="utrecht-paragraph">Elke notitie heeft minstens één tag.</p>`
    : html`<p class="utrecht-paragraph">${untagged.count === 1 ? '1 notitie heeft' : `${untagged.count} notities hebben`} nog geen enkele tag${untagged.count > untagged.notes.length ? html`; de eerste ${untagged.notes.length}` : ''}. <a class="utrecht-link" href="/taggen">Naar Taggen</a></p>
<ul class="utrecht-unordered-list">${untagged.notes.map((n) => noteLine(context, n))}</ul>`}
</section>
<section aria-labelledby="laatste">
<h2 class="utrecht-heading-2" id="laatste">Laatst vastgelegd</h2>
${latest.length === 0
    ? html`<p class="utrecht-paragraph">Nog geen notities. <a class="utrecht-link" href="/notities/nieuw">Leg de eerste vast</a></p>`
    : html`<ul class="utrecht-unordered-list">${latest.map((n) => noteLine(context, n))}</ul>`}
</section>`)
}

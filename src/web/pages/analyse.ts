import {html, raw} from 'hono/html'

import type {Comparison} from '../../analysis/compare.js'
import type {Matrix, MatrixColumns, MatrixRow, MatrixRows} from '../../analysis/matrix.js'
import {type Html, page, type PageContext} from '../layout.js'

/** The matrix's choices in the address, in the words of the page. */
export interface MatrixQuery {
  kolommen?: string
  rijen?: string
}

const ROWS: ReadonlyArray<{by: MatrixRows; label: string; word: string}> = [
  {by: 'halteplaats', label: 'Halteplaats', word: 'halteplaats'},
  {by: 'group', label: 'Groep', word: 'groep'},
  {by: 'interviewer', label: 'Interviewer', word: 'interviewer'},
]
const COLUMNS: ReadonlyArray<{by: MatrixColumns; label: string; word: string}> = [
  {by: 'narrative', label: 'Narratieven', word: 'narratieven'},
  {by: 'theme', label: 'Thema\'s', word: 'themas'},
]

/** The parameter of the passages page that picks a row of each kind. */
export const ROW_PARAMETER: Record<MatrixRows, string> = {group: 'groep', halteplaats: 'halteplaats', interviewer: 'interviewer'}
const COLUMN_PARAMETER: Record<MatrixColumns, string> = {narrative: 'narratief', theme: 'thema'}

export function parseMatrixQuery(query: MatrixQuery): {cols: MatrixColumns; query: MatrixQuery; rows: MatrixRows} | {problem: string; query: MatrixQuery} {
  const rows = ROWS.find((r) => r.word === (query.rijen || 'halteplaats'))
  const cols = COLUMNS.find((c) => c.word === (query.kolommen || 'narratieven'))
  if (!rows) return {problem: `"${query.rijen}" kan niet in de rijen staan. Kies halteplaats, groep of interviewer, en klik op Toon.`, query: {...query, rijen: 'halteplaats'}}
  if (!cols) return {problem: `"${query.kolommen}" kan niet in de kolommen staan. Kies narratieven of themas, en klik op Toon.`, query: {...query, kolommen: 'narratieven'}}
  return {cols: cols.by, query: {kolommen: cols.word, rijen: rows.word}, rows: rows.by}
}

/** The passages behind one cell: the column's code, and the row unless it is the total. */
export function passagesHref(kind: MatrixColumns, code: string, rowsBy?: MatrixRows, row?: string): string {
  const params = new URLSearchParams({[COLUMN_PARAMETER[kind]]: code})
  if (rowsBy && row) params.set(ROW_PARAMETER[rowsBy], row)
  return `/analyse/passages?${params.toString()}`
}

/** The parts of the Analyse menu entry, with the one shown marked. */
export function analyseNav(current: 'matrix' | 'passages' | 'verschillen'): Html {
  const item = (href: string, label: string, id: typeof current) =>
    html`<li><a class="utrecht-link" href="${href}"${current === id ? raw(' aria-current="page"') : ''}>${label}</a></li>`
  return html`<nav aria-label="Analyse"><ul class="werkplek-menu werkplek-submenu">${item('/analyse', 'Matrix', 'matrix')}${item('/analyse/verschillen', 'Verschillen', 'verschillen')}</ul></nav>`
}

/** Five shades from light to dark by share; the number is always in the cell as well. */
export function shadeOf(share: number): number {
  return share < 0.2 ? 1 : share < 0.4 ? 2 : share < 0.6 ? 3 : share < 0.8 ? 4 : 5
}

const percent = (share: number) => `${Math.round(share * 100)}%`

function choice(name: string, label: string, current: string | undefined, options: ReadonlyArray<{label: string; word: string}>): Html {
  return html`<div class="utrecht-form-field utrecht-form-field--select">
<label class="utrecht-form-label" for="matrix-${name}">${label}</label>
<select class="utrecht-select utrecht-select--html-select" id="matrix-${name}" name="${name}">
${options.map((o) => html`<option value="${o.word}"${o.word === current ? raw(' selected') : ''}>${o.label}</option>`)}
</select></div>`
}

function cell(matrix: Matrix, row: MatrixRow, column: {id: string; label: string}, isTotal: boolean): Html {
  const {count, share} = row.cells[column.id]
  if (count === 0) return html`<td class="utrecht-table__cell utrecht-table__cell--numeric-data werkplek-cel"><span aria-hidden="true">–</span><span class="werkplek-verborgen">geen notities</span></td>`
  const href = passagesHref(matrix.cols, column.id, isTotal ? undefined : matrix.rowsBy, row.id)
  const where = isTotal ? 'de hele studie' : row.label
  return html`<td class="utrecht-table__cell utrecht-table__cell--numeric-data werkplek-cel werkplek-aandeel-${shadeOf(share)}"><a class="utrecht-link" href="${href}">${count} (${percent(share)})<span class="werkplek-verborgen">, passages van ${where} bij ${column.label}</span></a></td>`
}

function notesHref(matrix: Matrix, row: MatrixRow): string {
  return `/notities?${new URLSearchParams({[ROW_PARAMETER[matrix.rowsBy]]: row.id}).toString()}`
}

function matrixTable(matrix: Matrix): Html {
  const rowsLabel = ROWS.find((r) => r.by === matrix.rowsBy)!.label
  const colsLabel = COLUMNS.find((c) => c.by === matrix.cols)!.label
  const line = (row: MatrixRow, isTotal: boolean) => html`<tr class="utrecht-table__row${isTotal ? ' werkplek-totaalrij' : ''}">
<th class="utrecht-table__header-cell" scope="row">${isTotal ? 'Totaal' : row.label}</th>
<td class="utrecht-table__cell utrecht-table__cell--numeric-data">${isTotal || row.notes === 0 ? String(row.notes) : html`<a class="utrecht-link" href="${notesHref(matrix, row)}">${row.notes}<span class="werkplek-verborgen"> notities van ${row.label}</span></a>`}</td>
${matrix.columns.map((column) => cell(matrix, row, column, isTotal))}
</tr>`
  return html`<div class="werkplek-tabel"><table class="utrecht-table werkplek-matrix">
<caption class="utrecht-table__caption">${colsLabel} per ${rowsLabel.toLowerCase()}: per cel het aantal notities en, tussen haakjes, het aandeel van de notities in die rij. Een getal opent de passages.</caption>
<thead class="utrecht-table__header"><tr class="utrecht-table__row">
<th class="utrecht-table__header-cell" scope="col">${rowsLabel}</th>
<th class="utrecht-table__header-cell utrecht-table__header-cell--numeric-column" scope="col">Notities</th>
${matrix.columns.map((c) => html`<th class="utrecht-table__header-cell utrecht-table__header-cell--numeric-column" scope="col">${c.label}</th>`)}
</tr></thead>
<tbody class="utrecht-table__body">${matrix.rows.map((row) => line(row, false))}</tbody>
<tfoot class="utrecht-table__footer">${line(matrix.total, true)}</tfoot>
</table></div>`
}

function legend(): Html {
  const ranges = ['minder dan 20%', '20 tot 40%', '40 tot 60%', '60 tot 80%', '80% of meer']
  return html`<div class="werkplek-legenda"><p class="utrecht-paragraph" id="legenda">Hoe donkerder de cel, hoe groter het aandeel:</p>
<ul class="werkplek-legenda-lijst" aria-labelledby="legenda">${ranges.map((range, i) => html`<li><span class="werkplek-staal werkplek-aandeel-${i + 1}"></span> ${range}</li>`)}</ul></div>`
}

/**
 * Analyse: the matrix of `analyse matrix` with the same choices of rows and columns, from a plain
 * form whose choices stay in the address. Cells are shaded by share, with the count and share in
 * words, and every count that is not zero opens its passages.
 */
export function matrixPage(context: PageContext, view: {matrix?: Matrix; problem?: string; query: MatrixQuery}): Html {
  const {matrix, problem, query} = view
  return page(context, 'Analyse', html`
${analyseNav('matrix')}
<form class="utrecht-form werkplek-filters" method="get" action="/analyse" aria-label="Kies de matrix">
${choice('rijen', 'Rijen', query.rijen, ROWS)}
${choice('kolommen', 'Kolommen', query.kolommen, COLUMNS)}
<div class="werkplek-knoppen"><button class="utrecht-button utrecht-button--primary-action" type="submit">Toon</button></div>
</form>
${problem ? html`<div class="utrecht-alert utrecht-alert--error" role="alert"><p class="utrecht-paragraph">${problem}</p></div>` : ''}
${matrix ? html`<p class="utrecht-paragraph">Een notitie telt één keer per narratief of thema, wie het ook tagde: de interviewer in de notitie zelf of een codeur. Dezelfde tabel geeft <code>karavaan analyse matrix --rows ${matrix.rowsBy} --cols ${matrix.cols}</code>.${matrix.rowsBy === 'group' ? ' Observaties hebben geen groep en tellen hier niet mee.' : ''}</p>
${matrix.total.notes === 0 ? html`<p class="utrecht-paragraph">Er zijn nog geen notities om te tellen.</p>` : html`${matrixTable(matrix)}${legend()}`}` : ''}`)
}

/**
 * Verschillen: the differences of `analyse compare`, each one opening the passages it rests on,
 * and per halteplaats how many of the eight groups voiced each narrative.
 */
export function differencesPage(context: PageContext, result: Comparison): Html {
  const {study} = context
  const method = study.methodDefinition
  return page(context, 'Verschillen', html`
${analyseNav('verschillen')}
<p class="utrecht-paragraph">Wat verschilt tussen halteplaatsen en tussen groepen, zoals <code>karavaan analyse compare</code> het geeft: narratieven die in een veel groter of kleiner deel van de notities klinken dan in de hele studie (minstens 15 procentpunt verschil). Een begin voor bevindingen; de aantallen zijn klein, lees de passages erbij.</p>
<section aria-labelledby="opvallend">
<h2 class="utrecht-heading-2" id="opvallend">Opvallende verschillen</h2>
${result.contrasts.length === 0
    ? html`<p class="utrecht-paragraph">Geen opvallende verschillen (15 procentpunt of meer) tussen halteplaatsen of groepen.</p>`
    : html`<ul class="utrecht-unordered-list werkplek-verschillen">${result.contrasts.map((c) => html`<li class="utrecht-unordered-list__item"><strong>${c.direction === 'meer' ? 'Meer' : 'Minder'}:</strong> <a class="utrecht-link" href="${passagesHref('narrative', c.narrative, c.rowsBy, c.row)}">${c.message}</a>${c.groups === undefined ? '' : html` Daar genoemd door ${c.groups} van de 8 groepen.`}</li>`)}</ul>`}
</section>
<section aria-labelledby="groepen">
<h2 class="utrecht-heading-2" id="groepen">Door hoeveel groepen elk narratief werd genoemd</h2>
<div class="werkplek-tabel"><table class="utrecht-table">
<caption class="utrecht-table__caption">Per halteplaats: door hoeveel van de acht groepen elk narratief werd genoemd. Een getal opent de passages van die halteplaats.</caption>
<thead class="utrecht-table__header"><tr class="utrecht-table__row"><th class="utrecht-table__header-cell" scope="col">Halteplaats</th>${method.narratives.map((n) => html`<th class="utrecht-table__header-cell utrecht-table__header-cell--numeric-column" scope="col">${n.number}. ${n.short}</th>`)}</tr></thead>
<tbody class="utrecht-table__body">${study.halteplaatsen.map((h) => html`<tr class="utrecht-table__row"><th class="utrecht-table__header-cell" scope="row">${h.name}</th>${method.narratives.map((n) => {
    const groups = result.groupsPerHalteplaats[h.id][n.id]
    return html`<td class="utrecht-table__cell utrecht-table__cell--numeric-data">${groups === 0 ? '0 van 8' : html`<a class="utrecht-link" href="${passagesHref('narrative', n.id, 'halteplaats', h.id)}">${groups} van 8<span class="werkplek-verborgen">, passages van ${h.name} bij ${n.short}</span></a>`}</td>`
  })}</tr>`)}</tbody>
</table></div>
</section>`)
}

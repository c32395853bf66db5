import type {OutputKind} from '../model/output-override.js'
import type {GateRequest, GateSummary} from '../privacy/gate.js'
import type {Store} from '../store/store.js'
import type {Study} from '../study/load.js'
import type {BundleSummary} from './bundle/export.js'
import type {ExportFormat} from './output.js'
import type {QdpxReport} from './refi/project.js'
import type {SeparatorName} from './tables/csv.js'
import type {TableExportReport} from './tables/export.js'
import type {TableId} from './tables/tables.js'

export interface ExportRequest {
  format: ExportFormat
  /** The checked output path (see checkOutput). */
  out: string
  separator?: SeparatorName
  /** Options only the bundle format knows. */
  bundle?: {passphrase?: string; since?: string}
  /** What to do when the privacy gate finds personal data (src/privacy/gate.ts); without it: refuse. */
  privacy?: GateRequest
  what?: TableId
}

export type ExportReport = (
  | ({format: 'bundle'} & BundleSummary)
  | ({format: 'qdc'} & {codes: number; file: string})
  | ({format: 'qdpx'} & QdpxReport)
  | TableExportReport
) & {
  /** What the privacy gate found and what was chosen; only when it found something. */
  privacy?: GateSummary
}

/** What the kit writes into files for other tools to read: its name and version. */
export const ORIGIN = 'karavaan-kit'

/** How the refusal of an export says what to change. */
const FIX =
  'Pas de tekst aan met note edit, finding edit, reflect edit of advice edit en de id hierboven; een tag met persoonsgegevens in zijn passage haal je weg met tag rm en zet je opnieuw.'
const BUNDLE_FIX =
  'Een bundel neemt elke versie mee: pas je een notitie aan, dan blijft de eerdere versie erin (bij een bundel met --since alleen als ze daarna is gemaakt).'

/**
 * One entry for `karavaan export`: each format's writer is loaded only when it is asked for.
 * Everything but the codebook (which holds no respondent's words) first passes the privacy gate:
 * with personal data in it nothing is written, unless the request chooses to pseudonymise (in the
 * file only) or to write it anyway, which is recorded in the study.
 */
export async function exportStudy(store: Store, study: Study, request: ExportRequest, version: string): Promise<ExportReport> {
  const origin = `${ORIGIN} ${version}`
  if (request.format === 'qdc') {
    const {writeCodebook} = await import('./refi/codebook-file.js')
    return {format: 'qdc', ...writeCodebook(study, request.out, origin)}
  }

  const [{finishOutput, PersonalDataOutputError, PrivacyGate, settle}, {allowedNames}, {GatedOutput, scanBundle, scanQdpx, scanTables}] = await Promise.all([
    import('../privacy/gate.js'),
    import('../privacy/allowed.js'),
    import('./privacy.js'),
  ])
  const gate = new PrivacyGate({allowed: allowedNames(study), guard: request.privacy?.guard})
  // In a bundle, what the study keeps by a recorded choice travels with the study (see scanBundle).
  const kept = request.format === 'bundle' ? store.notes.overrides() : undefined
  const output = new GatedOutput(gate, store, kept)
  const refusal = (kind: OutputKind) => () => new PersonalDataOutputError(kind, gate, kind === 'bundle' ? BUNDLE_FIX : FIX)
  let report: ExportReport
  switch (request.format) {
    case 'csv':
    case 'xlsx': {
      const {checkTable, exportTables, tablesOf} = await import('./tables/export.js')
      checkTable(request.what)
      scanTables(store, gate, tablesOf({format: request.format, what: request.what}))
      await settle(gate, request.privacy, refusal(request.format))
      report = await exportTables(store, study, {format: request.format, out: request.out, separator: request.separator, what: request.what}, output)
      break
    }

    case 'qdpx': {
      const [{exportQdpx}, {findingsAsMemos}, {listFindings}] = await Promise.all([import('./refi/project.js'), import('./refi/memos.js'), import('../material/read-model.js')])
      const findings = listFindings(store, study)
      scanQdpx(store, gate, findings)
      await settle(gate, request.privacy, refusal('qdpx'))
      // Findings travel as memos, linked to the notes that back them.
      const memos = findingsAsMemos(
        study,
        findings.map((found) => {
          const f = output.finding(found)
          return {createdAt: f.createdAt, createdBy: f.createdBy, id: f.id, noteIds: [...new Set(f.evidence.map((e) => e.noteId))], statement: f.title, text: f.text}
        }),
      )
      report = {format: 'qdpx', ...(await exportQdpx(store, study, request.out, {memos, origin, output}))}
      break
    }

    case 'bundle': {
      const {bundleSince, exportBundle} = await import('./bundle/export.js')
      const since = bundleSince(request.bundle?.since)
      scanBundle(store, gate, kept!, since)
      const choice = await settle(gate, request.privacy, refusal('bundle'))
      // What the choice was about: the hits let through, or all hits replaced.
      const about = choice === 'pseudonymise' ? gate.hits : gate.blocking
      const privacy = choice ? {at: new Date().toISOString(), by: request.privacy?.by ?? null, choice, found: about.length, kinds: [...new Set(about.map((hit) => hit.kind))]} : undefined
      report = {...exportBundle(store, study, {out: request.out, ...request.bundle, privacy, since}, output), format: 'bundle'}
      break
    }
  }

  return finishOutput(report, store, gate, request.format, request.privacy?.by ?? null)
}

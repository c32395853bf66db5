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
  what?: TableId
}

export type ExportReport =
  | ({format: 'bundle'} & BundleSummary)
  | ({format: 'qdc'} & {codes: number; file: string})
  | ({format: 'qdpx'} & QdpxReport)
  | TableExportReport

/** What the kit writes into files for other tools to read: its name and version. */
export const ORIGIN = 'karavaan-kit'

/** One entry for `karavaan export`: each format's writer is loaded only when it is asked for. */
export async function exportStudy(store: Store, study: Study, request: ExportRequest, version: string): Promise<ExportReport> {
  const origin = `${ORIGIN} ${version}`
  switch (request.format) {
    case 'csv':
    case 'xlsx': {
      const {exportTables} = await import('./tables/export.js')
      return exportTables(store, study, {format: request.format, out: request.out, separator: request.separator, what: request.what})
    }

    case 'qdpx': {
      const [{exportQdpx}, {findingsAsMemos}, {listFindings}] = await Promise.all([import('./refi/project.js'), import('./refi/memos.js'), import('../material/read-model.js')])
      // Findings travel as memos, linked to the notes that back them.
      const memos = findingsAsMemos(
        study,
        listFindings(store, study).map((f) => ({createdAt: f.createdAt, createdBy: f.createdBy, id: f.id, noteIds: [...new Set(f.evidence.map((e) => e.noteId))], statement: f.title, text: f.text})),
      )
      return {format: 'qdpx', ...(await exportQdpx(store, study, request.out, {memos, origin}))}
    }

    case 'qdc': {
      const {writeCodebook} = await import('./refi/codebook-file.js')
      return {format: 'qdc', ...writeCodebook(study, request.out, origin)}
    }

    case 'bundle': {
      const {exportBundle} = await import('./bundle/export.js')
      return {...exportBundle(store, study, {out: request.out, ...request.bundle}), format: 'bundle'}
    }
  }
}

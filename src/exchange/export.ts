import type {Store} from '../store/store.js'
import type {Study} from '../study/load.js'
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
  /** Options only the bundle format knows (since, encrypt, …), passed through untouched. */
  bundle?: Record<string, unknown>
  what?: TableId
}

export type ExportReport =
  | ({format: 'bundle'} & Record<string, unknown>)
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
      const {exportQdpx} = await import('./refi/project.js')
      // WIRING POINT (lead): findings as memos, once this branch meets migration 004 (store.findings):
      //   const {findingsAsMemos} = await import('./refi/memos.js')
      //   const memos = findingsAsMemos(study, store.findings.list().map((f) => ({createdAt: f.createdAt, createdBy: f.createdBy,
      //     id: f.id, noteIds: [...new Set(f.evidence.map((e) => e.noteId))], statement: f.title, text: f.text})))
      // and pass {memos} below instead of {memos: []}.
      return {format: 'qdpx', ...(await exportQdpx(store, study, request.out, {memos: [], origin}))}
    }

    case 'qdc': {
      const {writeCodebook} = await import('./refi/codebook-file.js')
      return {format: 'qdc', ...writeCodebook(study, request.out, origin)}
    }

    case 'bundle': {
      const {exportBundleOrExplain} = await import('./bundle-entry.js')
      return {...(await exportBundleOrExplain(store, study, request)), format: 'bundle'}
    }
  }
}

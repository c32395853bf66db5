import {UserError} from '../errors.js'
import type {Store} from '../store/store.js'
import type {Study} from '../study/load.js'
import type {ExportRequest} from './export.js'

/**
 * WIRING POINT (lead): `karavaan export --format bundle` lands here. The bundle work lives on
 * another branch; once src/exchange/bundle/export.ts with `exportBundle` is merged, replace the
 * body with:
 *
 *   const {exportBundle} = await import('./bundle/export.js')
 *   return exportBundle(store, study, {out: request.out, ...request.bundle})
 *
 * Until then the format answers with a clear Dutch message instead of failing on a missing module.
 */
export async function exportBundleOrExplain(_store: Store, _study: Study, _request: ExportRequest): Promise<Record<string, unknown>> {
  throw new UserError('Exporteren als bundel (--format bundle) is in deze versie van de kit nog niet beschikbaar.', {
    hint: 'Gebruik voorlopig --format csv, xlsx, qdpx of qdc.',
  })
}

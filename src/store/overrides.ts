import type {OutputOverride} from '../model/output-override.js'
import {newId} from './ids.js'
import {Queries} from './statements.js'

interface OverrideRow {
  at: string
  by: null | string
  file: string
  hits: number
  id: string
  kinds: string
  output: OutputOverride['output']
  records: string
}

/** The choices to let personal data leave the laptop (migration 007). Never deleted. */
export class OverrideQueries extends Queries {
  /** Oldest first. */
  list(): OutputOverride[] {
    const rows = this.prepare('SELECT * FROM output_overrides ORDER BY at, id').all() as OverrideRow[]
    return rows.map((row) => ({...row, kinds: JSON.parse(row.kinds) as string[], records: JSON.parse(row.records) as OutputOverride['records']}))
  }

  record(override: Omit<OutputOverride, 'id'>): OutputOverride {
    const id = newId()
    this.prepare('INSERT INTO output_overrides (id, at, by, output, file, hits, kinds, records) VALUES (@id, @at, @by, @output, @file, @hits, @kinds, @records)').run({
      ...override,
      id,
      kinds: JSON.stringify(override.kinds),
      records: JSON.stringify(override.records),
    })
    return {...override, id}
  }
}

/** The record of a user's choice to let personal data leave the laptop in an export or a report. */
export interface OutputOverride {
  at: string
  by: null | string
  /** The file written (absolute path). */
  file: string
  /** How many possible personal data the guard found in it. */
  hits: number
  id: string
  /** Which kinds (naam, telefoonnummer …). */
  kinds: string[]
  output: OutputKind
  /** Where they were: the records, by kind and id; empty for a report. */
  records: Array<{id: string; kind: string}>
}

/** What leaves the laptop through the privacy gate. */
export type OutputKind = 'bundle' | 'csv' | 'qdpx' | 'report' | 'xlsx'

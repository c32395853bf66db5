import {parentPort, workerData} from 'node:worker_threads'

import {isUserError} from '../errors.js'
import {PersonalDataOutputError, type GateChoice, type GateSummary} from '../privacy/gate.js'
import {outputGateRequest} from '../privacy/output-request.js'
import {buildReport, type ReportOutcome} from '../report/build.js'
import {openStore} from '../store/open.js'
import type {Study} from '../study/load.js'

/**
 * One PDF build of the workspace, in a thread of its own: setting a report in pdfkit keeps the
 * processor busy for seconds, and the workspace must keep answering meanwhile. It does what
 * `karavaan report --format pdf` does: the same study files, database, core and privacy gate,
 * and without --out the same place (rapporten/ in the study).
 */
export interface ReportJobInput {
  by: null | string
  choice?: Exclude<GateChoice, 'refuse'>
  draft: boolean
  halteplaats?: string
  /** The study as the workspace loaded it (plain data): parsing study.yaml and the method again costs a second. */
  study: Study
  /** A built-in name or the absolute path of the study's own template. */
  template: string
}

export type ReportJobMessage =
  | {done: number; total: number; type: 'progress'}
  | {message: string; privacy: GateSummary; type: 'refused'}
  | {hint?: string; message: string; type: 'failed'; userError: boolean}
  | {outcome: ReportOutcome; type: 'done'}

const input = workerData as ReportJobInput
const post = (message: ReportJobMessage) => parentPort!.postMessage(message)

const {study} = input
const store = openStore(study.dir, study.id)
try {
  const outcome = await buildReport(store, study, {
    draft: input.draft,
    format: 'pdf',
    halteplaats: input.halteplaats,
    onProgress: (done, total) => post({done, total, type: 'progress'}),
    privacy: outputGateRequest(study, {by: input.by, choice: input.choice}),
    template: input.template,
  })
  post({outcome, type: 'done'})
} catch (error) {
  if (error instanceof PersonalDataOutputError) post({message: error.message, privacy: error.data!.privacy as GateSummary, type: 'refused'})
  else if (isUserError(error)) post({hint: error.hint, message: error.message, type: 'failed', userError: true})
  else post({message: error instanceof Error ? (error.stack ?? error.message) : String(error), type: 'failed', userError: false})
} finally {
  store.close()
}

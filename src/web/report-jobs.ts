import {randomBytes} from 'node:crypto'
import {Worker} from 'node:worker_threads'

import type {GateSummary} from '../privacy/gate.js'
import type {ReportOutcome} from '../report/build.js'
import type {ReportJobInput, ReportJobMessage} from './report-worker.js'

export interface ReportJob {
  done: number
  hint?: string
  id: string
  input: ReportJobInput
  message?: string
  outcome?: ReportOutcome
  privacy?: GateSummary
  state: 'bezig' | 'fout' | 'geweigerd' | 'klaar'
  total: number
}

/**
 * The PDF builds of one session, each in a worker thread (report-worker.ts), known by a random id
 * so that one session cannot ask for another's file. A finished job stays until the server stops:
 * its page and its download keep working.
 */
export class ReportJobs {
  private readonly jobs = new Map<string, ReportJob>()

  get(id: string): ReportJob | undefined {
    return this.jobs.get(id)
  }

  start(input: ReportJobInput): ReportJob {
    const job: ReportJob = {done: 0, id: randomBytes(12).toString('base64url'), input, state: 'bezig', total: 0}
    this.jobs.set(job.id, job)
    const worker = new Worker(new URL('report-worker.js', import.meta.url), {workerData: input})
    worker.on('message', (message: ReportJobMessage) => {
      switch (message.type) {
        case 'done': {
          Object.assign(job, {outcome: message.outcome, state: 'klaar'})
          break
        }

        case 'failed': {
          if (!message.userError) process.stderr.write(`Fout bij het maken van de PDF: ${message.message}\n`)
          Object.assign(job, message.userError ? {hint: message.hint, message: message.message} : {message: 'Er ging iets mis bij het maken van de PDF; er is niets geschreven. In de terminal van karavaan serve staat wat er misging.'}, {state: 'fout'})
          break
        }

        case 'progress': {
          Object.assign(job, {done: message.done, total: message.total})
          break
        }

        case 'refused': {
          Object.assign(job, {message: message.message, privacy: message.privacy, state: 'geweigerd'})
          break
        }
      }
    })
    worker.on('error', (error) => {
      process.stderr.write(`Fout bij het maken van de PDF: ${error.stack ?? error.message}\n`)
      Object.assign(job, {message: 'Er ging iets mis bij het maken van de PDF; er is niets geschreven. In de terminal van karavaan serve staat wat er misging.', state: 'fout'})
    })
    worker.on('exit', () => {
      if (job.state === 'bezig') Object.assign(job, {message: 'Het maken van de PDF stopte onverwacht; er is niets geschreven. Probeer het opnieuw.', state: 'fout'})
    })
    return job
  }
}

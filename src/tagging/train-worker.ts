import {parentPort, workerData} from 'node:worker_threads'

import type {Method} from '../method/schema.js'
import {openStore} from '../store/open.js'
import {trainStudyModel} from './study-model.js'

/** The worker of studyModelOffThread: trains on the study's coding with a store of its own and answers once. */
const {dir, method, previous, study} = workerData as {dir: string; method: Method; previous?: Parameters<typeof trainStudyModel>[3]; study: string}
const store = openStore(dir, study)
try {
  parentPort!.postMessage(trainStudyModel(store, method, store.rejections.list(), previous))
} finally {
  store.close()
}

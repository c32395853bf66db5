import {openStore} from '../store/open.js'
import {keepTrained, trainStudyModel, type TrainWork} from './study-model.js'

/*
 * The process of studyModelOffThread: given the work by message, it trains on the study's coding
 * with a store of its own, keeps the result in the study folder and answers once with the model.
 */
process.once('message', (message) => {
  const {dir, keep, method, previous, study} = message as TrainWork
  const store = openStore(dir, study)
  try {
    const trained = trainStudyModel(store, method, store.rejections.list(), previous)
    keepTrained(trained, keep)
    process.send!({data: trained.data, notes: trained.notes}, () => process.disconnect())
  } finally {
    store.close()
  }
})

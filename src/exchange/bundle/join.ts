import {existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync} from 'node:fs'
import {join, resolve} from 'node:path'

import {UserError} from '../../errors.js'
import {loadMethod} from '../../method/load.js'
import {BUILT_IN_METHOD} from '../../method/path.js'
import {openStore} from '../../store/open.js'
import {INBOX_DIR, REPORTS_DIR, STUDY_FILE} from '../../study/locate.js'
import {parseStudyText} from '../../study/parse.js'
import type {ReadBundle} from './bundle.js'
import {damaged} from './container.js'
import type {StudyRecord} from './kinds/study.js'
import {mergeBundles, type MergedBundle} from './merge.js'

/** Where a joined study keeps its own copy of a custom method. */
export const JOINED_METHOD_FILE = 'methode.yaml'

export interface JoinResult {
  device: string
  dir: string
  merged: MergedBundle
  study: string
  title: string
}

/**
 * Starts a laptop's copy of a study from a bundle of the lead: study.yaml (and the method, when the
 * study has its own), a new database with the study's id and a device id of its own, and everything
 * in the bundle. Everything is checked before the first byte is written; when something fails
 * after that, what was made is taken away again.
 */
export function joinStudy(bundle: ReadBundle, dirInput: string): JoinResult {
  const dir = resolve(dirInput)
  const record = (bundle.parts.get('study') ?? [])[0] as StudyRecord | undefined
  if (!record) throw damaged(bundle.file, 'de studiegegevens (study.yaml) ontbreken')
  if (record.id !== bundle.manifest.study) throw damaged(bundle.file, 'de studie-id in study.yaml en in het manifest verschillen')
  const study = parseStudyText(record.yaml, `${STUDY_FILE} in ${bundle.file}`)
  if (study.id !== record.id) throw damaged(bundle.file, 'de studie-id in study.yaml en in het manifest verschillen')

  const existed = existsSync(dir)
  if (existed) {
    if (!statSync(dir).isDirectory()) throw new UserError(`${dir} bestaat al en is geen map.`, {hint: 'Kies een andere map voor de studie.'})
    if (readdirSync(dir).length > 0) {
      throw new UserError(`${dir} is niet leeg; join begint een studie alleen in een nieuwe of lege map. Er is niets veranderd.`, {
        hint: 'Kies een nieuwe map, bijvoorbeeld: karavaan join BUNDEL ~/karavaan/' + study.id.slice(-6).toLowerCase(),
      })
    }
  }

  const builtIn = record.methodReference === BUILT_IN_METHOD
  let yaml = record.yaml
  if (!builtIn) {
    if (record.method === null) throw damaged(bundle.file, 'de eigen methode van de studie ontbreekt')
    yaml = pointAtMethod(yaml)
  }

  const made: string[] = []
  try {
    if (!existed) mkdirSync(dir, {mode: 0o700, recursive: true})
    const write = (name: string, text: string) => {
      writeFileSync(join(dir, name), text, {encoding: 'utf8', flag: 'wx', mode: 0o600})
      made.push(join(dir, name))
    }

    if (!builtIn) {
      write(JOINED_METHOD_FILE, record.method!)
      loadMethod(join(dir, JOINED_METHOD_FILE))
    }

    write(STUDY_FILE, yaml)
    for (const folder of [INBOX_DIR, REPORTS_DIR]) mkdirSync(join(dir, folder), {mode: 0o700})
    const store = openStore(dir, study.id)
    try {
      const report = mergeBundles(store, study.id, [bundle])
      return {device: store.meta.get('device_id')!, dir, merged: report.bundles[0], study: study.id, title: study.title}
    } finally {
      store.close()
    }
  } catch (error) {
    if (existed) {
      for (const name of readdirSync(dir)) rmSync(join(dir, name), {force: true, recursive: true})
    } else {
      rmSync(dir, {force: true, recursive: true})
    }

    throw error
  }
}

/** study.yaml with `method:` pointing at the copy beside it; comments and layout stay. */
function pointAtMethod(yaml: string): string {
  return yaml.replace(/^method:.*$/m, `method: ${JOINED_METHOD_FILE}`)
}

import {existsSync, statSync} from 'node:fs'
import {dirname, join, resolve} from 'node:path'

import {UserError} from '../errors.js'

export const STUDY_FILE = 'study.yaml'
export const INBOX_DIR = 'inbox'
export const REPORTS_DIR = 'rapporten'

/**
 * Finds the study folder: an explicit --study, then KARAVAAN_STUDY, then the nearest study.yaml
 * upwards from the working folder, the way git finds .git.
 */
export function locateStudy(options: {cwd: string; env: NodeJS.ProcessEnv; explicit?: string}): string {
  const given = options.explicit ?? options.env.KARAVAAN_STUDY
  if (given) {
    const dir = resolve(options.cwd, given)
    const source = options.explicit ? '--study' : 'KARAVAAN_STUDY'
    if (!existsSync(dir) || !statSync(dir).isDirectory()) {
      throw new UserError(`De map ${dir} (uit ${source}) bestaat niet.`, {hint: 'Controleer het pad, of begin een studie met: karavaan init MAP'})
    }

    if (!existsSync(join(dir, STUDY_FILE))) {
      throw new UserError(`In ${dir} (uit ${source}) staat geen ${STUDY_FILE}.`, {hint: 'Kies de map van een studie, of begin er een met: karavaan init MAP'})
    }

    return dir
  }

  let dir = resolve(options.cwd)
  for (;;) {
    if (existsSync(join(dir, STUDY_FILE))) return dir
    const parent = dirname(dir)
    if (parent === dir) break
    dir = parent
  }

  throw new UserError(`Geen studie gevonden: er staat geen ${STUDY_FILE} in ${resolve(options.cwd)} of in een map daarboven.`, {
    hint: 'Ga naar de map van je studie, geef --study MAP mee of zet KARAVAAN_STUDY. Een nieuwe studie begin je met: karavaan init MAP',
  })
}

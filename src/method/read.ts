import {readFileSync} from 'node:fs'

import {UserError} from '../errors.js'

export function readMethodText(file: string): string {
  try {
    return readFileSync(file, 'utf8')
  } catch {
    throw new UserError(`Het methodebestand ${file} bestaat niet of is niet te lezen.`, {
      hint: 'Zet in study.yaml "method: karavaan" voor de ingebouwde methode, of geef het pad naar je eigen kopie.',
    })
  }
}

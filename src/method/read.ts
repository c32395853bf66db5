import {readFileSync} from 'node:fs'

import {UserError} from '../errors.js'

export function readMethodText(file: string): string {
  try {
    return readFileSync(file, 'utf8')
  } catch {
    throw new UserError(`Het methodebestand ${file} bestaat niet of is niet te lezen.`, {
      hint: 'Controleer het pad. In study.yaml staat "method: karavaan" voor de ingebouwde methode, of het pad naar een eigen kopie (vanuit de studiemap).',
    })
  }
}

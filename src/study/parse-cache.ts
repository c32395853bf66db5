import {createHash} from 'node:crypto'
import {readFileSync} from 'node:fs'
import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'

import {makePrivateDir, writePrivateFile} from '../fs/private.js'

const PACKAGE_JSON = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'package.json')
let kitVersion: string | undefined

/**
 * Remembers what parsing and checking a YAML file produced, keyed by its exact content and the
 * kit's version. Loading the YAML parser and the schemas costs more than a whole quick command,
 * so `karavaan status` reads the checked study from here when study.yaml has not changed.
 * A cache that cannot be read or written is simply not used.
 */
export class ParseCache {
  constructor(private readonly dir: string) {}

  get<T>(key: string): T | undefined {
    try {
      return JSON.parse(readFileSync(join(this.dir, `${key}.json`), 'utf8')) as T
    } catch {
      return undefined
    }
  }

  key(kind: string, text: string): string {
    kitVersion ??= (JSON.parse(readFileSync(PACKAGE_JSON, 'utf8')) as {version: string}).version
    return createHash('sha256').update(`${kitVersion}\u0000${kind}\u0000${text}`).digest('hex').slice(0, 32)
  }

  set(key: string, value: unknown): void {
    try {
      writePrivateFile(join(makePrivateDir(this.dir), `${key}.json`), JSON.stringify(value))
    } catch {
      // A read-only home folder only makes the next start a little slower.
    }
  }
}

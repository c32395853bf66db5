import {spawnSync} from 'node:child_process'

import {UserError} from '../errors.js'

/** The user's editor: $VISUAL, $EDITOR, or undefined. */
export function preferredEditor(): string | undefined {
  return process.env.VISUAL?.trim() || process.env.EDITOR?.trim() || undefined
}

/** Opens a file in the editor and waits until it is closed. */
export function editFile(editor: string, file: string): void {
  // EDITOR may carry arguments ("code --wait"), so it goes through the shell; the path is quoted.
  const result = spawnSync(`${editor} '${file.replaceAll("'", "'\\''")}'`, {shell: true, stdio: 'inherit'})
  if (result.error || result.status !== 0) {
    throw new UserError(`De editor "${editor}" is niet goed afgesloten (exitcode ${result.status ?? '?'}); er is niets opgeslagen.`, {
      hint: `Je tekst staat nog in ${file}; karavaan doctor zegt hoe je hem alsnog opslaat.`,
    })
  }
}

import {spawn} from 'node:child_process'

import {Flags} from '@oclif/core'

import {StudyCommand} from '../cli/study-command.js'
import {UserError} from '../errors.js'
import {readSettings, writeSetting} from '../settings/settings.js'

export default class Serve extends StudyCommand {
  static override description = `Start een werkplek in je browser voor deze studie: het overzicht van het veldwerk, de notities, en taggen met de muis. Alles blijft op deze laptop: de werkplek luistert alleen op 127.0.0.1, werkt zonder internet en gebruikt dezelfde privacycontrole, versies en database als de andere commando's, die ernaast blijven werken.

De eerste regel die serve schrijft is het adres met een eenmalige sleutel (http://127.0.0.1:4873/?token=…). De browser ruilt die sleutel in voor een cookie; daarna werkt de link niet meer. Stop de werkplek met Ctrl-C.`

  static override examples = [
    {command: '<%= config.bin %> serve', description: 'Start de werkplek en open hem in de browser.'},
    {command: '<%= config.bin %> serve --port 5000 --no-open', description: 'Op een andere poort, zonder de browser te openen; open zelf het adres dat serve laat zien.'},
  ]

  static override flags = {
    open: Flags.boolean({allowNo: true, default: true, description: 'Open de werkplek in de standaardbrowser (--no-open: niet).'}),
    port: Flags.integer({default: 4873, description: 'De poort op 127.0.0.1. 0: een vrije poort.', helpValue: '<nummer>', max: 65_535, min: 0}),
  }

  static override summary = 'Start de werkplek in de browser (alleen op deze laptop).'

  async run(): Promise<void> {
    const {flags} = await this.parse(Serve)
    if (this.jsonEnabled()) throw new UserError('serve heeft geen --json', {hint: 'Start karavaan serve zonder --json; de eerste regel is het adres.'})
    const {store, study} = await this.openStudy(flags.study)
    const {startWorkspace} = await import('../web/server.js')
    const workspace = await startWorkspace({
      port: flags.port,
      remember: (who) => writeSetting(this.config.configDir, 'interviewer', who),
      store,
      study,
      who: readSettings(this.config.configDir).interviewer ?? null,
    })
    // Ctrl-C is caught before the address is out: a script may stop us as soon as it reads it.
    const stopped = new Promise<void>((resolve) => {
      const stop = () => {
        process.stderr.write('De werkplek stopt.\n')
        // Every write is one transaction, so nothing is half written when we stop here.
        void workspace.close().then(resolve)
      }

      process.once('SIGINT', stop)
      process.once('SIGTERM', stop)
    })
    // The address is the first line, alone: scripts and tests read it.
    process.stdout.write(`${workspace.url}\n`)
    process.stderr.write('De werkplek draait alleen op deze laptop. Stop met Ctrl-C.\n')
    if (flags.open) openBrowser(workspace.url)
    await stopped
  }
}

function openBrowser(url: string): void {
  const command = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open'
  try {
    const child = spawn(command, [url], {detached: true, stdio: 'ignore'})
    child.on('error', () => process.stderr.write(`Kon geen browser openen; open zelf: ${url}\n`))
    child.unref()
  } catch {
    process.stderr.write(`Kon geen browser openen; open zelf: ${url}\n`)
  }
}

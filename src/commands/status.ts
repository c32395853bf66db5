import {StudyCommand} from '../cli/study-command.js'
import {fieldworkStatus, type FieldworkStatus} from '../fieldwork/status.js'
import {renderStatus} from '../ui/status-view.js'

export default class Status extends StudyCommand {
  static override description = `Laat per halteplaats en groep zien of het gesprek gepland of gehouden is en hoeveel notities er zijn, welke observaties er waren, en wat nog ontbreekt voor een complete Karavaan.

In de tabel betekent ✓ 2: gesprek gehouden, 2 notities; "gepland 12-03": gepland op die datum; "–": nog niet gepland; "vervallen": het gesprek ging niet door.`

  static override examples = [
    {command: '<%= config.bin %> status', description: 'De stand van het veldwerk in de studie van de huidige map.'},
    {command: '<%= config.bin %> status --study ~/karavaan/veenland --json', description: 'Hetzelfde als JSON, met de id\'s van halteplaatsen en groepen.'},
  ]

  static override summary = 'Toon de stand van het veldwerk.'

  async run(): Promise<FieldworkStatus> {
    const {flags} = await this.parse(Status)
    const {store, study} = await this.openStudy(flags.study)
    const status = fieldworkStatus(store, study)
    this.log(renderStatus(status, study))
    return status
  }
}

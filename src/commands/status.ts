import {StudyCommand} from '../cli/study-command.js'
import {type StudyStatus, studyStatus} from '../fieldwork/status.js'
import {renderStatus} from '../ui/status-view.js'

export default class Status extends StudyCommand {
  static override description = `Laat per halteplaats en groep zien of het gesprek gepland of gehouden is en hoeveel notities er zijn, welke observaties er waren, en wat nog ontbreekt voor een complete Karavaan.

In de tabel betekent ✓ 2: gesprek gehouden, 2 notities; "gepland 12 maart": gepland op die datum; "–": nog niet gepland; "vervallen": het gesprek ging niet door.

Staan er in de map concepten/ teksten die niet zijn opgeslagen (van een afgebroken note add, note edit of finding add), dan zegt status hoeveel, hoe oud de oudste is en in hoeveel de privacycontrole persoonsgegevens vindt; karavaan doctor noemt ze elk, met hoe je ze alsnog opslaat.`

  static override examples = [
    {command: '<%= config.bin %> status', description: 'De stand van het veldwerk in de studie van de huidige map.'},
    {command: '<%= config.bin %> status --study ~/karavaan/veenland --json', description: 'Hetzelfde als JSON, met de id\'s van halteplaatsen en groepen.'},
  ]

  static override summary = 'Toon de stand van het veldwerk.'

  async run(): Promise<StudyStatus> {
    const {flags} = await this.parse(Status)
    const {store, study} = await this.openStudy(flags.study)
    const status = await studyStatus(store, study)
    this.log(renderStatus(status, study))
    return status
  }
}

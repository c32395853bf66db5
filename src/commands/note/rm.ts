import {Args} from '@oclif/core'

import {StudyCommand} from '../../cli/study-command.js'
import {removeNote} from '../../notes/service.js'
import {shortId} from '../../notes/ids.js'
import type {Note} from '../../model/note.js'
import {readSettings} from '../../settings/settings.js'

export default class NoteRm extends StudyCommand {
  static override args = {
    id: Args.string({description: 'Id van de notitie.', required: true}),
  }

  static override description = 'Verplaatst een notitie naar de prullenbak. Ze telt dan niet meer mee in lijsten, zoekresultaten en de stand van het veldwerk, maar blijft bewaard met al haar versies. Terugzetten kan altijd met karavaan note restore.'

  static override examples = ['<%= config.bin %> note rm 3f9a21c7']

  static override summary = 'Verplaats een notitie naar de prullenbak.'

  async run(): Promise<Note> {
    const {args, flags} = await this.parse(NoteRm)
    const {store} = await this.openStudy(flags.study)
    const note = removeNote(store, args.id, readSettings(this.config.configDir).interviewer)
    this.log(`Notitie ${shortId(note.id)} staat in de prullenbak. Terugzetten: karavaan note restore ${shortId(note.id)}`)
    return note
  }
}

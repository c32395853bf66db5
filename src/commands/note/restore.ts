import {Args} from '@oclif/core'

import {StudyCommand} from '../../cli/study-command.js'
import {restoreNote} from '../../notes/service.js'
import {shortId} from '../../notes/ids.js'
import type {Note} from '../../model/note.js'
import {readSettings} from '../../settings/settings.js'

export default class NoteRestore extends StudyCommand {
  static override args = {
    id: Args.string({description: 'Id van de notitie in de prullenbak (zie karavaan note list --deleted).', required: true}),
  }

  static override description = 'Haalt een notitie terug uit de prullenbak, zoals ze was.'

  static override examples = ['<%= config.bin %> note restore 3f9a21c7']

  static override summary = 'Zet een notitie terug uit de prullenbak.'

  async run(): Promise<Note> {
    const {args, flags} = await this.parse(NoteRestore)
    const {store} = await this.openStudy(flags.study)
    const note = restoreNote(store, args.id, readSettings(this.config.configDir).interviewer)
    this.log(`Notitie ${shortId(note.id)} is teruggezet.`)
    return note
  }
}

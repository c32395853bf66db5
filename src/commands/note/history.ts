import {Args} from '@oclif/core'

import {StudyCommand} from '../../cli/study-command.js'
import {requireNote} from '../../notes/lookup.js'
import type {NoteVersion} from '../../model/note.js'
import {renderHistory} from '../../ui/note-view.js'

export default class NoteHistory extends StudyCommand {
  static override args = {
    id: Args.string({description: 'Id van de notitie.', required: true}),
  }

  static override description = 'Toont elke versie van een notitie: wanneer, door wie en wat er veranderde (aangemaakt, bewerkt, naar de prullenbak, teruggezet), met de tekst van elke versie. Geen versie gaat ooit verloren.'

  static override examples = ['<%= config.bin %> note history 3f9a21c7', '<%= config.bin %> note history 3f9a21c7 --json']

  static override summary = 'Toon alle versies van een notitie.'

  async run(): Promise<NoteVersion[]> {
    const {args, flags} = await this.parse(NoteHistory)
    const {store, study} = await this.openStudy(flags.study)
    const versions = store.notes.versions(requireNote(store, args.id).id)
    this.log(renderHistory(study, versions))
    return versions
  }
}

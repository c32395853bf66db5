import {Args} from '@oclif/core'

import {StudyCommand} from '../../cli/study-command.js'
import {requireNote} from '../../notes/lookup.js'
import type {NoteVersion} from '../../model/note.js'
import {useColour} from '../../ui/diff-view.js'
import {renderHistory} from '../../ui/note-view.js'

export default class NoteHistory extends StudyCommand {
  static override args = {
    id: Args.string({description: 'Id van de notitie.', required: true}),
  }

  static override description = `Toont elke versie van een notitie: wanneer, door wie en wat er gebeurde (aangemaakt, bewerkt, naar de prullenbak, teruggezet). De eerste versie zie je helemaal; van elke latere versie zie je wat er veranderde: welke velden (datum, thema's, narratieven …) en, woord voor woord, wat er uit de tekst ging [-zo-] en wat erbij kwam {+zo+}. Met --json krijg je elke versie in zijn geheel. Geen versie gaat ooit verloren.`

  static override examples = ['<%= config.bin %> note history 3f9a21c7', '<%= config.bin %> note history 3f9a21c7 --json']

  static override summary = 'Toon alle versies van een notitie.'

  async run(): Promise<NoteVersion[]> {
    const {args, flags} = await this.parse(NoteHistory)
    const {store, study} = await this.openStudy(flags.study)
    const versions = store.notes.versions(requireNote(store, args.id).id)
    this.log(renderHistory(study, versions, {colour: useColour()}))
    return versions
  }
}

import {Args, Flags} from '@oclif/core'

import {StudyCommand} from '../../cli/study-command.js'
import {UserError} from '../../errors.js'
import {requireNote} from '../../notes/lookup.js'
import type {Note, NoteVersion} from '../../model/note.js'
import {renderNote} from '../../ui/note-view.js'

export default class NoteShow extends StudyCommand {
  static override args = {
    id: Args.string({description: 'Id van de notitie (de korte id uit note list is genoeg).', required: true}),
  }

  static override description = 'Toont één notitie met al haar gegevens en de hele tekst. Met --version zie je een eerdere versie; welke versies er zijn, toont karavaan note history.'

  static override examples = ['<%= config.bin %> note show 3f9a21c7', '<%= config.bin %> note show 3f9a21c7 --version 1', '<%= config.bin %> note show 3f9a21c7 --json']

  static override flags = {
    version: Flags.integer({description: 'Toon deze (eerdere) versie.', helpValue: '<nummer>', min: 1}),
  }

  static override summary = 'Toon een notitie.'

  async run(): Promise<Note | NoteVersion> {
    const {args, flags} = await this.parse(NoteShow)
    const {store, study} = await this.openStudy(flags.study)
    const note = requireNote(store, args.id)
    if (flags.version === undefined) {
      this.log(renderNote(study, note))
      return note
    }

    const version = store.notes.versions(note.id).find((v) => v.version === flags.version)
    if (!version) throw new UserError(`Notitie ${args.id} heeft geen versie ${flags.version}; de nieuwste is versie ${note.version}.`, {hint: `Alle versies: karavaan note history ${args.id}`})
    this.log(renderNote(study, version, {version: version.version}))
    return version
  }
}

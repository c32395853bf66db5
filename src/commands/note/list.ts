import {Flags} from '@oclif/core'

import {noteFilterFlags} from '../../cli/note-flags.js'
import {StudyCommand} from '../../cli/study-command.js'
import {checkFilter} from '../../notes/filter.js'
import type {Note} from '../../model/note.js'
import {renderNoteList} from '../../ui/note-view.js'

export default class NoteList extends StudyCommand {
  static override description = `Toont de notities van de studie, oudste gesprek eerst, met een korte id, datum, halteplaats, groep of observatie, interviewer, de nummers van de narratieven en het begin van de tekst. Met de filters kies je een deel; --deleted toont de prullenbak.

Met --json krijg je per notitie alle velden: id, halteplaats, group, activity, date, interviewer, participants, roles, themes, narratives, text, version, createdAt, updatedAt.`

  static override examples = [
    '<%= config.bin %> note list',
    '<%= config.bin %> note list --halteplaats wendelo --group ouderen',
    '<%= config.bin %> note list --narrative 4 --since 2026-04-01 --json',
    '<%= config.bin %> note list --deleted',
  ]

  static override flags = {
    ...noteFilterFlags,
    deleted: Flags.boolean({description: 'Toon de notities in de prullenbak in plaats van de gewone.', helpGroup: 'FILTER'}),
  }

  static override summary = 'Toon de notities, eventueel gefilterd.'

  async run(): Promise<Note[]> {
    const {flags} = await this.parse(NoteList)
    const {store, study} = await this.openStudy(flags.study)
    const notes = store.notes.list(checkFilter(study, flags))
    this.log(renderNoteList(study, notes))
    return notes
  }
}

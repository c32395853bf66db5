import {Args, Flags} from '@oclif/core'
import {existsSync, unlinkSync} from 'node:fs'

import {editedLine, replacedLine} from '../../cli/material-writes.js'
import {fieldsFromFlags, noteEditFlags, policyOf, privacyFlags, textFromFlags} from '../../cli/note-flags.js'
import {StudyCommand} from '../../cli/study-command.js'
import {UserError} from '../../errors.js'
import {draftPath, readDraft, renderNoteFile, writeDraft} from '../../notes/draft.js'
import type {RawNoteFields} from '../../notes/fields.js'
import {shortId} from '../../records/ids.js'
import {editNote, type WriteOutcome} from '../../notes/service.js'
import {requireNote} from '../../notes/lookup.js'
import {readSettings} from '../../settings/settings.js'

export default class NoteEdit extends StudyCommand {
  static override args = {
    id: Args.string({description: 'Id van de notitie.', required: true}),
  }

  static override description = `Wijzigt een notitie en bewaart dat als nieuwe versie; de vorige versies blijven bestaan (zie karavaan note history).

Met opties wijzig je alleen wat je opgeeft. Zonder opties gaat de notitie open in je editor (VISUAL of EDITOR), met de gegevens bovenaan tussen de regels met ---. De persoonsgegevenscontrole loopt opnieuw over de nieuwe versie.`

  static override examples = [
    {command: '<%= config.bin %> note edit 3f9a21c7', description: 'In de editor bewerken.'},
    {command: '<%= config.bin %> note edit 3f9a21c7 --theme voorzieningen --theme nabije-overheid --narrative 2', description: 'Thema\'s en narratief vervangen.'},
    {command: '<%= config.bin %> note edit 3f9a21c7 --file verbeterd.txt', description: 'De tekst vervangen.'},
  ]

  static override flags = {
    ...noteEditFlags,
    ...privacyFlags,
    file: Flags.file({description: 'Vervang de tekst door die uit dit bestand.', exclusive: ['text'], helpValue: '<bestand>'}),
    text: Flags.string({description: 'Vervang de tekst.', exclusive: ['file'], helpValue: '<tekst>'}),
  }

  static override summary = 'Wijzig een notitie (als nieuwe versie).'

  async run(): Promise<WriteOutcome> {
    const {args, flags} = await this.parse(NoteEdit)
    const {store, study} = await this.openStudy(flags.study)
    const by = readSettings(this.config.configDir).interviewer ?? null
    const note = requireNote(store, args.id)
    let changes: RawNoteFields = {
      ...fieldsFromFlags(flags),
      text: textFromFlags(flags),
    }
    const given = Object.values(changes).some((value) => value !== undefined)
    let draft: string | undefined
    if (!given) {
      const {editFile, preferredEditor} = await import('../../ui/editor.js')
      const editor = preferredEditor()
      if (!this.interactive || !editor) {
        throw new UserError('Geef op wat er verandert (bijv. --text, --theme), of stel een editor in (EDITOR) om de notitie in een terminal te bewerken.', {
          hint: 'Zie: karavaan note edit --help',
        })
      }

      draft = draftPath(study, `bewerk-${shortId(note.id)}.md`)
      writeDraft(draft, renderNoteFile({...note, narratives: store.notes.ownNarratives(note.id)}, note.text))
      editFile(editor, draft)
      const {problems, raw} = readDraft(draft)
      if (!raw) throw new UserError('De notitie is niet gewijzigd.', {details: problems, hint: `Je versie staat in ${draft}.`})
      changes = raw
    }

    const outcome = editNote(store, study, note.id, changes, {by, policy: policyOf(flags)})
    if (draft && existsSync(draft)) unlinkSync(draft)
    this.log([editedLine('note', note.id, {change: outcome.change, version: outcome.note.version}), ...replacedLine(outcome.replaced)].join('\n'))
    return outcome
  }
}

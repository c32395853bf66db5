import {Args, Flags} from '@oclif/core'

import {editedLine, replacedLine} from '../../cli/material-writes.js'
import {fieldsFromFlags, noteEditFlags, policyOf, privacyFlags, textFromFlags} from '../../cli/note-flags.js'
import {StudyCommand} from '../../cli/study-command.js'
import {UserError} from '../../errors.js'
import {commandPath, describeAge, type DraftFile, listDrafts, noteEditOf} from '../../notes/draft-files.js'
import {draftPath, draftStamp} from '../../notes/draft.js'
import type {RawNoteFields} from '../../notes/fields.js'
import {shortId} from '../../records/ids.js'
import {editNote, fieldsOf, type WriteOutcome} from '../../notes/service.js'
import {requireNote} from '../../notes/lookup.js'
import type {Note} from '../../model/note.js'
import {readSettings} from '../../settings/settings.js'
import type {Study} from '../../study/load.js'

export default class NoteEdit extends StudyCommand {
  static override args = {
    id: Args.string({description: 'Id van de notitie.', required: true}),
  }

  static override description = `Wijzigt een notitie en bewaart dat als nieuwe versie; de vorige versies blijven bestaan (zie karavaan note history).

Met opties wijzig je alleen wat je opgeeft. Zonder opties gaat de notitie in een terminal open in je editor (VISUAL of EDITOR), met de gegevens bovenaan tussen de regels met ---; zonder editor kies je hier welk antwoord je verandert. De persoonsgegevenscontrole loopt opnieuw over de nieuwe versie, met dezelfde keuzes als bij note add. Tot de wijziging is opgeslagen, staat ze in concepten/bewerk-ID-TIJD.md; de volgende note edit van dezelfde notitie biedt aan daarmee verder te gaan.`

  static override examples = [
    {command: '<%= config.bin %> note edit 3f9a21c7', description: 'In de editor bewerken (of, zonder editor, antwoord voor antwoord).'},
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
    const changes: RawNoteFields = {
      ...fieldsFromFlags(flags),
      text: textFromFlags(flags),
    }
    const given = Object.values(changes).some((value) => value !== undefined)
    const save = (raw: RawNoteFields, policy = policyOf(flags)) => editNote(store, study, note.id, raw, {by, policy})
    let outcome: WriteOutcome
    if (!this.interactive) {
      if (!given) {
        throw new UserError('Geef op wat er verandert (bijv. --text, --theme), of start note edit in een terminal om de notitie daar te bewerken.', {
          hint: 'Zie: karavaan note edit --help',
        })
      }

      outcome = save(changes)
    } else {
      const current = noteAsRaw({...note, narratives: store.notes.ownNarratives(note.id)})
      const [{NoteSession}, {preferredEditor}] = await Promise.all([import('../../cli/note-session.js'), import('../../ui/editor.js')])
      const editor = preferredEditor()
      // Options say what changes; without them the person changes it here, perhaps going on with an earlier edit.
      const earlier = given ? undefined : await this.chooseEarlierDraft(study, note)
      const session = new NoteSession({
        confirmedDate: note.date,
        draft: earlier ?? draftPath(study, `bewerk-${shortId(note.id)}-${draftStamp()}.md`),
        editOf: shortId(note.id),
        editor,
        log: (text) => this.log(text),
        policy: policyOf(flags),
        raw: given ? withChanges(current, changes) : current,
        save: (raw, policy) => save(raw, policy),
        study,
        today: new Date().toISOString().slice(0, 10),
      })
      if (earlier) {
        const problems = session.continueDraft()
        if (problems.length > 0 && !editor) {
          throw new UserError(`Het concept ${commandPath(study.dir, earlier).file} is niet te lezen; er is niets opgeslagen.`, {
            details: problems,
            hint: `Herstel het in een teksteditor, of open het met een editor: EDITOR=nano karavaan note edit ${shortId(note.id)}`,
          })
        }
      }

      if (!given && !editor) this.log('Er is geen editor ingesteld (EDITOR of VISUAL): je verandert de notitie hier, antwoord voor antwoord.')
      outcome = await session.run(given ? {} : editor ? {open: true} : {review: 'change'})
    }

    this.log([editedLine('note', note.id, {change: outcome.change, version: outcome.note.version}), ...replacedLine(outcome.replaced)].join('\n'))
    return outcome
  }

  /** An unsaved edit of this note left in concepten/: go on with it, or start from the stored note (it stays). */
  private async chooseEarlierDraft(study: Study, note: Note): Promise<string | undefined> {
    const drafts = listDrafts(study.dir).filter((d) => noteEditOf(d.name) === shortId(note.id))
    if (drafts.length === 0) return undefined
    const {askSelect} = await import('../../ui/prompts.js')
    const age = (d: DraftFile) => describeAge(Math.max(0, Math.round((Date.now() - d.modifiedMs) / 1000)))
    this.log(
      drafts.length === 1
        ? `Er staat nog een wijziging van notitie ${shortId(note.id)} die niet is opgeslagen: ${commandPath(study.dir, drafts[0].path).file} (${age(drafts[0])} oud).`
        : `Er staan nog ${drafts.length} wijzigingen van notitie ${shortId(note.id)} die niet zijn opgeslagen.`,
    )
    const fresh = Symbol('fresh')
    const choice = await askSelect<string | typeof fresh>('Waar wil je mee verder?', [
      ...[...drafts].reverse().map((d) => ({name: `Verder met ${commandPath(study.dir, d.path).file} (${age(d)} oud)`, short: d.name, value: d.path})),
      {name: `Opnieuw beginnen vanaf versie ${note.version} (het concept blijft staan)`, short: 'opnieuw beginnen', value: fresh},
    ])
    return choice === fresh ? undefined : (choice as string)
  }
}

/** A stored note as a draft holds it: only one of group and activity, so an edit does not read the other as a change. */
function noteAsRaw(note: Note): RawNoteFields {
  const {activity, group, ...rest} = fieldsOf(note)
  const raw: RawNoteFields = rest
  if (activity) raw.activity = activity
  else raw.group = group
  return raw
}

function withChanges(current: RawNoteFields, changes: RawNoteFields): RawNoteFields {
  const raw = {...current}
  for (const [key, value] of Object.entries(changes)) if (value !== undefined) raw[key as keyof RawNoteFields] = value
  if (changes.group !== undefined) delete raw.activity
  if (changes.activity !== undefined) delete raw.group
  return raw
}

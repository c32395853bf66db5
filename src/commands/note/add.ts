import {Flags} from '@oclif/core'
import {existsSync, unlinkSync} from 'node:fs'

import {replacedLine} from '../../cli/material-writes.js'
import {fieldsFromFlags, noteFieldFlags, policyOf, privacyFlags, textFromFlags} from '../../cli/note-flags.js'
import {StudyCommand} from '../../cli/study-command.js'
import {UserError} from '../../errors.js'
import {draftPath, readDraft, renderNoteFile, writeDraft} from '../../notes/draft.js'
import type {RawNoteFields} from '../../notes/fields.js'
import {describeHits, PersonalDataError} from '../../notes/guard.js'
import type {PersonalDataPolicy} from '../../privacy/guard.js'
import {shortId} from '../../records/ids.js'
import {addNote, type WriteOutcome} from '../../notes/service.js'
import type {Note} from '../../model/note.js'
import {readSettings} from '../../settings/settings.js'
import type {Study} from '../../study/load.js'

export default class NoteAdd extends StudyCommand {
  static override description = `Legt een gespreks- of observatienotitie vast. In een terminal vraagt note add alleen wat je nog niet met opties gaf: halteplaats en groep (of observatie) uit een lijst, datum (standaard vandaag), interviewer (standaard die van karavaan config set interviewer), aantal deelnemers en hun rollen (nooit namen), thema's, narratieven, en dan de tekst: in je editor als EDITOR is ingesteld, anders hier regel voor regel.

Terwijl je typt, staat de notitie al in de map concepten/ van de studie: valt je laptop uit, dan lees je hem later in met karavaan import concepten/BESTAND. Voor het opslaan zoekt de kit naar persoonsgegevens (namen, telefoonnummers, e-mailadressen, adressen, BSN, IBAN) en weigert de notitie als er iets staat, tenzij je kiest voor vervangen (--pseudonymise) of bewust opslaan (--allow-personal-data).`

  static override examples = [
    {command: '<%= config.bin %> note add', description: 'Alles stap voor stap invullen.'},
    {
      command: '<%= config.bin %> note add --halteplaats wendelo --group ouderen --date 2026-04-09 --interviewer anna --participants 7 --role "oudere bewoner" --theme voorzieningen --narrative 1 --file notitie.txt',
      description: 'Alles met opties, bijvoorbeeld vanuit een script.',
    },
  ]

  static override flags = {
    ...noteFieldFlags,
    ...privacyFlags,
    file: Flags.file({description: 'Lees de tekst uit dit bestand.', exclusive: ['text'], helpValue: '<bestand>'}),
    text: Flags.string({description: 'De tekst van de notitie.', exclusive: ['file'], helpValue: '<tekst>'}),
    yes: Flags.boolean({char: 'y', description: 'Vraag niets: sla ook op als de datum buiten de periode van de studie valt.'}),
  }

  static override summary = 'Leg een notitie vast.'

  async run(): Promise<Note> {
    const {flags} = await this.parse(NoteAdd)
    const {store, study} = await this.openStudy(flags.study)
    const today = new Date().toISOString().slice(0, 10)
    const settings = readSettings(this.config.configDir)
    let raw: RawNoteFields = {
      ...fieldsFromFlags(flags),
      interviewer: flags.interviewer ?? settings.interviewer,
      text: textFromFlags(flags),
    }
    const ask = this.interactive && !flags.yes
    let draft: string | undefined
    if (ask) {
      const {askNoteFields} = await import('../../ui/note-prompts.js')
      raw = await askNoteFields(study, raw, today)
      if (!raw.text) {
        draft = draftPath(study, `notitie-${new Date().toISOString().replaceAll(/[:.]/g, '-')}.md`)
        raw = await this.askText(study, raw, draft)
      }
    } else {
      raw.date ??= today
      const missing = [raw.halteplaats ? '' : '--halteplaats', raw.group || raw.activity ? '' : '--group of --activity', raw.interviewer ? '' : '--interviewer', raw.text ? '' : '--text of --file'].filter(Boolean)
      if (missing.length > 0) {
        throw new UserError(`Zonder vragen kan note add de notitie niet opslaan: ${missing.join(', ')} ontbreekt.`, {hint: 'Geef deze opties mee, of start note add in een terminal. Zie: karavaan note add --help'})
      }
    }

    await this.confirmDate(study, String(raw.date ?? ''), ask, flags.yes)
    const outcome = await this.save(store, study, raw, policyOf(flags), ask, settings.interviewer ?? null)
    if (draft && existsSync(draft)) unlinkSync(draft)
    this.log(`Opgeslagen: notitie ${shortId(outcome.note.id)} (${outcome.note.halteplaats}, ${outcome.note.group ?? outcome.note.activity}, ${outcome.note.date}).`)
    for (const line of replacedLine(outcome.replaced)) this.log(line)
    if (outcome.note.personalData) this.log('Let op: opgeslagen mét persoonsgegevens; die keuze staat bij de notitie.')
    return outcome.note
  }

  private async askText(study: Study, raw: RawNoteFields, draft: string): Promise<RawNoteFields> {
    const {preferredEditor, editFile} = await import('../../ui/editor.js')
    const editor = preferredEditor()
    writeDraft(draft, renderNoteFile(raw, ''))
    if (editor) {
      this.log(`De notitie gaat open in ${editor}. Schrijf de tekst onder de tweede regel met ---, sla op en sluit af.`)
      editFile(editor, draft)
      const {problems, raw: edited} = readDraft(draft)
      if (!edited) throw new UserError('De notitie is niet opgeslagen.', {details: problems, hint: `Je tekst staat in ${draft}.`})
      return edited
    }

    const {askMultiline} = await import('../../ui/multiline.js')
    const text = await askMultiline(`Typ de notitie. Sluit af met een regel met alleen een punt (.). Tussentijds bewaard in ${draft}.`, (soFar) =>
      writeDraft(draft, renderNoteFile(raw, soFar)),
    )
    return {...raw, text}
  }

  private async confirmDate(study: Study, date: string, ask: boolean, yes: boolean): Promise<void> {
    if (!date || (date >= study.period.start && date <= study.period.end) || yes) return
    const message = `${date} valt buiten de periode van de studie (${study.period.start} tot en met ${study.period.end}).`
    if (!ask) throw new UserError(`${message} Er is niets opgeslagen.`, {hint: 'Klopt de datum toch, geef dan --yes mee.'})
    const {askConfirm} = await import('../../ui/prompts.js')
    if (!(await askConfirm(`${message} Toch opslaan?`, false))) throw new UserError('Afgebroken; er is niets opgeslagen.')
  }

  private async save(store: Parameters<typeof addNote>[0], study: Study, raw: RawNoteFields, policy: PersonalDataPolicy, ask: boolean, by: null | string): Promise<WriteOutcome> {
    try {
      return addNote(store, study, raw, {by, policy})
    } catch (error) {
      if (!(error instanceof PersonalDataError) || !ask) throw error
      this.log(['De notitie bevat persoonsgegevens:', ...describeHits(error.hits).map((d) => `  - ${d}`)].join('\n'))
      const {askSelect} = await import('../../ui/prompts.js')
      const choice = await askSelect<'afbreken' | PersonalDataPolicy>('Wat wil je doen?', [
        {name: 'Vervangen door vaste plaatshouders ([naam-3f7a9c], [telefoonnummer-91c2e0] …) en opslaan', value: 'pseudonymise'},
        {name: 'Afbreken; de tekst blijft bewaard in concepten/', value: 'afbreken'},
        {name: 'Toch opslaan met persoonsgegevens, en die keuze vastleggen', value: 'allow'},
      ])
      if (choice === 'afbreken') throw new UserError('Afgebroken; er is niets opgeslagen.')
      return addNote(store, study, raw, {by, policy: choice})
    }
  }
}

import {Flags} from '@oclif/core'

import {replacedLine} from '../../cli/material-writes.js'
import {fieldsFromFlags, noteFieldFlags, policyOf, privacyFlags, textFromFlags} from '../../cli/note-flags.js'
import {StudyCommand} from '../../cli/study-command.js'
import {UserError} from '../../errors.js'
import {draftPath, draftStamp} from '../../notes/draft.js'
import type {RawNoteFields} from '../../notes/fields.js'
import {shortId} from '../../records/ids.js'
import {addNote, type WriteOutcome} from '../../notes/service.js'
import type {Note} from '../../model/note.js'
import {readSettings} from '../../settings/settings.js'
import {formatDate, parseDate} from '../../parse/date.js'
import {outsidePeriod} from '../../study/period.js'

export default class NoteAdd extends StudyCommand {
  static override description = `Legt een gespreks- of observatienotitie vast. In een terminal vraagt note add alleen wat je nog niet met opties gaf: halteplaats en groep (of observatie) uit een lijst, datum (standaard vandaag), interviewer (standaard die van karavaan config set interviewer), aantal deelnemers en hun rollen (nooit namen), thema's, narratieven, en dan de tekst: in je editor als EDITOR is ingesteld, anders hier regel voor regel.

Een datum buiten de periode van de studie vraagt meteen "Klopt die datum?", en een lege tekst wordt opnieuw gevraagd. Daarna zie je de notitie op een rij: opslaan, één antwoord veranderen of stoppen. Terwijl je typt, staat de notitie al in de map concepten/ van de studie: stop je, of valt je laptop uit, dan lees je hem later in met karavaan import concepten/BESTAND. Voor het opslaan zoekt de kit naar persoonsgegevens (namen, telefoonnummers, e-mailadressen, adressen, BSN, IBAN) en weigert de notitie als er iets staat, tenzij je kiest voor vervangen (--pseudonymise) of bewust opslaan (--allow-personal-data); in een terminal kies je dat, of haal je ze zelf weg.`

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
    const by = settings.interviewer ?? null
    let raw: RawNoteFields = {
      ...fieldsFromFlags(flags),
      interviewer: flags.interviewer ?? settings.interviewer,
      text: textFromFlags(flags),
    }
    let outcome: WriteOutcome
    if (this.interactive && !flags.yes) {
      const [{askNoteFields, missingAnswers}, {NoteSession}, {preferredEditor}] = await Promise.all([
        import('../../ui/note-prompts.js'),
        import('../../cli/note-session.js'),
        import('../../ui/editor.js'),
      ])
      // Given everything with options, a person in a terminal is asked nothing more; asked anything, they see the summary.
      const complete = missingAnswers(raw).length === 0 && Boolean(raw.text)
      raw = await askNoteFields(study, raw, today)
      const session = new NoteSession({
        confirmedDate: String(raw.date),
        draft: draftPath(study, `notitie-${draftStamp()}.md`),
        editor: preferredEditor(),
        log: (text) => this.log(text),
        policy: policyOf(flags),
        raw,
        save: (fields, policy) => addNote(store, study, fields, {by, policy}),
        study,
        today,
      })
      outcome = await session.run({open: !raw.text, review: complete ? undefined : 'save'})
    } else {
      raw.date ??= today
      const missing = [raw.halteplaats ? '' : '--halteplaats', raw.group || raw.activity ? '' : '--group of --activity', raw.interviewer ? '' : '--interviewer', raw.text ? '' : '--text of --file'].filter(Boolean)
      if (missing.length > 0) {
        throw new UserError(`Zonder vragen kan note add de notitie niet opslaan: ${missing.join(', ')} ontbreekt.`, {hint: 'Geef deze opties mee, of start note add in een terminal. Zie: karavaan note add --help'})
      }

      const date = parseDate(String(raw.date)).iso
      if (!flags.yes && date && outsidePeriod(study.period, date)) {
        throw new UserError(`${formatDate(date)} valt buiten de periode van de studie (${formatDate(study.period.start)} tot en met ${formatDate(study.period.end)}). Er is niets opgeslagen.`, {hint: 'Klopt de datum toch, geef dan --yes mee.'})
      }

      outcome = addNote(store, study, raw, {by, policy: policyOf(flags)})
    }

    this.log(`Opgeslagen: notitie ${shortId(outcome.note.id)} (${outcome.note.halteplaats}, ${outcome.note.group ?? outcome.note.activity}, ${formatDate(outcome.note.date)}).`)
    for (const line of replacedLine(outcome.replaced)) this.log(line)
    if (outcome.note.personalData) this.log('Let op: opgeslagen mét persoonsgegevens; die keuze staat bij de notitie.')
    return outcome.note
  }
}

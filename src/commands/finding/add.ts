import {evidenceFromFlags, findingFlags, findingFromFlags} from '../../cli/material-flags.js'
import {replacedLine, writeOptionsOf} from '../../cli/material-writes.js'
import {privacyFlags} from '../../cli/note-flags.js'
import {StudyCommand} from '../../cli/study-command.js'
import {UserError} from '../../errors.js'
import {addFinding, type FindingInput} from '../../material/findings.js'
import {resolveFinding} from '../../material/read-model.js'
import type {FindingWithEvidence} from '../../model/material.js'
import {noteChoices} from '../../material/pickers.js'
import {shortId} from '../../records/ids.js'
import {DRAFT_MARK} from '../../ui/material-view.js'

export default class FindingAdd extends StudyCommand {
  static override description = `Legt een bevinding vast: een uitspraak over wat de Karavaan zag en hoorde, met de notities of getagde passages die haar onderbouwen, en de thema's, narratieven en halteplaatsen waar ze over gaat.

Een bevinding zonder onderbouwing mag, maar blijft een concept ("${DRAFT_MARK}") in finding list, finding show en karavaan status, tot je er een notitie of tag aan koppelt met karavaan finding edit ID --note ID.

In een terminal vraagt finding add wat je niet met opties gaf: titel, tekst (in je editor als EDITOR is ingesteld), halteplaatsen, thema's, narratieven en de notities uit een lijst. Voor het opslaan zoekt de kit naar persoonsgegevens, zoals bij notities.`

  static override examples = [
    {command: '<%= config.bin %> finding add', description: 'Stap voor stap invullen.'},
    {
      command: '<%= config.bin %> finding add --title "Voorzieningen staan onder druk, maar zijn essentieel" --text "In drie van de vier halteplaatsen…" --theme voorzieningen --halteplaats wendelo --note 3f9a21c7 --tag 9b2c41d0',
      description: 'Alles met opties, bijvoorbeeld vanuit een script.',
    },
  ]

  static override flags = {...findingFlags, ...privacyFlags}

  static override summary = 'Leg een bevinding vast.'

  async run(): Promise<FindingWithEvidence> {
    const {flags} = await this.parse(FindingAdd)
    const {store, study} = await this.openStudy(flags.study)
    let input: FindingInput = {...findingFromFlags(flags), evidence: evidenceFromFlags(flags)}
    if (this.interactive) {
      const {askFindingFields} = await import('../../ui/material-prompts.js')
      input = await askFindingFields(study, input, (scope) => noteChoices(store, study, scope))
    } else if (!input.title?.trim()) {
      throw new UserError('Zonder vragen kan finding add de bevinding niet opslaan: --title ontbreekt.', {hint: 'Geef de titel mee, of start finding add in een terminal. Zie: karavaan finding add --help'})
    }

    const outcome = addFinding(store, study, input, writeOptionsOf(this.config.configDir, flags))
    const finding = resolveFinding(store, study, outcome.record)
    this.log([`Opgeslagen: bevinding ${shortId(finding.id)}${finding.draft ? ` (${DRAFT_MARK})` : ` met ${finding.evidence.length} ${finding.evidence.length === 1 ? 'bron' : 'bronnen'}`}.`, ...replacedLine(outcome.replaced)].join('\n'))
    return finding
  }
}

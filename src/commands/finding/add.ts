import {evidenceFromFlags, figuresFromFlags, findingFlags, findingFromFlags} from '../../cli/material-flags.js'
import {replacedLine, writeOptionsOf} from '../../cli/material-writes.js'
import {privacyFlagsFor} from '../../cli/note-flags.js'
import {StudyCommand} from '../../cli/study-command.js'
import {UserError} from '../../errors.js'
import {addFinding, type FindingInput} from '../../material/findings.js'
import {resolveFinding} from '../../material/read-model.js'
import type {FindingWithEvidence} from '../../model/material.js'
import {evidenceChoices, figureChoices} from '../../material/pickers.js'
import {similarFindings} from '../../material/similar.js'
import {shortId} from '../../records/ids.js'
import {DRAFT_MARK, similarWarning} from '../../ui/material-view.js'
import {theKind} from '../../model/kinds.js'
import {plural} from '../../model/plural.js'

export default class FindingAdd extends StudyCommand {
  static override description = `Legt een bevinding vast: een uitspraak over wat de Karavaan zag en hoorde, met de notities of getagde passages die haar onderbouwen, en de thema's, narratieven en halteplaatsen waar ze over gaat.

Een bevinding zonder onderbouwing mag, maar blijft een concept ("${DRAFT_MARK}") in finding list, finding show en karavaan status, tot je er een notitie of tag aan koppelt met karavaan finding edit ID --note ID.

In een terminal vraagt finding add wat je niet met opties gaf: titel, tekst (in je editor als EDITOR is ingesteld), halteplaatsen, thema's, narratieven, dan de onderbouwing uit één lijst met notities en getagde passages (eerst de passages met de gekozen narratieven en thema's), en de contextcijfers van de gekozen halteplaatsen waaraan je de bevinding toetst, met per cijfer het oordeel (bevestigt, nuanceert, spreekt tegen). Typ een paar woorden om de lijst te verkleinen; Enter kiest of haalt weg, "klaar" rondt af. Daarna zie je alles op een rij en kies je: opslaan, één antwoord veranderen of stoppen. Tot ze is opgeslagen, staat de bevinding in concepten/bevinding-TIJD.yaml; stop je, dan lees je haar later in met karavaan material import.

Lijkt de titel of tekst sterk op die van een bevinding die er al is, dan zegt finding add dat, met de id; in een terminal kies je of je toch doorgaat. Voor het opslaan zoekt de kit naar persoonsgegevens, zoals bij notities.`

  static override examples = [
    {command: '<%= config.bin %> finding add', description: 'Stap voor stap invullen.'},
    {
      command: '<%= config.bin %> finding add --title "Voorzieningen staan onder druk, maar zijn essentieel" --text "In drie van de vier halteplaatsen…" --theme voorzieningen --halteplaats wendelo --note 3f9a21c7 --tag 9b2c41d0',
      description: 'Alles met opties, bijvoorbeeld vanuit een script.',
    },
    {
      command: '<%= config.bin %> finding add --title "De huisarts is ver weg" --halteplaats wendelo --note 3f9a21c7 --context "Afstand tot huisartsenpraktijk@wendelo:bevestigt"',
      description: 'Een bevinding die een contextcijfer bevestigt.',
    },
  ]

  static override flags = {...findingFlags, ...privacyFlagsFor(theKind('finding'))}

  static override summary = 'Leg een bevinding vast.'

  async run(): Promise<FindingWithEvidence> {
    const {flags} = await this.parse(FindingAdd)
    const {store, study} = await this.openStudy(flags.study)
    const input: FindingInput = {...findingFromFlags(flags), evidence: evidenceFromFlags(flags), figures: figuresFromFlags(flags)}
    const {by, policy} = writeOptionsOf(this.config.configDir, flags)
    let outcome
    if (this.interactive) {
      const {writeFindingInTerminal} = await import('../../cli/finding-session.js')
      outcome = await writeFindingInTerminal({
        evidenceChoices: (scope) => evidenceChoices(store, study, scope),
        figureChoices: (halteplaatsen) => figureChoices(store, study, halteplaatsen),
        given: input,
        log: (text) => this.log(text),
        policy,
        save: (finding, chosen) => addFinding(store, study, finding, {by, policy: chosen}),
        similar: (candidate) => similarFindings(store, candidate),
        study,
      })
    } else if (input.title?.trim()) {
      const similar = similarFindings(store, input)
      // A script is not stopped, but the person reading its output learns of the likely double.
      if (similar.length > 0) process.stderr.write(`${similarWarning(similar)}\n`)
      outcome = addFinding(store, study, input, {by, policy})
    } else {
      throw new UserError('Zonder vragen kan finding add de bevinding niet opslaan: --title ontbreekt.', {hint: 'Geef de titel mee, of start finding add in een terminal. Zie: karavaan finding add --help'})
    }

    const finding = resolveFinding(store, study, outcome.record)
    const figures = finding.figures.length > 0 ? `${finding.draft ? ', met' : ' en'} ${plural(finding.figures.length, 'contextcijfer', 'contextcijfers')}` : ''
    this.log([`Opgeslagen: bevinding ${shortId(finding.id)}${finding.draft ? ` (${DRAFT_MARK})` : ` met ${finding.evidence.length} ${finding.evidence.length === 1 ? 'bron' : 'bronnen'}`}${figures}.`, ...replacedLine(outcome.replaced)].join('\n'))
    return finding
  }
}

import {Args, Flags} from '@oclif/core'

import {anyGiven, evidenceFromFlags, figuresFromFlags, findingFlags, findingFromFlags} from '../../cli/material-flags.js'
import {editedLine, replacedLine, textFromEditor, writeOptionsOf} from '../../cli/material-writes.js'
import {privacyFlagsFor} from '../../cli/note-flags.js'
import {StudyCommand} from '../../cli/study-command.js'
import {requireFinding} from '../../material/lookup.js'
import {editFinding, type FindingChanges} from '../../material/findings.js'
import {type WriteOutcome} from '../../material/writes.js'
import type {Finding} from '../../model/material.js'
import {theKind} from '../../model/kinds.js'

export default class FindingEdit extends StudyCommand {
  static override args = {
    id: Args.string({description: 'Id van de bevinding (de korte id uit finding list is genoeg).', required: true}),
  }

  static override description = `Wijzigt een bevinding en bewaart dat als nieuwe versie; de vorige versies blijven bestaan (zie karavaan finding history).

Titel, tekst, thema's, narratieven en halteplaatsen vervang je met de opties. --note en --tag voegen onderbouwing toe; --drop-evidence haalt de onderbouwing van een notitie of tag weer weg. --context ID:oordeel toetst de bevinding aan een contextcijfer (een cijfer dat er al bij staat, krijgt het nieuwe oordeel); --drop-context haalt een cijfer weer weg. Zonder opties gaat in een terminal de tekst open in je editor.`

  static override examples = [
    {command: '<%= config.bin %> finding edit 3f9a21c7 --note 8d0e5a11 --tag 9b2c41d0', description: 'Onderbouwing toevoegen.'},
    {command: '<%= config.bin %> finding edit 3f9a21c7 --title "Scherpere titel" --theme voorzieningen --theme gemeenschapskracht', description: 'Titel en thema\'s vervangen.'},
    {command: '<%= config.bin %> finding edit 3f9a21c7 --drop-evidence 8d0e5a11', description: 'Een notitie uit de onderbouwing halen.'},
    {command: '<%= config.bin %> finding edit 3f9a21c7 --context "Aandeel 65-plussers@wendelo:nuanceert"', description: 'Toetsen aan een contextcijfer: het cijfer nuanceert de bevinding.'},
  ]

  static override flags = {
    ...findingFlags,
    ...privacyFlagsFor(theKind('finding')),
    'drop-context': Flags.string({description: 'Noem dit contextcijfer niet meer (id of indicator@halteplaats); mag vaker.', helpValue: '<id>', multiple: true}),
    'drop-evidence': Flags.string({description: 'Haal de onderbouwing van deze notitie of tag weg (id); mag vaker.', helpValue: '<id>', multiple: true}),
  }

  static override summary = 'Wijzig een bevinding (als nieuwe versie).'

  async run(): Promise<WriteOutcome<Finding>> {
    const {args, flags} = await this.parse(FindingEdit)
    const {store, study} = await this.openStudy(flags.study)
    const finding = requireFinding(store, args.id)
    const changes: FindingChanges = {
      ...findingFromFlags(flags),
      addEvidence: evidenceFromFlags(flags),
      addFigures: figuresFromFlags(flags),
      dropEvidence: flags['drop-evidence'],
      dropFigures: flags['drop-context'],
    }
    if (!anyGiven(changes)) changes.text = await textFromEditor('finding', study, finding, {examples: '--title, --text, --note', interactive: this.interactive})

    const outcome = editFinding(store, study, finding.id, changes, writeOptionsOf(this.config.configDir, flags))
    this.log([editedLine('finding', finding.id, {change: outcome.change, version: outcome.record.version}), ...replacedLine(outcome.replaced)].join('\n'))
    return outcome
  }
}

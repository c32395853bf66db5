import {Args, Flags} from '@oclif/core'

import {adviceFlags, adviceFromFlags, anyGiven} from '../../cli/material-flags.js'
import {editedLine, replacedLine, textFromEditor, writeOptionsOf} from '../../cli/material-writes.js'
import {privacyFlagsFor} from '../../cli/note-flags.js'
import {StudyCommand} from '../../cli/study-command.js'
import {requireAdvice} from '../../material/lookup.js'
import {editAdvice} from '../../material/advice.js'
import {type WriteOutcome} from '../../material/writes.js'
import type {Advice} from '../../model/material.js'
import {theKind} from '../../model/kinds.js'

export default class AdviceEdit extends StudyCommand {
  static override args = {
    id: Args.string({description: 'Id van het advies.', required: true}),
  }

  static override description = 'Wijzigt een advies en bewaart dat als nieuwe versie (zie karavaan advice history). Wat je met een optie geeft, vervangt wat er stond: --finding vervangt alle gekoppelde bevindingen, --example alle aangehaalde voorbeelden. --no-frame haalt het kader weg, --no-example de voorbeelden. Zonder opties gaat in een terminal de tekst open in je editor.'

  static override examples = [
    {command: '<%= config.bin %> advice edit 7a1b3c5d --audience professionals', description: 'Een andere doelgroep.'},
    {command: '<%= config.bin %> advice edit 7a1b3c5d --finding 3f9a21c7 --finding 8d0e5a11 --frame route-responsief', description: 'Bevindingen en kader vervangen.'},
    {command: '<%= config.bin %> advice edit 7a1b3c5d --example spiegelgesprek --example samen-voor-someren', description: 'Het advies laten verwijzen naar een instrument en een voorbeeld.'},
  ]

  static override flags = {
    ...adviceFlags,
    ...privacyFlagsFor(theKind('advice')),
    'no-example': Flags.boolean({description: 'Haal alle aangehaalde instrumenten en voorbeelden weg.', exclusive: ['example']}),
    'no-frame': Flags.boolean({description: 'Haal het kader weg.', exclusive: ['frame']}),
  }

  static override summary = 'Wijzig een advies (als nieuwe versie).'

  async run(): Promise<WriteOutcome<Advice>> {
    const {args, flags} = await this.parse(AdviceEdit)
    const {store, study} = await this.openStudy(flags.study)
    const advice = requireAdvice(store, args.id)
    const changes = adviceFromFlags(flags)
    if (flags['no-frame']) changes.frame = null
    if (flags['no-example']) changes.examples = []
    if (!anyGiven(changes)) changes.text = await textFromEditor('advice', study, advice, {examples: '--title, --text, --finding', interactive: this.interactive})

    const outcome = editAdvice(store, study, advice.id, changes, writeOptionsOf(this.config.configDir, flags))
    this.log([editedLine('advice', advice.id, {change: outcome.change, version: outcome.record.version}), ...replacedLine(outcome.replaced)].join('\n'))
    return outcome
  }
}

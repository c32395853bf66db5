import {Args} from '@oclif/core'

import {anyGiven, reflectionFlags, reflectionFromFlags} from '../../cli/material-flags.js'
import {editedLine, writeOptionsOf} from '../../cli/material-writes.js'
import {privacyFlagsFor} from '../../cli/note-flags.js'
import {StudyCommand} from '../../cli/study-command.js'
import {UserError} from '../../errors.js'
import {editReflection} from '../../material/reflections.js'
import {type WriteOutcome} from '../../material/writes.js'
import type {Reflection} from '../../model/material.js'
import {theKind} from '../../model/kinds.js'

export default class ReflectEdit extends StudyCommand {
  static override args = {
    id: Args.string({description: 'Id van het reflectiegesprek.', required: true}),
  }

  static override description = 'Wijzigt een reflectiegesprek en bewaart dat als nieuwe versie (zie karavaan reflect history). Wat je met een optie geeft, vervangt wat er stond: --participant vervangt alle deelnemers, --confirms alle bevestigde bevindingen, enzovoort.'

  static override examples = [
    {command: '<%= config.bin %> reflect edit 5c7d2e90 --added "De jongeren vroegen om een eigen plek in het dorpshuis."', description: 'Aanvullen.'},
    {command: '<%= config.bin %> reflect edit 5c7d2e90 --participant bewoners:6 --participant ambtenaren:2', description: 'De deelnemers vervangen.'},
  ]

  static override flags = {...reflectionFlags, ...privacyFlagsFor(theKind('reflection'))}

  static override summary = 'Wijzig een reflectiegesprek (als nieuwe versie).'

  async run(): Promise<WriteOutcome<Reflection>> {
    const {args, flags} = await this.parse(ReflectEdit)
    const {store, study} = await this.openStudy(flags.study)
    const changes = reflectionFromFlags(flags)
    if (!anyGiven(changes)) throw new UserError('Geef op wat er verandert, bijvoorbeeld --confirmed, --nuanced, --added of --participant.', {hint: 'Zie: karavaan reflect edit --help'})
    const outcome = editReflection(store, study, args.id, changes, writeOptionsOf(this.config.configDir, flags))
    this.log(editedLine('reflection', outcome.record.id, {change: outcome.change, version: outcome.record.version}))
    return outcome
  }
}

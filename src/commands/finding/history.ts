import {Args} from '@oclif/core'

import {StudyCommand} from '../../cli/study-command.js'
import {requireFinding} from '../../material/lookup.js'
import type {Finding, MaterialVersion} from '../../model/material.js'
import {renderMaterialHistory} from '../../ui/material-view.js'

export default class FindingHistory extends StudyCommand {
  static override args = {
    id: Args.string({description: 'Id van de bevinding.', required: true}),
  }

  static override description = 'Toont elke versie van de bevinding: wanneer, door wie en wat er gebeurde (aangemaakt, bewerkt, naar de prullenbak, teruggezet). Met --json krijg je per versie de hele inhoud. Geen versie gaat ooit verloren.'

  static override examples = ['<%= config.bin %> finding history 3f9a21c7', '<%= config.bin %> finding history 3f9a21c7 --json']

  static override summary = 'Toon alle versies van de bevinding.'

  async run(): Promise<Array<MaterialVersion<Finding>>> {
    const {args, flags} = await this.parse(FindingHistory)
    const {store} = await this.openStudy(flags.study)
    const versions = store.findings.versions(requireFinding(store, args.id).id)
    this.log(renderMaterialHistory(versions, (f) => f.title))
    return versions
  }
}

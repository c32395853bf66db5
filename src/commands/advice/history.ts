import {Args} from '@oclif/core'

import {StudyCommand} from '../../cli/study-command.js'
import {requireAdvice} from '../../material/lookup.js'
import type {Advice, MaterialVersion} from '../../model/material.js'
import {renderMaterialHistory} from '../../ui/material-view.js'

export default class AdviceHistory extends StudyCommand {
  static override args = {
    id: Args.string({description: 'Id van het advies.', required: true}),
  }

  static override description = 'Toont elke versie van het advies: wanneer, door wie en wat er gebeurde (aangemaakt, bewerkt, naar de prullenbak, teruggezet). Met --json krijg je per versie de hele inhoud. Geen versie gaat ooit verloren.'

  static override examples = ['<%= config.bin %> advice history 3f9a21c7', '<%= config.bin %> advice history 3f9a21c7 --json']

  static override summary = 'Toon alle versies van het advies.'

  async run(): Promise<Array<MaterialVersion<Advice>>> {
    const {args, flags} = await this.parse(AdviceHistory)
    const {store} = await this.openStudy(flags.study)
    const versions = store.advice.versions(requireAdvice(store, args.id).id)
    this.log(renderMaterialHistory(versions, (a) => `${a.audience}: ${a.title}`))
    return versions
  }
}

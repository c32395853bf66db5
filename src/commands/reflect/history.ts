import {Args} from '@oclif/core'

import {StudyCommand} from '../../cli/study-command.js'
import {requireReflection} from '../../material/lookup.js'
import type {Reflection, MaterialVersion} from '../../model/material.js'
import {renderMaterialHistory} from '../../ui/material-view.js'

export default class ReflectHistory extends StudyCommand {
  static override args = {
    id: Args.string({description: 'Id van het reflectiegesprek.', required: true}),
  }

  static override description = 'Toont elke versie van het reflectiegesprek: wanneer, door wie en wat er gebeurde (aangemaakt, bewerkt, naar de prullenbak, teruggezet). Met --json krijg je per versie de hele inhoud. Geen versie gaat ooit verloren.'

  static override examples = ['<%= config.bin %> reflect history 3f9a21c7', '<%= config.bin %> reflect history 3f9a21c7 --json']

  static override summary = 'Toon alle versies van het reflectiegesprek.'

  async run(): Promise<Array<MaterialVersion<Reflection>>> {
    const {args, flags} = await this.parse(ReflectHistory)
    const {store} = await this.openStudy(flags.study)
    const versions = store.reflections.versions(requireReflection(store, args.id).id)
    this.log(renderMaterialHistory(versions, (r) => `${r.halteplaats}, ${r.date}`))
    return versions
  }
}

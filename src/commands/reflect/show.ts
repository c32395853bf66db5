import {Args, Flags} from '@oclif/core'

import {StudyCommand} from '../../cli/study-command.js'
import {UserError} from '../../errors.js'
import {requireReflection} from '../../material/lookup.js'
import type {Reflection} from '../../model/material.js'
import {renderReflection} from '../../ui/material-view.js'

export default class ReflectShow extends StudyCommand {
  static override args = {
    id: Args.string({description: 'Id van het reflectiegesprek (de korte id is genoeg).', required: true}),
  }

  static override description = 'Toont één reflectiegesprek: halteplaats, datum, deelnemers naar rol, en wat het bevestigde, nuanceerde en aanvulde, met de bevindingen waar dat over ging. Met --version zie je een eerdere versie.'

  static override examples = ['<%= config.bin %> reflect show 5c7d2e90', '<%= config.bin %> reflect show 5c7d2e90 --json']

  static override flags = {
    version: Flags.integer({description: 'Toon deze (eerdere) versie.', min: 1}),
  }

  static override summary = 'Toon een reflectiegesprek.'

  async run(): Promise<Reflection> {
    const {args, flags} = await this.parse(ReflectShow)
    const {store, study} = await this.openStudy(flags.study)
    let reflection = requireReflection(store, args.id)
    if (flags.version !== undefined && flags.version !== reflection.version) {
      const version = store.reflections.versions(reflection.id).find((v) => v.version === flags.version)
      if (!version) throw new UserError(`Reflectiegesprek ${args.id} heeft geen versie ${flags.version}; de nieuwste is versie ${reflection.version}.`, {hint: `Alle versies: karavaan reflect history ${args.id}`})
      reflection = version.data
    }

    this.log(renderReflection(study, reflection, (id) => store.findings.get(id)?.title ?? '(onbekend)', {version: flags.version}))
    return reflection
  }
}

import {Args, Flags} from '@oclif/core'

import {StudyCommand} from '../../cli/study-command.js'
import {UserError} from '../../errors.js'
import {requireAdvice} from '../../material/lookup.js'
import type {Advice} from '../../model/material.js'
import {renderAdvice} from '../../ui/material-view.js'

export default class AdviceShow extends StudyCommand {
  static override args = {
    id: Args.string({description: 'Id van het advies (de korte id is genoeg).', required: true}),
  }

  static override description = 'Toont één advies: titel, tekst, doelgroep, kader en de bevindingen waar het op antwoordt. Met --version zie je een eerdere versie.'

  static override examples = ['<%= config.bin %> advice show 7a1b3c5d', '<%= config.bin %> advice show 7a1b3c5d --version 1 --json']

  static override flags = {
    version: Flags.integer({description: 'Toon deze (eerdere) versie.', min: 1}),
  }

  static override summary = 'Toon een advies.'

  async run(): Promise<Advice> {
    const {args, flags} = await this.parse(AdviceShow)
    const {store, study} = await this.openStudy(flags.study)
    let advice = requireAdvice(store, args.id)
    if (flags.version !== undefined && flags.version !== advice.version) {
      const version = store.advice.versions(advice.id).find((v) => v.version === flags.version)
      if (!version) throw new UserError(`Advies ${args.id} heeft geen versie ${flags.version}; de nieuwste is versie ${advice.version}.`, {hint: `Alle versies: karavaan advice history ${args.id}`})
      advice = version.data
    }

    this.log(renderAdvice(study, advice, (id) => store.findings.get(id)?.title ?? '(onbekend)', {version: flags.version}))
    return advice
  }
}

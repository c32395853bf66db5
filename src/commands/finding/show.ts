import {Args, Flags} from '@oclif/core'

import {StudyCommand} from '../../cli/study-command.js'
import {UserError} from '../../errors.js'
import {requireFinding} from '../../material/lookup.js'
import {resolveFinding} from '../../material/read-model.js'
import type {FindingWithEvidence} from '../../model/material.js'
import {renderFinding} from '../../ui/material-view.js'

export default class FindingShow extends StudyCommand {
  static override args = {
    id: Args.string({description: 'Id van de bevinding (de korte id uit finding list is genoeg).', required: true}),
  }

  static override description = 'Toont één bevinding met haar tekst, thema\'s, narratieven, halteplaatsen en onderbouwing: per bron de notitie, de toeschrijving ("moeder, halteplaats Wendelo") en de passage. Met --version zie je een eerdere versie.'

  static override examples = ['<%= config.bin %> finding show 3f9a21c7', '<%= config.bin %> finding show 3f9a21c7 --version 1', '<%= config.bin %> finding show 3f9a21c7 --json']

  static override flags = {
    version: Flags.integer({description: 'Toon deze (eerdere) versie.', min: 1}),
  }

  static override summary = 'Toon een bevinding.'

  async run(): Promise<FindingWithEvidence> {
    const {args, flags} = await this.parse(FindingShow)
    const {store, study} = await this.openStudy(flags.study)
    const stored = requireFinding(store, args.id)
    const finding = resolveFinding(store, study, stored)
    if (flags.version === undefined || flags.version === stored.version) {
      this.log(renderFinding(study, finding, {version: flags.version}))
      return finding
    }

    const version = store.findings.versions(stored.id).find((v) => v.version === flags.version)
    if (!version) throw new UserError(`Bevinding ${args.id} heeft geen versie ${flags.version}; de nieuwste is versie ${stored.version}.`, {hint: `Alle versies: karavaan finding history ${args.id}`})
    // An earlier version is shown with its own evidence, resolved against today's notes.
    const old = resolveFinding(store, study, version.data)
    this.log(renderFinding(study, old, {version: version.version}))
    return old
  }
}

import {Flags} from '@oclif/core'

import {StudyCommand} from '../../cli/study-command.js'
import {requireFinding} from '../../material/lookup.js'
import {listAdvice} from '../../material/read-model.js'
import type {Advice} from '../../model/material.js'
import {requireAudience} from '../../study/lookup.js'
import {renderAdviceList} from '../../ui/material-view.js'

export default class AdviceList extends StudyCommand {
  static override description = 'Toont de adviezen met een korte id, de doelgroep, de titel, het aantal bevindingen waar ze op antwoorden en het kader. Met --json krijg je per advies alle velden, met de ids van de bevindingen.'

  static override examples = ['<%= config.bin %> advice list', '<%= config.bin %> advice list --audience rijksoverheid', '<%= config.bin %> advice list --finding 3f9a21c7 --json']

  static override flags = {
    audience: Flags.string({description: 'Alleen adviezen voor deze doelgroep (gemeenten, professionals, rijksoverheid).', helpGroup: 'FILTER'}),
    deleted: Flags.boolean({description: 'Toon de adviezen in de prullenbak.', helpGroup: 'FILTER'}),
    finding: Flags.string({description: 'Alleen adviezen die op deze bevinding antwoorden.', helpGroup: 'FILTER'}),
  }

  static override summary = 'Toon de adviezen.'

  async run(): Promise<Advice[]> {
    const {flags} = await this.parse(AdviceList)
    const {store, study} = await this.openStudy(flags.study)
    if (flags.audience) requireAudience(study, flags.audience)
    const advice = listAdvice(store, {audience: flags.audience, deleted: flags.deleted, finding: flags.finding === undefined ? undefined : requireFinding(store, flags.finding).id})
    this.log(renderAdviceList(study, advice))
    return advice
  }
}

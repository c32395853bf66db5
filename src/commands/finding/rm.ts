import {Args} from '@oclif/core'

import {StudyCommand} from '../../cli/study-command.js'
import {removeMaterial} from '../../material/trash.js'
import type {RecordMeta} from '../../model/material.js'
import {shortId} from '../../notes/ids.js'
import {readSettings} from '../../settings/settings.js'

export default class FindingRm extends StudyCommand {
  static override args = {
    id: Args.string({description: 'Id van de bevinding (de korte id is genoeg).', required: true}),
  }

  static override description = 'Verplaatst een bevinding naar de prullenbak. Ze telt dan niet meer mee in lijsten, de status en het rapport, en adviezen en reflectiegesprekken die ernaar verwijzen tonen haar niet meer, maar ze blijft bewaard met al haar versies. Terugzetten kan altijd met karavaan finding restore.'

  static override examples = ['<%= config.bin %> finding rm 3f9a21c7']

  static override summary = 'Verplaats een bevinding naar de prullenbak.'

  async run(): Promise<RecordMeta> {
    const {args, flags} = await this.parse(FindingRm)
    const {store} = await this.openStudy(flags.study)
    const record = removeMaterial(store, 'finding', args.id, readSettings(this.config.configDir).interviewer)
    this.log(`Bevinding ${shortId(record.id)} staat in de prullenbak. Terugzetten: karavaan finding restore ${shortId(record.id)}`)
    return record
  }
}

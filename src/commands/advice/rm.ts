import {Args} from '@oclif/core'

import {StudyCommand} from '../../cli/study-command.js'
import {removeMaterial} from '../../material/trash.js'
import type {RecordMeta} from '../../model/material.js'
import {shortId} from '../../notes/ids.js'
import {readSettings} from '../../settings/settings.js'

export default class AdviceRm extends StudyCommand {
  static override args = {
    id: Args.string({description: 'Id van het advies (de korte id is genoeg).', required: true}),
  }

  static override description = 'Verplaatst een advies naar de prullenbak. Het telt dan niet meer mee in lijsten en het rapport, maar het blijft bewaard met al zijn versies. Terugzetten kan altijd met karavaan advice restore.'

  static override examples = ['<%= config.bin %> advice rm 3f9a21c7']

  static override summary = 'Verplaats een advies naar de prullenbak.'

  async run(): Promise<RecordMeta> {
    const {args, flags} = await this.parse(AdviceRm)
    const {store} = await this.openStudy(flags.study)
    const record = removeMaterial(store, 'advice', args.id, readSettings(this.config.configDir).interviewer)
    this.log(`Advies ${shortId(record.id)} staat in de prullenbak. Terugzetten: karavaan advice restore ${shortId(record.id)}`)
    return record
  }
}

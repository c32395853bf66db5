import {Args} from '@oclif/core'

import {StudyCommand} from '../../cli/study-command.js'
import {removeMaterial} from '../../material/trash.js'
import type {RecordMeta} from '../../model/material.js'
import {shortId} from '../../notes/ids.js'
import {readSettings} from '../../settings/settings.js'

export default class ReflectRm extends StudyCommand {
  static override args = {
    id: Args.string({description: 'Id van het reflectiegesprek (de korte id is genoeg).', required: true}),
  }

  static override description = 'Verplaatst een reflectiegesprek naar de prullenbak. Het telt dan niet meer mee in lijsten en het rapport, maar het blijft bewaard met al zijn versies. Terugzetten kan altijd met karavaan reflect restore.'

  static override examples = ['<%= config.bin %> reflect rm 3f9a21c7']

  static override summary = 'Verplaats een reflectiegesprek naar de prullenbak.'

  async run(): Promise<RecordMeta> {
    const {args, flags} = await this.parse(ReflectRm)
    const {store} = await this.openStudy(flags.study)
    const record = removeMaterial(store, 'reflect', args.id, readSettings(this.config.configDir).interviewer)
    this.log(`Reflectiegesprek ${shortId(record.id)} staat in de prullenbak. Terugzetten: karavaan reflect restore ${shortId(record.id)}`)
    return record
  }
}

import {Args} from '@oclif/core'

import {StudyCommand} from '../../cli/study-command.js'
import {restoreMaterial} from '../../material/trash.js'
import type {RecordMeta} from '../../model/material.js'
import {shortId} from '../../notes/ids.js'
import {readSettings} from '../../settings/settings.js'

export default class ReflectRestore extends StudyCommand {
  static override args = {
    id: Args.string({description: 'Id in de prullenbak (zie karavaan reflect list --deleted).', required: true}),
  }

  static override description = 'Haalt een reflectiegesprek terug uit de prullenbak, zoals het was.'

  static override examples = ['<%= config.bin %> reflect restore 3f9a21c7']

  static override summary = 'Zet een reflectiegesprek terug uit de prullenbak.'

  async run(): Promise<RecordMeta> {
    const {args, flags} = await this.parse(ReflectRestore)
    const {store} = await this.openStudy(flags.study)
    const record = restoreMaterial(store, 'reflect', args.id, readSettings(this.config.configDir).interviewer)
    this.log(`Reflectiegesprek ${shortId(record.id)} is teruggezet.`)
    return record
  }
}

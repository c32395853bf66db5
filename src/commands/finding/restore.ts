import {Args} from '@oclif/core'

import {StudyCommand} from '../../cli/study-command.js'
import {restoreMaterial} from '../../material/trash.js'
import type {RecordMeta} from '../../model/material.js'
import {shortId} from '../../notes/ids.js'
import {readSettings} from '../../settings/settings.js'

export default class FindingRestore extends StudyCommand {
  static override args = {
    id: Args.string({description: 'Id in de prullenbak (zie karavaan finding list --deleted).', required: true}),
  }

  static override description = 'Haalt een bevinding terug uit de prullenbak, zoals ze was.'

  static override examples = ['<%= config.bin %> finding restore 3f9a21c7']

  static override summary = 'Zet een bevinding terug uit de prullenbak.'

  async run(): Promise<RecordMeta> {
    const {args, flags} = await this.parse(FindingRestore)
    const {store} = await this.openStudy(flags.study)
    const record = restoreMaterial(store, 'finding', args.id, readSettings(this.config.configDir).interviewer)
    this.log(`Bevinding ${shortId(record.id)} is teruggezet.`)
    return record
  }
}

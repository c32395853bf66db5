import {Args} from '@oclif/core'

import {KaravaanCommand} from '../../cli/base-command.js'
import {type Settings, SETTING_KEYS, writeSetting} from '../../settings/settings.js'

export default class ConfigSet extends KaravaanCommand {
  static override args = {
    key: Args.string({description: 'De instelling.', options: [...SETTING_KEYS], required: true}),
    value: Args.string({description: 'De nieuwe waarde.', required: true}),
  }

  static override description = `Legt een instelling van deze laptop vast, voor alle studies. Nu kan dat alleen voor "interviewer": wie op deze laptop notities invoert. karavaan note add gebruikt die dan als standaard, zodat je hem niet elke avond opnieuw hoeft te kiezen.

De instellingen staan in ${'<%= config.configDir %>'}/instellingen.json.`

  static override examples = ['<%= config.bin %> config set interviewer anna']

  static override summary = 'Leg een instelling van deze laptop vast.'

  async run(): Promise<Settings> {
    const {args} = await this.parse(ConfigSet)
    const settings = writeSetting(this.config.configDir, args.key, args.value)
    this.log(`Ingesteld: ${args.key} = ${args.value}`)
    return settings
  }
}

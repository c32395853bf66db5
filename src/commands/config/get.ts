import {KaravaanCommand} from '../../cli/base-command.js'
import {readSettings, type Settings} from '../../settings/settings.js'

export default class ConfigGet extends KaravaanCommand {
  static override description = 'Toont de instellingen van deze laptop, zoals de interviewer die karavaan note add als standaard neemt.'

  static override examples = ['<%= config.bin %> config get', '<%= config.bin %> config get --json']

  static override summary = 'Toon de instellingen van deze laptop.'

  async run(): Promise<Settings> {
    await this.parse(ConfigGet)
    const settings = readSettings(this.config.configDir)
    this.log(settings.interviewer ? `interviewer = ${settings.interviewer}` : 'Nog geen instellingen. Stel je interviewer-id in met: karavaan config set interviewer ID')
    return settings
  }
}

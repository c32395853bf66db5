import {KaravaanCommand} from '../../cli/base-command.js'
import {listTemplates} from '../../report/templates.js'

export default class TemplateList extends KaravaanCommand {
  static override description = 'Toont de sjablonen van de kit met wat erin staat. Een eigen sjabloon maak je met karavaan template copy.'

  static override examples = ['<%= config.bin %> template list', '<%= config.bin %> template list --json']

  static override summary = 'Toon de rapportsjablonen van de kit.'

  async run(): Promise<Array<{description: string; name: string}>> {
    await this.parse(TemplateList)
    const templates = listTemplates()
    const width = Math.max(...templates.map((t) => t.name.length))
    for (const t of templates) this.log(`${t.name.padEnd(width)}  ${t.description}`)
    return templates
  }
}

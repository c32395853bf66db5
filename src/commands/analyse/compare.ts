import {compare, type Comparison} from '../../analysis/compare.js'
import {StudyCommand} from '../../cli/study-command.js'
import {renderTable} from '../../ui/table.js'

export default class AnalyseCompare extends StudyCommand {
  static override description = `Laat zien wat verschilt tussen halteplaatsen en tussen groepen: narratieven die in een veel groter of kleiner deel van de notities klinken dan in de hele studie (minstens 15 procentpunt verschil), en per halteplaats door hoeveel van de acht groepen elk narratief werd genoemd. Bedoeld als begin voor bevindingen: de aantallen zijn klein, lees de notities erbij.`

  static override examples = ['<%= config.bin %> analyse compare', '<%= config.bin %> analyse compare --json']

  static override summary = 'Vergelijk halteplaatsen en groepen.'

  async run(): Promise<Comparison> {
    const {flags} = await this.parse(AnalyseCompare)
    const {store, study} = await this.openStudy(flags.study)
    const result = compare(store, study)
    const method = study.methodDefinition
    this.log('Door hoeveel van de acht groepen elk narratief werd genoemd:')
    this.log(
      renderTable(
        ['halteplaats', ...method.narratives.map((n) => `${n.number}. ${n.short}`)],
        study.halteplaatsen.map((h) => [h.name, ...method.narratives.map((n) => `${result.groupsPerHalteplaats[h.id][n.id]} van 8`)]),
      ),
    )
    this.log('')
    if (result.contrasts.length === 0) this.log('Geen opvallende verschillen (15 procentpunt of meer) tussen halteplaatsen of groepen.')
    else this.log(['Opvallende verschillen:', ...result.contrasts.map((c) => `  - ${c.direction === 'meer' ? '▲' : '▼'} ${c.message}`)].join('\n'))
    return result
  }
}

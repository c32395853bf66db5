import {Flags} from '@oclif/core'

import {analyseContext, type ContextAnalysis} from '../../analysis/context.js'
import {StudyCommand} from '../../cli/study-command.js'
import {requireHalteplaats} from '../../study/lookup.js'
import {renderContextAnalysis} from '../../ui/context-view.js'

export default class AnalyseContext extends StudyCommand {
  static override description = `Zet per halteplaats de verhalen die er klonken naast de cijfers over die halteplaats: hoeveel notities elk narratief van wantrouwen laten horen (zoals in analyse matrix), de contextcijfers met hun bron en jaar, en per cijfer de bevindingen die het noemen met hun oordeel (bevestigt, nuanceert, spreekt tegen).

Aan het eind staan de bevindingen die nog aan geen enkel cijfer zijn getoetst ("Bevindingen zonder cijfers"). Toets een bevinding met karavaan finding edit ID --context ID:oordeel.`

  static override examples = [
    {command: '<%= config.bin %> analyse context', description: 'Alle halteplaatsen.'},
    {command: '<%= config.bin %> analyse context --halteplaats wendelo', description: 'Eén halteplaats.'},
    {command: '<%= config.bin %> analyse context --json', description: 'Als JSON, met de id\'s.'},
  ]

  static override flags = {
    halteplaats: Flags.string({description: 'Alleen deze halteplaats (id of naam).', helpValue: '<id>'}),
  }

  static override summary = 'Zet de verhalen per halteplaats naast de contextcijfers.'

  async run(): Promise<ContextAnalysis> {
    const {flags} = await this.parse(AnalyseContext)
    const {store, study} = await this.openStudy(flags.study)
    const halteplaats = flags.halteplaats ? requireHalteplaats(study, flags.halteplaats) : undefined
    const analysis = analyseContext(store, study, halteplaats)
    this.log(renderContextAnalysis(analysis))
    return analysis
  }
}

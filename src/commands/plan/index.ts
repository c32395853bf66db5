import {Flags} from '@oclif/core'

import {StudyCommand} from '../../cli/study-command.js'
import {planOverview, type PlanRow} from '../../fieldwork/plan.js'
import {requireHalteplaats} from '../../study/lookup.js'
import {formatDate, renderTable} from '../../ui/table.js'

export default class Plan extends StudyCommand {
  static override description = `Toont de planning van het veldwerk: de 4 × 8 gesprekken (elke groep in elke halteplaats) en de observaties, met datum en status (gepland, gehouden, vervallen). Een gesprek dat nog niet in de planning staat, zie je als "niet gepland".

Wijzig de planning met karavaan plan set, of lees een hele planning in met karavaan plan import.`

  static override examples = ['<%= config.bin %> plan', '<%= config.bin %> plan --halteplaats kanaalzone', '<%= config.bin %> plan --json']

  static override flags = {
    halteplaats: Flags.string({description: 'Alleen de planning van deze halteplaats.', helpValue: '<id>'}),
  }

  static override summary = 'Toon de planning van gesprekken en observaties.'

  async run(): Promise<PlanRow[]> {
    const {flags} = await this.parse(Plan)
    const {store, study} = await this.openStudy(flags.study)
    const only = flags.halteplaats ? requireHalteplaats(study, flags.halteplaats) : undefined
    const rows = planOverview(store, study, only)
    const method = study.methodDefinition
    const label = (row: PlanRow) =>
      row.group ? method.groups.find((g) => g.id === row.group)!.name : `observatie: ${method.activities.find((a) => a.id === row.activity)?.name ?? row.activity}`
    for (const h of study.halteplaatsen.filter((x) => !only || x.id === only)) {
      this.log(`${h.name} (${h.gemeente})`)
      this.log(renderTable(['', 'datum', 'status'], rows.filter((r) => r.halteplaats === h.id).map((r) => [label(r), formatDate(r.date), r.state])))
      this.log('')
    }

    return rows
  }
}

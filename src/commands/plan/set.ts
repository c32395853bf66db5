import {Flags} from '@oclif/core'

import {StudyCommand} from '../../cli/study-command.js'
import {applyPlan, checkPlanRequest, type PlanOutcome} from '../../fieldwork/plan.js'
import {PLAN_STATES} from '../../model/plan.js'
import {halteplaatsName} from '../../study/lookup.js'
import {formatDate} from '../../ui/table.js'

export default class PlanSet extends StudyCommand {
  static override description = `Zet een gesprek of observatie in de planning, of wijzigt de datum of status ervan. Een gesprek is het gesprek met één groep in één halteplaats; een observatie (wijkwandeling, fietstocht, wijkbijeenkomst, buurtactiviteit) kan vaker voorkomen en wordt herkend aan de datum of de id.

De vorige datum en status blijven bewaard. Een datum buiten de periode van de studie wordt opgeslagen, met een waarschuwing.`

  static override examples = [
    {command: '<%= config.bin %> plan set --halteplaats kanaalzone --group moeders --date 2026-03-11 --state gehouden', description: 'Een gehouden gesprek vastleggen.'},
    {command: '<%= config.bin %> plan set --halteplaats wendelo --group 5 --date 2026-04-09', description: 'Een gesprek met groep 5 (ouderen) plannen.'},
    {command: '<%= config.bin %> plan set --halteplaats vlonders --activity wijkwandeling --date 2026-05-12 --state gehouden', description: 'Een observatie vastleggen.'},
  ]

  static override flags = {
    activity: Flags.string({description: 'Observatie: wijkwandeling, fietstocht, wijkbijeenkomst of buurtactiviteit.', helpValue: '<id>', exactlyOne: ['group', 'activity']}),
    date: Flags.string({description: 'Datum, zoals 2026-03-15, 15-3-2026 of "15 maart 2026".', helpValue: '<datum>'}),
    group: Flags.string({description: 'Groep: id (bijv. moeders) of nummer 1-8.', helpValue: '<id|1-8>', exactlyOne: ['group', 'activity']}),
    halteplaats: Flags.string({description: 'Halteplaats: id of naam.', helpValue: '<id>', required: true}),
    id: Flags.string({description: 'Id van een bestaande observatie in de planning (zie karavaan plan --json).', helpValue: '<id>'}),
    state: Flags.string({description: 'Status.', options: [...PLAN_STATES]}),
  }

  static override summary = 'Plan een gesprek of observatie, of wijzig datum of status.'

  async run(): Promise<PlanOutcome> {
    const {flags} = await this.parse(PlanSet)
    const {store, study} = await this.openStudy(flags.study)
    const request = checkPlanRequest(study, flags)
    const outcome = store.transaction(() => applyPlan(store, study, request))
    for (const warning of outcome.warnings) this.notice(warning)
    const method = study.methodDefinition
    const what = outcome.item.group
      ? `gesprek met ${method.groups.find((g) => g.id === outcome.item.group)?.short ?? outcome.item.group}`
      : `observatie ${method.activities.find((a) => a.id === outcome.item.activity)?.name.toLowerCase() ?? outcome.item.activity}`
    const verb = outcome.change === 'nieuw' ? (outcome.item.state === 'gepland' ? 'Gepland' : 'Vastgelegd') : outcome.change === 'bijgewerkt' ? 'Bijgewerkt' : 'Ongewijzigd'
    this.log(`${verb}: ${what} in ${halteplaatsName(study, outcome.item.halteplaats)}, ${formatDate(outcome.item.date)}, ${outcome.item.state}.`)
    return outcome
  }
}

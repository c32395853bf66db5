import {Args} from '@oclif/core'

import {StudyCommand} from '../../cli/study-command.js'
import {importPlan, type PlanOutcome} from '../../fieldwork/plan.js'

export default class PlanImport extends StudyCommand {
  static override args = {
    bestand: Args.file({description: 'CSV-bestand met de kolommen halteplaats, group (groep), activity (observatie), date (datum), state (status).', exists: false, required: true}),
  }

  static override description = `Leest een planning in uit een CSV-bestand: per regel een gesprek (kolom group) of een observatie (kolom activity), met datum en status. Alles of niets: als één regel niet klopt, verandert er niets en zie je elke foute regel. Hetzelfde bestand nog eens inlezen verandert niets.`

  static override examples = [
    {command: '<%= config.bin %> plan import planning.csv', description: 'Voorbeeld van een bestand:\n  halteplaats,group,activity,date,state\n  kanaalzone,moeders,,2026-03-11,gehouden\n  kanaalzone,,wijkwandeling,2026-03-03,gehouden'},
  ]

  static override summary = 'Lees een planning in uit een CSV-bestand.'

  async run(): Promise<PlanOutcome[]> {
    const {args, flags} = await this.parse(PlanImport)
    const {store, study} = await this.openStudy(flags.study)
    const outcomes = importPlan(store, study, args.bestand)
    const count = (change: PlanOutcome['change']) => outcomes.filter((o) => o.change === change).length
    const warnings = outcomes.flatMap((o) => o.warnings)
    for (const warning of new Set(warnings)) this.notice(warning)
    this.log(`${args.bestand}: ${count('nieuw')} nieuw, ${count('bijgewerkt')} bijgewerkt, ${count('ongewijzigd')} ongewijzigd.`)
    return outcomes
  }
}

import {Flags} from '@oclif/core'

import {StudyCommand} from '../../cli/study-command.js'
import {checkFigure, saveFigures, type SaveResult} from '../../context/figures.js'
import {UserError} from '../../errors.js'
import {halteplaatsName} from '../../study/lookup.js'
import {formatNumber} from '../../ui/table.js'

export default class ContextAdd extends StudyCommand {
  static override description = `Legt een onderzoeks- of beleidscijfer vast over een halteplaats: de feiten waar de verhalen uit de gesprekken aan worden getoetst.

Een cijfer hoort bij een halteplaats, een indicator en een jaar. Geef je hetzelfde cijfer nog eens op met een andere waarde, dan wordt het bijgewerkt en blijft de oude waarde bewaard. Een waarde mag met komma of punt: 12,5 of 12.5.`

  static override examples = [
    '<%= config.bin %> context add --halteplaats kanaalzone --indicator "Aandeel 65-plussers" --value 21,4 --unit % --source "CBS Kerncijfers wijken en buurten" --year 2024',
    '<%= config.bin %> context add --halteplaats wendelo --indicator "Afstand tot huisartsenpraktijk" --value 12.1 --unit km --source "CBS Nabijheidsstatistiek" --year 2023 --json',
  ]

  static override flags = {
    halteplaats: Flags.string({description: 'Halteplaats: id of naam (zie study.yaml).', helpValue: '<id>', required: true}),
    indicator: Flags.string({description: 'Wat het cijfer meet, bijv. "Opkomst gemeenteraadsverkiezingen".', helpValue: '<naam>', required: true}),
    source: Flags.string({description: 'Waar het cijfer vandaan komt, bijv. "Wijkmonitor Veenstad".', helpValue: '<bron>', required: true}),
    unit: Flags.string({default: '', description: 'Eenheid, bijv. %, inwoners, km, rapportcijfer.', helpValue: '<eenheid>'}),
    value: Flags.string({description: 'De waarde (getal).', helpValue: '<getal>', required: true}),
    year: Flags.string({description: 'Het jaar waarop het cijfer slaat.', helpValue: '<jaar>', required: true}),
  }

  static override summary = 'Leg een contextcijfer over een halteplaats vast.'

  async run(): Promise<SaveResult> {
    const {flags} = await this.parse(ContextAdd)
    const {store, study} = await this.openStudy(flags.study)
    const {figure, problems} = checkFigure(study, flags)
    if (!figure) throw new UserError('Het cijfer is niet opgeslagen.', {details: problems})
    const result = saveFigures(store, [figure])
    const [saved] = [...result.added, ...result.updated, ...result.unchanged]
    const verb = result.added.length > 0 ? 'Vastgelegd' : result.updated.length > 0 ? 'Bijgewerkt (de vorige waarde is bewaard)' : 'Al bekend, niets veranderd'
    this.log(`${verb}: ${saved.indicator} in ${halteplaatsName(study, saved.halteplaats)} (${saved.year}) = ${formatNumber(saved.value)} ${saved.unit}`.trimEnd() + ` · bron: ${saved.source}`)
    return result
  }
}

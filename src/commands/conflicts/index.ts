import {StudyCommand} from '../../cli/study-command.js'
import type {Conflict} from '../../exchange/bundle/conflicts.js'

export default class Conflicts extends StudyCommand {
  static override description = `Toont de notities, bevindingen, reflectiegesprekken en adviezen die op twee (of meer) laptops verschillend zijn bewerkt vanuit dezelfde versie. Karavaan bewaart dan alle versies en toont voorlopig de laatst bewerkte ("nu getoond"); niets gaat verloren.

Kies per notitie (of bevinding, …) welke versie blijft, of schrijf een samengevoegde tekst, met karavaan conflicts resolve. Die keuze is zelf een nieuwe versie en gaat met de volgende bundel mee naar de anderen.`

  static override examples = ['<%= config.bin %> conflicts', '<%= config.bin %> conflicts --json']

  static override summary = 'Toon notities en ander werk dat op twee laptops verschillend is bewerkt.'

  async run(): Promise<Conflict[]> {
    const {flags} = await this.parse(Conflicts)
    const {store} = await this.openStudy(flags.study)
    const {listConflicts} = await import('../../exchange/bundle/conflicts.js')
    const conflicts = listConflicts(store)
    const {renderConflicts} = await import('../../ui/bundle-view.js')
    this.log(renderConflicts(conflicts))
    return conflicts
  }
}

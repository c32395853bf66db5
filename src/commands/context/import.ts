import {Args} from '@oclif/core'

import {StudyCommand} from '../../cli/study-command.js'
import {saveFigures, type SaveResult} from '../../context/figures.js'
import {readContextCsv} from '../../context/import.js'

export default class ContextImport extends StudyCommand {
  static override args = {
    bestand: Args.file({description: 'CSV-bestand met de kolommen halteplaats, indicator, value (of waarde), unit (eenheid), source (bron), year (jaar).', exists: false, required: true}),
  }

  static override description = `Leest contextcijfers uit een CSV-bestand, zoals Excel het opslaat: met ; of , tussen de velden, met of zonder BOM, kolomnamen in het Nederlands of Engels.

Alles of niets: als één regel niet klopt, wordt niets opgeslagen en zie je elke foute regel met het regelnummer. Hetzelfde bestand opnieuw inlezen verandert niets; een gewijzigde waarde wordt bijgewerkt en de oude blijft bewaard.`

  static override examples = [
    {command: '<%= config.bin %> context import cijfers.csv', description: 'Cijfers inlezen. Voorbeeld van een bestand:\n  halteplaats;indicator;waarde;eenheid;bron;jaar\n  kanaalzone;Aandeel 65-plussers;21,4;%;CBS Kerncijfers wijken en buurten;2024'},
  ]

  static override summary = 'Lees contextcijfers in uit een CSV-bestand.'

  async run(): Promise<SaveResult> {
    const {args, flags} = await this.parse(ContextImport)
    const {store, study} = await this.openStudy(flags.study)
    const figures = readContextCsv(args.bestand, study)
    const result = saveFigures(store, figures)
    this.log(`${args.bestand}: ${result.added.length} nieuw, ${result.updated.length} bijgewerkt, ${result.unchanged.length} ongewijzigd.`)
    return result
  }
}

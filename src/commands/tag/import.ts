import {Args} from '@oclif/core'

import {StudyCommand} from '../../cli/study-command.js'
import {importTags, type TagImportReport} from '../../tagging/import.js'
import {plural} from '../../model/plural.js'

export default class TagImport extends StudyCommand {
  static override args = {
    bestand: Args.file({description: 'CSV-bestand met de kolommen note, code, coder en eventueel quote (of start en end).', exists: false, required: true}),
  }

  static override description = `Leest tags in uit een CSV-bestand, bijvoorbeeld het werk van een tweede codeur in een spreadsheet. Kolommen: note (de id van de notitie, of het pad waarmee ze is ingelezen, zoals inbox/wendelo/2026-04-09-ouderen-1.md), code (narratief of thema), coder, en eventueel quote (de letterlijke woorden) of start en end.

Een regel zonder code betekent: deze codeur heeft de notitie bekeken en er geen narratief in gevonden. Dat telt mee bij karavaan tag agreement. Alles of niets: klopt één regel niet, dan wordt niets opgeslagen.`

  static override examples = ['<%= config.bin %> tag import tags-joost.csv']

  static override summary = 'Lees tags in uit een CSV-bestand.'

  async run(): Promise<TagImportReport> {
    const {args, flags} = await this.parse(TagImport)
    const {store, study} = await this.openStudy(flags.study)
    const report = importTags(store, study, args.bestand)
    this.log(`${args.bestand}: ${plural(report.tagged, 'nieuwe tag', 'nieuwe tags')}, ${report.existing} ${report.existing === 1 ? 'stond' : 'stonden'} er al; ${report.coded} keer een notitie door een codeur gecodeerd.`)
    return report
  }
}

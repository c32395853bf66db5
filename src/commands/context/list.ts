import {Flags} from '@oclif/core'

import {StudyCommand} from '../../cli/study-command.js'
import type {ContextFigure} from '../../model/context.js'
import {requireHalteplaats} from '../../study/lookup.js'
import {formatNumber, renderTable} from '../../ui/table.js'

export default class ContextList extends StudyCommand {
  static override description = 'Toont de contextcijfers per halteplaats: indicator, waarde, eenheid, bron en jaar.'

  static override examples = [
    '<%= config.bin %> context list',
    '<%= config.bin %> context list --halteplaats wendelo',
    '<%= config.bin %> context list --json',
  ]

  static override flags = {
    halteplaats: Flags.string({description: 'Alleen de cijfers van deze halteplaats.', helpValue: '<id>'}),
  }

  static override summary = 'Toon de contextcijfers.'

  async run(): Promise<ContextFigure[]> {
    const {flags} = await this.parse(ContextList)
    const {store, study} = await this.openStudy(flags.study)
    const halteplaats = flags.halteplaats ? requireHalteplaats(study, flags.halteplaats) : undefined
    const figures = store.context.list(halteplaats)
    if (figures.length === 0) {
      this.log('Nog geen contextcijfers. Voeg ze toe met karavaan context add of karavaan context import BESTAND.csv.')
      return figures
    }

    for (const h of study.halteplaatsen.filter((x) => !halteplaats || x.id === halteplaats)) {
      const rows = figures.filter((f) => f.halteplaats === h.id)
      if (rows.length === 0) continue
      this.log(`${h.name} (${h.gemeente}, ${h.type})`)
      this.log(renderTable(['indicator', 'waarde', 'eenheid', 'jaar', 'bron'], rows.map((f) => [f.indicator, formatNumber(f.value), f.unit, String(f.year), f.source]), {align: ['left', 'right']}))
      this.log('')
    }

    return figures
  }
}

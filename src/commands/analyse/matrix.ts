import {Flags} from '@oclif/core'

import {buildMatrix, MATRIX_COLUMNS, MATRIX_ROWS, type Matrix} from '../../analysis/matrix.js'
import {StudyCommand} from '../../cli/study-command.js'
import {renderTable} from '../../ui/table.js'

export default class AnalyseMatrix extends StudyCommand {
  static override description = `Telt per halteplaats, groep of interviewer hoeveel notities elk narratief van wantrouwen laten horen (of over elk thema gaan), met het aandeel van de notities in die rij. Een notitie telt één keer per narratief, wie het ook tagde: de interviewer in de notitie zelf, of een codeur met karavaan tag add.

Met --csv krijg je de tabel als CSV (voor Excel), met --json als JSON met de id's.`

  static override examples = [
    {command: '<%= config.bin %> analyse matrix', description: 'Narratieven per halteplaats.'},
    {command: '<%= config.bin %> analyse matrix --rows group --cols narrative', description: 'Narratieven per groep.'},
    {command: '<%= config.bin %> analyse matrix --rows halteplaats --cols theme --csv > themas.csv', description: 'Thema\'s per halteplaats, als CSV.'},
  ]

  static override flags = {
    cols: Flags.string({default: 'narrative', description: 'Wat in de kolommen staat.', options: [...MATRIX_COLUMNS]}),
    csv: Flags.boolean({description: 'Geef de tabel als CSV.', exclusive: ['json']}),
    rows: Flags.string({default: 'halteplaats', description: 'Wat in de rijen staat.', options: [...MATRIX_ROWS]}),
  }

  static override summary = 'Tel narratieven of thema\'s per halteplaats, groep of interviewer.'

  async run(): Promise<Matrix> {
    const {flags} = await this.parse(AnalyseMatrix)
    const {store, study} = await this.openStudy(flags.study)
    const matrix = buildMatrix(store, study, flags.rows as Matrix['rowsBy'], flags.cols as Matrix['cols'])
    if (flags.csv) {
      const {stringify} = await import('csv-stringify/sync')
      const header = [flags.rows, 'naam', 'notities', ...matrix.columns.flatMap((c) => [c.id, `${c.id} (aandeel)`])]
      const line = (row: Matrix['rows'][number]) => [row.id, row.label, row.notes, ...matrix.columns.flatMap((c) => [row.cells[c.id].count, row.cells[c.id].share.toFixed(3)])]
      process.stdout.write(stringify([header, ...matrix.rows.map(line), line(matrix.total)]))
      return matrix
    }

    const cell = (row: Matrix['rows'][number], id: string) => {
      const {count, share} = row.cells[id]
      return count === 0 ? '–' : `${count} (${Math.round(share * 100)}%)`
    }

    const rows = [...matrix.rows, matrix.total].map((row) => [row.label, String(row.notes), ...matrix.columns.map((c) => cell(row, c.id))])
    this.log(renderTable([flags.rows === 'group' ? 'groep' : flags.rows, 'notities', ...matrix.columns.map((c) => c.label)], rows, {align: ['left', 'right', ...matrix.columns.map(() => 'right' as const)]}))
    this.log(`\nPer cel: aantal notities (aandeel van de notities in die rij).`)
    return matrix
  }
}

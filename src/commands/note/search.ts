import {Args, Flags} from '@oclif/core'

import {noteFilterFlags} from '../../cli/note-flags.js'
import {StudyCommand} from '../../cli/study-command.js'
import {checkFilter} from '../../notes/filter.js'
import {searchNotes} from '../../notes/search.js'
import type {SearchHit} from '../../model/note.js'
import {renderSearchHits} from '../../ui/note-view.js'

export default class NoteSearch extends StudyCommand {
  static override args = {
    zoekopdracht: Args.string({description: 'Wat je zoekt: woorden, "een woordgroep", of het begin van een woord met *.', required: true}),
  }

  static override description = `Zoekt in de tekst van alle notities, de beste treffers eerst, met de gevonden woorden gemarkeerd. Accenten tellen niet mee: geemigreerd vindt ook geëmigreerd. Staat een zoekterm in meer dan 10.000 notities, dan zie je de nieuwste treffers in plaats van de beste (dat meldt de kit); verfijn dan met meer woorden of filters.

- woorden: alle woorden moeten voorkomen (loket gemeente)
- "woordgroep": precies deze woorden achter elkaar ("geen loket")
- begin van een woord: vertrouw* vindt vertrouwen, vertrouwd, vertrouwelijk
- OR en NOT: loket OR balie; loket NOT digitaal`

  static override examples = [
    '<%= config.bin %> note search loket',
    '<%= config.bin %> note search \'"ik ben een nummer"\'',
    '<%= config.bin %> note search "vertrouw*" --halteplaats wendelo',
    '<%= config.bin %> note search geemigreerd --json',
  ]

  static override flags = {
    ...noteFilterFlags,
    limit: Flags.integer({default: 50, description: 'Hoeveel treffers hoogstens.', helpValue: '<aantal>', min: 1}),
  }

  static override summary = 'Zoek in de notities.'

  async run(): Promise<Array<Omit<SearchHit, 'snippet'> & {snippet: string}>> {
    const {args, flags} = await this.parse(NoteSearch)
    const {store, study} = await this.openStudy(flags.study)
    const {hits, matches, ranked} = searchNotes(store, args.zoekopdracht, checkFilter(study, flags), flags.limit)
    this.log(renderSearchHits(study, hits, Boolean(process.stdout.isTTY) && !process.env.NO_COLOR))
    if (!ranked && !this.jsonEnabled()) {
      this.notice(`"${args.zoekopdracht}" staat in ${matches.toLocaleString('nl-NL')} notities; dat is te algemeen om op relevantie te ordenen, dus je ziet de nieuwste. Voeg woorden of filters toe (--halteplaats, --group …) om te verfijnen.`)
    }
    // In JSON the matched words are marked with [[ ]] instead of control characters.
    return hits.map((hit) => ({...hit, snippet: hit.snippet.replaceAll('\u0001', '[[').replaceAll('\u0002', ']]')}))
  }
}

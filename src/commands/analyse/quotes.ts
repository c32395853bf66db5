import {Flags} from '@oclif/core'

import {narrativeQuotes, type Quote} from '../../analysis/quotes.js'
import {StudyCommand} from '../../cli/study-command.js'
import {requireGroup, requireHalteplaats} from '../../study/lookup.js'
import {resolveCode} from '../../tagging/tags.js'
import {UserError} from '../../errors.js'
import {plural} from '../../model/plural.js'

export default class AnalyseQuotes extends StudyCommand {
  static override description = `Toont de passages die met een narratief zijn getagd, met alleen de groep en de halteplaats erbij ("moeder, halteplaats Wendelo"): zo worden citaten in een rapport genoemd, zonder iets dat naar een persoon leidt. Alleen passages tellen (tags met --quote of --start/--end), geen tags op een hele notitie.`

  static override examples = [
    '<%= config.bin %> analyse quotes --narrative 2',
    '<%= config.bin %> analyse quotes --narrative ongehoorde-burger --halteplaats wendelo --group ouderen',
    '<%= config.bin %> analyse quotes --narrative 3 --json',
  ]

  static override flags = {
    group: Flags.string({description: 'Alleen uit gesprekken met deze groep.', helpValue: '<id|1-8>'}),
    halteplaats: Flags.string({description: 'Alleen uit deze halteplaats.', helpValue: '<id>'}),
    narrative: Flags.string({description: 'Het narratief (id, nummer 1-5 of naam).', helpValue: '<id|1-5>', required: true}),
  }

  static override summary = 'Toon de getagde passages bij een narratief.'

  async run(): Promise<Quote[]> {
    const {flags} = await this.parse(AnalyseQuotes)
    const {store, study} = await this.openStudy(flags.study)
    const code = resolveCode(study, flags.narrative)
    if (code.kind !== 'narrative') throw new UserError(`"${flags.narrative}" is een thema, geen narratief (--narrative).`)
    const quotes = narrativeQuotes(store, study, code.code, {
      group: flags.group ? requireGroup(study, flags.group) : undefined,
      halteplaats: flags.halteplaats ? requireHalteplaats(study, flags.halteplaats) : undefined,
    })
    const name = study.methodDefinition.narratives.find((n) => n.id === code.code)!.name
    if (quotes.length === 0) this.log(`Nog geen getagde passages bij "${name}". Tag passages met: karavaan tag add NOTITIE ${code.code} --quote "…"`)
    else this.log([`${name} (${plural(quotes.length, 'passage', 'passages')})`, '', ...quotes.map((q) => `“${q.quote}”\n   — ${q.attribution}`)].join('\n'))
    return quotes
  }
}

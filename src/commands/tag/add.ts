import {Args, Flags} from '@oclif/core'

import {StudyCommand} from '../../cli/study-command.js'
import {shortId} from '../../records/ids.js'
import {readSettings} from '../../settings/settings.js'
import {addTag} from '../../tagging/tags.js'
import type {Tag} from '../../model/tag.js'

export default class TagAdd extends StudyCommand {
  static override args = {
    notitie: Args.string({description: 'Id van de notitie (de korte id uit note list is genoeg).', required: true}),
    code: Args.string({description: 'Narratief (id, nummer 1-5 of naam) of thema (id of naam).', required: true}),
  }

  static override description = `Tagt een notitie met een van de vijf narratieven van wantrouwen, of met een thema: op de hele notitie, of op een passage. Een passage geef je met de letterlijke woorden (--quote) of met begin en einde (--start, --end, geteld in tekens vanaf 0; een letter met accent of een emoji is één teken).

De tag krijgt jou als codeur (--coder, standaard je id uit karavaan config) en het tijdstip. Dezelfde tag van dezelfde codeur op dezelfde plek wordt niet dubbel opgeslagen.`

  static override examples = [
    {command: '<%= config.bin %> tag add 3f9a21c7 4', description: 'Narratief 4 (ongehoorde burgers) op de hele notitie.'},
    {command: '<%= config.bin %> tag add 3f9a21c7 onzichtbare-burger --quote "ik ben gewoon een nummer" --coder bram', description: 'Een narratief op een passage.'},
    {command: '<%= config.bin %> tag add 3f9a21c7 voorzieningen --start 120 --end 188', description: 'Een thema op een passage, met posities.'},
  ]

  static override flags = {
    coder: Flags.string({description: 'Wie tagt (id uit het team). Standaard: karavaan config set interviewer ID.', helpValue: '<id>'}),
    end: Flags.integer({description: 'Einde van de passage (teken-positie, exclusief).', helpValue: '<positie>', min: 0}),
    occurrence: Flags.integer({description: 'Welke keer de passage, als de woorden vaker voorkomen (1 = de eerste).', helpValue: '<nummer>', min: 1}),
    quote: Flags.string({description: 'De letterlijke woorden van de passage.', helpValue: '<woorden>'}),
    start: Flags.integer({description: 'Begin van de passage (teken-positie vanaf 0).', helpValue: '<positie>', min: 0}),
  }

  static override summary = 'Tag een notitie of passage met een narratief of thema.'

  async run(): Promise<Tag> {
    const {args, flags} = await this.parse(TagAdd)
    const {store, study} = await this.openStudy(flags.study)
    const coder = flags.coder ?? readSettings(this.config.configDir).interviewer
    const {created, tag} = addTag(store, study, {...flags, code: args.code, coder, note: args.notitie})
    const where = tag.quote === null ? 'de hele notitie' : `“${tag.quote}” (${tag.start}-${tag.end})`
    this.log(`${created ? 'Getagd' : 'Stond er al'}: ${tag.code} op ${where} van notitie ${shortId(tag.noteId)}, door ${tag.coder}. Tag-id ${shortId(tag.id)}.`)
    return tag
  }
}

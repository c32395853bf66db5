import {Args} from '@oclif/core'

import {StudyCommand} from '../../cli/study-command.js'
import {shortId} from '../../records/ids.js'
import {removeTag} from '../../tagging/tags.js'
import type {Tag} from '../../model/tag.js'

export default class TagRm extends StudyCommand {
  static override args = {
    id: Args.string({description: 'Id van de tag (uit karavaan tag list).', required: true}),
  }

  static override description = 'Haalt een tag van een notitie. De tag blijft in de database bewaard, met het tijdstip waarop hij is weggehaald.'

  static override examples = ['<%= config.bin %> tag rm 9c41d2e0']

  static override summary = 'Haal een tag weg.'

  async run(): Promise<Tag> {
    const {args, flags} = await this.parse(TagRm)
    const {store} = await this.openStudy(flags.study)
    const tag = removeTag(store, args.id)
    this.log(`Tag ${shortId(tag.id)} (${tag.code} van ${tag.coder}) is weggehaald van notitie ${shortId(tag.noteId)}.`)
    return tag
  }
}

import {Flags} from '@oclif/core'

import {StudyCommand} from '../../cli/study-command.js'
import {shortId} from '../../records/ids.js'
import {requireNote} from '../../notes/lookup.js'
import {resolveCode} from '../../tagging/tags.js'
import {TAG_ORIGIN_LABELS, type Tag} from '../../model/tag.js'
import {renderTable} from '../../ui/table.js'
import {plural} from '../../model/plural.js'

export default class TagList extends StudyCommand {
  static override description = 'Toont alles wat gecodeerd is: per tag de notitie, het narratief of thema, de codeur, waar hij vandaan komt (codeur, gegevensblok, suggestie, ingelezen) en de passage. De narratieven en thema\'s in het gegevensblok van een notitie zijn tags van de interviewer op de hele notitie; de export naar Excel, CSV en REFI-QDA telt dezelfde tags. Met filters kies je een deel.'

  static override examples = ['<%= config.bin %> tag list', '<%= config.bin %> tag list --note 3f9a21c7', '<%= config.bin %> tag list --coder bram --code 2 --json']

  static override flags = {
    code: Flags.string({description: 'Alleen tags met dit narratief (id of nummer) of thema.', helpValue: '<code>'}),
    coder: Flags.string({description: 'Alleen tags van deze codeur.', helpValue: '<id>'}),
    note: Flags.string({description: 'Alleen tags op deze notitie.', helpValue: '<id>'}),
  }

  static override summary = 'Toon de tags.'

  async run(): Promise<Tag[]> {
    const {flags} = await this.parse(TagList)
    const {store, study} = await this.openStudy(flags.study)
    const code = flags.code ? resolveCode(study, flags.code) : undefined
    const tags = store.tags.codings({code: code?.code, coder: flags.coder, kind: code?.kind, noteId: flags.note ? requireNote(store, flags.note).id : undefined})
    if (tags.length === 0) {
      this.log('Geen tags gevonden.')
      return tags
    }

    const label = (tag: Tag) => {
      const narrative = study.methodDefinition.narratives.find((n) => n.id === tag.code)
      return narrative ? `${narrative.number}. ${narrative.short}` : `thema: ${study.methodDefinition.themes.find((t) => t.id === tag.code)?.short ?? tag.code}`
    }

    const passage = (tag: Tag) => (tag.quote === null ? '(hele notitie)' : `“${tag.quote.length > 40 ? `${tag.quote.slice(0, 39)}…` : tag.quote}”`)
    this.log(renderTable(['tag', 'notitie', 'code', 'codeur', 'bron', 'passage'], tags.map((t) => [shortId(t.id), shortId(t.noteId), label(t), t.coder, TAG_ORIGIN_LABELS[t.origin], passage(t)])))
    this.log(`\n${plural(tags.length, 'tag', 'tags')}.`)
    return tags
  }
}

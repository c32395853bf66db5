import {StudyCommand} from '../../cli/study-command.js'
import {noteFilterFlags} from '../../cli/note-flags.js'
import {Flags} from '@oclif/core'
import {UserError} from '../../errors.js'
import {checkFilter} from '../../notes/filter.js'
import {readSettings} from '../../settings/settings.js'
import {type ReviewOutcome, reviewSuggestions} from '../../tagging/review.js'
import {plural} from '../../model/plural.js'

export default class TagReview extends StudyCommand {
  static override description = `Loopt in de terminal langs de voorstellen van karavaan tag suggest: je ziet de notitie met de zin van het voorstel gemarkeerd, het voorgestelde narratief en de woorden die het opriepen. Per voorstel kies je: overnemen, afwijzen, overslaan, een ander narratief toevoegen, de vorige keuze ongedaan maken of stoppen.

Een overgenomen voorstel wordt meteen een tag op die zin, met jou als codeur; stoppen kan dus altijd. Een notitie waarvan je alle voorstellen hebt overgenomen of afgewezen, telt als door jou gecodeerd (voor karavaan tag agreement).`

  static override examples = ['<%= config.bin %> tag review', '<%= config.bin %> tag review --halteplaats wendelo --coder joost']

  static override flags = {
    ...noteFilterFlags,
    coder: Flags.string({description: 'Wie beoordeelt (id uit het team). Standaard: karavaan config set interviewer ID.', helpValue: '<id>'}),
  }

  static override summary = 'Beoordeel voorstellen één voor één in de terminal.'

  async run(): Promise<ReviewOutcome> {
    const {flags} = await this.parse(TagReview)
    const {store, study} = await this.openStudy(flags.study)
    if (!this.interactive) throw new UserError('tag review werkt alleen in een terminal.', {hint: 'In een script: karavaan tag suggest --json en karavaan tag add.'})
    const coder = flags.coder ?? readSettings(this.config.configDir).interviewer
    if (!coder || !study.team.some((m) => m.id === coder)) {
      throw new UserError(coder ? `"${coder}" staat niet in het team van study.yaml (--coder).` : 'Wie beoordeelt er? Geef --coder ID, of stel je id in met: karavaan config set interviewer ID')
    }

    const {askReviewAction, renderReviewItem} = await import('../../ui/review-prompts.js')
    const outcome = await reviewSuggestions(store, study, store.notes.iterate(checkFilter(study, flags)), coder, async (item) => {
      this.log(renderReviewItem(study, item))
      return askReviewAction(study, item)
    })
    this.log(`\nOvergenomen: ${outcome.accepted}, afgewezen: ${outcome.rejected}, overgeslagen: ${outcome.skipped}, zelf toegevoegd: ${outcome.added}; ${plural(outcome.codedNotes, 'notitie', 'notities')} helemaal beoordeeld.`)
    return outcome
  }
}


import {StudyCommand} from '../../cli/study-command.js'
import {noteFilterFlags} from '../../cli/note-flags.js'
import {Flags} from '@oclif/core'
import {UserError} from '../../errors.js'
import {checkFilter} from '../../notes/filter.js'
import {readSettings} from '../../settings/settings.js'
import {REVIEW_ORDERS, type ReviewOrder, type ReviewOutcome, reviewSuggestions} from '../../tagging/review.js'
import {plural} from '../../model/plural.js'

export default class TagReview extends StudyCommand {
  static override description = `Loopt in de terminal langs de voorstellen van karavaan tag suggest: je ziet de notitie met de zin van het voorstel gemarkeerd (bij een lange notitie alleen die zin met wat tekst eromheen), daaronder de notitie, halteplaats, groep en datum, en de woorden die het voorstel opriepen. Per voorstel kies je: overnemen, afwijzen, overslaan, een ander narratief toevoegen, de vorige keuze ongedaan maken of stoppen.

Een overgenomen voorstel wordt meteen een tag op die zin, met jou als codeur; stoppen kan dus altijd. Een afgewezen voorstel onthoudt de kit: het komt bij jou niet terug, zolang die zin in de notitie hetzelfde blijft. Een notitie waarin je een voorstel hebt overgenomen of afgewezen, telt als door jou beoordeeld (voor karavaan tag agreement).

Met --order onzeker komen eerst de voorstellen waarover de kit het minst zeker is (een score vlak boven de drempel): daar helpt jouw oordeel het meest.`

  static override examples = [
    '<%= config.bin %> tag review',
    '<%= config.bin %> tag review --halteplaats wendelo --coder joost',
    {command: '<%= config.bin %> tag review --order onzeker', description: 'De twijfelgevallen eerst.'},
  ]

  static override flags = {
    ...noteFilterFlags,
    coder: Flags.string({description: 'Wie beoordeelt (id uit het team). Standaard: karavaan config set interviewer ID.', helpValue: '<id>'}),
    order: Flags.string({default: 'notitie', description: 'Volgorde: notitie voor notitie, of onzeker: de voorstellen met een score het dichtst bij de drempel eerst.', options: [...REVIEW_ORDERS]}),
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

    const {askReviewAction, renderReviewItem, renderReviewStart} = await import('../../ui/review-prompts.js')
    let started = false
    const outcome = await reviewSuggestions(
      store,
      study,
      store.notes.iterate(checkFilter(study, flags)),
      coder,
      async (item) => {
        if (!started) this.log(renderReviewStart(item.total, item.hidden))
        started = true
        this.log(renderReviewItem(study, item))
        return askReviewAction(study, item)
      },
      {order: flags.order as ReviewOrder},
    )
    if (!started) this.log(renderReviewStart(0, outcome.hidden))
    this.log(`\nOvergenomen: ${outcome.accepted}, afgewezen: ${outcome.rejected}, overgeslagen: ${outcome.skipped}, zelf toegevoegd: ${outcome.added}; ${plural(outcome.codedNotes, 'notitie', 'notities')} helemaal beoordeeld.`)
    return outcome
  }
}

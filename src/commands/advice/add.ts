import {adviceFlags, adviceFromFlags} from '../../cli/material-flags.js'
import {replacedLine, writeOptionsOf} from '../../cli/material-writes.js'
import {privacyFlagsFor} from '../../cli/note-flags.js'
import {StudyCommand} from '../../cli/study-command.js'
import {UserError} from '../../errors.js'
import {exampleChoices, findingChoices, findingNarratives} from '../../material/pickers.js'
import {addAdvice, type AdviceInput} from '../../material/advice.js'
import type {Advice} from '../../model/material.js'
import {shortId} from '../../records/ids.js'
import {theKind} from '../../model/kinds.js'

export default class AdviceAdd extends StudyCommand {
  static override description = `Legt een advies vast voor één doelgroep — gemeenten, professionals of rijksoverheid — met de bevindingen waar het op antwoordt en, als je wilt, het kader uit de methode waar het bij past: een van de vijf handelingsperspectieven, de drie routes naar een betrouwbare overheid of kunnen, willen en mogen meedoen (karavaan method show toont ze). Met --example haalt het advies een instrument of inspirerend voorbeeld aan, zoals het spiegelgesprek of de erfturbine-gesprekken van Súdwest-Fryslân; het rapport zegt dan "Zo deed … het".

In een terminal vraagt advice add wat je niet met opties gaf, met lijsten voor de doelgroep, de bevindingen, het kader en de voorbeelden (eerst die bij het kader en de narratieven van het advies), en de tekst in je editor als EDITOR is ingesteld.`

  static override examples = [
    {command: '<%= config.bin %> advice add', description: 'Stap voor stap invullen.'},
    {
      command: '<%= config.bin %> advice add --audience gemeenten --title "Houd vaste gezichten in de wijk" --text "…" --finding 3f9a21c7 --frame perspectief-nabij-zichtbaar --example dorpscoordinatoren',
      description: 'Alles met opties.',
    },
  ]

  static override flags = {...adviceFlags, ...privacyFlagsFor(theKind('advice'))}

  static override summary = 'Leg een advies vast.'

  async run(): Promise<Advice> {
    const {flags} = await this.parse(AdviceAdd)
    const {store, study} = await this.openStudy(flags.study)
    let input: AdviceInput = adviceFromFlags(flags)
    if (this.interactive) {
      const {askAdviceFields} = await import('../../ui/material-prompts.js')
      input = await askAdviceFields(study, input, () => findingChoices(store), (frame, findings) => exampleChoices(study, {frame, narratives: findingNarratives(store, findings)}))
    } else {
      const missing = [input.audience ? '' : '--audience', input.title?.trim() ? '' : '--title'].filter(Boolean)
      if (missing.length > 0) throw new UserError(`Zonder vragen kan advice add het advies niet opslaan: ${missing.join(' en ')} ontbreekt.`, {hint: 'Geef deze opties mee, of start advice add in een terminal. Zie: karavaan advice add --help'})
    }

    const outcome = addAdvice(store, study, input, writeOptionsOf(this.config.configDir, flags))
    const a = outcome.record
    this.log([`Opgeslagen: advies ${shortId(a.id)} voor ${study.methodDefinition.audiences.find((x) => x.id === a.audience)?.name.toLowerCase() ?? a.audience}, bij ${a.findings.length} ${a.findings.length === 1 ? 'bevinding' : 'bevindingen'}.`, ...replacedLine(outcome.replaced)].join('\n'))
    return a
  }
}

import {Flags} from '@oclif/core'

import type {AgreementReport} from '../../analysis/agreement.js'
import {StudyCommand} from '../../cli/study-command.js'
import {studyAgreement} from '../../tagging/agreement.js'
import {renderAgreement} from '../../ui/agreement-view.js'

export default class TagAgreement extends StudyCommand {
  static override description = `Meet hoe goed codeurs het eens zijn over de narratieven: voor de notities die door twee codeurs zijn gecodeerd Cohen's kappa per narratief en over alles; bij meer codeurs Krippendorff's alpha; en de lijst van notities waarover ze het oneens zijn, om samen te bespreken.

De interviewer van een notitie telt als codeur "interviewer": dat zijn de narratieven in de notitie zelf. Een andere codeur telt mee voor elke notitie die hij tagde (tag add, tag import, tag review) of waarin hij een voorstel afwees (tag review), ook als hij er geen narratief in vond.

De kit zelf kan ook codeur zijn: "kit" zijn de narratieven die karavaan tag suggest bij de standaarddrempel voorstelt, ook als ze al op de notitie staan. Zo meet je hoe goed de voorstellen passen bij het oordeel van een persoon; de kit telt mee voor de notities die de andere codeurs beoordeelden.

Kappa en alpha lopen tot 1 (volledig eens); 0 is niet beter dan toeval. Als vuistregel (Landis en Koch): boven 0,80 uitstekend, 0,61-0,80 goed, 0,41-0,60 matig, daaronder zwak.`

  static override examples = [
    {command: '<%= config.bin %> tag agreement', description: 'Alle codeurs, met de interviewers als één codeur.'},
    {command: '<%= config.bin %> tag agreement --coders interviewer,joost', description: 'De interviewers tegenover de analist.'},
    {command: '<%= config.bin %> tag agreement --coders anna,bram --json', description: 'Twee codeurs, als JSON.'},
    {command: '<%= config.bin %> tag agreement --coders kit,anna', description: 'De voorstellen van de kit tegenover de tags van Anna.'},
  ]

  static override flags = {
    coders: Flags.string({description: 'De codeurs om te vergelijken, met komma\'s (id\'s uit het team, "interviewer" of "kit").', helpValue: '<id,id>'}),
  }

  static override summary = 'Meet de overeenstemming tussen codeurs (kappa, alpha).'

  async run(): Promise<AgreementReport> {
    const {flags} = await this.parse(TagAgreement)
    const {store, study} = await this.openStudy(flags.study)
    const report = studyAgreement(store, study, flags.coders?.split(',').map((c) => c.trim()).filter(Boolean))
    this.log(renderAgreement(study, report, (id) => store.notes.get(id)!))
    return report
  }
}

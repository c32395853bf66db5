import {Args} from '@oclif/core'

import {bundlePassphrase} from '../cli/passphrase.js'
import {StudyCommand} from '../cli/study-command.js'
import type {MergeReport} from '../exchange/bundle/merge.js'

export default class Merge extends StudyCommand {
  static override args = {
    bestand: Args.file({description: 'Een of meer bundels (gemaakt met karavaan export --format bundle).', exists: false, required: true}),
  }

  static override description = `Leest bundels van andere laptops in deze studie in. Er gaat niets verloren: nieuwe notities, bevindingen, reflectiegesprekken en adviezen met hun versies, tags en coderingen komen erbij; wat in de prullenbak is gezet, gaat hier ook naar de prullenbak (en blijft terug te zetten). Is dezelfde notitie, bevinding, hetzelfde reflectiegesprek of advies op twee laptops verschillend bewerkt, dan worden beide versies bewaard en toont karavaan conflicts het tot je kiest.

Dezelfde bundel twee keer inlezen verandert niets, en de volgorde van de bundels maakt niet uit. Een bundel van een andere studie, een beschadigde of veranderde bundel, een verkeerde wachtwoordzin of een bundel van een nieuwere karavaan wordt geweigerd; dan verandert er niets, ook niet door de andere bundels.`

  static override examples = [
    '<%= config.bin %> merge anna-maart.karavaan',
    '<%= config.bin %> merge anna.karavaan bram.karavaan fatima.karavaan',
  ]

  static override strict = false

  static override summary = 'Lees bundels van je team in.'

  async run(): Promise<MergeReport> {
    const {argv, flags} = await this.parse(Merge)
    const files = argv as string[]
    const {store, study} = await this.openStudy(flags.study)
    const {readBundles} = await import('../exchange/bundle/read-files.js')
    const bundles = await readBundles(files, (file) => bundlePassphrase('decrypt', this.interactive, file))
    const {mergeBundles} = await import('../exchange/bundle/merge.js')
    const report = mergeBundles(store, study.id, bundles)
    const {renderMergeReport} = await import('../ui/bundle-view.js')
    this.log(renderMergeReport(report))
    return report
  }
}

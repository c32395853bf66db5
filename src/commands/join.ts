import {Args} from '@oclif/core'

import {KaravaanCommand} from '../cli/base-command.js'
import {bundlePassphrase} from '../cli/passphrase.js'
import type {JoinResult} from '../exchange/bundle/join.js'

export default class Join extends KaravaanCommand {
  static override args = {
    bestand: Args.file({description: 'De bundel van de projectleider (gemaakt met karavaan export --format bundle).', required: true}),
    map: Args.directory({description: 'Een nieuwe of lege map voor jouw kopie van de studie.', required: true}),
  }

  static override description = `Begint op deze laptop een kopie van een studie uit een bundel van de projectleider: study.yaml (en de eigen methode, als de studie die heeft), een database met dezelfde studie-id maar een eigen laptop-id, en alles wat in de bundel zit.

Daarna werk je in die map zoals altijd (note add, tag add, …). Stuur je werk terug met karavaan export --format bundle; de projectleider leest het in met karavaan merge.

De pseudoniemsleutel (voor vaste plaatshouders als [naam-3f7a9c]) zit niet in de bundel: neem die apart over met karavaan privacy key --import BESTAND.`

  static override examples = ['<%= config.bin %> join veenland-start.karavaan ~/karavaan/veenland']

  static override summary = 'Begin een kopie van een studie uit een bundel.'

  async run(): Promise<JoinResult> {
    const {args} = await this.parse(Join)
    const {readBundles} = await import('../exchange/bundle/read-files.js')
    const [bundle] = await readBundles([args.bestand], (file) => bundlePassphrase('decrypt', this.interactive, file))
    const {joinStudy} = await import('../exchange/bundle/join.js')
    const result = joinStudy(bundle, args.map)
    const {bundlePrivacyLine, describeCounts} = await import('../ui/bundle-view.js')
    this.log(`Studie "${result.title}" staat nu in ${result.dir}.`)
    this.log(`  Ingelezen: ${describeCounts(result.merged.added)}.${bundlePrivacyLine(result.merged.privacy)}`)
    this.log(`  Werk in die map (of geef --study ${result.dir} mee); stuur je werk terug met: karavaan export --format bundle --out BESTAND`)
    // The key never travels in a bundle; without the lead's, this laptop would make its own on the first --pseudonymise.
    this.log(`  Neem vóór je eerste --pseudonymise de pseudoniemsleutel van de projectleider over, dan krijgt dezelfde persoon overal dezelfde plaatshouder: karavaan privacy key --import BESTAND --study ${result.dir}`)
    return result
  }
}

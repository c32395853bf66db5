import {Flags} from '@oclif/core'

import {bundlePassphrase} from '../cli/passphrase.js'
import {StudyCommand} from '../cli/study-command.js'

// Only the bundle format lives here on this branch; the tables and REFI-QDA formats come with their own work.
export default class Export extends StudyCommand {
  static override description = `Schrijft de studie naar één bestand voor een ander programma of een andere laptop.

--format bundle maakt een bundel voor je team: alle notities met al hun versies, ook wat in de prullenbak staat, de tags (ook weggehaalde) en de coderingen, met een manifest en controlesommen. Een collega leest hem in met karavaan merge (of begint er een eigen kopie van de studie mee met karavaan join). Het bestand is alleen voor jou leesbaar (0600). Met --encrypt wordt het versleuteld (AES-256-GCM); de wachtwoordzin wordt gevraagd, of komt uit KARAVAAN_PASSPHRASE. Spreek de wachtwoordzin mondeling af, niet in hetzelfde bericht als de bundel.`

  static override examples = [
    {command: '<%= config.bin %> export --format bundle --out anna-maart.karavaan', description: 'Alles van deze laptop in één bundel.'},
    {command: '<%= config.bin %> export --format bundle --out anna-week12.karavaan --since 2026-03-16', description: 'Alleen wat sinds 16 maart is veranderd.'},
    {command: 'KARAVAAN_PASSPHRASE="…" <%= config.bin %> export --format bundle --out anna.karavaan --encrypt', description: 'Versleuteld, met de wachtwoordzin uit de omgeving.'},
  ]

  static override flags = {
    encrypt: Flags.boolean({description: 'Versleutel de bundel met een wachtwoordzin (gevraagd, of uit KARAVAAN_PASSPHRASE).'}),
    format: Flags.string({description: 'Het formaat: bundle (voor je team).', options: ['bundle'], required: true}),
    out: Flags.string({description: 'Het bestand om te schrijven, bijvoorbeeld anna-maart.karavaan.', required: true}),
    since: Flags.string({description: 'Alleen wat op of na deze datum (2026-03-15) of dit tijdstip is veranderd.'}),
  }

  static override summary = 'Exporteer de studie, bijvoorbeeld als bundel voor je team.'

  async run(): Promise<unknown> {
    const {flags} = await this.parse(Export)
    const {store, study} = await this.openStudy(flags.study)
    const passphrase = flags.encrypt ? await bundlePassphrase('encrypt', this.interactive, flags.out) : undefined
    const {exportBundle} = await import('../exchange/bundle/export.js')
    const summary = exportBundle(store, study, {out: flags.out, passphrase, since: flags.since})
    const {describeCounts} = await import('../ui/bundle-view.js')
    this.log(`Bundel geschreven: ${summary.file}${summary.encrypted ? ' (versleuteld)' : ''}`)
    this.log(`  ${describeCounts(summary.counts)}${summary.since ? `, veranderd sinds ${summary.since}` : ''}`)
    return summary
  }
}

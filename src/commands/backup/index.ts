import {Flags} from '@oclif/core'
import {relative} from 'node:path'

import {StudyCommand} from '../../cli/study-command.js'
import {backupStudy, type BackupResult, DEFAULT_KEEP} from '../../maintenance/backup.js'
import {plural} from '../../model/plural.js'

export default class Backup extends StudyCommand {
  static override description = `Maakt een backup van de database van de studie (alle notities, tags, versies, planning en contextcijfers), ook terwijl je of een collega ermee werkt: de backup is één samenhangend moment.

Zonder --out komt de backup in de map backups/ van de studie, met datum en tijd (UTC) in de naam, zoals karavaan-2026-05-18T10-30-00-000Z.sqlite. Daar bewaart karavaan de nieuwste ${DEFAULT_KEEP} (met --keep kies je een ander aantal; --keep 0 bewaart alles). Alleen oudere backups die karavaan zelf zo heeft genoemd worden opgeruimd: nooit een bestand dat je er zelf neerzette, nooit een kopie van vóór een herstel (voor-herstel-…) en nooit een backup elders (--out).

Een backup is alleen voor jou leesbaar (0600), net als de map backups/ (0700). Hij bevat de woorden van respondenten: bewaar hem op een versleutelde schijf. Terugzetten doe je met karavaan backup restore BESTAND.`

  static override examples = [
    {command: '<%= config.bin %> backup', description: 'Een backup in de map backups/ van de studie.'},
    {command: '<%= config.bin %> backup --out /media/versleutelde-usb/', description: 'Een backup op een (versleutelde) USB-schijf; de naam kiest karavaan.'},
    {command: '<%= config.bin %> backup --keep 30', description: 'Bewaar voortaan de nieuwste 30 backups in backups/.'},
  ]

  static override flags = {
    keep: Flags.integer({default: DEFAULT_KEEP, description: 'Hoeveel backups van karavaan er in backups/ blijven (de nieuwste); 0 bewaart alles.', helpValue: '<aantal>', min: 0}),
    out: Flags.string({description: 'Bestand of map voor de backup, in plaats van backups/ in de studie. Een bestaand bestand wordt niet overschreven.', helpValue: '<bestand|map>'}),
  }

  static override summary = 'Maak een backup van de studie.'

  async run(): Promise<BackupResult> {
    const {flags} = await this.parse(Backup)
    const {store, study} = await this.openStudy(flags.study)
    const result = await backupStudy(store, study, {keep: flags.keep, out: flags.out})
    const shown = relative(process.cwd(), result.file).startsWith('..') ? result.file : relative(process.cwd(), result.file)
    this.log(`Backup gemaakt: ${shown} (${plural(result.notes, 'notitie', 'notities')}, ${formatBytes(result.bytes)}).`)
    if (result.removed.length > 0) this.log(`Opgeruimd: ${plural(result.removed.length, 'oudere backup', 'oudere backups')}; ${flags.keep === 1 ? 'de nieuwste blijft' : `de nieuwste ${flags.keep} blijven`} bewaard.`)
    return result
  }
}

function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} kB`
  return `${(bytes / 1024 / 1024).toFixed(1).replace('.', ',')} MB`
}

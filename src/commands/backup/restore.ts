import {Args, Flags} from '@oclif/core'

import {KaravaanCommand} from '../../cli/base-command.js'
import {StudyCommand} from '../../cli/study-command.js'
import {restoreStudy, type RestoreResult} from '../../maintenance/backup.js'
import {loadStudy} from '../../study/load.js'
import {locateStudy} from '../../study/locate.js'
import {plural} from '../../model/plural.js'

export default class BackupRestore extends KaravaanCommand {
  static override args = {
    bestand: Args.string({description: 'De backup om terug te zetten (een .sqlite-bestand van karavaan backup).', required: true}),
  }

  static override description = `Zet een backup terug in plaats van de database van de studie.

Eerst wordt de backup gecontroleerd, zonder iets te veranderen: is het een database van karavaan, van deze studie (dezelfde id als in study.yaml), niet beschadigd, en niet van een nieuwere versie van karavaan? Daarna wordt de huidige database bewaard in backups/ als voor-herstel-<tijd>.sqlite, en komt de backup in één keer op zijn plaats. Er gaat dus niets verloren: ook het terugzetten kun je terugdraaien met karavaan backup restore backups/voor-herstel-….sqlite.

Terugzetten kan niet terwijl een andere karavaan-opdracht de studie open heeft (zoals tag review); sluit die eerst.`

  static override examples = [
    {command: '<%= config.bin %> backup restore backups/karavaan-2026-05-18T10-30-00-000Z.sqlite', description: 'Een backup uit de studie terugzetten.'},
    {command: '<%= config.bin %> backup restore /media/usb/karavaan-2026-05-18T10-30-00-000Z.sqlite --study ~/karavaan/veenland', description: 'Een backup van een USB-schijf terugzetten.'},
  ]

  static override flags = {
    'other-study': Flags.boolean({description: 'Zet ook een backup van een andere studie (andere id) terug. Pas daarna de id in study.yaml aan.'}),
    study: StudyCommand.baseFlags.study,
  }

  static override summary = 'Zet een backup van de studie terug.'

  async run(): Promise<RestoreResult> {
    const {args, flags} = await this.parse(BackupRestore)
    // The current database is not opened as usual: it may be the broken one being replaced.
    const study = await loadStudy(locateStudy({cwd: process.cwd(), env: process.env, explicit: flags.study}), {cacheDir: this.config.cacheDir})
    const result = restoreStudy(study, args.bestand, {otherStudy: flags['other-study']})
    this.log(`Backup teruggezet: ${plural(result.notes, 'notitie', 'notities')}.`)
    if (result.kept) this.log(`De database van vóór het terugzetten staat in ${result.kept}.`)
    if (result.studyId !== study.id) this.notice(`de backup hoort bij studie ${result.studyId ?? '(onbekend)'}; zet die id in study.yaml, anders opent karavaan de database niet.`)
    return result
  }
}

import {Flags} from '@oclif/core'

import {KaravaanCommand} from '../cli/base-command.js'
import {StudyCommand} from '../cli/study-command.js'
import {type DoctorReport, examineStudy} from '../maintenance/doctor.js'
import {locateStudy} from '../study/locate.js'

export default class Doctor extends KaravaanCommand {
  static override description = `Controleert de studie: study.yaml, de bestandsrechten, resten van afgebroken opdrachten, de samenhang van de database (integrity_check en verwijzingen), of de zoekindex gelijkloopt met de notities, of elke tag bij een bestaande notitie hoort, of elke notitie haar versies heeft, en of study.yaml past bij de gegevens (halteplaatsen, interviewers, narratieven en thema's).

Met --fix herstelt karavaan wat veilig kan, zonder aan notities te komen: de zoekindex wordt opnieuw opgebouwd, bestanden die ook voor anderen leesbaar waren worden alleen voor jou, en tijdelijke bestanden van afgebroken opdrachten worden opgeruimd. Wat niet veilig te herstellen is, zegt karavaan erbij, met wat je kunt doen.

Teksten die een afgebroken note add, note edit of finding add in de map concepten/ liet staan, noemt doctor elk apart: naam, leeftijd, grootte, of de privacycontrole er persoonsgegevens in vindt (de tekst zelf nooit), en hoe je de tekst alsnog opslaat (een notitie lees je in met karavaan import concepten/BESTAND; import ruimt het concept daarna op). --fix verwijdert nooit een concept; alleen --fix --yes verwijdert concepten die ouder zijn dan een dag, en zegt welke.

De opdracht eindigt met foutcode 1 zolang er iets mis is.

Is er ooit een export of rapport geschreven met persoonsgegevens omdat je daarvoor koos (--allow-personal-data, of dat antwoord op de vraag), dan noemt doctor elke keer: wanneer, wie, welk bestand, hoeveel en welke soorten persoonsgegevens, en in welke notities. Dat is geen fout, maar een vastgelegde keuze.`

  static override examples = [
    {command: '<%= config.bin %> doctor', description: 'De studie van de huidige map controleren.'},
    {command: '<%= config.bin %> doctor --fix', description: 'Controleren en herstellen wat veilig kan.'},
    {command: '<%= config.bin %> doctor --fix --yes', description: 'Ook concepten van meer dan een dag oud verwijderen.'},
  ]

  static override flags = {
    fix: Flags.boolean({description: 'Herstel wat veilig kan: zoekindex, bestandsrechten, tijdelijke bestanden.'}),
    yes: Flags.boolean({char: 'y', dependsOn: ['fix'], description: 'Met --fix: verwijder ook concepten in concepten/ die ouder zijn dan een dag.'}),
    study: StudyCommand.baseFlags.study,
  }

  static override summary = 'Controleer (en herstel) de studie.'

  async run(): Promise<DoctorReport> {
    const {flags} = await this.parse(Doctor)
    const dir = locateStudy({cwd: process.cwd(), env: process.env, explicit: flags.study})
    const report = await examineStudy(dir, {cacheDir: this.config.cacheDir, fix: flags.fix, yes: flags.yes})
    for (const check of report.checks) {
      this.log(`${check.ok || check.fixed ? '✓' : '✗'} ${check.label}${check.fixed ? ' — hersteld' : ''}: ${check.detail}`)
      for (const item of check.items ?? []) this.log(`    - ${item}`)
      if (!check.ok && !check.fixed && check.hint) this.log(`    → ${check.hint}`)
    }

    const open = report.checks.filter((check) => !check.ok && !check.fixed).length
    this.log(open === 0 ? (report.checks.some((c) => c.fixed) ? 'Alles in orde na herstel.' : 'Alles in orde.') : `${open} ${open === 1 ? 'probleem' : 'problemen'} over.`)
    if (open > 0) process.exitCode = 1
    return report
  }
}

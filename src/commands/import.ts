import {Args, Flags} from '@oclif/core'
import {join} from 'node:path'

import {fieldsFromFlags, noteImportFlags, policyOf, privacyFlagsFor} from '../cli/note-flags.js'
import {StudyCommand} from '../cli/study-command.js'
import {UserError} from '../errors.js'
import type {QdpxImportReport} from '../exchange/refi/import.js'
import type {RawNoteFields} from '../notes/fields.js'
import {importNotes, type ImportReport} from '../notes/import.js'
import {plural} from '../model/plural.js'
import {readSettings} from '../settings/settings.js'
import {INBOX_DIR} from '../study/locate.js'

export default class Import extends StudyCommand {
  static override args = {
    bestanden: Args.string({description: 'Bestanden of mappen met notities (standaard: de map inbox/ van de studie).'}),
  }

  static override description = `Leest notities in uit Markdown (.md), tekst (.txt) en Word (.docx). Bovenaan een .md- of .txt-bestand staan de gegevens tussen twee regels met ---:

  ---
  halteplaats: wendelo
  group: ouderen            (of: activity: wijkwandeling)
  date: 2026-04-09
  interviewer: anna
  participants: 7
  roles: [oudere bewoner, mantelzorger]
  themes: [voorzieningen, nabije-overheid]
  narratives: [onzichtbare-overheid]   (ids of nummers 1-5)
  ---
  De tekst van de notitie …

Een REFI-QDA-project (.qdpx) uit ATLAS.ti, NVivo, MAXQDA of QualCoder haalt de coderingen terug die daar zijn gemaakt op notities uit deze kit (karavaan export --format qdpx): elke gecodeerde passage met een narratief of thema wordt een tag, met de gebruiker van dat programma als codeur (zijn naam of id moet in het team van study.yaml staan, of geef --coder). Teksten die geen notitie van deze studie zijn, en codes die geen narratief of thema zijn, worden overgeslagen en genoemd. Nog eens inlezen verandert niets.

Een Word-bestand mag hetzelfde blok bovenaan hebben; anders geef je de gegevens met opties (--halteplaats, --group …) of vraagt de kit ernaar. Uit Word komen lijsten, tabellen (een regel per rij), voet- en eindnoten (genummerd onderaan) en kopjes mee; tekst die Word als verwijderd toont nooit. Wat niet mee kan (afbeeldingen, opmerkingen, ingesloten objecten, kop- en voetteksten) wordt per bestand gemeld.

Alles of niets: klopt één bestand niet, dan wordt niets ingelezen en zie je elk probleem met bestand, regel en veld. Nog eens inlezen verandert niets; een gewijzigd bestand wordt een nieuwe versie van dezelfde notitie. UTF-8 (met of zonder BOM), Windows-regeleinden en Windows-1252 uit oude Word-exports worden herkend. Persoonsgegevens houden een bestand tegen, tenzij je --pseudonymise of --allow-personal-data geeft.

Een notitie die na een afgebroken note add in de map concepten/ van de studie bleef staan, lees je zo in: karavaan import concepten/BESTAND. Is het inlezen gelukt, dan verwijdert de kit het concept en zegt dat.`

  static override examples = [
    {command: '<%= config.bin %> import', description: 'Alles uit de inbox/ van de studie inlezen.'},
    {command: '<%= config.bin %> import ~/Documenten/notities --dry-run', description: 'Eerst alleen controleren.'},
    {command: '<%= config.bin %> import analyse-atlas.qdpx', description: 'Coderingen uit ATLAS.ti, NVivo of MAXQDA terughalen.'},
    {command: '<%= config.bin %> import gesprek.docx --halteplaats vlonders --group moeders --date 2026-05-18 --interviewer fatima', description: 'Een Word-bestand met de gegevens als opties.'},
  ]

  static override flags = {
    ...noteImportFlags,
    ...privacyFlagsFor('de notities'),
    coder: Flags.string({description: 'Bij een .qdpx: de codeur (id uit het team) voor coderingen van gebruikers die de kit niet kent.', helpValue: '<id>'}),
    'dry-run': Flags.boolean({description: 'Alleen controleren en laten zien wat er zou gebeuren; niets opslaan.'}),
  }

  static override strict = false

  static override summary = 'Lees notities in (Markdown, tekst, Word), of coderingen uit ATLAS.ti, NVivo of MAXQDA (.qdpx).'

  async run(): Promise<ImportReport | QdpxImportReport> {
    const {argv, flags} = await this.parse(Import)
    const {store, study} = await this.openStudy(flags.study)
    const projects = (argv as string[]).filter((path) => /\.qdpx$/i.test(path))
    if (projects.length > 0) {
      if (argv.length > 1) throw new UserError('Lees een .qdpx-bestand apart in, zonder andere bestanden erbij.', {hint: `karavaan import ${projects[0]}`})
      const {importQdpx} = await import('../exchange/refi/import.js')
      const report = await importQdpx(store, study, projects[0], {coder: flags.coder, dryRun: flags['dry-run']})
      const {describeQdpxImport} = await import('../ui/export-view.js')
      this.log(describeQdpxImport(projects[0], report))
      return report
    }

    const paths = argv.length > 0 ? (argv as string[]) : [join(study.dir, INBOX_DIR)]
    const settings = readSettings(this.config.configDir)
    const defaults = fieldsFromFlags(flags)
    const progress = process.stderr.isTTY && !this.jsonEnabled() ? await import('../ui/progress.js') : undefined
    const bar = progress?.startProgress('Notities inlezen')
    const prompts = this.interactive ? await import('../ui/note-prompts.js') : undefined
    const askMetadata = prompts
      ? async (file: string, known: RawNoteFields) => {
          bar?.stop()
          this.log(`${file} heeft geen gegevens bovenaan; vul ze hier in.`)
          // As note add does: the interviewer set for this laptop is not asked again.
          return prompts.askNoteFields(study, {...known, interviewer: known.interviewer ?? settings.interviewer}, new Date().toISOString().slice(0, 10))
        }
      : undefined
    let report: ImportReport
    try {
      report = await importNotes(store, study, paths, {
        askMetadata,
        by: settings.interviewer ?? null,
        defaults,
        dryRun: flags['dry-run'],
        onProgress: bar?.update,
        policy: policyOf(flags),
      })
    } finally {
      bar?.stop()
    }

    const t = report.totals
    for (const file of report.files.filter((f) => f.converted === 'windows-1252')) this.log(`${file.source}: omgezet van Windows-1252 naar UTF-8`)
    // Said again only when the note changes: a Word file read in unchanged lost nothing new.
    for (const file of report.files.filter((f) => f.notCarriedOverText && f.status !== 'ongewijzigd')) this.log(`${file.source}: ${file.notCarriedOverText}`)
    for (const file of report.files.filter((f) => f.replaced > 0)) this.log(`${file.source}: ${plural(file.replaced, 'persoonsgegeven', 'persoonsgegevens')} vervangen door een plaatshouder`)
    this.log(`${report.dryRun ? 'Controle (er is niets opgeslagen)' : 'Ingelezen'}: ${t.nieuw} nieuw, ${t.bijgewerkt} bijgewerkt, ${t.ongewijzigd} ongewijzigd.`)
    const drafts = report.removedDrafts
    if (drafts.length > 0) this.log(`${drafts.length === 1 ? 'Concept' : 'Concepten'} uit concepten/ ingelezen en daarom verwijderd: ${drafts.join(', ')}.`)
    return report
  }
}

import {Flags} from '@oclif/core'

import {outputPrivacyFlags, outputPrivacyOf} from '../cli/output-privacy.js'
import {bundlePassphrase} from '../cli/passphrase.js'
import {StudyCommand} from '../cli/study-command.js'
import {UserError} from '../errors.js'
import {type ExportReport, exportStudy} from '../exchange/export.js'
import {checkOutput, EXPORT_FORMATS, exportFormat} from '../exchange/output.js'
import {describeExport} from '../ui/export-view.js'
import {describeGate} from '../ui/privacy-view.js'

const TABLES = ['notes', 'tags', 'matrix', 'coverage'] as const
const SEPARATORS = ['puntkomma', 'komma', 'tab'] as const

export default class Export extends StudyCommand {
  static override description = `Schrijft de studie naar een bestand voor een ander programma.

Tabellen (--format csv of xlsx), met --what:
  notes     de notities: datum, halteplaats, groep of observatie, interviewer, rollen, thema's, narratieven en de tekst
  tags      alle tags: notitie, narratief of thema, codeur, passage met begin en einde
  matrix    de narratieven geteld per halteplaats en per groep (als karavaan analyse matrix)
  coverage  per halteplaats elk gesprek en elke observatie: gepland, gehouden, aantal notities
Een .xlsx-bestand krijgt zonder --what alle vier als aparte tabbladen; een .csv bevat één tabel (standaard notes).
CSV is UTF-8 met BOM, met een puntkomma tussen de velden: zo opent Nederlandse Excel het met een dubbelklik goed. Voor R, Python of Engelstalige Excel: --separator komma. Een tekst die met =, +, - of @ begint krijgt in CSV een ' ervoor, zodat Excel hem niet als formule uitvoert.

REFI-QDA, voor ATLAS.ti, NVivo, MAXQDA, QualCoder en andere:
  qdpx      een project: het codeboek (narratieven en thema's), de notities als teksten, de tags als gecodeerde passages, de codeurs als gebruikers, halteplaats en groep als variabelen
  qdc       alleen het codeboek
Coderingen die in het andere programma zijn gemaakt, haal je terug met: karavaan import BESTAND.qdpx

Een bundel voor je team (--format bundle, bestand .karavaan): alle notities met al hun versies, ook wat in de prullenbak staat, de tags (ook weggehaalde), de coderingen, bevindingen, reflectiegesprekken en adviezen, met een manifest en controlesommen. Een collega leest hem in met karavaan merge, of begint er een eigen kopie van de studie mee met karavaan join. Het bestand is alleen voor jou leesbaar (0600). Met --encrypt wordt het versleuteld (AES-256-GCM); de wachtwoordzin wordt gevraagd, of komt uit KARAVAAN_PASSPHRASE. Spreek de wachtwoordzin mondeling af, niet in hetzelfde bericht als de bundel.

Privacycontrole: voordat er iets wordt geschreven, zoekt de kit in alles wat in het bestand komt naar namen, telefoonnummers, adressen en andere persoonsgegevens (in tabellen en REFI-QDA de notities, passages en bevindingen; in een bundel elke versie die meegaat). Vindt hij iets, dan wordt er niets geschreven en zie je waar het staat, tenzij je kiest: --pseudonymise zet plaatshouders als [naam] in het bestand (de studie zelf blijft zoals hij is), --allow-personal-data schrijft het toch en legt die keuze vast. In een terminal vraagt export wat je wilt. In een bundel houden versies die je bewust met persoonsgegevens opsloeg (--allow-personal-data bij note add en dergelijke) de export niet tegen: de bundel is de studie zelf, voor je team; export zegt wel hoeveel het er zijn.

Let op: de notities gaan mee, met hun hele tekst. Deel het bestand alleen met wie de notities mag lezen.

Zonder --format volgt het formaat uit de naam van het bestand (.csv, .xlsx, .qdpx, .qdc, .karavaan). Een bestaand bestand wordt alleen vervangen met --force.`

  static override examples = [
    {command: '<%= config.bin %> export --out karavaan.xlsx', description: 'Alle tabellen in één Excel-bestand.'},
    {command: '<%= config.bin %> export --format csv --what tags --out tags.csv', description: 'De tags als CSV voor Nederlandse Excel.'},
    {command: '<%= config.bin %> export --format csv --separator komma --out notities.csv', description: 'De notities als CSV met komma\'s, voor R of Python.'},
    {command: '<%= config.bin %> export --format qdpx --out karavaan.qdpx', description: 'Een project voor ATLAS.ti, NVivo of MAXQDA.'},
    {command: '<%= config.bin %> export --format qdc --out codeboek.qdc', description: 'Alleen het codeboek.'},
    {command: '<%= config.bin %> export --format csv --pseudonymise --out notities.csv', description: 'De notities met plaatshouders als [naam] waar de privacycontrole iets vindt.'},
    {command: '<%= config.bin %> export --format bundle --out anna-maart.karavaan', description: 'Alles van deze laptop in één bundel voor de projectleider.'},
    {command: '<%= config.bin %> export --format bundle --out anna-week12.karavaan --since 2026-03-16', description: 'Alleen wat sinds 16 maart is veranderd.'},
    {command: 'KARAVAAN_PASSPHRASE="…" <%= config.bin %> export --format bundle --out anna.karavaan --encrypt', description: 'Versleuteld, met de wachtwoordzin uit de omgeving.'},
  ]

  static override flags = {
    ...outputPrivacyFlags,
    encrypt: Flags.boolean({description: 'Versleutel de bundel met een wachtwoordzin (gevraagd, of uit KARAVAAN_PASSPHRASE). Alleen bij --format bundle.'}),
    force: Flags.boolean({description: 'Vervang het bestand als het al bestaat.'}),
    format: Flags.string({description: 'Het formaat; zonder deze optie volgt het uit de naam van het bestand.', options: [...EXPORT_FORMATS]}),
    out: Flags.file({description: 'Het bestand dat de kit schrijft.', helpValue: '<bestand>', required: true}),
    // --scheidingsteken, the Dutch spelling of the first versions, keeps working, unlisted.
    separator: Flags.string({aliases: ['scheidingsteken'], default: 'puntkomma', description: 'Wat in CSV tussen de velden staat.', options: [...SEPARATORS]}),
    since: Flags.string({description: 'Alleen wat op of na deze datum (2026-03-15, 15-3-2026 of 15 maart 2026) of dit tijdstip is veranderd. Alleen bij --format bundle.', helpValue: '<datum>'}),
    what: Flags.string({description: 'Welke tabel (bij csv en xlsx).', options: [...TABLES]}),
  }

  static override summary = 'Schrijf de studie naar CSV, Excel, REFI-QDA (ATLAS.ti, NVivo, MAXQDA) of een bundel voor je team.'

  async run(): Promise<ExportReport> {
    const {flags} = await this.parse(Export)
    const format = exportFormat(flags.format, flags.out)
    const out = checkOutput(flags.out, flags.force)
    if ((flags.encrypt || flags.since) && format !== 'bundle') {
      throw new UserError('--encrypt en --since horen bij --format bundle.', {hint: 'Laat ze weg, of exporteer een bundel: --format bundle.'})
    }

    const {store, study} = await this.openStudy(flags.study)
    const passphrase = flags.encrypt ? await bundlePassphrase('encrypt', this.interactive, flags.out) : undefined
    const report = await exportStudy(
      store,
      study,
      {
        bundle: {passphrase, since: flags.since},
        format,
        out,
        privacy: outputPrivacyOf(flags, {configDir: this.config.configDir, interactive: this.interactive, log: (text) => this.log(text), study}),
        separator: flags.separator as (typeof SEPARATORS)[number],
        what: flags.what as (typeof TABLES)[number] | undefined,
      },
      this.config.version,
    )
    this.log(describeExport(report))
    const gate = describeGate(report.privacy, format === 'bundle' ? 'bundel' : 'bestand')
    for (const line of gate.lines) this.log(line)
    for (const notice of gate.notices) this.notice(notice)
    return report
  }
}

import {Flags, type Interfaces} from '@oclif/core'
import {relative} from 'node:path'

import {outputPrivacyFlags, outputPrivacyOf} from '../cli/output-privacy.js'
import {StudyCommand} from '../cli/study-command.js'
import {UserError} from '../errors.js'
import {requireDate} from '../parse/date.js'
import {requireHalteplaats} from '../study/lookup.js'
import type {ReportOutcome} from '../report/build.js'
import type {Store} from '../store/store.js'
import type {Study} from '../study/load.js'
import {describeGate} from '../ui/privacy-view.js'

export default class Report extends StudyCommand {
  static override description = `Vult een sjabloon met de gegevens van de studie en schrijft het rapport als PDF (om te drukken en te versturen), HTML (één bestand, ook om te printen) of Markdown (om verder te bewerken).

Sjablonen: eindrapport (het adviesrapport), halteplaats (hetzelfde voor één gebied, met --halteplaats), spiegel (het spiegeldocument om vóór het reflectiegesprek van een halteplaats rond te sturen: het voorlopige beeld, de bevindingen in concept met hun nummer en de vragen voor het gesprek) en veldwerk (een werkoverzicht voor het team), of het pad van een eigen sjabloon (maak er een met: karavaan template copy eindrapport MAP).

Citaten staan er alleen met groep en halteplaats in. Voordat het rapport wordt geschreven, zoekt de privacycontrole naar namen, telefoonnummers, adressen en andere persoonsgegevens; vindt die iets, dan komt er geen rapport en zie je waar het staat, tenzij je kiest: --pseudonymise zet plaatshouders als [naam] in het rapport (de studie zelf blijft zoals hij is), --allow-personal-data maakt het toch en legt die keuze vast. In een terminal vraagt report wat je wilt. Dezelfde controle, met dezelfde keuzes, draait voor karavaan export.

Zonder --out komt het rapport in de map rapporten/ van de studie, met het sjabloon en de datum in de naam. Een bevinding zonder onderbouwing staat alleen in een concept (--draft), gemarkeerd.`

  static override examples = [
    {command: '<%= config.bin %> report', description: 'Het eindrapport als PDF in rapporten/.'},
    {command: '<%= config.bin %> report --template halteplaats --halteplaats wendelo --format html --out wendelo.html', description: 'Het rapport van één halteplaats als HTML-bestand.'},
    {command: '<%= config.bin %> report --template spiegel --halteplaats wendelo', description: 'Het spiegeldocument voor het reflectiegesprek in Wendelo.'},
    {command: '<%= config.bin %> report --template spiegel --all', description: 'Voor elke halteplaats een spiegeldocument, in rapporten/.'},
    {command: '<%= config.bin %> report --template veldwerk --draft', description: 'Een werkoverzicht voor het team, met CONCEPT op elke pagina.'},
    {command: '<%= config.bin %> report --template ./mijn-sjablonen/eindrapport.md --format md --out rapport.md', description: 'Een eigen sjabloon, als Markdown om verder te bewerken.'},
  ]

  static override flags = {
    ...outputPrivacyFlags,
    all: Flags.boolean({description: 'Bij de sjablonen halteplaats en spiegel: voor elke halteplaats een eigen document, in rapporten/.', exclusive: ['halteplaats', 'out']}),
    date: Flags.string({description: 'De datum op het rapport (2026-12-18, 18-12-2026 of 18 december 2026); standaard vandaag.', helpValue: '<datum>'}),
    draft: Flags.boolean({description: 'Een concept: CONCEPT op elke pagina, en ook bevindingen zonder onderbouwing (gemarkeerd).'}),
    format: Flags.string({default: 'pdf', description: 'pdf, html of md.', options: ['pdf', 'html', 'md']}),
    halteplaats: Flags.string({description: 'Alleen deze halteplaats (verplicht bij de sjablonen halteplaats en spiegel, tenzij --all).', helpValue: '<id>'}),
    out: Flags.string({description: 'Het bestand om te schrijven; de extensie past bij --format. Standaard: rapporten/<sjabloon>-<datum>.<ext>.', helpValue: '<bestand>'}),
    template: Flags.string({default: 'eindrapport', description: 'eindrapport, halteplaats, spiegel, veldwerk, of het pad van een eigen .md-sjabloon.', helpValue: '<naam|bestand>'}),
    title: Flags.string({description: 'Een andere titel dan die van de studie.', helpValue: '<titel>'}),
  }

  static override summary = 'Maak het adviesrapport als PDF, HTML of Markdown.'

  async run(): Promise<ReportOutcome | ReportOutcome[]> {
    const {flags} = await this.parse(Report)
    const date = flags.date === undefined ? undefined : requireDate(flags.date, '--date')
    const {store, study} = await this.openStudy(flags.study)
    const {perHalteplaats, resolveTemplate} = await import('../report/templates.js')
    const template = resolveTemplate(flags.template)
    if (flags.all && !perHalteplaats(template.name)) {
      throw new UserError(`--all maakt een document per halteplaats; het sjabloon ${template.name} gaat over de hele studie.`, {hint: 'Gebruik --all met --template halteplaats of --template spiegel, of laat --all weg.'})
    }

    let halteplaats = flags.halteplaats ? requireHalteplaats(study, flags.halteplaats) : undefined
    if (!halteplaats && !flags.all && perHalteplaats(template.name) && this.interactive) {
      const {askSelect} = await import('../ui/prompts.js')
      halteplaats = await askSelect(
        'Voor welke halteplaats?',
        study.halteplaatsen.map((h) => ({description: `${h.type}, gemeente ${h.gemeente}`, name: h.name, value: h.id})),
      )
    }

    const places = flags.all ? study.halteplaatsen.map((h) => h.id) : [halteplaats]
    const outcomes: ReportOutcome[] = []
    for (const place of places) outcomes.push(await this.buildOne(store, study, flags, date, place))
    return flags.all ? outcomes : outcomes[0]
  }

  private async buildOne(store: Store, study: Study, flags: Interfaces.InferredFlags<typeof Report.flags>, date: string | undefined, halteplaats: string | undefined): Promise<ReportOutcome> {
    const {startProgress} = await import('../ui/progress.js')
    const progress = startProgress('Rapport')
    const {buildReport} = await import('../report/build.js')
    const privacy = outputPrivacyOf(flags, {configDir: this.config.configDir, interactive: this.interactive, log: (text) => this.log(text), study})
    const {ask} = privacy
    // The bar stays away once a question is asked.
    if (ask) {
      privacy.ask = async (gate) => {
        progress.stop()
        return ask(gate)
      }
    }
    let outcome: ReportOutcome
    try {
      outcome = await buildReport(store, study, {
        date,
        draft: flags.draft,
        format: flags.format as ReportOutcome['format'],
        halteplaats,
        onProgress: (done, total) => progress.update(done, total),
        out: flags.out,
        privacy,
        template: flags.template,
        title: flags.title,
      })
    } finally {
      progress.stop()
    }

    const gate = describeGate(outcome.privacy, 'rapport')
    for (const notice of gate.notices) this.notice(notice)
    if (outcome.draftFindingsLeftOut > 0) {
      this.notice(`${outcome.draftFindingsLeftOut} ${outcome.draftFindingsLeftOut === 1 ? 'bevinding zonder onderbouwing is' : 'bevindingen zonder onderbouwing zijn'} weggelaten; met --draft staan ze er gemarkeerd in.`)
    }

    const where = relative(process.cwd(), outcome.file) || outcome.file
    const size = outcome.pages === undefined ? `${Math.ceil(outcome.bytes / 1024)} kB` : `${outcome.pages} pagina's`
    this.log(`Rapport geschreven: ${where} (${size}).`)
    for (const line of gate.lines) this.log(line)
    return {...outcome, file: outcome.file}
  }
}

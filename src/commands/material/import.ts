import {Args} from '@oclif/core'

import {policyOf, privacyFlagsFor} from '../../cli/note-flags.js'
import {StudyCommand} from '../../cli/study-command.js'
import {importMaterial, type ImportCount, type MaterialImportReport} from '../../material/import.js'
import {removeDrafts} from '../../notes/draft-files.js'
import {readSettings} from '../../settings/settings.js'

export default class MaterialImport extends StudyCommand {
  static override args = {
    bestanden: Args.file({description: 'Een of meer .yaml-bestanden met bevindingen, reflectiegesprekken, adviezen, of een mengeling daarvan.', required: true}),
  }

  static override description = `Leest bevindingen, reflectiegesprekken en adviezen in uit .yaml-bestanden, zoals bevindingen.yaml, reflecties.yaml en adviezen.yaml in de voorbeeldstudie. Hoe zo'n bestand is opgebouwd, zie je in die voorbeelden (in de map examples/voorbeeldstudie van de kit); een bestand mag bevindingen, reflectiegesprekken en adviezen door elkaar bevatten. Alles of niets: is er één fout, dan wordt niets opgeslagen en noemt de melding het bestand en de regel.

Elk item heeft een sleutel (het veld key). Lees je een bestand opnieuw in, dan wordt alleen wat veranderde opgeslagen, als nieuwe versie; wat gelijk bleef, blijft gelijk. Onderbouwing noemt een notitie bij het pad waarmee ze is ingelezen (inbox/wendelo/2026-04-09-ouderen-1.md) of haar id, eventueel met de letterlijke woorden (quote): die worden de getagde passage als die er is. Reflectiegesprekken en adviezen noemen bevindingen bij hun sleutel.`

  static override examples = [
    {command: '<%= config.bin %> material import bevindingen.yaml reflecties.yaml adviezen.yaml', description: 'Het materiaal van de voorbeeldstudie.'},
  ]

  static override flags = {...privacyFlagsFor('de bevindingen, reflectiegesprekken en adviezen')}

  static override strict = false

  static override summary = 'Lees bevindingen, reflectiegesprekken en adviezen in uit .yaml-bestanden.'

  async run(): Promise<MaterialImportReport & {removedDrafts: string[]}> {
    const {argv, flags} = await this.parse(MaterialImport)
    const {store, study} = await this.openStudy(flags.study)
    const report = importMaterial(store, study, argv as string[], {by: readSettings(this.config.configDir).interviewer ?? null, policy: policyOf(flags)})
    const line = (label: string, c: ImportCount) =>
      `${label}: ${[`${c.new} nieuw`, `${c.changed} gewijzigd`, `${c.unchanged} ongewijzigd`, c.inTrash > 0 ? `${c.inTrash} in de prullenbak gelaten` : ''].filter(Boolean).join(', ')}`
    this.log([line('Bevindingen', report.findings), line('Reflectiegesprekken', report.reflections), line('Adviezen', report.advice)].join('\n'))
    // A finding that finding add kept in concepten/ is stored now: the draft has done its work, as with import.
    const removedDrafts = removeDrafts(study, argv as string[])
    if (removedDrafts.length > 0) this.log(`${removedDrafts.length === 1 ? 'Concept' : 'Concepten'} uit concepten/ ingelezen en daarom verwijderd: ${removedDrafts.join(', ')}.`)
    return {...report, removedDrafts}
  }
}

import {Args} from '@oclif/core'
import {relative} from 'node:path'

import {KaravaanCommand} from '../../cli/base-command.js'
import {BUILT_IN_TEMPLATES, copyTemplate} from '../../report/templates.js'

export default class TemplateCopy extends KaravaanCommand {
  static override args = {
    sjabloon: Args.string({description: `Het sjabloon: ${BUILT_IN_TEMPLATES.join(', ')}.`, options: [...BUILT_IN_TEMPLATES], required: true}),
    map: Args.directory({description: 'De map waarin de kopie komt; wordt gemaakt als die er niet is.', required: true}),
  }

  static override description = `Kopieert een sjabloon van de kit, met de onderdelen (_*.md) die het gebruikt, naar een map. Daar pas je het aan; maak het rapport dan met --template MAP/eindrapport.md. Alle velden en filters staan in templates/README.md van de kit. Een bestaand bestand wordt nooit overschreven.`

  static override examples = [
    {command: '<%= config.bin %> template copy eindrapport mijn-sjablonen', description: 'Kopieer het eindrapport om het aan te passen.'},
    {command: '<%= config.bin %> report --template mijn-sjablonen/eindrapport.md', description: 'Maak daarna het rapport met je eigen versie.'},
  ]

  static override summary = 'Kopieer een sjabloon om het zelf aan te passen.'

  async run(): Promise<{files: string[]}> {
    const {args} = await this.parse(TemplateCopy)
    const files = copyTemplate(args.sjabloon, args.map)
    this.log(`Gekopieerd naar ${relative(process.cwd(), args.map) || args.map}:`)
    for (const file of files) this.log(`  ${relative(process.cwd(), file) || file}`)
    this.log(`Maak het rapport met: karavaan report --template ${relative(process.cwd(), files[0]) || files[0]}`)
    return {files}
  }
}

import {Flags} from '@oclif/core'

import {KaravaanCommand} from '../../cli/base-command.js'
import {methodPath} from '../../method/path.js'
import type {Method} from '../../method/schema.js'
import {loadStudy} from '../../study/load.js'
import {locateStudy} from '../../study/locate.js'
import {renderMethod} from '../../ui/method-view.js'

export default class MethodShow extends KaravaanCommand {
  static override description = `Toont de onderdelen van de Karavaan-methode met hun id's: de vier stappen, de acht groepen, de observaties, de vijf narratieven van wantrouwen (nummer, id, naam, omschrijving en typerende uitspraak), de thema's, de drie doelgroepen van het advies, de rollen van de deelnemers aan reflectiegesprekken (voor reflect add --participant), de kaders voor het advies en de instrumenten en inspirerende voorbeelden die een advies kan aanhalen (voor advice add --example): wat het is, waar het gebeurde, op welke narratieven en kaders het antwoordt en de bron.

Een studie kan eigen voorbeelden toevoegen onder examples: in study.yaml; method show toont ze erbij.

Binnen een studie toont het de methode die de studie gebruikt (ook een eigen kopie); daarbuiten de ingebouwde methode. Met --file bekijk en controleer je een methodebestand voordat je het in een studie gebruikt.`

  static override examples = [
    {command: '<%= config.bin %> method show', description: 'De methode lezen.'},
    {command: '<%= config.bin %> method show --json', description: 'Alle id\'s en namen als JSON, bijvoorbeeld voor een script.'},
    {command: '<%= config.bin %> method show --file mijn-methode.yaml', description: 'Een bewerkte kopie controleren.'},
  ]

  static override flags = {
    file: Flags.file({description: 'Een methodebestand om te tonen en te controleren, in plaats van de methode van de studie.', exists: false, helpValue: '<bestand>'}),
    study: Flags.directory({description: 'Map van de studie waarvan je de methode wilt zien.', helpGroup: 'ALGEMEEN', helpValue: '<map>'}),
  }

  static override summary = 'Toon de methode: groepen, narratieven, thema\'s, voorbeelden en meer.'

  async run(): Promise<Method> {
    const {flags} = await this.parse(MethodShow)
    // The YAML parser is loaded only to read a file given with --file; a study's method comes from the parse cache.
    const method = flags.file ? (await import('../../method/load.js')).loadMethod(flags.file) : await this.methodOfStudy(flags.study)
    this.log(renderMethod(method))
    return method
  }

  private async methodOfStudy(explicit: string | undefined): Promise<Method> {
    try {
      return (await loadStudy(locateStudy({cwd: process.cwd(), env: process.env, explicit}), {cacheDir: this.config.cacheDir})).methodDefinition
    } catch (error) {
      // Outside a study the built-in method is what a user wants to read.
      if (explicit || process.env.KARAVAAN_STUDY || !String((error as Error).message).startsWith('Geen studie gevonden')) throw error
      const {loadMethod} = await import('../../method/load.js')
      return loadMethod(methodPath('karavaan', process.cwd()))
    }
  }
}

import {Flags} from '@oclif/core'
import {relative} from 'node:path'

import {KaravaanCommand} from '../../cli/base-command.js'
import {StudyCommand} from '../../cli/study-command.js'
import {exportKey, importKey, keyInfo, PSEUDONYM_KEY_FILE} from '../../privacy/pseudonym-key.js'
import {loadStudy} from '../../study/load.js'
import {locateStudy} from '../../study/locate.js'

interface KeyResult {
  change?: 'gelijk' | 'nieuw' | 'vervangen'
  created?: boolean
  file: string
  fingerprint: null | string
  out?: string
  previous?: null | string
}

export default class PrivacyKey extends KaravaanCommand {
  static override description = `Met --pseudonymise krijgt elke persoon een vaste plaatshouder, zoals [naam-3f7a9c]: dezelfde naam geeft in elke notitie van de studie dezelfde plaatshouder, ook op de laptops van je collega's, als die dezelfde sleutel hebben. Die sleutel staat in ${PSEUDONYM_KEY_FILE} in de studiemap (alleen voor jou leesbaar) en wordt gemaakt bij het eerste --pseudonymise.

De sleutel gaat nooit mee in een bundel, export of rapport. Wie hem heeft, kan een plaatshouder terugzoeken door namen of nummers te proberen: geef hem alleen aan je eigen team, apart van de bundel. De projectleider schrijft hem met --export naar een bestand; elke interviewer neemt hem na karavaan join over met --import. Zonder optie toont deze opdracht de vingerafdruk: is die op twee laptops gelijk, dan geven ze dezelfde plaatshouders.`

  static override examples = [
    {command: '<%= config.bin %> privacy key', description: 'Heeft deze studie een sleutel, en welke vingerafdruk?'},
    {command: '<%= config.bin %> privacy key --export /media/versleutelde-usb/veenland.sleutel', description: 'De projectleider: de sleutel voor de interviewers.'},
    {command: '<%= config.bin %> privacy key --import /media/versleutelde-usb/veenland.sleutel', description: 'Een interviewer, na karavaan join: de sleutel van de projectleider overnemen.'},
  ]

  static override flags = {
    export: Flags.string({description: 'Schrijf de sleutel naar dit nieuwe bestand (alleen voor jou leesbaar), voor een andere laptop van de studie.', exclusive: ['import'], helpValue: '<bestand>'}),
    force: Flags.boolean({dependsOn: ['import'], description: 'Met --import: vervang een andere sleutel die deze studie al heeft; de oude blijft bewaard.'}),
    import: Flags.string({description: 'Neem de sleutel uit dit bestand over (van de projectleider, gemaakt met --export).', exclusive: ['export'], helpValue: '<bestand>'}),
    study: StudyCommand.baseFlags.study,
  }

  static override summary = 'De sleutel voor vaste plaatshouders: tonen, delen en overnemen.'

  async run(): Promise<KeyResult> {
    const {flags} = await this.parse(PrivacyKey)
    // Only study.yaml is needed (the folder and the id); the database is not opened.
    const study = await loadStudy(locateStudy({cwd: process.cwd(), env: process.env, explicit: flags.study}), {cacheDir: this.config.cacheDir})
    const shown = (file: string) => (relative(process.cwd(), file).startsWith('..') ? file : relative(process.cwd(), file))
    if (flags.export) {
      const result = exportKey(study, flags.export)
      if (result.created) this.log(`Deze studie had nog geen sleutel; die staat nu in ${shown(result.file)}.`)
      this.log(`Sleutel geschreven naar ${shown(result.out)} (vingerafdruk ${result.fingerprint}).`)
      this.log('  Geef hem alleen aan je team, apart van de bundel (bijvoorbeeld op een versleutelde USB-stick), en ruim het bestand daarna op.')
      this.log(`  Op de andere laptop: karavaan privacy key --import BESTAND`)
      return result
    }

    if (flags.import) {
      const result = importKey(study, flags.import, {force: flags.force})
      if (result.change === 'gelijk') this.log(`Deze studie had deze sleutel al (vingerafdruk ${result.fingerprint}); er is niets veranderd.`)
      else this.log(`Sleutel overgenomen (vingerafdruk ${result.fingerprint}): nieuwe plaatshouders op deze laptop zijn nu dezelfde als bij je team.`)
      if (result.previous) this.log(`  De vorige sleutel staat in ${shown(result.previous)}; plaatshouders die daarmee zijn gemaakt, blijven zoals ze zijn.`)
      return result
    }

    const info = keyInfo(study)
    if (info.fingerprint) this.log(`Pseudoniemsleutel: ${shown(info.file)} (vingerafdruk ${info.fingerprint}).`)
    else this.log(`Deze studie heeft nog geen pseudoniemsleutel. Die komt in ${shown(info.file)} bij het eerste --pseudonymise, of nu met --export.`)
    return info
  }
}

import {Args, Flags} from '@oclif/core'
import {closest} from 'fastest-levenshtein'

import {KaravaanCommand} from '../../cli/base-command.js'
import {UserError} from '../../errors.js'
import {type Settings, SETTING_KEYS, writeSetting} from '../../settings/settings.js'
import {loadStudy} from '../../study/load.js'
import {locateStudy} from '../../study/locate.js'

export default class ConfigSet extends KaravaanCommand {
  static override args = {
    instelling: Args.string({description: 'De instelling.', options: [...SETTING_KEYS], required: true}),
    waarde: Args.string({description: 'De nieuwe waarde.', required: true}),
  }

  static override description = `Legt een instelling van deze laptop vast, voor alle studies. Nu kan dat alleen voor "interviewer": wie op deze laptop notities invoert. karavaan note add gebruikt die dan als standaard, zodat je hem niet elke avond opnieuw hoeft te kiezen.

Sta je in de map van een studie (of geef je --study), dan controleert karavaan of de interviewer in het team van die studie staat; zo merk je een tikfout nu, en niet pas bij de eerste notitie.

De instellingen staan in ${'<%= config.configDir %>'}/instellingen.json.`

  static override examples = [
    {command: '<%= config.bin %> config set interviewer anna', description: 'Anna voert op deze laptop de notities in.'},
    {command: '<%= config.bin %> config set interviewer anna --study ~/karavaan/veenland', description: 'Hetzelfde, gecontroleerd tegen het team van die studie.'},
  ]

  static override flags = {
    study: Flags.directory({description: 'De studie waarvan het team de interviewer moet kennen. Zonder deze optie: KARAVAAN_STUDY of de studie van de huidige map, als die er is.', helpGroup: 'ALGEMEEN', helpValue: '<map>'}),
  }

  static override summary = 'Leg een instelling van deze laptop vast.'

  async run(): Promise<Settings> {
    const {args, flags} = await this.parse(ConfigSet)
    if (args.instelling === 'interviewer') await this.checkInterviewer(args.waarde, flags.study)
    const settings = writeSetting(this.config.configDir, args.instelling, args.waarde)
    this.log(`Ingesteld: ${args.instelling} = ${args.waarde}`)
    return settings
  }

  private async checkInterviewer(id: string, explicit: string | undefined): Promise<void> {
    let dir: string
    try {
      dir = locateStudy({cwd: process.cwd(), env: process.env, explicit})
    } catch (error) {
      // Outside a study there is no team to check against; a given --study that is not there is an error.
      if (explicit) throw error
      this.notice(`hier staat geen studie, dus karavaan kan niet controleren of "${id}" in het team staat. Dat gebeurt bij je eerste notitie.`)
      return
    }

    const study = await loadStudy(dir, {cacheDir: this.config.cacheDir})
    const ids = study.team.map((member) => member.id)
    if (ids.includes(id)) return
    const guess = ids.length > 0 ? closest(id, ids) : undefined
    throw new UserError(`"${id}" staat niet in het team van de studie ${study.title}; er is niets ingesteld.`, {
      details: study.team.map((member) => `${member.id}: ${member.name} (${member.role})`),
      hint: `${guess ? `Bedoelde je "${guess}"? ` : ''}Kies een id uit het team, of voeg het teamlid toe aan study.yaml.`,
    })
  }
}

import {Flags} from '@oclif/core'

import {StudyCommand} from '../../cli/study-command.js'
import {listReflections} from '../../material/read-model.js'
import type {Reflection} from '../../model/material.js'
import {requireHalteplaats} from '../../study/lookup.js'
import {renderReflectionList} from '../../ui/material-view.js'

export default class ReflectList extends StudyCommand {
  static override description = 'Toont de reflectiegesprekken: datum, halteplaats, deelnemers naar rol, en hoeveel bevindingen elk gesprek bevestigde, nuanceerde en aanvulde. Ook zie je welke halteplaatsen nog geen reflectiegesprek hebben.'

  static override examples = ['<%= config.bin %> reflect list', '<%= config.bin %> reflect list --halteplaats wendelo --json']

  static override flags = {
    deleted: Flags.boolean({description: 'Toon de reflectiegesprekken in de prullenbak.', helpGroup: 'FILTER'}),
    halteplaats: Flags.string({description: 'Alleen gesprekken in deze halteplaats.', helpGroup: 'FILTER'}),
  }

  static override summary = 'Toon de reflectiegesprekken.'

  async run(): Promise<Reflection[]> {
    const {flags} = await this.parse(ReflectList)
    const {store, study} = await this.openStudy(flags.study)
    const reflections = listReflections(store, {deleted: flags.deleted, halteplaats: flags.halteplaats === undefined ? undefined : requireHalteplaats(study, flags.halteplaats)})
    this.log(renderReflectionList(study, reflections))
    return reflections
  }
}

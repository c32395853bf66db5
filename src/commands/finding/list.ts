import {Flags} from '@oclif/core'

import {StudyCommand} from '../../cli/study-command.js'
import {listFindings} from '../../material/read-model.js'
import type {FindingWithEvidence} from '../../model/material.js'
import {requireHalteplaats, requireNarrative, requireTheme} from '../../study/lookup.js'
import {DRAFT_MARK, renderFindingList} from '../../ui/material-view.js'

export default class FindingList extends StudyCommand {
  static override description = `Toont de bevindingen met een korte id, de titel, de halteplaatsen, de nummers van de narratieven en hoeveel bronnen ze onderbouwen. Een bevinding zonder onderbouwing staat er als "${DRAFT_MARK}".

Met --json krijg je per bevinding alle velden, met de onderbouwing uitgewerkt: per bron de notitie, halteplaats, groep of observatie, datum, de passage en hoe een citaat mag worden toegeschreven ("moeder, halteplaats Wendelo").`

  static override examples = ['<%= config.bin %> finding list', '<%= config.bin %> finding list --halteplaats wendelo --theme voorzieningen', '<%= config.bin %> finding list --draft', '<%= config.bin %> finding list --json']

  static override flags = {
    deleted: Flags.boolean({description: 'Toon de bevindingen in de prullenbak.', helpGroup: 'FILTER'}),
    draft: Flags.boolean({description: 'Alleen concepten: bevindingen zonder onderbouwing.', helpGroup: 'FILTER'}),
    halteplaats: Flags.string({description: 'Alleen bevindingen over deze halteplaats.', helpGroup: 'FILTER'}),
    narrative: Flags.string({description: 'Alleen bevindingen met dit narratief (id of nummer 1-5).', helpGroup: 'FILTER'}),
    theme: Flags.string({description: 'Alleen bevindingen over dit thema.', helpGroup: 'FILTER'}),
  }

  static override summary = 'Toon de bevindingen.'

  async run(): Promise<FindingWithEvidence[]> {
    const {flags} = await this.parse(FindingList)
    const {store, study} = await this.openStudy(flags.study)
    if (flags.theme) requireTheme(study, flags.theme)
    const narrative = flags.narrative === undefined ? undefined : requireNarrative(study, flags.narrative)
    const findings = listFindings(store, study, {
      deleted: flags.deleted,
      draft: flags.draft ? true : undefined,
      halteplaats: flags.halteplaats === undefined ? undefined : requireHalteplaats(study, flags.halteplaats),
      narrative,
      theme: flags.theme,
    })
    this.log(renderFindingList(study, findings))
    return findings
  }
}

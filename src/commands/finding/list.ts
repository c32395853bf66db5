import {Flags} from '@oclif/core'

import {listCommand} from '../../cli/material-commands.js'
import {listFindings} from '../../material/read-model.js'
import {DRAFT_MARK, renderFindingList} from '../../ui/material-view.js'

export default listCommand('finding', {
  description: `Toont de bevindingen met een korte id, de titel, de halteplaatsen, de nummers van de narratieven en hoeveel bronnen ze onderbouwen. Een bevinding zonder onderbouwing staat er als "${DRAFT_MARK}".

Met --json krijg je per bevinding alle velden, met de onderbouwing uitgewerkt: per bron de notitie, halteplaats, groep of observatie, datum, de passage en hoe een citaat mag worden toegeschreven ("moeder, halteplaats Wendelo").`,
  examples: ['<%= config.bin %> finding list', '<%= config.bin %> finding list --halteplaats wendelo --theme voorzieningen', '<%= config.bin %> finding list --draft', '<%= config.bin %> finding list --json'],
  filters: {
    draft: Flags.boolean({description: 'Alleen concepten: bevindingen zonder onderbouwing.', helpGroup: 'FILTER'}),
    halteplaats: Flags.string({description: 'Alleen bevindingen over deze halteplaats.', helpValue: '<id>', helpGroup: 'FILTER'}),
    narrative: Flags.string({description: 'Alleen bevindingen met dit narratief (id, nummer 1-5 of naam).', helpValue: '<id|1-5>', helpGroup: 'FILTER'}),
    theme: Flags.string({description: 'Alleen bevindingen over dit thema.', helpValue: '<id>', helpGroup: 'FILTER'}),
  },
  list: listFindings,
  render: renderFindingList,
})

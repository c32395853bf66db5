import {Flags} from '@oclif/core'

import {listCommand} from '../../cli/material-commands.js'
import {listAdvice} from '../../material/read-model.js'
import {renderAdviceList} from '../../ui/material-view.js'

export default listCommand('advice', {
  description: 'Toont de adviezen met een korte id, de doelgroep, de titel, het aantal bevindingen waar ze op antwoorden en het kader. Met --json krijg je per advies alle velden, met de ids van de bevindingen.',
  examples: ['<%= config.bin %> advice list', '<%= config.bin %> advice list --audience rijksoverheid', '<%= config.bin %> advice list --finding 3f9a21c7 --json'],
  filters: {
    audience: Flags.string({description: 'Alleen adviezen voor deze doelgroep (gemeenten, professionals, rijksoverheid).', helpGroup: 'FILTER', helpValue: '<doelgroep>'}),
    finding: Flags.string({description: 'Alleen adviezen die op deze bevinding antwoorden.', helpGroup: 'FILTER', helpValue: '<id>'}),
  },
  list: (store, _study, filter) => listAdvice(store, filter),
  render: renderAdviceList,
})

import {Flags} from '@oclif/core'

import {listCommand} from '../../cli/material-commands.js'
import {listReflections} from '../../material/read-model.js'
import {renderReflectionList} from '../../ui/material-view.js'

export default listCommand('reflection', {
  description: 'Toont de reflectiegesprekken: datum, halteplaats, deelnemers naar rol, en hoeveel bevindingen elk gesprek bevestigde, nuanceerde en aanvulde. Ook zie je welke halteplaatsen nog geen reflectiegesprek hebben.',
  examples: ['<%= config.bin %> reflect list', '<%= config.bin %> reflect list --halteplaats wendelo --json'],
  filters: {halteplaats: Flags.string({description: 'Alleen gesprekken in deze halteplaats.', helpGroup: 'FILTER', helpValue: '<id>'})},
  list: (store, _study, filter) => listReflections(store, filter),
  render: renderReflectionList,
})

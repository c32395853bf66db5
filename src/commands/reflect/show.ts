import {showCommand} from '../../cli/material-commands.js'
import {renderReflection} from '../../ui/material-view.js'

export default showCommand('reflection', {
  description: 'Toont één reflectiegesprek: halteplaats, datum, deelnemers naar rol, en wat het bevestigde, nuanceerde en aanvulde, met de bevindingen waar dat over ging. Met --version zie je een eerdere versie.',
  examples: ['<%= config.bin %> reflect show 5c7d2e90', '<%= config.bin %> reflect show 5c7d2e90 --json'],
  view: (store, study, reflection, options) => ({data: reflection, text: renderReflection(study, reflection, (id) => store.findings.get(id)?.title ?? '(onbekend)', options)}),
})

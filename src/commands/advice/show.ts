import {showCommand} from '../../cli/material-commands.js'
import {renderAdvice} from '../../ui/material-view.js'

export default showCommand('advice', {
  description: 'Toont één advies: titel, tekst, doelgroep, kader en de bevindingen waar het op antwoordt. Met --version zie je een eerdere versie.',
  examples: ['<%= config.bin %> advice show 7a1b3c5d', '<%= config.bin %> advice show 7a1b3c5d --version 1 --json'],
  view: (store, study, advice, options) => ({data: advice, text: renderAdvice(study, advice, (id) => store.findings.get(id)?.title ?? '(onbekend)', options)}),
})

import {showCommand} from '../../cli/material-commands.js'
import {resolveFinding} from '../../material/read-model.js'
import {renderFinding} from '../../ui/material-view.js'

export default showCommand('finding', {
  description: 'Toont één bevinding met haar tekst, thema\'s, narratieven, halteplaatsen en onderbouwing: per bron de notitie, de toeschrijving ("moeder, halteplaats Wendelo") en de passage. Met --version zie je een eerdere versie.',
  examples: ['<%= config.bin %> finding show 3f9a21c7', '<%= config.bin %> finding show 3f9a21c7 --version 1', '<%= config.bin %> finding show 3f9a21c7 --json'],
  id: 'Id van de bevinding (de korte id uit finding list is genoeg).',
  // An earlier version is shown with its own evidence, resolved against today's notes.
  view(store, study, stored, options) {
    const finding = resolveFinding(store, study, stored)
    return {data: finding, text: renderFinding(study, finding, options)}
  },
})

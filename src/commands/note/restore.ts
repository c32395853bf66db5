import {trashCommand} from '../../cli/material-commands.js'

export default trashCommand('note', 'restore', {id: 'Id van de notitie in de prullenbak (zie karavaan note list --deleted).'})

import {trashCommand} from '../../cli/material-commands.js'

export default trashCommand('advice', 'restore')

import {historyCommand} from '../../cli/material-commands.js'

export default historyCommand('finding')

import {trashCommand} from '../../cli/material-commands.js'

export default trashCommand('finding', 'rm', {hides: 'lijsten, de status en het rapport, en adviezen en reflectiegesprekken die ernaar verwijzen tonen haar niet meer'})

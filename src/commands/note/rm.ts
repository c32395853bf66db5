import {trashCommand} from '../../cli/material-commands.js'

export default trashCommand('note', 'rm', {
  description: 'Verplaatst een notitie naar de prullenbak. Ze telt dan niet meer mee in lijsten, zoekresultaten en de stand van het veldwerk, maar blijft bewaard met al haar versies. Terugzetten kan altijd met karavaan note restore.',
  id: 'Id van de notitie.',
})

import type {GateChoice} from '../privacy/gate.js'
import {askSelect} from './prompts.js'

/** The question of the privacy gate, the same for every output: nothing first, so Enter writes nothing. */
export async function askOutputChoice(): Promise<GateChoice> {
  return askSelect<GateChoice>('Wat wil je doen?', [
    {name: 'Niets schrijven (afbreken)', short: 'niets geschreven', value: 'refuse'},
    {name: 'Vervangen door plaatshouders ([naam], [telefoonnummer] …), alleen in het bestand; de studie blijft zoals hij is', short: 'plaatshouders', value: 'pseudonymise'},
    {name: 'Toch schrijven met de persoonsgegevens, en die keuze vastleggen', short: 'toch schrijven, vastgelegd', value: 'allow'},
  ])
}
